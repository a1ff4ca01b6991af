package source

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// renderPage writes what extractHTML found in the golden files' layout.
func renderPage(p htmlPage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", p.Title)
	if !p.Published.IsZero() {
		fmt.Fprintf(&b, "published: %s\n", p.Published.Format(time.RFC3339))
	}
	if p.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", p.URL)
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	fmt.Fprintf(&b, "---\n%s\n", p.Text)
	return b.String()
}

// TestHTMLGolden extracts every testdata/*.html page and compares the result
// with testdata/NAME.golden; go test -update rewrites them.
func TestHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			p, err := extractHTML(data, "", page, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := renderPage(p)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", page, golden, got, want)
			}
			for _, junk := range []string{"Please enter", "You might also like", "incorrect email", "Bridge repairs", "Most read", "All rights reserved", "Facebook", "Ferry plan goes to a vote"} {
				if strings.Contains(p.Text, junk) {
					t.Errorf("text keeps boilerplate %q", junk)
				}
			}
		})
	}
}

// page wraps paragraphs in a minimal article page.
func page(head, body string) string {
	return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body +
		"<article><p>The regional assembly met on Thursday to discuss the budget for the coming year, and its members argued for hours.</p>" +
		"<p>In the end the budget passed by a narrow margin, and the opposition promised to keep up the fight.</p></article></body></html>"
}

func TestHTMLDates(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"article:published_time", `<meta property="article:published_time" content="2016-03-01T10:00:00Z">`, "", "2016-03-01"},
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2016-03-02"}</script>`, "", "2016-03-02"},
		{"json-ld graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":["NewsArticle"],"datePublished":"2016-03-03T08:00:00+01:00"}]}</script>`, "", "2016-03-03"},
		{"json-ld without context", `<script type="application/ld+json">[{"@type":"ReportageNewsArticle","datePublished":"2016-03-04"}]</script>`, "", "2016-03-04"},
		{"meta name date", `<meta name="date" content="2016-03-05">`, "", "2016-03-05"},
		{"meta pubdate", `<meta name="pubdate" content="20160306">`, "", "2016-03-06"},
		{"dc.date.issued", `<meta name="DC.date.issued" content="2016-03-07">`, "", "2016-03-07"},
		{"itemprop", "", `<span itemprop="datePublished" content="2016-03-08T12:00:00Z">8 March</span>`, "2016-03-08"},
		{"time pubdate", "", `<time datetime="2016-03-09" pubdate>March 9</time>`, "2016-03-09"},
		{"time", "", `<p>Updated <time datetime="2016-03-10T09:00:00-05:00">March 10</time></p>`, "2016-03-10"},
		{"time text", "", `<time>March 11, 2016</time>`, "2016-03-11"},
		{"meta beats time", `<meta name="date" content="2016-03-12">`, `<time datetime="2016-01-01">`, "2016-03-12"},
		{"json-ld beats meta", `<meta name="date" content="2016-01-01"><script type="application/ld+json">{"@context":"http://schema.org","@type":"NewsArticle","datePublished":"2016-03-13"}</script>`, "", "2016-03-13"},
		{"modified as last resort", `<meta property="article:modified_time" content="2016-03-14T00:00:00Z">`, "", "2016-03-14"},
		{"bad dates skipped", `<meta name="date" content="soon"><meta name="pubdate" content="2016-03-15">`, "", "2016-03-15"},
		{"none", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := extractHTML([]byte(page(tt.head, tt.body)), "", "page.html", nil)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !p.Published.IsZero() {
				got = p.Published.Format(time.DateOnly)
			}
			if got != tt.want {
				t.Errorf("date %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTMLTitleAndURL(t *testing.T) {
	tests := []struct {
		name, head, body, title, url string
	}{
		{"og:title", `<title>Budget vote | Daily</title><meta property="og:title" content="Assembly passes budget">`, "", "Assembly passes budget", ""},
		{"h1 inside title", `<title>Assembly passes budget - The Daily Example</title>`, "<h1>Assembly passes budget</h1>", "Assembly passes budget", ""},
		{"canonical", `<link rel="canonical" href="https://daily.example/budget">`, "", "", "https://daily.example/budget"},
		{"og:url", `<meta property="og:url" content="https://daily.example/og">`, "", "", "https://daily.example/og"},
		{"relative canonical ignored", `<link rel="canonical" href="/budget">`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := extractHTML([]byte(page(tt.head, tt.body)), "", "page.html", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			if p.URL != tt.url {
				t.Errorf("url %q, want %q", p.URL, tt.url)
			}
		})
	}
}

func TestHTMLCharsets(t *testing.T) {
	body := "<p>Die Stadtverwaltung von M\xfcnchen hat am Montag einen neuen Plan f\xfcr den Verkehr vorgestellt \x96 er soll 2020 beginnen.</p>"
	tests := []struct {
		name, page, contentType, warning string
	}{
		{"meta charset", `<html><head><meta charset="windows-1252"></head><body>` + body + `</body></html>`, "", ""},
		{"http-equiv", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>` + body + `</body></html>`, "", ""},
		{"content type", `<html><body>` + body + `</body></html>`, "text/html; charset=windows-1252", ""},
		{"undeclared", `<html><body>` + body + `</body></html>`, "", "no charset declared, decoded as Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := extractHTML([]byte(tt.page), tt.contentType, "page.html", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, "München") || !strings.Contains(p.Text, "für den Verkehr vorgestellt – er") {
				t.Errorf("text %q not decoded", p.Text)
			}
			if w := strings.Join(p.Warnings, "; "); tt.warning == "" && w != "" || !strings.Contains(w, tt.warning) {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
		})
	}
	// UTF-8 pages are taken as they are, whatever they claim.
	p, err := extractHTML([]byte(`<html><head><meta charset="iso-8859-1"></head><body><p>Zoë met the Führer of the chess club, Ça va.</p></body></html>`), "", "page.html", nil)
	if err != nil || !strings.Contains(p.Text, "Zoë met the Führer") {
		t.Errorf("utf-8 page: %q, %v", p.Text, err)
	}
}

