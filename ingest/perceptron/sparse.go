package perceptron

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// SparseModel is a Model that keeps only the nonzero weights of each row.
// A perceptron with many labels updates few of them for most features (a
// part-of-speech tagger's word features touch three or four of its 64
// labels), so the sparse form is several times smaller and faster to score
// than the dense one. Like Model it is read-only and safe for concurrent
// use.
//
// A row is in ent: ent[off] is the number of weights, and each of the next
// ones packs a label (high 16 bits) with its int16 weight (low 16 bits).
// The frequent features (the bias, common words, the previous tags) have
// weights for most labels, and Score would spend most of its time on their
// scattered adds: their rows are kept dense instead (see laneBits), which
// Score adds in a straight loop, and in the same sparse form in dent for
// the rest of the methods. The index maps a key to the offset of its row
// in ent, or, for a row kept dense, to base + its number among the dense
// rows.
type SparseModel struct {
	labels []string
	scale  float32
	index  *Index
	keys   []uint64
	ent    []uint32
	base   int32    // index values >= base are dense rows
	words  int      // words of a dense row: ceil(L/3)
	dense  []uint64 // the dense rows, words each
	dent   []uint32 // the dense rows as sparse entries, as in ent
	dOff   []int32  // per dense row: the offset of its entries in dent
}

// A dense row packs the weights of three labels in each uint64, as the
// signed sum w0 + w1<<21 + w2<<42. Adding such words adds the three lanes
// at once: the sums of up to maxLaneRows int16 weights fit in 21 bits, and
// unpack recovers them exactly. This is a third of the adds of one per
// label, and compiles to plain 64-bit adds.
const (
	laneBits    = 21
	maxLaneRows = 1 << (laneBits - 1) / (1 << 15) // 32
	maxDenseW   = 64                              // words of a dense row at most (192 labels)
)

// denseDiv: a row with at least L/denseDiv weights is kept dense, a
// threshold measured on the POS tagger (64 labels): 2, 3, 6 and 8 were
// slower.
const denseDiv = 4

// denseRow reports whether a row of n weights of a model of L labels is
// kept dense too.
func denseRow(n, L int) bool { return n > 0 && n*denseDiv >= L && L <= 3*maxDenseW }

// pack writes the dense form of a row of L labels (in increasing label
// order) in w (len(w) == ceil(L/3)).
func pack(row []uint32, w []uint64) {
	for _, e := range row {
		l := e >> 16
		w[l/3] += uint64(int64(int16(e)) << (laneBits * (l % 3)))
	}
}

// unpack adds the lanes of acc, the sums of dense rows, to scores.
func unpack(acc []uint64, scores []int32) {
	for j, a := range acc {
		v := int64(a)
		s0 := v << (64 - laneBits) >> (64 - laneBits)
		v = (v - s0) >> laneBits
		s1 := v << (64 - laneBits) >> (64 - laneBits)
		s2 := (v - s1) >> laneBits
		l := 3 * j
		if l+2 < len(scores) {
			sc := scores[l : l+3 : l+3]
			sc[0] += int32(s0)
			sc[1] += int32(s1)
			sc[2] += int32(s2)
			continue
		}
		scores[l] += int32(s0)
		if l+1 < len(scores) {
			scores[l+1] += int32(s1)
		}
	}
}

// NewSparse returns the sparse form of m, leaving out the weights whose
// absolute value (in units of m.Scale) is below minAbs, and the features
// left with none. minAbs <= 1 keeps every nonzero weight.
func NewSparse(m *Model, minAbs int) (*SparseModel, error) {
	L := len(m.labels)
	keys := make([]uint64, 0, len(m.keys))
	rows := make([][]uint32, 0, len(m.keys))
	total := 0
	for r, k := range m.keys {
		var row []uint32
		for l, v := range m.w[r*L : r*L+L] {
			if v != 0 && (int(v) >= minAbs || -int(v) >= minAbs) {
				row = append(row, uint32(l)<<16|uint32(uint16(v)))
			}
		}
		if len(row) > 0 {
			keys = append(keys, k)
			rows = append(rows, row)
			total += 1 + len(row)
		}
	}
	return buildSparse(slices.Clone(m.labels), m.scale, keys, rows, total)
}

