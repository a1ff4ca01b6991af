package perceptron

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHash(t *testing.T) {
	// Keys are stored in model files: they must never change.
	for _, tc := range []struct {
		s    string
		want uint64
	}{
		{"", 0xf52a15e9a9b5e89b},
		{"Paris", 0x5762b457e445b6d9},
	} {
		if got := Hash(tc.s); got != tc.want {
			t.Errorf("Hash(%q) = %#x, want %#x", tc.s, got, tc.want)
		}
	}
	if HashLower("PaRIS") != Hash("paris") || HashLower("ÉTÉ") != Hash("été") {
		t.Error("HashLower is not Hash of the lower-cased string")
	}
	if NewHasher().String("ab").Sum() != NewHasher().Byte('a').Rune('b').Sum() {
		t.Error("String and Byte/Rune disagree")
	}
	if Mix(1, 2) == Mix(2, 1) {
		t.Error("Mix is symmetric")
	}
}

func TestIndex(t *testing.T) {
	const n = 10000
	x := NewIndex(n)
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = r.Uint64()
		if !x.Insert(keys[i], int32(i)) {
			t.Fatalf("insert %d failed", i)
		}
	}
	if x.Insert(keys[5], 99) {
		t.Error("inserted a key twice")
	}
	for i, k := range keys {
		if got := x.Find(k); got != int32(i) {
			t.Fatalf("Find(key %d) = %d", i, got)
		}
	}
	misses := 0
	for range 100000 {
		if x.Find(r.Uint64()) >= 0 {
			misses++
		}
	}
	if misses > 0 {
		t.Errorf("%d unknown keys found", misses)
	}
	if x.Len() != n {
		t.Errorf("Len = %d", x.Len())
	}
}

