package perceptron

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// sparseFixture trains a little model with more labels than a Model allows.
func sparseFixture(t *testing.T, labels int) *Trainer {
	t.Helper()
	names := make([]string, labels)
	for i := range names {
		names[i] = string(rune('A'+i%26)) + string(rune('a'+i/26))
	}
	tr := NewTrainer(names)
	for i := range 200 {
		rows := []int32{tr.Add(uint64(i%17) + 1), tr.Add(uint64(i%5) + 100)}
		tr.Update(rows, i%labels, 1)
		tr.Update(rows, (i*7)%labels, -0.5)
		tr.Tick()
	}
	return tr
}

func TestSparseMatchesDense(t *testing.T) {
	tr := sparseFixture(t, 20)
	m, err := tr.Model()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSparse(m, 1)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := tr.Sparse(1)
	if err != nil {
		t.Fatal(err)
	}
	keys := []uint64{1, 2, 5, 100, 103, 999}
	want := make([]int32, 20)
	m.Score(keys, want)
	for _, sm := range []*SparseModel{s, direct} {
		got := make([]int32, 20)
		sm.Score(keys, got)
		if !slices.Equal(got, want) {
			t.Errorf("sparse scores %v, dense %v", got, want)
		}
		if sm.Len() != m.Len() || sm.Scale() != m.Scale() || !slices.Equal(sm.Labels(), m.Labels()) {
			t.Errorf("sparse: %d features, scale %v; dense %d, %v", sm.Len(), sm.Scale(), m.Len(), m.Scale())
		}
	}
}

func TestSparseManyLabelsRoundTrip(t *testing.T) {
	tr := sparseFixture(t, 90)
	s, err := tr.Sparse(1)
	if err != nil {
		t.Fatal(err)
	}
	if s.NumLabels() != 90 || s.Weights() == 0 {
		t.Fatalf("%d labels, %d weights", s.NumLabels(), s.Weights())
	}
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	f := &File{Kind: "test", Model: s.Header(), Sections: []Section{{Name: "weights", Data: data}}}
	fb, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(fb)
	if err != nil {
		t.Fatal(err)
	}
	sec, _ := g.Section("weights")
	back, err := DecodeSparse(sec)
	if err != nil {
		t.Fatal(err)
	}
	keys := []uint64{1, 3, 7, 100, 104}
	a, b := make([]int32, 90), make([]int32, 90)
	s.Score(keys, a)
	back.Score(keys, b)
	if !slices.Equal(a, b) || back.Len() != s.Len() || back.Weights() != s.Weights() {
		t.Errorf("decoded model scores %v, want %v", b, a)
	}
	for n := range len(data) {
		if _, err := DecodeSparse(data[:n]); err == nil {
			t.Fatalf("no error for %d of %d bytes", n, len(data))
		} else if !errors.Is(err, ErrFormat) {
			t.Fatalf("truncated: %v", err)
		}
	}
	p := s.Prune(1 << 14)
	if p.Weights() >= s.Weights() || p.Weights() == 0 {
		t.Errorf("pruned to %d of %d weights", p.Weights(), s.Weights())
	}
	if NewSparseLabels([]string{"a", "b"}).NumLabels() != 2 {
		t.Error("NewSparseLabels")
	}
}

// FuzzDecodeSparse decodes arbitrary data: it must not panic, and a model
// it accepts must score without panicking.
func FuzzDecodeSparse(f *testing.F) {
	tr := NewTrainer([]string{"a", "b", "c"})
	r := tr.Add(7)
	tr.Update([]int32{r}, 1, 1)
	tr.Tick()
	s, _ := tr.Sparse(1)
	data, _ := s.MarshalBinary()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSparse(data)
		if err != nil {
			return
		}
		scores := make([]int32, s.NumLabels())
		s.Score([]uint64{0, 7, 1 << 63}, scores)
	})
}

// referenceScore is Score in its plainest form: every row's sparse
// entries, one at a time.
func referenceScore(s *SparseModel, keys []uint64, scores []int32) {
	for _, k := range keys {
		for _, e := range s.row(k) {
			scores[e>>16] += int32(int16(e))
		}
	}
}