func buildSparse(labels []string, scale float32, keys []uint64, rows [][]uint32, total int) (*SparseModel, error) {
	if total >= MaxRows {
		return nil, fmt.Errorf("perceptron: sparse model of %d weights, at most %d", total, MaxRows-1)
	}
	L := len(labels)
	W := (L + 2) / 3
	dense := make([]bool, len(rows))
	nd := 0
	for i, row := range rows {
		if denseRow(len(row), L) && increasing(row) {
			dense[i] = true
			nd++
		}
	}
	if total+nd >= MaxRows {
		clear(dense)
		nd = 0
	}
	dtotal := 0
	for i, row := range rows {
		if dense[i] {
			dtotal += 1 + len(row)
		}
	}
	s := &SparseModel{labels: labels, scale: scale, index: NewIndex(len(keys)), keys: keys, ent: make([]uint32, 0, total-dtotal),
		base: int32(total), words: W, dense: make([]uint64, nd*W), dent: make([]uint32, 0, dtotal), dOff: make([]int32, 0, nd)}
	for i, k := range keys {
		v := int32(len(s.ent))
		if dense[i] {
			d := len(s.dOff)
			v = s.base + int32(d)
			s.dOff = append(s.dOff, int32(len(s.dent)))
			pack(rows[i], s.dense[d*W:d*W+W])
			s.dent = append(s.dent, uint32(len(rows[i])))
			s.dent = append(s.dent, rows[i]...)
		} else {
			s.ent = append(s.ent, uint32(len(rows[i])))
			s.ent = append(s.ent, rows[i]...)
		}
		if !s.index.Insert(k, v) {
			return nil, fmt.Errorf("perceptron: feature key %#x twice", k)
		}
	}
	return s, nil
}

// increasing reports whether the labels of a row's weights increase: a
// row with a label twice (which no model writes) is not kept dense, whose
// lane would not hold the sum.
func increasing(row []uint32) bool {
	for i := 1; i < len(row); i++ {
		if row[i]>>16 <= row[i-1]>>16 {
			return false
		}
	}
	return true
}

// row returns the sparse entries of key's row, or nil.
func (s *SparseModel) row(key uint64) []uint32 {
	v := s.index.Find(key)
	ent := s.ent
	switch {
	case v < 0:
		return nil
	case v >= s.base:
		v, ent = s.dOff[v-s.base], s.dent
	}
	return ent[v+1 : v+1+int32(ent[v])]
}

// Labels returns the label names, in label-id order. Do not modify.
func (s *SparseModel) Labels() []string { return s.labels }

// NumLabels is the number of labels.
func (s *SparseModel) NumLabels() int { return len(s.labels) }

// Len is the number of features with weights.
func (s *SparseModel) Len() int { return len(s.keys) }

// Weights is the number of nonzero weights.
func (s *SparseModel) Weights() int { return len(s.ent) + len(s.dent) - len(s.keys) }

// Scale is the value of one unit of the int16 weights.
func (s *SparseModel) Scale() float32 { return s.scale }

// Score adds the weights of every known key to scores (len(scores) >=
// NumLabels).
//
// A model too large for the processor's caches costs a memory access or
// two per feature, so Score looks the keys up in batches and in phases:
// first the home slot of every key, then the sparse rows' sizes, then
// their weights. Within a phase the loads do not depend on one another,
// and the processor overlaps their waits. The dense rows are summed in
// their packed form, four at a time, and unpacked into scores at the end
// (or every maxLaneRows rows).
func (s *SparseModel) Score(keys []uint64, scores []int32) {
	scores = scores[:len(s.labels)]
	const batch = 64
	var slot [batch]uint64
	var off [batch]int32 // sparse rows: offset in ent
	var n [batch]uint32  // sparse rows: size
	var dn [batch]int32  // dense rows: number
	var accBuf [maxDenseW]uint64
	acc := accBuf[:min(s.words, maxDenseW)]
	summed := 0 // dense rows in acc
	x := s.index
	base := s.base
	for len(keys) > 0 {
		ks := keys[:min(len(keys), batch)]
		keys = keys[len(ks):]
		for i, k := range ks {
			slot[i] = x.slots[k&x.mask]
		}
		ns, nd := 0, 0
		for i, k := range ks {
			hi := k &^ rowMask
			sl := slot[i]
			var v int32
			switch {
			case sl&^rowMask == hi && sl != 0:
				v = int32(sl&rowMask) - 1
			case sl == 0:
				continue
			default:
				if v = x.probe(k, (k+1)&x.mask); v < 0 {
					continue
				}
			}
			if v >= base {
				dn[nd&(batch-1)] = v - base
				nd++
			} else {
				off[ns&(batch-1)] = v
				ns++
			}
		}
		sp := off[:ns]
		for i, o := range sp {
			n[i] = s.ent[o]
		}
		for i, o := range sp {
			for _, e := range s.ent[o+1 : o+1+int32(n[i])] {
				scores[e>>16] += int32(int16(e))
			}
		}
		for rows := dn[:nd]; len(rows) > 0; {
			if summed == maxLaneRows {
				unpack(acc, scores)
				clear(acc)
				summed = 0
			}
			k := min(len(rows), maxLaneRows-summed)
			s.sum(acc, rows[:k])
			summed += k
			rows = rows[k:]
		}
	}
	if summed > 0 {
		unpack(acc, scores)
	}
}