func testModel(t testing.TB) *Model {
	tr := NewTrainer([]string{"A", "B", "C"})
	rows := []int32{tr.Add(Hash("f1")), tr.Add(Hash("f2")), tr.Add(Hash("f3"))}
	tr.Update(rows[:2], 0, 1)
	tr.Tick()
	tr.Update(rows[1:], 2, -0.5)
	tr.Tick()
	m, err := tr.Model()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainerAverages(t *testing.T) {
	tr := NewTrainer([]string{"A", "B"})
	f := tr.Add(Hash("f"))
	g := tr.Add(Hash("g"))
	// f gets +1 for A before the first of four instances, g gets +1 for B
	// before the last: averaged over four instances, f has 1 and g 1/4.
	tr.Update([]int32{f}, 0, 1)
	tr.Tick()
	tr.Tick()
	tr.Tick()
	tr.Update([]int32{g}, 1, 1)
	tr.Tick()
	m, err := tr.Model()
	if err != nil {
		t.Fatal(err)
	}
	if w := m.Weight(Hash("f"), 0); abs(w-1) > 1e-3 {
		t.Errorf("f/A = %v, want 1", w)
	}
	if w := m.Weight(Hash("g"), 1); abs(w-0.25) > 1e-3 {
		t.Errorf("g/B = %v, want 0.25", w)
	}
	if w := m.Weight(Hash("g"), 0); w != 0 {
		t.Errorf("g/A = %v, want 0", w)
	}
	// Scores of the current weights.
	sc := make([]float64, 2)
	tr.Score([]int32{f, g, -1}, sc)
	if sc[0] != 1 || sc[1] != 1 {
		t.Errorf("Score = %v", sc)
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestCodecRoundTrip(t *testing.T) {
	m := testModel(t)
	f := &File{Kind: "test", Model: m, Sections: []Section{{"one", []byte("hello")}, {"empty", nil}}}
	data, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if g.Kind != "test" || !slices.Equal(g.Model.Labels(), m.Labels()) || g.Model.Scale() != m.Scale() || g.Model.Len() != m.Len() {
		t.Fatalf("decoded %+v", g)
	}
	for _, k := range []string{"f1", "f2", "f3", "none"} {
		for l := range 3 {
			if a, b := m.Weight(Hash(k), l), g.Model.Weight(Hash(k), l); a != b {
				t.Errorf("weight %s/%d: %v, decoded %v", k, l, a, b)
			}
		}
	}
	if s, ok := g.Section("one"); !ok || string(s) != "hello" {
		t.Errorf("section one = %q, %v", s, ok)
	}
	if _, ok := g.Section("missing"); ok {
		t.Error("found a missing section")
	}
	again, err := g.MarshalBinary()
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("re-encoding differs (%v)", err)
	}
	// Damage is detected.
	for _, i := range []int{0, 5, len(data) / 2, len(data) - 1} {
		bad := bytes.Clone(data)
		bad[i] ^= 0x10
		if _, err := Decode(bad); err == nil {
			t.Errorf("flipping byte %d went unnoticed", i)
		}
	}
	for _, n := range []int{0, 3, 10, len(data) - 1} {
		if _, err := Decode(data[:n]); err == nil {
			t.Errorf("truncation to %d bytes went unnoticed", n)
		}
	}
	if _, err := Decode([]byte("KGPM\x02\x00xxxxxxxx")); !errors.Is(err, ErrFormat) {
		t.Errorf("other version: %v", err)
	}
}

func TestTableRoundTrip(t *testing.T) {
	keys := []uint64{Hash("a"), Hash("b"), Hash("c")}
	vals := []int32{0, 7, 1 << 20}
	b, err := EncodeTable(keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	x, err := DecodeTable(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if got := x.Find(k); got != vals[i] {
			t.Errorf("Find(%d) = %d, want %d", i, got, vals[i])
		}
	}
	if x.Find(Hash("d")) != -1 {
		t.Error("found a missing key")
	}
	if _, err := DecodeTable(b[:len(b)-1]); err == nil {
		t.Error("truncated table decoded")
	}
}

func FuzzDecode(f *testing.F) {
	m := testModel(f)
	data, _ := (&File{Kind: "x", Model: m, Sections: []Section{{"s", []byte{1, 2}}}}).MarshalBinary()
	f.Add(data)
	f.Add([]byte("KGPM"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Decode(b)
		if err != nil {
			return
		}
		// Whatever decodes re-encodes, and decodes again to the same.
		again, err := file.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		file2, err := Decode(again)
		if err != nil {
			t.Fatal(err)
		}
		if again2, err := file2.MarshalBinary(); err != nil || !bytes.Equal(again, again2) {
			t.Errorf("re-encoding differs (%v)", err)
		}
	})
}

// bruteForce scores every allowed sequence.
func bruteForce(emit []float64, n, L int, tr *Transitions[float64], c *Constraints) ([]int, float64, bool) {
	seq := make([]int, n)
	var best []int
	bestScore := 0.0
	var rec func(i int, score float64)
	rec = func(i int, score float64) {
		if i == n {
			if c.End&(1<<seq[n-1]) == 0 {
				return
			}
			score += tr.End[seq[n-1]]
			if best == nil || score > bestScore {
				best, bestScore = slices.Clone(seq), score
			}
			return
		}
		for y := range L {
			s := score + emit[i*L+y]
			if i == 0 {
				if c.Start&(1<<y) == 0 {
					continue
				}
				s += tr.Start[y]
			} else {
				if c.Next[seq[i-1]]&(1<<y) == 0 {
					continue
				}
				s += tr.Step[seq[i-1]*L+y]
			}
			seq[i] = y
			rec(i+1, s)
		}
	}
	rec(0, 0)
	return best, bestScore, best != nil
}

func TestViterbi(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var dec Decoder[float64]
	var dec32 Decoder[int32]
	for trial := range 300 {
		L := 1 + r.IntN(4)
		n := 1 + r.IntN(5)
		emit := make([]float64, n*L)
		for i := range emit {
			emit[i] = float64(r.IntN(21) - 10)
		}
		tr := Transitions[float64]{Start: make([]float64, L), Step: make([]float64, L*L), End: make([]float64, L)}
		for _, s := range [][]float64{tr.Start, tr.Step, tr.End} {
			for i := range s {
				s[i] = float64(r.IntN(11) - 5)
			}
		}
		c := Unconstrained(L)
		if trial%2 == 1 { // random constraints
			c.Start, c.End = r.Uint64()&(1<<L-1), r.Uint64()&(1<<L-1)
			for p := range c.Next {
				c.Next[p] = r.Uint64() & (1<<L - 1)
			}
		}
		want, wantScore, ok := bruteForce(emit, n, L, &tr, &c)
		got := make([]int, n)
		err := dec.Decode(emit, n, L, &tr, &c, got)
		if !ok {
			if err == nil {
				t.Errorf("trial %d: no allowed sequence, but Decode found %v", trial, got)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if score := pathScore(emit, L, &tr, got); score != wantScore {
			t.Errorf("trial %d: Decode %v scores %v, best %v scores %v", trial, got, score, want, wantScore)
		}
		// The int32 decoder agrees.
		e32 := make([]int32, len(emit))
		for i, v := range emit {
			e32[i] = int32(v)
		}
		tr32 := Transitions[int32]{Start: to32(tr.Start), Step: to32(tr.Step), End: to32(tr.End)}
		got32 := make([]int, n)
		if err := dec32.Decode(e32, n, L, &tr32, &c, got32); err != nil || pathScore(emit, L, &tr, got32) != wantScore {
			t.Errorf("trial %d: int32 decoder found %v (%v)", trial, got32, err)
		}
	}
}

func to32(s []float64) []int32 {
	out := make([]int32, len(s))
	for i, v := range s {
		out[i] = int32(v)
	}
	return out
}

func pathScore(emit []float64, L int, tr *Transitions[float64], seq []int) float64 {
	s := tr.Start[seq[0]] + tr.End[seq[len(seq)-1]]
	for i, y := range seq {
		s += emit[i*L+y]
		if i > 0 {
			s += tr.Step[seq[i-1]*L+y]
		}
	}
	return s
}

// TestTrainSequences learns a toy tagging task: "b" is labelled B, and so is
// "x" after "a"; everything else is A.
func TestTrainSequences(t *testing.T) {
	labels := []string{"A", "B"}
	data := [][]string{{"a", "x"}, {"b", "x"}, {"x", "a", "x"}, {"b", "b"}, {"a", "a", "x"}}
	gold := func(s []string) []int {
		out := make([]int, len(s))
		for i, w := range s {
			if w == "b" || w == "x" && i > 0 && s[i-1] == "a" {
				out[i] = 1
			}
		}
		return out
	}
	feats := func(s []string, i int) []uint64 {
		prev := "<s>"
		if i > 0 {
			prev = s[i-1]
		}
		return []uint64{Mix(1, Hash(s[i])), Mix(2, Hash(prev)), Mix(Mix(3, Hash(s[i])), Hash(prev))}
	}
	tr := NewTrainer(labels)
	c := Unconstrained(2)
	var dec Decoder[float64]
	learn := func(k int) error {
		s := data[k]
		n := len(s)
		emit := make([]float64, n*2)
		rows := make([][]int32, n)
		for i := range s {
			for _, f := range feats(s, i) {
				rows[i] = append(rows[i], tr.Add(f))
			}
			tr.Score(rows[i], emit[i*2:])
		}
		zero := Transitions[float64]{Start: make([]float64, 2), Step: make([]float64, 4), End: make([]float64, 2)}
		pred := make([]int, n)
		if err := dec.Decode(emit, n, 2, &zero, &c, pred); err != nil {
			return err
		}
		for i, y := range gold(s) {
			if pred[i] != y {
				tr.Update(rows[i], y, 1)
				tr.Update(rows[i], pred[i], -1)
			}
		}
		tr.Tick()
		return nil
	}
	epochs := 0
	m, best, err := tr.Train(Config{Epochs: 20, Seed: 7, Progress: func(int, float64, bool) { epochs++ }}, len(data), learn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if best != 20 || epochs != 20 {
		t.Errorf("best epoch %d after %d epochs, want the last of 20", best, epochs)
	}
	// The averaged model gets nearly all right (the last weights all: ties
	// they leave, the average may break either way).
	right, total := 0, 0
	for _, s := range data {
		for i, y := range gold(s) {
			sc := make([]int32, 2)
			m.Score(feats(s, i), sc)
			got := 0
			if sc[1] > sc[0] {
				got = 1
			}
			if got == y {
				right++
			}
			total++
		}
	}
	if right < total-1 {
		t.Errorf("averaged model: %d of %d right", right, total)
	}
	if !slices.Equal(Order(10, 1, 1), Order(10, 1, 1)) || slices.Equal(Order(10, 1, 1), Order(10, 1, 2)) {
		t.Error("Order is not a function of seed and epoch")
	}
}

func BenchmarkIndexFind(b *testing.B) {
	const n = 1 << 20
	x := NewIndex(n)
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = r.Uint64()
		x.Insert(keys[i], int32(i))
	}
	i := 0
	for b.Loop() {
		x.Find(keys[i&(n-1)])
		i += 7919
	}
}
