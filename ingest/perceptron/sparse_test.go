package perceptron

import (
	"errors"
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
