package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"kg/graph"
)

// feedEntry is one item of a feed.
type feedEntry struct {
	Title     string
	URL       string
	Published time.Time
	Text      string // paragraphs separated by "\n\n"; "" when the item has none
}

// readFeed reads an RSS, Atom or JSON feed: one document per item.
func (r *reader) readFeed(ctx context.Context, in input, data []byte, size int64) error {
	entries, warnings, err := parseFeed(data, in.name)
	if err != nil {
		return r.fail(ctx, in.src, size, err)
	}
	for i, e := range entries {
		src := fmt.Sprintf("%s#%d", in.src, i+1)
		var b int64
		var w []string
		if i == 0 {
			b, w = size, warnings
		}
		if strings.TrimSpace(e.Text) == "" {
			if err := r.fail(ctx, src, b, fmt.Errorf("%w: the item has neither content nor a description", ErrNoText)); err != nil {
				return err
			}
			continue
		}
		doc := graph.Document{URL: e.URL, Title: e.Title, Published: e.Published, Text: e.Text, Source: src}
		if err := r.finish(ctx, doc, w, b); err != nil {
			return err
		}
	}
	return nil
}

var rxXMLEncoding = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']`)

// parseFeed parses a feed into its items. name is used in messages.
func parseFeed(data []byte, name string) (entries []feedEntry, warnings []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			entries, warnings, err = nil, nil, fmt.Errorf("cannot parse the feed: %v", p)
		}
	}()
	if !utf8.Valid(data) {
		// A feed that declares another encoding is decoded by the parser;
		// one that claims UTF-8 (or nothing) but is not gets the text treatment.
		if m := rxXMLEncoding.FindSubmatch(data); m == nil || isUTF8Label(string(m[1])) {
			var s string
			s, warnings = decodeUTF8(data, name)
			data = []byte(rxXMLEncoding.ReplaceAllStringFunc(s, func(decl string) string {
				return strings.Replace(decl, rxXMLEncoding.FindStringSubmatch(decl)[1], "UTF-8", 1)
			}))
		}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, nil, errors.New("not an RSS or Atom feed")
		}
		return nil, nil, fmt.Errorf("parse feed: %w", err)
	}
	if len(feed.Items) == 0 {
		return nil, nil, errors.New("the feed has no items, nothing to ingest")
	}
	base, _ := url.Parse(strings.TrimSpace(feed.Link))
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		e := feedEntry{
			Title:     feedTitle(it.Title),
			URL:       itemURL(it, base),
			Published: itemDate(it),
		}
		for _, body := range []string{it.Content, it.Description} {
			if strings.TrimSpace(body) == "" {
				continue
			}
			if e.Text = feedText(body); e.Text != "" {
				break
			}
		}
		entries = append(entries, e)
	}
	return entries, warnings, nil
}

// rxFeedFooter matches what blog engines append to feed items.
var rxFeedFooter = regexp.MustCompile(`(?i)^(the post .{1,200} appeared first on .{1,100}|continue reading.{0,100}|read the (full|rest of the) (article|story).{0,100}|\[(…|\.\.\.)\])\s*$`)

// feedText turns an item's HTML (or plain text) into paragraphs.
func feedText(body string) string {
	var paras []string
	if looksLikeMarkup(body) {
		paras = htmlParagraphs(body)
	} else {
		paras = splitParagraphs(body)
	}
	var out []string
	for _, p := range dropBoilerplate(paras) {
		if p = strings.TrimSpace(p); p != "" && !rxFeedFooter.MatchString(p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// looksLikeMarkup reports whether s has HTML tags or entities in it.
func looksLikeMarkup(s string) bool {
	return strings.ContainsAny(s, "<&")
}

func feedTitle(s string) string {
	if looksLikeMarkup(s) {
		s = htmlText(s)
	}
	return oneLine(s)
}

// itemURL is the item's link (made absolute against the feed's), or its
// GUID when that is a URL.
func itemURL(it *gofeed.Item, base *url.URL) string {
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	if link == "" {
		if g := strings.TrimSpace(it.GUID); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
			link = g
		}
	}
	if link == "" || base == nil || !base.IsAbs() {
		return link
	}
	if u, err := url.Parse(link); err == nil && !u.IsAbs() {
		return base.ResolveReference(u).String()
	}
	return link
}

// itemDate is the item's publication date, else its update date, else
// zero. The date as written wins over the parser's, which is in UTC and may
// fall on another day than the one the feed meant.
func itemDate(it *gofeed.Item) time.Time {
	for _, d := range []struct {
		text   string
		parsed *time.Time
	}{{it.Published, it.PublishedParsed}, {it.Updated, it.UpdatedParsed}} {
		if t, ok := parseDate(d.text); ok {
			return t
		}
		if d.parsed != nil && plausibleYear(*d.parsed) {
			return *d.parsed
		}
	}
	return time.Time{}
}
