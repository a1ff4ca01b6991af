package perceptron

import (
	"fmt"
	"math"
	"slices"
)

// Model is a trained linear model over binary features: for each feature
// key it knows, a row of int16 weights, one per label; a weight's value is
// the int16 times Scale. Scores are sums of rows in int32, which cannot
// overflow for fewer than 65,536 features per decision. A Model is
// read-only and safe for concurrent use.
type Model struct {
	labels []string
	scale  float32
	keys   []uint64 // per row
	w      []int16  // len(keys) rows of len(labels) weights
	index  *Index
}

// NewModel returns a model of the given labels with one row of weights per
// key (len(w) == len(keys)*len(labels)). The slices are kept, not copied.
func NewModel(labels []string, scale float32, keys []uint64, w []int16) (*Model, error) {
	if len(labels) == 0 || len(labels) > 64 {
		return nil, fmt.Errorf("perceptron: %d labels, want 1 to 64", len(labels))
	}
	if len(w) != len(keys)*len(labels) {
		return nil, fmt.Errorf("perceptron: %d weights for %d keys of %d labels", len(w), len(keys), len(labels))
	}
	if len(keys) > MaxRows {
		return nil, fmt.Errorf("perceptron: %d features, at most %d", len(keys), MaxRows)
	}
	m := &Model{labels: labels, scale: scale, keys: keys, w: w, index: NewIndex(len(keys))}
	for i, k := range keys {
		if !m.index.Insert(k, int32(i)) {
			return nil, fmt.Errorf("perceptron: feature key %#x twice", k)
		}
	}
	return m, nil
}

// Labels returns the label names, in label-id order. Do not modify.
func (m *Model) Labels() []string { return m.labels }

// NumLabels is the number of labels.
func (m *Model) NumLabels() int { return len(m.labels) }

// Len is the number of features with weights.
func (m *Model) Len() int { return len(m.keys) }

// Scale is the value of one unit of the int16 weights.
func (m *Model) Scale() float32 { return m.scale }

// Row returns the row of a feature key, or -1 if the model has no weights
// for it.
func (m *Model) Row(key uint64) int32 { return m.index.Find(key) }

// AddRow adds the weights of row to scores (len(scores) >= NumLabels).
// A negative row adds nothing.
func (m *Model) AddRow(row int32, scores []int32) {
	if row < 0 {
		return
	}
	n := len(m.labels)
	w := m.w[int(row)*n : int(row)*n+n]
	scores = scores[:n]
	for l, v := range w {
		scores[l] += int32(v)
	}
}

// Score adds the weights of every known key to scores.
func (m *Model) Score(keys []uint64, scores []int32) {
	for _, k := range keys {
		m.AddRow(m.index.Find(k), scores)
	}
}

// Weight returns the weight of a feature for a label, as a float (0 for
// unknown features).
func (m *Model) Weight(key uint64, label int) float32 {
	r := m.Row(key)
	if r < 0 {
		return 0
	}
	return float32(m.w[int(r)*len(m.labels)+label]) * m.scale
}

// Average returns the model whose weights are the means of the models'
// (a feature missing from a model has weights 0 there): averaging models
// trained on differently shuffled data smooths out the accidents of any one
// order. The models must have the same labels.
func Average(models ...*Model) (*Model, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("perceptron: average of no models")
	}
	labels := models[0].labels
	n := len(labels)
	rows := map[uint64]int{}
	var keys []uint64
	for _, m := range models {
		if len(m.labels) != n {
			return nil, fmt.Errorf("perceptron: average: models of %d and %d labels", n, len(m.labels))
		}
		for i, l := range m.labels {
			if l != labels[i] {
				return nil, fmt.Errorf("perceptron: average: label %d is %q and %q", i, labels[i], l)
			}
		}
		for _, k := range m.keys {
			if _, ok := rows[k]; !ok {
				rows[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	sum := make([]float64, len(keys)*n)
	maxAbs := 0.0
	for _, m := range models {
		for r, k := range m.keys {
			dst := sum[rows[k]*n : rows[k]*n+n]
			for l, v := range m.w[r*n : r*n+n] {
				dst[l] += float64(v) * float64(m.scale) / float64(len(models))
			}
		}
	}
	for _, v := range sum {
		maxAbs = max(maxAbs, math.Abs(v))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	var outKeys []uint64
	var w []int16
	row := make([]int16, n)
	for r, k := range keys {
		zero := true
		for l := range n {
			row[l] = int16(math.Round(sum[r*n+l] / scale))
			zero = zero && row[l] == 0
		}
		if !zero {
			outKeys = append(outKeys, k)
			w = append(w, row...)
		}
	}
	return NewModel(slices.Clone(labels), float32(scale), outKeys, w)
}

// Prune returns the model without the features whose weights are all
// smaller than least in absolute value: a smaller model, faster to score,
// for a little accuracy.
func (m *Model) Prune(least float32) (*Model, error) {
	n := len(m.labels)
	q := int16(min(math.MaxInt16, math.Ceil(float64(least/m.scale))))
	var keys []uint64
	var w []int16
	for r, k := range m.keys {
		row := m.w[r*n : r*n+n]
		keep := false
		for _, v := range row {
			if v >= q || v <= -q {
				keep = true
				break
			}
		}
		if keep {
			keys = append(keys, k)
			w = append(w, row...)
		}
	}
	return NewModel(m.labels, m.scale, keys, w)
}
