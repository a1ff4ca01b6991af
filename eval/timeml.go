package eval

// The TempEval-3 evaluation of temporal expressions: a reader for TimeML
// documents and a scorer that counts the way the official TempEval-3 scorer
// does (UzZaman et al., 2013):
//
//   - extents match strictly when they cover the same characters, and match
//     relaxed when they overlap; precision counts the system expressions
//     that match some gold expression, recall the gold expressions that
//     some system expression matches;
//   - an attribute (type, value) is scored on the relaxed matches: its
//     accuracy is the share of matched gold expressions whose best
//     overlapping system expression carries the same attribute, and its F1
//     is that accuracy times the relaxed F1.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TimeMLDoc is a TimeML document as the timex evaluation reads it.
type TimeMLDoc struct {
	// Name is the file the document was read from.
	Name string
	// DCT is the document creation time (the TIMEX3 with
	// functionInDocument="CREATION_TIME"), zero when there is none.
	DCT time.Time
	// Text is the content of <TEXT> with the markup removed and character
	// references decoded.
	Text string
	// Timexes are the TIMEX3 elements inside <TEXT>, with byte offsets
	// into Text, in document order.
	Timexes []TimeMLTimex
}

// TimeMLTimex is a TIMEX3 annotation, or a system's expression to score.
type TimeMLTimex struct {
	Start, End  int
	Text        string
	Type, Value string
}

// ReadTimeML reads one TimeML document.
func ReadTimeML(name string, data []byte) (*TimeMLDoc, error) {
	doc := &TimeMLDoc{Name: name}
	dct, err := timemlDCT(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	doc.DCT = dct
	open := bytes.Index(data, []byte("<TEXT>"))
	if open < 0 {
		return nil, fmt.Errorf("%s: no <TEXT> element", name)
	}
	body := data[open+len("<TEXT>"):]
	end := bytes.Index(body, []byte("</TEXT>"))
	if end < 0 {
		return nil, fmt.Errorf("%s: <TEXT> is not closed", name)
	}
	text, timexes, err := timemlStrip(body[:end])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	doc.Text, doc.Timexes = text, timexes
	return doc, nil
}

// timemlDCT finds the creation time: the TIMEX3 whose functionInDocument is
// CREATION_TIME, wherever it is (usually inside <DCT>).
func timemlDCT(data []byte) (time.Time, error) {
	for rest := data; ; {
		k := bytes.Index(rest, []byte("<TIMEX3"))
		if k < 0 {
			return time.Time{}, nil
		}
		rest = rest[k:]
		e := bytes.IndexByte(rest, '>')
		if e < 0 {
			return time.Time{}, errors.New("unterminated TIMEX3 tag")
		}
		attrs := timemlAttrs(string(rest[len("<TIMEX3"):e]))
		rest = rest[e:]
		if attrs["functionInDocument"] != "CREATION_TIME" {
			continue
		}
		v := attrs["value"]
		if len(v) < 10 {
			return time.Time{}, fmt.Errorf("creation time %q is not a date", v)
		}
		t, err := time.Parse(time.DateOnly, v[:10])
		if err != nil {
			return time.Time{}, fmt.Errorf("creation time %q: %w", v, err)
		}
		return t, nil
	}
}

// timemlStrip removes the tags of a <TEXT> body, decodes character
// references, and returns the text with the TIMEX3 elements it held.
func timemlStrip(body []byte) (string, []TimeMLTimex, error) {
	var sb strings.Builder
	sb.Grow(len(body))
	var out []TimeMLTimex
	open := -1 // index in out of the TIMEX3 being read
	for i := 0; i < len(body); {
		switch c := body[i]; c {
		case '<':
			e := bytes.IndexByte(body[i:], '>')
			if e < 0 {
				return "", nil, fmt.Errorf("unterminated tag at byte %d of <TEXT>", i)
			}
			tag := string(body[i+1 : i+e])
			i += e + 1
			switch {
			case strings.HasPrefix(tag, "TIMEX3") && (len(tag) == 6 || tag[6] == ' ' || tag[6] == '/' || tag[6] == '\t' || tag[6] == '\n'):
				if strings.HasSuffix(tag, "/") {
					continue // an empty TIMEX3 marks no text
				}
				if open >= 0 {
					return "", nil, fmt.Errorf("nested TIMEX3 at byte %d of <TEXT>", i)
				}
				a := timemlAttrs(tag[6:])
				out = append(out, TimeMLTimex{Start: sb.Len(), Type: a["type"], Value: a["value"]})
				open = len(out) - 1
			case tag == "/TIMEX3":
				if open < 0 {
					return "", nil, fmt.Errorf("</TIMEX3> without TIMEX3 at byte %d of <TEXT>", i)
				}
				out[open].End = sb.Len()
				open = -1
			}
		case '&':
			e := bytes.IndexByte(body[i:min(len(body), i+12)], ';')
			if e < 0 {
				sb.WriteByte(c)
				i++
				continue
			}
			if r, ok := timemlEntity(string(body[i+1 : i+e])); ok {
				sb.WriteString(r)
			} else {
				sb.Write(body[i : i+e+1])
			}
			i += e + 1
		default:
			sb.WriteByte(c)
			i++
		}
	}
	if open >= 0 {
		return "", nil, errors.New("TIMEX3 is not closed")
	}
	text := sb.String()
	for k := range out {
		out[k].Text = text[out[k].Start:out[k].End]
	}
	return text, out, nil
}

func timemlEntity(name string) (string, bool) {
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	if strings.HasPrefix(name, "#") {
		base, digits := 10, name[1:]
		if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
			base, digits = 16, digits[1:]
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || n == 0 || n > 0x10FFFF || (n >= 0xD800 && n < 0xE000) {
			return "", false
		}
		return string(rune(n)), true
	}
	return "", false
}

// timemlAttrs parses name="value" pairs (single or double quotes).
func timemlAttrs(s string) map[string]string {
	m := map[string]string{}
	for {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return m
		}
		name := strings.TrimSpace(s[:eq])
		if k := strings.LastIndexAny(name, " \t\n"); k >= 0 {
			name = name[k+1:]
		}
		s = strings.TrimLeft(s[eq+1:], " \t\n")
		if s == "" || (s[0] != '"' && s[0] != '\'') {
			return m
		}
		q := s[0]
		e := strings.IndexByte(s[1:], q)
		if e < 0 {
			return m
		}
		m[name] = s[1 : 1+e]
		s = s[e+2:]
	}
}

