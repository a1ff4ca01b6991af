package source

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/graph"
)

// maxTitleRunes is the longest first line taken for a title.
const maxTitleRunes = 120

// readText reads a plain-text (or Markdown) article: the whole content is the
// text, and a short first line is the title.
func (r *reader) readText(ctx context.Context, in input, data []byte, contentType string, size int64) error {
	text, warnings := decodeText(data, contentType, in.name)
	doc := graph.Document{
		URL:    in.url,
		Title:  textTitle(text),
		Text:   text,
		Source: in.src,
	}
	return r.finish(ctx, doc, warnings, size)
}

// textTitle returns the title of a plain-text article, or "": its first
// non-blank line when that line is short (at most 120 characters), is
// followed by more text, does not end like a sentence or a clause (". , ;
// :", though an ellipsis may end a headline cut short), and is not the first
// line of a hard-wrapped paragraph. A Markdown
// heading ("# Title") loses its marks.
func textTitle(text string) string {
	rest := text
	var first string
	for rest != "" {
		first, rest = cutLine(rest)
		if strings.TrimSpace(first) != "" {
			break
		}
	}
	first = strings.TrimSpace(first)
	if first == "" || strings.TrimSpace(rest) == "" {
		return ""
	}
	next, _ := cutLine(rest)
	next = strings.TrimSpace(next)
	setext := next != "" && (strings.Trim(next, "=") == "" || strings.Trim(next, "-") == "")

	title := first
	heading := false
	if strings.HasPrefix(title, "#") {
		t := strings.TrimLeft(title, "#")
		if len(title)-len(t) <= 6 && (t == "" || t[0] == ' ' || t[0] == '\t') {
			title = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))
			heading = true
		}
	}
	if title == "" || utf8.RuneCountInString(title) > maxTitleRunes {
		return ""
	}
	bare := strings.TrimRight(title, "\"'”’)]*_")
	last, _ := utf8.DecodeLastRuneInString(bare)
	switch {
	case strings.HasSuffix(bare, "..."), strings.HasSuffix(bare, "…"):
		// a headline cut short: "Leaders Agree to Meet and..."
	case strings.ContainsRune(".,;:-–—", last):
		return ""
	}
	if heading || setext || next == "" {
		return title
	}
	// The next line follows directly: a headline is either much shorter than
	// it or written in title case; otherwise this is a wrapped paragraph.
	if utf8.RuneCountInString(first)*10 < utf8.RuneCountInString(next)*7 || titleCase(title) {
		return title
	}
	return ""
}

// cutLine splits s after its first line, dropping the line break ("\n",
// "\r\n" or an old Mac "\r").
func cutLine(s string) (line, rest string) {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s, ""
	}
	if strings.HasPrefix(s[i:], "\r\n") {
		return s[:i], s[i+2:]
	}
	return s[:i], s[i+1:]
}

// titleCase reports whether most words of four letters or more start with
// an upper-case letter ("Russia Launches Airstrikes in Syria").
func titleCase(s string) bool {
	words, upper := 0, 0
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return words > 0 && upper*10 >= words*7
}