// checkScores compares Score with referenceScore on random lists of keys
// of s (and unknown ones), long enough to take several batches and to
// unpack the dense rows' sums several times.
func checkScores(t *testing.T, name string, s *SparseModel) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	L := s.NumLabels()
	var denseKeys []uint64
	for _, k := range s.keys {
		if s.index.Find(k) >= s.base {
			denseKeys = append(denseKeys, k)
		}
	}
	for trial := range 300 {
		keys := make([]uint64, rnd.IntN(300))
		for i := range keys {
			switch r := rnd.IntN(10); {
			case r < 4 && len(denseKeys) > 0:
				keys[i] = denseKeys[rnd.IntN(len(denseKeys))]
			case r < 9 && len(s.keys) > 0:
				keys[i] = s.keys[rnd.IntN(len(s.keys))]
			default:
				keys[i] = rnd.Uint64()
			}
		}
		got, want := make([]int32, L), make([]int32, L)
		for l := range L {
			got[l] = int32(l) * 1000
			want[l] = got[l]
		}
		s.Score(keys, got)
		referenceScore(s, keys, want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s, trial %d (%d keys): Score %v, want %v", name, trial, len(keys), got, want)
		}
	}
}

// TestSparseDenseRows checks the dense rows on models of extreme weights
// and label counts that are not multiples of three, or too many to be
// kept dense.
func TestSparseDenseRows(t *testing.T) {
	for _, L := range []int{1, 2, 4, 64, 65, 190, 192, 193, 300} {
		labels := make([]string, L)
		for l := range labels {
			labels[l] = fmt.Sprint(l)
		}
		rnd := rand.New(rand.NewPCG(uint64(L), 3))
		var keys []uint64
		var rows [][]uint32
		total := 0
		for k := range 200 {
			var row []uint32
			for l := range L {
				if k%3 == 0 || rnd.IntN(4) == 0 {
					w := []int16{math.MaxInt16, math.MinInt16, -1, 1, int16(rnd.IntN(1 << 16))}[rnd.IntN(5)]
					row = append(row, uint32(l)<<16|uint32(uint16(w)))
				}
			}
			if len(row) > 0 {
				keys = append(keys, uint64(k)*0x9e3779b97f4a7c15+1)
				rows = append(rows, row)
				total += 1 + len(row)
			}
		}
		s, err := buildSparse(labels, 1, keys, rows, total)
		if err != nil {
			t.Fatal(err)
		}
		if nd := len(s.dOff); (nd == 0) != (L > 3*maxDenseW) {
			t.Errorf("%d labels: %d dense rows", L, nd)
		}
		checkScores(t, fmt.Sprintf("%d labels", L), s)
	}
	// The most the lanes of the packed sums must hold: many rows of the
	// smallest and of the largest weights.
	for _, w := range []int16{math.MinInt16, math.MaxInt16} {
		var keys []uint64
		var rows [][]uint32
		for k := range 100 {
			keys = append(keys, uint64(k)+1)
			rows = append(rows, []uint32{0<<16 | uint32(uint16(w)), 1<<16 | uint32(uint16(w)), 2<<16 | uint32(uint16(w)), 3<<16 | uint32(uint16(w))})
		}
		s, err := buildSparse([]string{"a", "b", "c", "d"}, 1, keys, rows, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{31, 32, 33, 64, 65, 100} {
			got, want := make([]int32, 4), make([]int32, 4)
			s.Score(keys[:n], got)
			referenceScore(s, keys[:n], want)
			if !slices.Equal(got, want) {
				t.Errorf("%d rows of weight %d: Score %v, want %v", n, w, got, want)
			}
		}
	}
}

// TestSparseShippedModels compares Score with referenceScore on the
// shipped models that are sparse (the POS tagger's two passes, the
// parser).
func TestSparseShippedModels(t *testing.T) {
	for _, c := range []struct{ file, section string }{
		{"../pos/data/pos.model", "first"},
		{"../pos/data/pos.model", "second"},
		{"../depparse/data/depparse.model", "weights"},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		sec, ok := f.Section(c.section)
		if !ok {
			t.Fatalf("%s: no section %s", c.file, c.section)
		}
		s, err := DecodeSparse(sec)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.dOff) == 0 {
			t.Errorf("%s %s: no dense rows", c.file, c.section)
		}
		t.Logf("%s %s: %d labels, %d of %d rows dense", c.file, c.section, s.NumLabels(), len(s.dOff), s.Len())
		checkScores(t, c.file+" "+c.section, s)
		back, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back, sec) {
			t.Errorf("%s %s: encodes to other bytes", c.file, c.section)
		}
	}
}