// ReadTimeMLPaths reads the .tml files named, and those found (recursively)
// in the folders named, in lexical order within each folder.
func ReadTimeMLPaths(paths []string) ([]*TimeMLDoc, error) {
	var docs []*TimeMLDoc
	read := func(path string) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		d, err := ReadTimeML(path, data)
		if err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if err := read(p); err != nil {
				return nil, err
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".tml") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no .tml files", p)
		}
		sort.Strings(files)
		for _, f := range files {
			if err := read(f); err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

// TimexScores are the counts of a TempEval-3 timex evaluation.
type TimexScores struct {
	Docs                       int
	Gold, System               int
	StrictGold, StrictSystem   int // gold (system) expressions with an exact match
	RelaxedGold, RelaxedSystem int // gold (system) expressions with an overlapping one
	TypeCorrect, ValueCorrect  int // over the relaxed matches of gold expressions
	// Errors lists the mismatches when the scores were made with keepErrors.
	Errors     []TimexError
	keepErrors bool
}

// TimexError is an expression the system missed, added, bounded
// differently or normalized differently, for error analysis.
type TimexError struct {
	Doc       string
	Gold, Sys *TimeMLTimex
	Kind      string // missed, spurious, extent, type, value
	DCT       time.Time
	Context   string
}

// NewTimexScores returns an empty evaluation; with keepErrors it records
// every mismatch in Errors.
func NewTimexScores(keepErrors bool) *TimexScores {
	return &TimexScores{keepErrors: keepErrors}
}

// Add scores the system's expressions of one document against the gold ones.
func (s *TimexScores) Add(doc *TimeMLDoc, sys []TimeMLTimex) {
	s.Docs++
	gold := doc.Timexes
	s.Gold += len(gold)
	s.System += len(sys)
	overlap := func(a, b TimeMLTimex) int {
		return min(a.End, b.End) - max(a.Start, b.Start)
	}
	context := func(x TimeMLTimex) string {
		a, b := max(0, x.Start-60), min(len(doc.Text), x.End+40)
		return strings.Join(strings.Fields(doc.Text[a:x.Start]+"[["+doc.Text[x.Start:x.End]+"]]"+doc.Text[x.End:b]), " ")
	}
	record := func(kind string, g, y *TimeMLTimex) {
		if !s.keepErrors {
			return
		}
		x := g
		if x == nil {
			x = y
		}
		s.Errors = append(s.Errors, TimexError{Doc: doc.Name, Gold: g, Sys: y, Kind: kind, DCT: doc.DCT, Context: context(*x)})
	}
	for gi := range gold {
		g := &gold[gi]
		best, bestOv := -1, 0
		strict := false
		for k := range sys {
			ov := overlap(*g, sys[k])
			if ov <= 0 {
				continue
			}
			if sys[k].Start == g.Start && sys[k].End == g.End {
				strict = true
			}
			if ov > bestOv {
				best, bestOv = k, ov
			}
		}
		if best < 0 {
			record("missed", g, nil)
			continue
		}
		y := &sys[best]
		s.RelaxedGold++
		if strict {
			s.StrictGold++
		} else {
			record("extent", g, y)
		}
		if y.Type == g.Type {
			s.TypeCorrect++
		} else {
			record("type", g, y)
		}
		if y.Value == g.Value {
			s.ValueCorrect++
		} else {
			record("value", g, y)
		}
	}
	for k := range sys {
		y := &sys[k]
		matched, strict := false, false
		for gi := range gold {
			if overlap(gold[gi], *y) > 0 {
				matched = true
				if gold[gi].Start == y.Start && gold[gi].End == y.End {
					strict = true
				}
			}
		}
		if matched {
			s.RelaxedSystem++
		} else {
			record("spurious", nil, y)
		}
		if strict {
			s.StrictSystem++
		}
	}
}

func timexRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func timexF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// StrictF1 is the F1 of exact extent matches, in percent.
func (s *TimexScores) StrictF1() float64 {
	return 100 * timexF1(timexRatio(s.StrictSystem, s.System), timexRatio(s.StrictGold, s.Gold))
}

// RelaxedF1 is the F1 of overlapping extent matches, in percent.
func (s *TimexScores) RelaxedF1() float64 {
	return 100 * timexF1(timexRatio(s.RelaxedSystem, s.System), timexRatio(s.RelaxedGold, s.Gold))
}

// TypeF1 is the type accuracy over relaxed matches times the relaxed F1, in percent.
func (s *TimexScores) TypeF1() float64 {
	return timexRatio(s.TypeCorrect, s.RelaxedGold) * s.RelaxedF1()
}

// ValueF1 is the value accuracy over relaxed matches times the relaxed F1, in
// percent: the headline figure of TempEval-3 for temporal expressions.
func (s *TimexScores) ValueF1() float64 {
	return timexRatio(s.ValueCorrect, s.RelaxedGold) * s.RelaxedF1()
}

// Report writes the figures; the last line is "value-F1 NN.NN".
func (s *TimexScores) Report(w io.Writer) error {
	pct := func(a, b int) string { return fmt.Sprintf("%6.2f", 100*timexRatio(a, b)) }
	_, err := fmt.Fprintf(w, `timex evaluation (TempEval-3): %d documents, %d gold and %d system expressions
                 precision  recall      F1
strict match        %s  %s  %6.2f
relaxed match       %s  %s  %6.2f
                  accuracy              F1
type                %s          %6.2f
value               %s          %6.2f
value-F1 %.2f
`, s.Docs, s.Gold, s.System,
		pct(s.StrictSystem, s.System), pct(s.StrictGold, s.Gold), s.StrictF1(),
		pct(s.RelaxedSystem, s.System), pct(s.RelaxedGold, s.Gold), s.RelaxedF1(),
		pct(s.TypeCorrect, s.RelaxedGold), s.TypeF1(),
		pct(s.ValueCorrect, s.RelaxedGold), s.ValueF1(),
		s.ValueF1())
	return err
}

// ReportErrors writes one line per recorded mismatch.
func (s *TimexScores) ReportErrors(w io.Writer) error {
	show := func(x *TimeMLTimex) string {
		if x == nil {
			return "-"
		}
		return fmt.Sprintf("%q %s %s", x.Text, x.Type, x.Value)
	}
	for _, e := range s.Errors {
		if _, err := fmt.Fprintf(w, "%-8s %s dct=%s gold=%s sys=%s | %s\n", e.Kind, filepath.Base(e.Doc), e.DCT.Format(time.DateOnly), show(e.Gold), show(e.Sys), e.Context); err != nil {
			return err
		}
	}
	return nil
}

// EvalTimex runs a tagger over documents and scores its expressions; with
// keepErrors the scores list every mismatch.
func EvalTimex(docs []*TimeMLDoc, tag func(text string, dct time.Time) []TimeMLTimex, keepErrors bool) *TimexScores {
	s := NewTimexScores(keepErrors)
	for _, d := range docs {
		s.Add(d, tag(d.Text, d.DCT))
	}
	return s
}