// sum adds the dense rows to acc (len(acc) == s.words).
func (s *SparseModel) sum(acc []uint64, rows []int32) {
	W := len(acc)
	w := s.dense
	for len(rows) >= 4 {
		a := w[int(rows[0])*W:][:W]
		b := w[int(rows[1])*W:][:W]
		c := w[int(rows[2])*W:][:W]
		d := w[int(rows[3])*W:][:W]
		for j := range acc {
			acc[j] += a[j] + b[j] + c[j] + d[j]
		}
		rows = rows[4:]
	}
	for _, r := range rows {
		a := w[int(r)*W:][:W]
		for j := range acc {
			acc[j] += a[j]
		}
	}
}

// probe continues the search for key from slot i: its row, or -1.
func (x *Index) probe(key, i uint64) int32 {
	hi := key &^ rowMask
	for ; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s == 0 {
			return -1
		}
		if s&^rowMask == hi {
			return int32(s&rowMask) - 1
		}
	}
}

// Header returns a placeholder Model, with one label and no features, for
// the File whose sections hold sparse models (MarshalBinary, DecodeSparse):
// a File needs a Model, and a sparse model may have more labels than a
// Model can.
func (s *SparseModel) Header() *Model {
	return &Model{labels: []string{"sparse"}, scale: 1, index: NewIndex(0)}
}