func TestHTMLNoArticle(t *testing.T) {
	for _, page := range []string{
		`<html><head><title>Empty</title></head><body></body></html>`,
		`<html><body><nav><a href="/">Home</a></nav><form><input></form></body></html>`,
		`<html><body><script>document.write("app")</script><noscript>Enable JavaScript</noscript></body></html>`,
	} {
		if p, err := extractHTML([]byte(page), "", "page.html", nil); err == nil {
			t.Errorf("%s: got text %q, want ErrNoArticle", page, p.Text)
		}
	}
}

func TestHTMLArticleBodyFallback(t *testing.T) {
	page := `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lake freezes over","articleBody":"The lake froze over for the first time in ten years.\n\nSkaters arrived within hours."}</script></head><body><div id="app"></div></body></html>`
	p, err := extractHTML([]byte(page), "", "page.html", &url.URL{Scheme: "https", Host: "x.example"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "The lake froze over for the first time in ten years.\n\nSkaters arrived within hours."; p.Text != want || p.Title != "Lake freezes over" {
		t.Errorf("got %q / %q, want %q", p.Title, p.Text, want)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"blocks", "<div>One <b>bold</b>\n word.</div><p>Two</p>", "One bold word.\n\nTwo"},
		{"br", "<p>Line one<br>line two<br><br>Para two</p>", "Line one\nline two\n\nPara two"},
		{"lists", "<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"table", "<table><tr><td>x</td><td>y</td></tr></table>", "x y"},
		{"pre", "<pre>  code\n    indented  \n</pre>", "  code\n    indented"},
		{"hidden", `<p>shown</p><p style="display: none">hidden</p><p hidden>also</p><script>var x</script>`, "shown"},
		{"entities", "<p>Fish &amp; chips&nbsp;&mdash; &#8220;yes&#8221;</p>", "Fish & chips — “yes”"},
		{"plain", "just   text\n here", "just text here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.html); got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}
