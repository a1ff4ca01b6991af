package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kg/graph"
)

// readItems reads paths and returns every item.
func readItems(t *testing.T, paths []string, opts Options) []Item {
	t.Helper()
	var items []Item
	err := Read(context.Background(), paths, opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%v): %v", paths, err)
	}
	return items
}

// writeFiles creates files under dir; names may contain slashes.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sources lists the Source of each item, with "!" in front of failed ones.
func sources(items []Item) []string {
	var out []string
	for _, it := range items {
		s := it.Doc.Source
		if it.Err != nil {
			s = "!" + s
		}
		out = append(out, s)
	}
	return out
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"", Auto, false},
		{"auto", Auto, false},
		{"TEXT", Text, false},
		{"txt", Text, false},
		{"html", HTML, false},
		{"jsonl", JSONL, false},
		{"json", JSONL, false},
		{"rss", RSS, false},
		{"atom", RSS, false},
		{"pdf", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":             "Second\n\nThe second article has some text.",
		"a.md":              "# First\n\nThe first article.",
		"sub/c.html":        "<html><body><article><p>Ships left the harbour at dawn on Monday.</p></article></body></html>",
		"sub/d.jsonl":       `{"text": "One line of news."}` + "\n" + `{"text": "Another line of news."}` + "\n",
		".hidden.txt":       "never read",
		".git/config.txt":   "never read",
		"notes.docx":        "skipped: unknown extension",
		"sub/image.png":     "\x89PNG\r\n\x1a\n\x00\x00",
		"sub/deeper/e.text": "A plain text file, deep down.",
	})
	items := readItems(t, []string{dir}, Options{})
	var got []string
	for _, it := range items {
		if it.Err != nil {
			t.Errorf("%s: unexpected error %v", it.Doc.Source, it.Err)
		}
		rel, _ := filepath.Rel(dir, it.Doc.Source)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a.md", "b.txt", "sub/c.html", "sub/d.jsonl:1", "sub/d.jsonl:2", "sub/deeper/e.text"}
	if !slices.Equal(got, want) {
		t.Errorf("sources = %q, want %q", got, want)
	}

	// With a format set, files of unknown extension are read too.
	items = readItems(t, []string{filepath.Join(dir, "sub")}, Options{Format: Text})
	var failed []string
	for _, it := range items {
		if it.Err != nil {
			failed = append(failed, filepath.Base(it.Doc.Source))
		}
	}
	if !slices.Equal(failed, []string{"image.png"}) || len(items) != 4 {
		t.Errorf("with --format text: %d items, failed %q; want 4 items, image.png failed", len(items), failed)
	}
}

func TestReadEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"report.pdf": "%PDF-1.4"})
	items := readItems(t, []string{dir}, Options{})
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "--format") {
		t.Fatalf("items = %+v, want one error suggesting --format", items)
	}
}

func TestReadProblems(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty.txt":   "",
		"blank.txt":   " \n\t\n",
		"binary.txt":  "GIF89a\x00\x01\x02\x03",
		"control.txt": strings.Repeat("\x01\x02\x03\x04abc", 50),
		"good.txt":    "Just one line of text.",
		"empty.jsonl": "\n\n",
		"bin.jsonl":   "\x00\x01\x02",
		"nopage.html": "<html><head><title>Home</title></head><body></body></html>",
		"empty.json":  "[]",
	})
	tests := []struct {
		name    string
		wantErr string // "" for a document
		is      error
	}{
		{"empty.txt", "empty.txt: empty file, nothing to ingest", ErrEmpty},
		{"blank.txt", "blank.txt: empty file, nothing to ingest", ErrEmpty},
		{"binary.txt", "binary.txt: binary file, not text", ErrBinary},
		{"control.txt", "control.txt: binary file, not text", ErrBinary},
		{"good.txt", "", nil},
		{"empty.jsonl", "empty.jsonl: empty file, nothing to ingest", ErrEmpty},
		{"bin.jsonl", "bin.jsonl: binary file, not text", ErrBinary},
		{"nopage.html", "nopage.html: no readable article text", ErrNoArticle},
		{"empty.json", "empty.json: no JSON objects", nil},
		{"missing.txt", "missing.txt: no such file or directory", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			items := readItems(t, []string{p}, Options{})
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			it := items[0]
			if it.Doc.Source != p {
				t.Errorf("Source = %q, want %q", it.Doc.Source, p)
			}
			if tt.wantErr == "" {
				if it.Err != nil {
					t.Fatalf("unexpected error %v", it.Err)
				}
				return
			}
			if it.Err == nil {
				t.Fatalf("no error, want %q", tt.wantErr)
			}
			if msg := strings.TrimPrefix(it.Err.Error(), dir+string(filepath.Separator)); !strings.HasPrefix(msg, tt.wantErr) {
				t.Errorf("error %q, want it to start with %q", msg, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(it.Err, tt.is) {
				t.Errorf("error %v is not %v", it.Err, tt.is)
			}
		})
	}
}

func TestReadGoesOnAfterBadPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.txt": "Some text."})
	items := readItems(t, []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "ok.txt")}, Options{})
	if got := sources(items); len(got) != 2 || got[0][0] != '!' || got[1][0] == '!' {
		t.Errorf("sources = %q, want an error then a document", got)
	}
}

func TestReadEncodings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		// "Café in Zürich – “quoted”" in Windows-1252.
		"cp1252.txt": "Caf\xe9 in Z\xfcrich \x96 \x93quoted\x94",
		// UTF-8 with one stray byte.
		"damaged.txt":  "Ça va très bien, Zoë, à bientôt \xff here.",
		"bom.txt":      "\xef\xbb\xbfHello with a byte order mark.",
		"utf16.txt":    "\xff\xfeH\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00",
		"cp1252.jsonl": "{\"title\": \"Caf\xe9\", \"text\": \"Na\xefve text\"}\n",
	})
	tests := []struct {
		name, text, warning string
	}{
		{"cp1252.txt", "Café in Zürich – “quoted”", "not valid UTF-8, decoded as Windows-1252"},
		{"damaged.txt", "Ça va très bien, Zoë, à bientôt \uFFFD here.", "1 byte(s) not valid UTF-8"},
		{"bom.txt", "Hello with a byte order mark.", ""},
		{"utf16.txt", "Hi there", ""},
		{"cp1252.jsonl", "Naïve text", "cp1252.jsonl:1: not valid UTF-8, decoded as Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := readItems(t, []string{filepath.Join(dir, tt.name)}, Options{})
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("items = %+v", items)
			}
			it := items[0]
			if it.Doc.Text != tt.text {
				t.Errorf("Text = %q, want %q", it.Doc.Text, tt.text)
			}
			w := strings.Join(it.Warnings, "; ")
			if tt.warning == "" && w != "" || !strings.Contains(w, tt.warning) {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
		})
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		format Format
		want   []string // sources
		text   string   // text of the first document
	}{
		{"text", "Headline\n\nBody text here.", Auto, []string{"stdin"}, "Headline\n\nBody text here."},
		{"jsonl", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n", Auto, []string{"stdin:1", "stdin:2"}, "one"},
		{"html", "<!doctype html><html><body><p>Words of a page that has an article in it.</p></body></html>", Auto, []string{"stdin"}, "Words of a page that has an article in it."},
		{"rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>A</title><description>Item text.</description></item></channel></rss>", Auto, []string{"stdin#1"}, "Item text."},
		{"forced text", "{\"text\": \"not parsed\"}", Text, []string{"stdin"}, "{\"text\": \"not parsed\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := readItems(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.input), Format: tt.format})
			if got := sources(items); !slices.Equal(got, tt.want) {
				t.Fatalf("sources = %q, want %q (items %+v)", got, tt.want, items)
			}
			if items[0].Doc.Text != tt.text {
				t.Errorf("text = %q, want %q", items[0].Doc.Text, tt.text)
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dated.jsonl": `{"text": "x", "date": "2015-09-30"}` + "\n" + `{"text": "y"}` + "\n" + `{"text": "z", "date": "not a date"}` + "\n",
	})
	def := time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC)
	items := readItems(t, []string{filepath.Join(dir, "dated.jsonl")}, Options{DefaultDate: def})
	want := []string{"2015-09-30", "2015-11-14", "2015-11-14"}
	for i, it := range items {
		if got := it.Doc.DateString(); got != want[i] {
			t.Errorf("item %d: date %q, want %q", i, got, want[i])
		}
	}
	if len(items[2].Warnings) != 1 || !strings.Contains(items[2].Warnings[0], `cannot read the date "not a date"`) {
		t.Errorf("warnings = %q", items[2].Warnings)
	}
	items = readItems(t, []string{filepath.Join(dir, "dated.jsonl")}, Options{})
	if !items[1].Doc.Published.IsZero() {
		t.Errorf("without a default date: %v, want zero", items[1].Doc.Published)
	}
}

