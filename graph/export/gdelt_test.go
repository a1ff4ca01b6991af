package export

import (
	"testing"

	"kg/graph"
)

func TestSourceKey(t *testing.T) {
	for _, tc := range []struct{ url, source, want string }{
		{"https://www.Example.org/a/1", "feed.xml", "example.org"},
		{"", "wire.jsonl:12", "wire.jsonl"},
		{"", "/data/reuters.jsonl:9978 (id reuters-10926)", "/data/reuters.jsonl"},
		{"", "notes.txt", "notes.txt"},
		{"", "stdin", "stdin"},
	} {
		if got := sourceKey(&graph.Document{URL: tc.url, Source: tc.source}); got != tc.want {
			t.Errorf("sourceKey(%q, %q) = %q, want %q", tc.url, tc.source, got, tc.want)
		}
	}
}

func TestGDELTDates(t *testing.T) {
	for _, tc := range []struct{ in, day, month, year, frac string }{
		{"2015-09-30", "20150930", "201509", "2015", "2015.7479"},
		{"2015-11", "", "201511", "2015", ""},
		{"2015", "", "", "2015", ""},
		{"2015-W47", "", "", "2015", ""},
		{"XXXX-09-30", "", "", "", ""},
		{"", "", "", "", ""},
		{"2015-13-01", "", "", "2015", ""},
	} {
		d, m, y, f := gdeltDates(tc.in)
		if d != tc.day || m != tc.month || y != tc.year || f != tc.frac {
			t.Errorf("gdeltDates(%q) = %q %q %q %q", tc.in, d, m, y, f)
		}
	}
}
