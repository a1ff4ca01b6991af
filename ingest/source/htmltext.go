package source

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skippedTags hold no text a reader sees.
var skippedTags = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Svg: true,
	atom.Math: true, atom.Canvas: true, atom.Object: true, atom.Embed: true,
	atom.Button: true, atom.Select: true, atom.Option: true, atom.Textarea: true,
	atom.Input: true, atom.Audio: true, atom.Video: true, atom.Map: true,
}

// blockTags start and end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true,
	atom.Ul: true, atom.Caption: true,
}

// paragraphs renders the text under n as paragraphs: the text of each block
// element (p, div, h2, li, blockquote, tr...) with its white space
// collapsed. A line break (<br>) stays a line break inside the paragraph,
// two of them end it, and preformatted text keeps its lines.
func paragraphs(n *html.Node) []string {
	var b paraBuilder
	b.walk(n)
	b.flush()
	return b.paras
}

// htmlText is the text of an HTML fragment with paragraphs separated by a
// blank line. Plain text passes through with its white space collapsed.
func htmlText(fragment string) string {
	return strings.Join(htmlParagraphs(fragment), "\n\n")
}

// htmlParagraphs is the paragraphs of an HTML fragment.
func htmlParagraphs(fragment string) []string {
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return splitParagraphs(fragment)
	}
	return paragraphs(doc)
}

type paraBuilder struct {
	paras  []string
	cur    strings.Builder
	space  bool // white space seen since the last word
	breaks int  // <br>s since the last word
}

func (b *paraBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
		if skippedTags[n.DataAtom] || hiddenElement(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			b.lineBreak()
			return
		case atom.Pre:
			b.flush()
			b.pre(textContent(n))
			return
		case atom.Td, atom.Th:
			b.space = true
			defer func() { b.space = true }()
		}
		if blockTags[n.DataAtom] {
			b.flush()
			defer b.flush()
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
}

// text adds inline text, collapsing white space.
func (b *paraBuilder) text(s string) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				b.word(s[start:i])
				start = -1
			}
			b.space = true
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		b.word(s[start:])
	}
}

func (b *paraBuilder) word(w string) {
	switch {
	case b.breaks >= 2:
		b.flush()
	case b.breaks == 1 && b.cur.Len() > 0:
		b.cur.WriteByte('\n')
	case b.space && b.cur.Len() > 0:
		b.cur.WriteByte(' ')
	}
	b.space, b.breaks = false, 0
	b.cur.WriteString(w)
}

// lineBreak records a <br>.
func (b *paraBuilder) lineBreak() {
	if b.cur.Len() > 0 {
		b.breaks++
	}
}

// pre adds preformatted text as one paragraph, keeping its lines.
func (b *paraBuilder) pre(s string) {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	if p := strings.Trim(strings.Join(lines, "\n"), "\n"); strings.TrimSpace(p) != "" {
		b.paras = append(b.paras, p)
	}
}

func (b *paraBuilder) flush() {
	if b.cur.Len() > 0 {
		b.paras = append(b.paras, b.cur.String())
		b.cur.Reset()
	}
	b.space, b.breaks = false, 0
}

// textContent is all the text under n, as it is, leaving out scripts and
// the like inside n (but not n itself, so it gives a script's text).
func textContent(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && skippedTags[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return sb.String()
}

// hiddenElement reports whether n is hidden from readers.
func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			st := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}