func TestDocumentIDs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": "The same   article.\n",
		"b.txt": "The same article.",
	})
	items := readItems(t, []string{dir}, Options{})
	if len(items) != 2 || items[0].Doc.ID == "" || items[0].Doc.ID != items[1].Doc.ID {
		t.Fatalf("ids differ: %+v", items)
	}
	if items[0].Doc.ID != graph.DocumentID(items[0].Doc.Text) {
		t.Errorf("ID is not graph.DocumentID(Text)")
	}
}

func TestReadStopsOnCancelAndEmitError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": strings.Repeat(`{"text": "x"}`+"\n", 10)})
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), []string{dir}, Options{}, func(Item) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("emit error: Read returned %v after %d items, want stop after 3", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Read(ctx, []string{dir, dir}, Options{}, func(Item) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("cancel: Read returned %v after %d items, want context.Canceled after 2", err, n)
	}
}

func TestReadTooLarge(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"big.txt":   strings.Repeat("word ", 100),
		"big.jsonl": `{"text": "short"}` + "\n" + `{"text": "` + strings.Repeat("long ", 100) + `"}` + "\n" + `{"text": "short again"}` + "\n",
	})
	items := readItems(t, []string{filepath.Join(dir, "big.txt"), filepath.Join(dir, "big.jsonl")}, Options{MaxBytes: 100})
	got := sources(items)
	want := []string{"!" + filepath.Join(dir, "big.txt"), filepath.Join(dir, "big.jsonl:1"), "!" + filepath.Join(dir, "big.jsonl:2"), filepath.Join(dir, "big.jsonl:3")}
	if !slices.Equal(got, want) {
		t.Fatalf("sources = %q, want %q", got, want)
	}
	if !errors.Is(items[0].Err, ErrTooLarge) || !strings.Contains(items[0].Err.Error(), "500 B, more than the 100 B limit") {
		t.Errorf("error %v", items[0].Err)
	}
}

func TestInventory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":      "12345",
		"sub/b.json": "123",
		"c.bin":      "1234567",
		".d.txt":     "12",
	})
	tests := []struct {
		paths  []string
		format Format
		files  int
		bytes  int64
	}{
		{[]string{dir}, Auto, 2, 8},
		{[]string{dir}, Text, 3, 15},
		{[]string{filepath.Join(dir, "c.bin")}, Auto, 1, 7},
		{[]string{dir, "-"}, Auto, 3, -1},
		{[]string{"https://example.com/feed"}, Auto, 1, -1},
		{[]string{filepath.Join(dir, "missing")}, Auto, 1, 0},
	}
	for _, tt := range tests {
		files, bytes := Inventory(tt.paths, tt.format)
		if files != tt.files || bytes != tt.bytes {
			t.Errorf("Inventory(%v, %s) = %d, %d; want %d, %d", tt.paths, tt.format, files, bytes, tt.files, tt.bytes)
		}
	}
}

func TestItemBytesAddUp(t *testing.T) {
	files := map[string]string{
		"a.txt":   "Some text.\n",
		"b.jsonl": "\n{\"text\": \"x\"}\n\n{\"bad\n{\"text\": \"y\"}\n",
		"c.json":  "[\n {\"text\": \"x\"},\n {\"text\": \"y\"}\n]\n",
		"d.rss":   "<rss version=\"2.0\"><channel><item><description>a</description></item><item><description>b</description></item></channel></rss>",
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	for name, content := range files {
		var sum int64
		for _, it := range readItems(t, []string{filepath.Join(dir, name)}, Options{}) {
			sum += it.Bytes
		}
		if sum != int64(len(content)) {
			t.Errorf("%s: items account for %d bytes, want %d", name, sum, len(content))
		}
	}
}