// MarshalBinary encodes the model, to be stored in a File section: uv n
// and n label strings, the float32 scale, uv k, the k keys (uint64) in the
// order of their home slots in a table of k keys, then for each key in that
// order uv m and m times a label (uv) and an int16 weight.
func (s *SparseModel) MarshalBinary() ([]byte, error) {
	mask := uint64(indexCapacity(len(s.keys)) - 1)
	order := make([]int, len(s.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := s.keys[i]&mask, s.keys[j]&mask
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	b := binary.AppendUvarint(make([]byte, 0, 64+len(s.keys)*8+(len(s.ent)+len(s.dent))*3), uint64(len(s.labels)))
	for _, l := range s.labels {
		b = appendString(b, l)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(s.scale))
	b = binary.AppendUvarint(b, uint64(len(s.keys)))
	for _, i := range order {
		b = binary.LittleEndian.AppendUint64(b, s.keys[i])
	}
	for _, i := range order {
		row := s.row(s.keys[i])
		b = binary.AppendUvarint(b, uint64(len(row)))
		for _, e := range row {
			b = binary.AppendUvarint(b, uint64(e>>16))
			b = binary.LittleEndian.AppendUint16(b, uint16(e))
		}
	}
	return b, nil
}

// DecodeSparse decodes a model encoded by MarshalBinary.
func DecodeSparse(data []byte) (*SparseModel, error) {
	r := reader{b: data}
	L := r.uvarint(1 << 16)
	if L == 0 {
		r.fail("labels")
	}
	labels := make([]string, L)
	for i := range labels {
		labels[i] = r.string()
	}
	scale := math.Float32frombits(r.uint32())
	k := r.uvarint(MaxRows)
	kb := r.bytes(8*k, "sparse keys")
	if r.err != nil {
		return nil, r.err
	}
	keys := make([]uint64, k)
	rows := make([][]uint32, k)
	total := 0
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(kb[8*i:])
	}
	for i := range rows {
		n := r.uvarint(L)
		row := make([]uint32, 0, n)
		for range n {
			l := r.uvarint(L - 1)
			w := r.bytes(2, "sparse weight")
			if r.err != nil {
				return nil, r.err
			}
			row = append(row, uint32(l)<<16|uint32(binary.LittleEndian.Uint16(w)))
		}
		rows[i] = row
		total += 1 + n
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the sparse weights", ErrFormat, len(r.b))
	}
	return buildSparse(labels, scale, keys, rows, total)
}

// Sparse returns the weights averaged over the instances seen, as Model
// does, in sparse form, leaving out the weights whose absolute value is
// below minAbs units (1/32767 of the largest). Unlike a Model, a
// SparseModel may have more than 64 labels.
func (t *Trainer) Sparse(minAbs int) (*SparseModel, error) {
	n := len(t.labels)
	c := max(t.c, 1)
	maxAbs := 0.0
	for i, w := range t.w {
		maxAbs = max(maxAbs, math.Abs(w-t.u[i]/c))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	minAbs = max(minAbs, 1)
	var keys []uint64
	var rows [][]uint32
	total := 0
	for r, k := range t.keys {
		var row []uint32
		for l := range n {
			i := r*n + l
			v := int(math.Round((t.w[i] - t.u[i]/c) / scale))
			if v >= minAbs || -v >= minAbs {
				row = append(row, uint32(l)<<16|uint32(uint16(int16(v))))
			}
		}
		if len(row) > 0 {
			keys = append(keys, k)
			rows = append(rows, row)
			total += 1 + len(row)
		}
	}
	return buildSparse(slices.Clone(t.labels), float32(scale), keys, rows, total)
}

// NewSparseLabels returns a model of the labels without features.
func NewSparseLabels(labels []string) *SparseModel {
	s, _ := buildSparse(slices.Clone(labels), 1, nil, nil, 0)
	return s
}

// Prune returns the model without the weights whose absolute value is
// below minAbs units, and without the features left with none.
func (s *SparseModel) Prune(minAbs int) *SparseModel {
	var keys []uint64
	var rows [][]uint32
	total := 0
	for _, k := range s.keys {
		var row []uint32
		for _, e := range s.row(k) {
			if v := int(int16(e)); v >= minAbs || -v >= minAbs {
				row = append(row, e)
			}
		}
		if len(row) > 0 {
			keys = append(keys, k)
			rows = append(rows, row)
			total += 1 + len(row)
		}
	}
	p, err := buildSparse(s.labels, s.scale, keys, rows, total)
	if err != nil {
		return s // cannot happen: p is smaller than s
	}
	return p
}

// Keys returns the keys of the features, in no particular order. Do not
// modify.
func (s *SparseModel) Keys() []uint64 { return s.keys }

// AverageSparse returns the model whose weights are the means of the
// models' (a feature missing from a model has weights 0 there), as
// Average does for Models. The models must have the same labels.
func AverageSparse(models ...*SparseModel) (*SparseModel, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("perceptron: average of no models")
	}
	labels := models[0].labels
	n := len(labels)
	for _, m := range models[1:] {
		if !slices.Equal(m.labels, labels) {
			return nil, fmt.Errorf("perceptron: average: models of different labels")
		}
	}
	rows := map[uint64]int{}
	var keys []uint64
	for _, m := range models {
		for _, k := range m.keys {
			if _, ok := rows[k]; !ok {
				rows[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	sum := make([]float64, len(keys)*n)
	for _, m := range models {
		w := float64(m.scale) / float64(len(models))
		for _, k := range m.keys {
			dst := sum[rows[k]*n : rows[k]*n+n]
			for _, e := range m.row(k) {
				dst[e>>16] += float64(int16(e)) * w
			}
		}
	}
	maxAbs := 0.0
	for _, v := range sum {
		maxAbs = max(maxAbs, math.Abs(v))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	var outKeys []uint64
	var out [][]uint32
	total := 0
	for r, k := range keys {
		var row []uint32
		for l := range n {
			if v := int(math.Round(sum[r*n+l] / scale)); v != 0 {
				row = append(row, uint32(l)<<16|uint32(uint16(int16(v))))
			}
		}
		if len(row) > 0 {
			outKeys = append(outKeys, k)
			out = append(out, row)
			total += 1 + len(row)
		}
	}
	return buildSparse(slices.Clone(labels), float32(scale), outKeys, out, total)
}
