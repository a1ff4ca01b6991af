// Package reuters reads the Reuters-21578 SGML files (Latin-1) into
// articles, for the speed harness and the converter to JSON Lines.
package reuters

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Article is one Reuters-21578 story with a body.
type Article struct {
	ID    string
	Title string
	Date  time.Time
	Text  string
}

var (
	reStory = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	reDate  = regexp.MustCompile(`(?s)<DATE>\s*(.*?)\s*</DATE>`)
	reTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody  = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reCtl   = regexp.MustCompile(`&#\d+;`)
)

// Load reads every reut2-*.sgm file of the corpus folder, in name order.
func Load(dir string) ([]Article, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no reut2-*.sgm files in %s", dir)
	}
	sort.Strings(files)
	var out []Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, Parse(b)...)
	}
	return out, nil
}

// WriteJSONL writes the articles as JSON Lines, copies times (copy n > 0
// with a distinct id, text and date), and returns the lines written.
func WriteJSONL(w io.Writer, articles []Article, copies int) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	n := 0
	for c := 0; c < max(copies, 1); c++ {
		for _, a := range articles {
			line, err := a.JSON(c)
			if err != nil {
				return n, err
			}
			bw.Write(line)
			bw.WriteByte('\n')
			n++
		}
	}
	return n, bw.Flush()
}

// Parse reads the stories of one SGML file (Latin-1) that have a body.
func Parse(sgml []byte) []Article {
	if u, err := charmap.ISO8859_1.NewDecoder().Bytes(sgml); err == nil {
		sgml = u
	}
	var out []Article
	for _, m := range reStory.FindAllSubmatch(sgml, -1) {
		body := reBody.FindSubmatch(m[2])
		if body == nil {
			continue
		}
		a := Article{ID: "reuters-" + string(m[1]), Text: clean(body[1])}
		if t := reTitle.FindSubmatch(m[2]); t != nil {
			a.Title = strings.TrimSpace(clean(t[1]))
		}
		if d := reDate.FindSubmatch(m[2]); d != nil {
			a.Date = parseDate(string(d[1]))
		}
		if strings.TrimSpace(a.Text) != "" {
			out = append(out, a)
		}
	}
	return out
}

func clean(b []byte) string {
	b = reCtl.ReplaceAll(b, nil)
	b = bytes.TrimSuffix(bytes.TrimSpace(b), []byte("Reuter"))
	return strings.TrimSpace(html.UnescapeString(string(b)))
}

// parseDate reads "26-FEB-1987 15:01:01.79"; the day is enough.
func parseDate(s string) time.Time {
	day, rest, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(rest) < 8 {
		return time.Time{}
	}
	// "FEB-1987 ..." -> "Feb-1987"
	month := rest[:1] + strings.ToLower(rest[1:3])
	if t, err := time.Parse("2-Jan-2006", day+"-"+month+rest[3:8]); err == nil {
		return t
	}
	return time.Time{}
}

// JSON is the article as a JSON line; copy n > 0 gets a distinct id, a date
// n years later and a marker line, so it is not a duplicate.
func (a Article) JSON(n int) ([]byte, error) {
	rec := map[string]string{"id": a.ID, "title": a.Title, "text": a.Text}
	if n > 0 {
		rec["id"] = fmt.Sprintf("%s-copy%d", a.ID, n)
		rec["text"] = a.Text + fmt.Sprintf("\n\n(Copy %d of this story.)", n)
	}
	if !a.Date.IsZero() {
		rec["date"] = a.Date.AddDate(n, 0, 0).Format(time.DateOnly)
	}
	return json.Marshal(rec)
}
