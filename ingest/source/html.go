package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"kg/graph"
)

// ErrNoArticle says an HTML page has no article text readability could find.
var ErrNoArticle = errors.New("no readable article text in the page (it may be a front page, or need JavaScript to show its text)")

// readHTML reads an HTML page: its main article text, title, publication
// date and canonical URL.
func (r *reader) readHTML(ctx context.Context, in input, data []byte, contentType string, size int64) error {
	var pageURL *url.URL
	if in.url != "" {
		pageURL, _ = url.Parse(in.url)
	}
	page, err := extractHTML(data, contentType, in.name, pageURL)
	if err != nil {
		return r.fail(ctx, in.src, size, err)
	}
	doc := graph.Document{
		URL:       in.url,
		Title:     page.Title,
		Published: page.Published,
		Text:      page.Text,
		Source:    in.src,
	}
	if doc.URL == "" {
		doc.URL = page.URL
	}
	return r.finish(ctx, doc, page.Warnings, size)
}

// htmlPage is what extractHTML finds in a page.
type htmlPage struct {
	Title     string
	Text      string // paragraphs separated by "\n\n"
	Published time.Time
	URL       string // canonical URL the page declares, if absolute
	Warnings  []string
}

// extractHTML finds the article in an HTML page. contentType (possibly "")
// may name the charset; name is used in warnings; pageURL (possibly nil) is
// the page's address.
func extractHTML(data []byte, contentType, name string, pageURL *url.URL) (page htmlPage, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot parse the HTML page: %v", p)
		}
	}()
	text, warnings := decodeHTML(data, contentType, name)
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return page, fmt.Errorf("parse HTML: %w", err)
	}
	page.Warnings = warnings
	meta := scanPage(root)
	page.URL = meta.canonical

	cleanPage(root)
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, pageURL)
	if err != nil {
		return page, fmt.Errorf("find the article: %w", err)
	}

	page.Title = oneLine(art.Title())
	if page.Title == "" {
		page.Title = meta.title()
	}
	if h1 := oneLine(meta.h1); len(h1) >= 10 && len(h1) < len(page.Title) && strings.Contains(page.Title, h1) {
		page.Title = h1 // "Mayor opens library - Town News" has the site's name
	}
	var paras []string
	if art.Node != nil {
		paras = dropBoilerplate(paragraphs(art.Node))
	}
	if len(paras) > 0 && paras[0] == page.Title {
		paras = paras[1:]
	}
	if len(paras) == 0 && strings.TrimSpace(meta.ld.body) != "" {
		paras = splitParagraphs(meta.ld.body)
	}
	if len(paras) == 0 {
		return page, ErrNoArticle
	}
	page.Text = strings.Join(paras, "\n\n")

	if t, err := art.PublishedTime(); err == nil && plausibleYear(t) {
		page.Published = t
	} else {
		page.Published = meta.published()
	}
	return page, nil
}

// decodeHTML turns a page into UTF-8. Valid UTF-8 is taken as it is;
// otherwise the charset comes from a byte order mark, contentType or a
// <meta> tag, and a page that declares none is read as Windows-1252, as
// browsers do, with a warning.
func decodeHTML(data []byte, contentType, name string) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	enc, encName, _ := charset.DetermineEncoding(data, contentType)
	if encName == "utf-8" {
		return decodeUTF8(data, name)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return decodeUTF8(data, name)
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if encName == "windows-1252" && charsetParam(contentType) == "" && !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		return string(out), []string{fmt.Sprintf("%s: not valid UTF-8 and no charset declared, decoded as Windows-1252", name)}
	}
	return string(out), nil
}

// pageMeta is what scanPage finds outside the article text.
type pageMeta struct {
	dates     []dateCandidate
	canonical string
	titleTag  string
	h1        string
	ld        ldInfo
}

type dateCandidate struct {
	rank  int // lower wins
	value string
}

// Ranks of publication date sources.
const (
	rankLD       = 10  // JSON-LD datePublished of an article
	rankMeta     = 20  // <meta> tags, in the order of metaDateKeys
	rankItemprop = 100 // itemprop="datePublished", <time pubdate>
	rankLDOther  = 110 // JSON-LD datePublished of something else, dateCreated
	rankTimeArt  = 120 // the first <time> inside <article>
	rankTime     = 130 // the first <time> anywhere
	rankModified = 200 // modification dates, the last resort
)

// metaDateKeys are <meta> names and properties holding a publication date,
// most trusted first.
var metaDateKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"article.published", "datepublished", "published_time", "publication_date",
	"publish_date", "publish-date", "publishdate", "pubdate", "pub_date",
	"date.published", "parsely-pub-date", "sailthru.date", "dc.date.issued",
	"dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
	"dcterms.created", "date", "citation_publication_date", "citation_date",
	"originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime",
	"displaydate", "creation_date",
}

// metaModifiedKeys hold a modification date.
var metaModifiedKeys = []string{
	"article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
	"last-modified", "lastmod",
}

var metaDateRank = func() map[string]int {
	m := make(map[string]int)
	for i, k := range metaDateKeys {
		m[k] = rankMeta + i
	}
	for i, k := range metaModifiedKeys {
		m[k] = rankModified + i
	}
	return m
}()

