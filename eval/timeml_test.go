package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// timemlSample is a small TimeML document written for these tests.
const timemlSample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>sample</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2015-11-14" temporalFunction="false" functionInDocument="CREATION_TIME">20151114</TIMEX3></DCT>
<TEXT>
The ministry <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2015-11-13">Friday</TIMEX3> that R&amp;D spending <EVENT eid="e2" class="OCCURRENCE">rose</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
</TimeML>
`

func TestTimeMLRead(t *testing.T) {
	doc, err := ReadTimeML("sample.tml", []byte(timemlSample))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC); !doc.DCT.Equal(want) {
		t.Errorf("DCT %v, want %v", doc.DCT, want)
	}
	wantText := "\nThe ministry said Friday that R&D spending rose for three years.\n"
	if doc.Text != wantText {
		t.Errorf("text %q, want %q", doc.Text, wantText)
	}
	want := []TimeMLTimex{
		{Text: "Friday", Type: "DATE", Value: "2015-11-13"},
		{Text: "three years", Type: "DURATION", Value: "P3Y"},
	}
	if len(doc.Timexes) != len(want) {
		t.Fatalf("timexes %+v, want %d", doc.Timexes, len(want))
	}
	for k, w := range want {
		g := doc.Timexes[k]
		if g.Text != w.Text || g.Type != w.Type || g.Value != w.Value || doc.Text[g.Start:g.End] != w.Text {
			t.Errorf("timex %d: %+v, want %+v", k, g, w)
		}
	}
}

func TestTimeMLReadErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"no text":      `<TimeML><DCT></DCT></TimeML>`,
		"open text":    `<TEXT>It rose <TIMEX3 type="DATE" value="2015">2015`,
		"unclosed":     `<TEXT>It rose <TIMEX3 type="DATE" value="2015">2015</TEXT>`,
		"nested":       `<TEXT><TIMEX3 type="DATE"><TIMEX3 type="DATE">x</TIMEX3></TIMEX3></TEXT>`,
		"stray close":  `<TEXT>x</TIMEX3></TEXT>`,
		"bad dct":      `<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="soon">x</TIMEX3></DCT><TEXT>x</TEXT>`,
		"unterminated": `<TEXT>x <TIMEX3 type="DATE"</TEXT>`,
	} {
		if _, err := ReadTimeML(name, []byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTimeMLReadPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.tml", "a.tml", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(timemlSample), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := ReadTimeMLPaths([]string{dir, filepath.Join(dir, "a.tml")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, filepath.Base(d.Name))
	}
	if got := strings.Join(names, " "); got != "a.tml b.tml a.tml" {
		t.Errorf("read %s, want a.tml b.tml a.tml", got)
	}
	if _, err := ReadTimeMLPaths([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing path gave no error")
	}
}

// TestTimexScores counts as the TempEval-3 scorer does: strict matches
// are exact, relaxed ones overlap, attributes are scored on relaxed matches.
func TestTimexScores(t *testing.T) {
	text := "On Friday the bank said profit rose for three years, and prices fell last week."
	span := func(s, typ, value string) TimeMLTimex {
		k := strings.Index(text, s)
		return TimeMLTimex{Start: k, End: k + len(s), Text: s, Type: typ, Value: value}
	}
	doc := &TimeMLDoc{Name: "x", Text: text, Timexes: []TimeMLTimex{
		span("Friday", "DATE", "2015-11-13"),
		span("three years", "DURATION", "P3Y"),
		span("last week", "DATE", "2015-W45"),
	}}
	sys := []TimeMLTimex{
		span("Friday", "DATE", "2015-11-13"),       // strict, type and value right
		span("for three years", "DURATION", "P2Y"), // relaxed only, value wrong
		span("the bank", "DATE", "PRESENT_REF"),    // spurious
	}
	s := NewTimexScores(true)
	s.Add(doc, sys)
	if s.Gold != 3 || s.System != 3 || s.StrictGold != 1 || s.StrictSystem != 1 || s.RelaxedGold != 2 || s.RelaxedSystem != 2 || s.TypeCorrect != 2 || s.ValueCorrect != 1 {
		t.Errorf("counts %+v", *s)
	}
	near := func(got, want float64) bool { return got > want-0.01 && got < want+0.01 }
	if !near(s.StrictF1(), 33.33) || !near(s.RelaxedF1(), 66.67) || !near(s.TypeF1(), 66.67) || !near(s.ValueF1(), 33.33) {
		t.Errorf("F1 strict %.2f relaxed %.2f type %.2f value %.2f", s.StrictF1(), s.RelaxedF1(), s.TypeF1(), s.ValueF1())
	}
	kinds := map[string]int{}
	for _, e := range s.Errors {
		kinds[e.Kind]++
	}
	if kinds["missed"] != 1 || kinds["spurious"] != 1 || kinds["extent"] != 1 || kinds["value"] != 1 {
		t.Errorf("errors %v", kinds)
	}
	var out bytes.Buffer
	if err := s.Report(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; last != "value-F1 33.33" {
		t.Errorf("last line %q, want value-F1 33.33", last)
	}
	out.Reset()
	if err := s.ReportErrors(&out); err != nil || strings.Count(out.String(), "\n") != 4 {
		t.Errorf("error report %q (%v)", out.String(), err)
	}
}

func TestTimexScoresEmpty(t *testing.T) {
	s := NewTimexScores(false)
	if s.ValueF1() != 0 || s.StrictF1() != 0 {
		t.Error("an empty evaluation scores above zero")
	}
	var out bytes.Buffer
	if err := s.Report(&out); err != nil || !strings.HasSuffix(out.String(), "value-F1 0.00\n") {
		t.Errorf("report %q (%v)", out.String(), err)
	}
}

func FuzzTimeMLRead(f *testing.F) {
	f.Add([]byte(timemlSample))
	f.Add([]byte(`<TEXT>a &#x41; &#0; &bogus; &amp <TIMEX3 type='DATE' value='2015'>x</TIMEX3><TIMEX3/></TEXT>`))
	f.Add([]byte(`<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="2015-11-14T10:00">x</TIMEX3></DCT><TEXT></TEXT>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadTimeML("fuzz", data)
		if err != nil {
			return
		}
		last := 0
		for _, x := range doc.Timexes {
			if x.Start < last || x.End < x.Start || x.End > len(doc.Text) || doc.Text[x.Start:x.End] != x.Text {
				t.Fatalf("bad timex %+v in %q", x, doc.Text)
			}
			last = x.End
		}
	})
}
