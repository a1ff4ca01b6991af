package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"kg/graph"
)

func TestSegments(t *testing.T) {
	text := "MOSCOW - Vladimir Putin met François Hollande <script>x</script>."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	ps, pe := at("Vladimir Putin")
	hs, he := at("François Hollande")
	for _, tc := range []struct {
		name  string
		base  int
		spans []span
		focus graph.Span
		want  []Segment
	}{
		{"plain", 0, nil, graph.Span{}, []Segment{{Text: text}}},
		{"marked and other", 0, []span{{start: hs, end: he, entity: "h", kind: "person"}, {start: ps, end: pe, mark: true}}, graph.Span{}, []Segment{
			{Text: text[:ps]}, {Text: "Vladimir Putin", Mark: true}, {Text: " met "},
			{Text: "François Hollande", Entity: "h", Type: "person"}, {Text: text[he:]}}},
		{"overlap keeps the first", 0, []span{{start: ps, end: pe, mark: true}, {start: ps + 9, end: pe + 4, entity: "x"}}, graph.Span{}, []Segment{
			{Text: text[:ps]}, {Text: "Vladimir Putin", Mark: true}, {Text: text[pe:]}}},
		{"not on a character boundary", 0, []span{{start: hs + 5, end: hs + 7, mark: true}}, graph.Span{}, []Segment{{Text: text}}},
		{"out of range", 0, []span{{start: -4, end: 3, mark: true}, {start: 10, end: 999, mark: true}}, graph.Span{}, []Segment{{Text: text}}},
		{"focus", 0, []span{{start: ps, end: pe, mark: true}}, graph.Span{Start: 9, End: he}, []Segment{
			{Text: text[:ps]}, {Text: "Vladimir Putin", Mark: true, Focus: true}, {Text: text[pe:he], Focus: true}, {Text: text[he:]}}},
		{"base", 100, []span{{start: 100 + ps, end: 100 + pe, mark: true}}, graph.Span{}, []Segment{
			{Text: text[:ps]}, {Text: "Vladimir Putin", Mark: true}, {Text: text[pe:]}}},
	} {
		got := segments(text, tc.base, tc.spans, tc.focus)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: segment %d is %+v, want %+v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

// Whatever the spans, the segments are the text, cut on character
// boundaries.
func FuzzSegments(f *testing.F) {
	f.Add("MOSCOW - Vladimir Putin met François Hollande.", 0, 9, 23, 28, 45, 0, 20)
	f.Add("<img src=x onerror=alert(1)>", 5, 5, 9, 9, 12, 6, 30)
	f.Fuzz(func(t *testing.T, text string, base, a, b, c, d, fs, fe int) {
		spans := []span{{start: a, end: b, mark: true}, {start: c, end: d, entity: "e", kind: "person"}, {start: a, end: d}}
		segs := segments(text, base, spans, graph.Span{Start: fs, End: fe})
		var all strings.Builder
		for _, s := range segs {
			if s.Text == "" {
				t.Fatalf("empty segment in %+v", segs)
			}
			if utf8.ValidString(text) && !utf8.ValidString(s.Text) {
				t.Fatalf("segment %q cuts a character", s.Text)
			}
			all.WriteString(s.Text)
		}
		if all.String() != text {
			t.Fatalf("segments %+v do not rebuild %q", segs, text)
		}
	})
}
