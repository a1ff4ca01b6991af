package text

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ewtDev is UD English EWT dev, beside the project's root (see DESIGN.md).
var ewtDev = filepath.Join("..", "..", "..", "shared", "data", "ud-english-ewt", "en_ewt-ud-dev.conllu")

// ewtDoc is one EWT document rebuilt as raw text: its sentences' "# text"
// lines joined by a space (or by a blank line between paragraphs).
type ewtDoc struct {
	text   string
	ends   []int    // gold sentence end offsets
	tokens [][2]int // gold token spans
	spans  [][2]int // gold sentence spans
}

type ewtSent struct {
	text   string
	newPar bool
	newDoc bool
	forms  []string // token surface forms (multiword tokens kept whole unless their words spell them)
}

func readEWT(t testing.TB, path string) []ewtSent {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("EWT dev not available: %v", err)
	}
	defer f.Close()
	var sents []ewtSent
	var cur ewtSent
	pendingDoc, pendingPar := false, false
	mwtEnd := 0
	var mwtForm string
	var mwtWords []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"):
			pendingDoc = true
		case strings.HasPrefix(line, "# newpar"):
			pendingPar = true
		case strings.HasPrefix(line, "# text = "):
			cur.text = strings.TrimPrefix(line, "# text = ")
			cur.newDoc, cur.newPar = pendingDoc, pendingPar
			pendingDoc, pendingPar = false, false
		case line == "":
			if cur.text != "" {
				sents = append(sents, cur)
			}
			cur = ewtSent{}
			mwtEnd = 0
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			id := cols[0]
			if strings.Contains(id, ".") {
				continue // empty node
			}
			if _, b, ok := strings.Cut(id, "-"); ok {
				mwtEnd, _ = strconv.Atoi(b)
				mwtForm, mwtWords = cols[1], nil
				continue
			}
			n, _ := strconv.Atoi(id)
			if n <= mwtEnd {
				mwtWords = append(mwtWords, cols[1])
				if n == mwtEnd {
					if strings.Join(mwtWords, "") == mwtForm {
						cur.forms = append(cur.forms, mwtWords...)
					} else {
						cur.forms = append(cur.forms, mwtForm)
					}
				}
				continue
			}
			cur.forms = append(cur.forms, cols[1])
		}
	}
	if cur.text != "" {
		sents = append(sents, cur)
	}
	return sents
}

// ewtDocs joins sentences into documents; paragraphs are separated by a
// blank line when paras is true, by a space otherwise.
func ewtDocs(sents []ewtSent, paras bool) []ewtDoc {
	var docs []ewtDoc
	var b strings.Builder
	var d ewtDoc
	flush := func() {
		if b.Len() > 0 {
			d.text = b.String()
			docs = append(docs, d)
		}
		b.Reset()
		d = ewtDoc{}
	}
	for _, s := range sents {
		if s.newDoc {
			flush()
		}
		if b.Len() > 0 {
			if paras && s.newPar {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		base := b.Len()
		b.WriteString(s.text)
		d.ends = append(d.ends, b.Len())
		d.spans = append(d.spans, [2]int{base, b.Len()})
		cursor := 0
		for _, f := range s.forms {
			k := strings.Index(s.text[cursor:], f)
			if k < 0 {
				continue // a form that is not in the text (rare normalisations)
			}
			st := cursor + k
			d.tokens = append(d.tokens, [2]int{base + st, base + st + len(f)})
			cursor = st + len(f)
		}
	}
	flush()
	return docs
}

type ewtScore struct {
	goldB, predB, okB int // sentence boundaries inside documents
	goldT, predT, okT int // tokens (exact spans)
	goldS, exactS     int // sentences reproduced exactly
	docs, bytes       int
}

func scoreEWT(docs []ewtDoc) ewtScore {
	var sc ewtScore
	var seg Segmenter
	for _, d := range docs {
		sc.docs++
		sc.bytes += len(d.text)
		sents := seg.Split(d.text)
		gold := map[int]bool{}
		for _, e := range d.ends[:len(d.ends)-1] {
			gold[e] = true
		}
		sc.goldB += len(gold)
		for _, s := range sents[:len(sents)-1] {
			sc.predB++
			if gold[s.End] {
				sc.okB++
			}
		}
		pred := map[[2]int]bool{}
		for _, s := range sents {
			pred[[2]int{s.Start, s.End}] = true
			for _, tk := range s.Tokens {
				pred[[2]int{tk.Start, tk.End}] = true
				sc.predT++
			}
		}
		sc.goldS += len(d.spans)
		for _, sp := range d.spans {
			if pred[sp] {
				sc.exactS++
			}
		}
		gt := map[[2]int]bool{}
		for _, sp := range d.tokens {
			gt[sp] = true
		}
		sc.goldT += len(d.tokens)
		for _, s := range sents {
			for _, tk := range s.Tokens {
				if gt[[2]int{tk.Start, tk.End}] {
					sc.okT++
				}
			}
		}
	}
	return sc
}

func prf(ok, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(ok) / float64(pred)
	}
	if gold > 0 {
		r = float64(ok) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return 100 * p, 100 * r, 100 * f
}

// TestEWTDev measures sentence boundaries and token agreement against UD
// English EWT dev. It is skipped when the corpus is not there. The figures
// are logged (go test -run EWT -v) and must not fall below the last accepted
// ones.
func TestEWTDev(t *testing.T) {
	sents := readEWT(t, ewtDev)
	for _, c := range []struct {
		name          string
		paras         bool
		minBF, minTF  float64
		minBP, minBR  float64
		minExactSents float64
	}{
		// Last accepted: space-joined boundary P 98.8 R 66.4 F1 79.4, token F1
		// 98.2, exact 62.7; paragraphs P 99.0 R 81.0 F1 89.1, exact 77.7.
		{"space-joined", false, 78, 97.5, 97, 64, 61},
		{"paragraphs", true, 87.5, 97.5, 97.5, 79, 76},
	} {
		sc := scoreEWT(ewtDocs(sents, c.paras))
		bp, br, bf := prf(sc.okB, sc.predB, sc.goldB)
		tp, tr, tf := prf(sc.okT, sc.predT, sc.goldT)
		exact := 100 * float64(sc.exactS) / float64(sc.goldS)
		t.Logf("EWT dev %s: %d docs, %d sentences", c.name, sc.docs, sc.goldS)
		t.Logf("  sentence boundaries: P %.1f R %.1f F1 %.1f (%d gold, %d predicted); exact sentences %.1f%%", bp, br, bf, sc.goldB, sc.predB, exact)
		t.Logf("  tokens: P %.1f R %.1f F1 %.1f (%d gold, %d predicted)", tp, tr, tf, sc.goldT, sc.predT)
		if bf < c.minBF || bp < c.minBP || br < c.minBR || tf < c.minTF || exact < c.minExactSents {
			t.Errorf("%s: figures fell below the accepted minimum (boundary P/R/F1 %.1f/%.1f/%.1f, token F1 %.1f, exact %.1f)", c.name, bp, br, bf, tf, exact)
		}
	}
}
