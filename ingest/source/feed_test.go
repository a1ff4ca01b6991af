package source

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFeedFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"feed.rss", []string{
			`feed.rss#1 | Dam inspection finds no damage | 2021-05-10 | https://gazette.example.net/2021/05/dam-inspection | "Engineers from the water board inspected the Korin dam on Sunday and found no damage after the spring floods.\n\nThe board's director, Lena Varga, said the next inspection would take place in October."`,
			`feed.rss#2 | Orchard growers expect a record harvest & lower prices | 2021-05-08 | https://gazette.example.net/2021/05/orchards | "Apple growers in the upper valley expect their largest harvest in a decade.\n\nPrices are likely to fall."`,
			`!feed.rss#3: no text: the item has neither content nor a description`,
		}},
		{"feed.atom", []string{
			`feed.atom#1 | Rail strike called off after late-night talks | 2022-01-11 | https://wire.example.com/2022/01/rail-strike | "The rail workers' union called off Wednesday's strike after talks with the operator Nordbahn lasted into the night.\n\nUnion leader Piet Sandor said the new offer was \"fair enough for now\"."`,
			`feed.atom#2 | Snow closes mountain pass | 2022-01-10 | https://wire.example.com/2022/01/pass-closed | "Heavy snow closed the Tarn pass on Monday morning. Police expect it to reopen on Wednesday."`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []string
			for _, it := range readItems(t, []string{filepath.Join("testdata", tt.file)}, Options{}) {
				got = append(got, itemSummary("testdata", it))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFeedProblems(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"not a feed", "page.xml", `<?xml version="1.0"?><catalog><book>x</book></catalog>`,
			[]string{"!page.xml: not an RSS or Atom feed"}},
		{"no items", "empty.rss", `<rss version="2.0"><channel><title>t</title></channel></rss>`,
			[]string{"!empty.rss: the feed has no items, nothing to ingest"}},
		{"broken xml", "broken.rss", `<rss version="2.0"><channel><item><title>A</title><description>Text`,
			nil}, // any error, or the item: gofeed is lenient
		{"latin-1 declared", "latin.rss", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Caf\xe9</title><description>Un caf\xe9 au lait.</description></item></channel></rss>",
			[]string{`latin.rss#1 | Café |  |  | "Un café au lait."`}},
		{"undeclared windows-1252", "cp.rss", "<rss version=\"2.0\"><channel><item><title>Caf\xe9</title><description>Na\xefve \x93quotes\x94.</description></item></channel></rss>",
			[]string{`cp.rss#1 | Café |  |  | "Naïve “quotes”."`}},
		{"json feed", "feed.json", `{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://j.example/1", "content_text": "Plain item text.", "date_published": "2020-06-01T10:00:00Z"}]}`,
			[]string{`feed.json#1 |  | 2020-06-01 | https://j.example/1 | "Plain item text."`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.content})
			items := readItems(t, []string{filepath.Join(dir, tt.file)}, Options{})
			if tt.want == nil {
				return
			}
			var got []string
			for _, it := range items {
				got = append(got, itemSummary(dir, it))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
