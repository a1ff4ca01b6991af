package source

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFixtures seeds a fuzz target with testdata files.
func addFixtures(f *testing.F, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkItem fails on an item that breaks Read's promises.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	if it.Err != nil {
		if it.Doc.Source == "" || !strings.HasPrefix(it.Err.Error(), it.Doc.Source) {
			t.Errorf("error %q does not start with the source %q", it.Err, it.Doc.Source)
		}
		return
	}
	if strings.TrimSpace(it.Doc.Text) == "" || it.Doc.ID == "" {
		t.Errorf("document without text or id: %+v", it.Doc)
	}
	if !utf8.ValidString(it.Doc.Text) || !utf8.ValidString(it.Doc.Title) {
		t.Errorf("invalid UTF-8 in %+v", it.Doc)
	}
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, "news.jsonl", "articles.json")
	f.Add([]byte("{\"text\": \"a\"}\n{\"text\": \"b\",}\n[{\"body\": \"c\"}]\n"))
	f.Add([]byte("{\n\"text\": \"pretty\"\n}"))
	f.Add([]byte("\xef\xbb\xbf{\"text\": \"caf\xe9\", \"date\": 1443571200}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newReader(Options{MaxBytes: 1 << 16}, func(it Item) error {
			checkItem(t, it)
			return nil
		})
		if err := r.readJSON(context.Background(), input{name: "f.jsonl", src: "f.jsonl"}, bufio.NewReader(bytes.NewReader(data)), -1); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, "article.html", "short.html")
	f.Add([]byte("<html><head><meta charset=\"shift_jis\"></head><body><p>\x82\xa0</p></body></html>"))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"x","datePublished":"2020"}</script>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := extractHTML(data, "", "f.html", nil)
		if err != nil {
			return
		}
		if strings.TrimSpace(p.Text) == "" || !utf8.ValidString(p.Text) {
			t.Errorf("bad text %q", p.Text)
		}
	})
}

func FuzzFeed(f *testing.F) {
	addFixtures(f, "feed.rss", "feed.atom")
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"content_html": "<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _, err := parseFeed(data, "f.rss")
		if err != nil {
			return
		}
		for _, e := range entries {
			if !utf8.ValidString(e.Text) || !utf8.ValidString(e.Title) {
				t.Errorf("invalid UTF-8 in %+v", e)
			}
		}
	})
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"", "text", "{", "[", "<rss", "<?xml?><feed", "<!DOCTYPE html>", "<!-- x --><rss", "\xff\xfe<\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		switch got := Sniff(data); got {
		case Text, HTML, JSONL, RSS:
		default:
			t.Errorf("Sniff(%q) = %q", data, got)
		}
	})
}

// FuzzRead reads arbitrary standard input through every reader.
func FuzzRead(f *testing.F) {
	addFixtures(f, "story.txt", "news.jsonl", "feed.rss", "short.html")
	f.Add([]byte("\x00\x01binary"))
	f.Add([]byte("\xff\xfe{\x00}\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data), MaxBytes: 1 << 16}, func(it Item) error {
			checkItem(t, it)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzTextTitle(f *testing.F) {
	addFixtures(f, "story.txt")
	f.Add([]byte("# Title #\n===\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		title := textTitle(string(data))
		if strings.ContainsAny(title, "\r\n") || utf8.RuneCountInString(title) > maxTitleRunes {
			t.Errorf("textTitle = %q", title)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015-09-30", "Wed, 30 Sep 2015 14:05:00 GMT", "September 30, 2015", "1443571200", "30/09/2015", "2015-13-45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseDate(s); ok && !plausibleYear(d) {
			t.Errorf("parseDate(%q) = %v", s, d)
		}
	})
}