// published is the best publication date found, or zero.
func (m *pageMeta) published() time.Time {
	cands := m.dates
	if m.ld.published != "" {
		cands = append(cands, dateCandidate{rankLD, m.ld.published})
	}
	if m.ld.otherPublished != "" {
		cands = append(cands, dateCandidate{rankLDOther, m.ld.otherPublished})
	}
	if m.ld.modified != "" {
		cands = append(cands, dateCandidate{rankModified - 1, m.ld.modified})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].rank < cands[j].rank })
	for _, c := range cands {
		if t, ok := parseDate(c.value); ok {
			return t
		}
	}
	return time.Time{}
}

// title is a title when readability found none.
func (m *pageMeta) title() string {
	for _, t := range []string{m.ld.headline, m.titleTag, m.h1} {
		if t = oneLine(t); t != "" {
			return t
		}
	}
	return ""
}

// scanPage collects the page's dates, canonical URL, titles and JSON-LD.
func scanPage(root *html.Node) pageMeta {
	var m pageMeta
	var timeArticle, timeAny, ogURL string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv"))))
				content := strings.TrimSpace(attr(n, "content"))
				if content != "" {
					if rank, ok := metaDateRank[key]; ok {
						m.dates = append(m.dates, dateCandidate{rank, content})
					}
					if key == "og:url" && ogURL == "" {
						ogURL = content
					}
				}
			case atom.Link:
				if strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.ld.add(textContent(n))
				}
				return
			case atom.Title:
				if m.titleTag == "" {
					m.titleTag = textContent(n)
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = textContent(n)
				}
			case atom.Article:
				inArticle = true
			case atom.Time:
				value := strings.TrimSpace(firstNonEmpty(attr(n, "datetime"), textContent(n)))
				if value != "" {
					if hasAttr(n, "pubdate") {
						m.dates = append(m.dates, dateCandidate{rankItemprop, value})
					}
					if inArticle && timeArticle == "" {
						timeArticle = value
					}
					if timeAny == "" {
						timeAny = value
					}
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && n.DataAtom != atom.Meta {
				value := strings.TrimSpace(firstNonEmpty(attr(n, "content"), attr(n, "datetime"), textContent(n)))
				if value != "" {
					m.dates = append(m.dates, dateCandidate{rankItemprop, value})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(root, false)
	if timeArticle != "" {
		m.dates = append(m.dates, dateCandidate{rankTimeArt, timeArticle})
	}
	if timeAny != "" {
		m.dates = append(m.dates, dateCandidate{rankTime, timeAny})
	}
	if m.canonical == "" {
		m.canonical = ogURL
	}
	if m.canonical == "" {
		m.canonical = m.ld.url
	}
	if u, err := url.Parse(m.canonical); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		m.canonical = ""
	}
	return m
}

// ldInfo is what the page's JSON-LD says about its article.
type ldInfo struct {
	published      string // datePublished of an article object
	otherPublished string // datePublished or dateCreated of another object
	modified       string
	headline       string
	body           string // articleBody
	url            string
}

var rxArticleType = regexp.MustCompile(`(?i)article|posting|report`)

// add reads one JSON-LD script; the first value found for a field stays.
func (ld *ldInfo) add(script string) {
	script = strings.TrimSpace(script)
	script = strings.TrimPrefix(script, "<![CDATA[")
	script = strings.TrimSuffix(script, "]]>")
	var v any
	if err := json.Unmarshal([]byte(script), &v); err != nil {
		return
	}
	ld.walk(v, 0)
}

func (ld *ldInfo) walk(v any, depth int) {
	if depth > 20 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			ld.walk(e, depth+1)
		}
	case map[string]any:
		if isArticleType(v["@type"]) {
			setFirst(&ld.published, ldString(v["datePublished"]))
			setFirst(&ld.otherPublished, ldString(v["dateCreated"]))
			setFirst(&ld.modified, ldString(v["dateModified"]))
			setFirst(&ld.headline, ldString(v["headline"]))
			setFirst(&ld.body, ldString(v["articleBody"]))
			setFirst(&ld.url, ldString(v["url"]))
		} else {
			setFirst(&ld.otherPublished, ldString(v["datePublished"]))
			setFirst(&ld.otherPublished, ldString(v["dateCreated"]))
		}
		for k, e := range v {
			if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "hasPart" || k == "itemListElement" {
				ld.walk(e, depth+1)
			}
		}
	}
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return rxArticleType.MatchString(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && rxArticleType.MatchString(s) {
				return true
			}
		}
	}
	return false
}

// ldString is a JSON-LD value as a string: a string, the first string of a
// list, or an object's "@value".
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	case map[string]any:
		return ldString(v["@value"])
	}
	return ""
}

func setFirst(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// oneLine collapses white space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var rxBlankLine = regexp.MustCompile(`\n\s*\n`)

// splitParagraphs splits plain text at blank lines, collapsing the white
// space inside each paragraph.
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras []string
	for _, p := range rxBlankLine.Split(s, -1) {
		if p = oneLine(p); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}
