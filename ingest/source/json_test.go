package source

import (
	"bufio"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// itemSummary is what the JSON tests compare: the source, then either the
// error text (after "!") or title | date | URL | text.
func itemSummary(dir string, it Item) string {
	src := strings.TrimPrefix(it.Doc.Source, dir+string(filepath.Separator))
	if it.Err != nil {
		return "!" + strings.TrimPrefix(it.Err.Error(), dir+string(filepath.Separator))
	}
	return fmt.Sprintf("%s | %s | %s | %s | %q", src, it.Doc.Title, it.Doc.DateString(), it.Doc.URL, it.Doc.Text)
}

func TestJSONFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"news.jsonl", []string{
			`news.jsonl:1 (id a-1) | Bakery wins national prize | 2023-03-02 | https://example.org/bakery | "A small bakery in Ostrava won the national bread prize on Thursday.\nThe owner, Hana Dvorak, thanked her staff."`,
			`news.jsonl:3 | Storm cuts power to thousands | 2023-03-04 |  | "A storm cut power to about 12,000 homes in the coastal district on Saturday."`,
			`!news.jsonl:4: invalid JSON: unexpected end of JSON input`,
			`!news.jsonl:5: no text: the object has no "text", "body" or "content" field`,
			`news.jsonl:6 | Ferry timetable changes | 2023-03-06 | https://example.org/ferry | "The ferry company will add two evening crossings from April.\n\nTickets go on sale next week."`,
		}},
		{"articles.json", []string{
			`articles.json#1 | Museum reopens after repairs | 2022-09-15 |  | "The city museum reopened on Thursday after two years of repairs to its roof."`,
			`!articles.json#2 (line 7): no text: the object has no "text", "body" or "content" field`,
			`articles.json#3 | Cyclists ride for charity | 2022-09-18 |  | "More than 300 cyclists rode from Linz to Steyr on Sunday to raise money for the children's hospital."`,
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

func TestJSONShapes(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"single object", "one.json", "{\n  \"title\": \"T\",\n  \"text\": \"Body.\"\n}\n",
			[]string{`one.json | T |  |  | "Body."`}},
		{"pretty objects in a row", "two.json", "{\n \"text\": \"A.\"\n}\n{\n \"text\": \"B.\"\n}\n",
			[]string{`two.json:1 |  |  |  | "A."`, `two.json:4 |  |  |  | "B."`}},
		{"compact array", "arr.jsonl", `[{"text": "A."}, {"text": "B."}]`,
			[]string{`arr.jsonl#1 |  |  |  | "A."`, `arr.jsonl#2 |  |  |  | "B."`}},
		{"array after blank lines", "late.json", "\n\n[\n{\"text\": 1}\n]",
			[]string{`!late.json#1 (line 4): the "text" field is a number, want a string`}},
		{"syntax error in array", "bad.json", "[\n{\"text\": \"A.\"},\n{\"text\": \"B.\",,}\n]",
			[]string{`!bad.json:3: invalid JSON: invalid character ',' looking for beginning of object key string; the rest of the file is skipped`}},
		{"json lines in .json", "lines.json", "{\"text\": \"A.\"}\n{\"text\": \"B.\"}\n",
			[]string{`lines.json:1 |  |  |  | "A."`, `lines.json:2 |  |  |  | "B."`}},
		{"not an object", "scalars.jsonl", "\"just a string\"\n42\n[1]\n",
			[]string{`!scalars.jsonl:1: want a JSON object, got a string`, `!scalars.jsonl:2: want a JSON object, got a number`, `!scalars.jsonl:3: want a JSON object, got an array`}},
		{"truncated first line", "trunc.jsonl", "{\"text\": \"cut\n{\"text\": \"fine\"}\n",
			[]string{`!trunc.jsonl:1: invalid JSON: unexpected end of JSON input`, `trunc.jsonl:2 |  |  |  | "fine"`}},
		{"empty text", "blank.jsonl", `{"text": "   "}`,
			[]string{`!blank.jsonl:1: no text: the "text" field is empty`}},
		{"aliases and case", "alias.jsonl", `{"Headline": "H", "Body": "B.", "Published": "Tue, 01 Mar 2016 10:00:00 GMT", "Link": "https://x.example/b", "ID": 17}`,
			[]string{`alias.jsonl:1 (id 17) | H | 2016-03-01 | https://x.example/b | "B."`}},
		{"paragraph list", "list.jsonl", `{"content": ["First.", "Second."], "title": ["Part", "one"]}`,
			[]string{`list.jsonl:1 | Part one |  |  | "First.\n\nSecond."`}},
		{"unix date", "unix.jsonl", `{"text": "x", "date": 1443571200}` + "\n" + `{"text": "y", "published_at": "1443571200000"}`,
			[]string{`unix.jsonl:1 |  | 2015-09-30 |  | "x"`, `unix.jsonl:2 |  | 2015-09-30 |  | "y"`}},
		{"null fields", "null.jsonl", `{"text": null, "body": "B.", "title": null}`,
			[]string{`null.jsonl:1 |  |  |  | "B."`}},
		{"crlf", "crlf.jsonl", "{\"text\": \"A.\"}\r\n\r\n{\"text\": \"B.\"}\r\n",
			[]string{`crlf.jsonl:1 |  |  |  | "A."`, `crlf.jsonl:3 |  |  |  | "B."`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.content})
			var got []string
			for _, it := range readItems(t, []string{filepath.Join(dir, tt.file)}, Options{}) {
				got = append(got, itemSummary(dir, it))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want: RFC 3339, or "" for no date
	}{
		{"2015-09-30", "2015-09-30T00:00:00Z"},
		{"2015-09-30T14:05:00+03:00", "2015-09-30T14:05:00+03:00"},
		{"2015-09-30T14:05:00.123Z", "2015-09-30T14:05:00Z"},
		{"2015-09-30 14:05:00", "2015-09-30T14:05:00Z"},
		{"Wed, 30 Sep 2015 14:05:00 GMT", "2015-09-30T14:05:00Z"},
		{"Wed, 30 Sep 2015 14:05:00 +0200", "2015-09-30T14:05:00+02:00"},
		{"September 30, 2015", "2015-09-30T00:00:00Z"},
		{"30 September 2015", "2015-09-30T00:00:00Z"},
		{"20150930", "2015-09-30T00:00:00Z"},
		{"", ""},
		{"yesterday", ""},
		{"0001-01-01", ""},
		{"9999-01-01", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := parseDate(tt.in); ok {
			got = d.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// benchJSONL is a JSON Lines export of n short articles.
func benchJSONL(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id": "doc-%d", "title": "Council meets about item %d", "date": "2016-03-%02d", "url": "https://example.org/%d", "text": "The council met on Tuesday to discuss item %d of the agenda. Members argued about the cost of the new bridge and the ferry, and the mayor said a decision would come next month."}`+"\n", i, i, i%28+1, i, i)
	}
	return b.String()
}

func BenchmarkJSONL(b *testing.B) {
	data := benchJSONL(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		r := newReader(Options{}, func(it Item) error {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
			n++
			return nil
		})
		if err := r.readJSON(context.Background(), input{name: "bench.jsonl", src: "bench.jsonl"}, bufio.NewReader(strings.NewReader(data)), -1); err != nil {
			b.Fatal(err)
		}
		if n != 1000 {
			b.Fatalf("%d documents, want 1000", n)
		}
	}
}
