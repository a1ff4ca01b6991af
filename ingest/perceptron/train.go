package perceptron

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Trainer learns the weights of a Model. Features get rows as they are
// added; Update changes the current weights and keeps, for averaging, the
// sum of every update weighted by the time it was made, so that Model can
// return the average of the weights over all instances in one pass (Daumé
// 2006, "Practical structured learning techniques", §2.1.1). A Trainer is
// not safe for concurrent use.
type Trainer struct {
	labels []string
	rows   map[uint64]int32
	keys   []uint64
	w, u   []float64 // current weights; time-weighted sums of updates
	c      float64   // the clock: the number of instances seen
}

// NewTrainer returns a Trainer for the labels (at most 64).
func NewTrainer(labels []string) *Trainer {
	return &Trainer{labels: slices.Clone(labels), rows: map[uint64]int32{}}
}

// NumLabels is the number of labels.
func (t *Trainer) NumLabels() int { return len(t.labels) }

// Len is the number of features.
func (t *Trainer) Len() int { return len(t.keys) }

// Add returns the row of key, adding the feature if it is new.
func (t *Trainer) Add(key uint64) int32 {
	if r, ok := t.rows[key]; ok {
		return r
	}
	r := int32(len(t.keys))
	t.rows[key] = r
	t.keys = append(t.keys, key)
	n := len(t.labels)
	t.w = append(t.w, make([]float64, n)...)
	t.u = append(t.u, make([]float64, n)...)
	return r
}

// Find returns the row of key, or -1 if the feature is unknown.
func (t *Trainer) Find(key uint64) int32 {
	if r, ok := t.rows[key]; ok {
		return r
	}
	return -1
}

// Score adds the current weights of rows to scores; negative rows add
// nothing.
func (t *Trainer) Score(rows []int32, scores []float64) {
	n := len(t.labels)
	scores = scores[:n]
	for _, r := range rows {
		if r < 0 {
			continue
		}
		for l, v := range t.w[int(r)*n : int(r)*n+n] {
			scores[l] += v
		}
	}
}

// Update adds delta to the weight of label in each row (+1 for the gold
// label and -1 for the predicted one, in the plain perceptron). An update
// made while learning from instance t (after t-1 calls of Tick) counts in
// the average from that instance on.
func (t *Trainer) Update(rows []int32, label int, delta float64) {
	n := len(t.labels)
	cd := t.c * delta
	for _, r := range rows {
		if r < 0 {
			continue
		}
		i := int(r)*n + label
		t.w[i] += delta
		t.u[i] += cd
	}
}

// Reset sets every weight and the clock to zero, keeping the features and
// their rows: for training again, with another order.
func (t *Trainer) Reset() {
	clear(t.w)
	clear(t.u)
	t.c = 0
}

// Tick advances the clock by one instance. Call it once per instance (a
// sentence, for a sequence tagger), updated or not.
func (t *Trainer) Tick() { t.c++ }

// Model returns the weights averaged over the instances seen (the weights
// after each instance, summed and divided by their number), as a quantized
// Model. Features whose averaged weights all round to zero are left out.
func (t *Trainer) Model() (*Model, error) {
	n := len(t.labels)
	avg := make([]float64, len(t.w))
	maxAbs := 0.0
	c := max(t.c, 1)
	for i, w := range t.w {
		a := w - t.u[i]/c
		avg[i] = a
		maxAbs = max(maxAbs, math.Abs(a))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	var keys []uint64
	var q []int16
	row := make([]int16, n)
	for r, k := range t.keys {
		zero := true
		for l := range n {
			v := int16(math.Round(avg[r*n+l] / scale))
			row[l] = v
			zero = zero && v == 0
		}
		if zero {
			continue
		}
		keys = append(keys, k)
		q = append(q, row...)
	}
	return NewModel(slices.Clone(t.labels), float32(scale), keys, q)
}

// Config sets up Train.
type Config struct {
	// Epochs is the largest number of passes over the training instances.
	Epochs int
	// Seed fixes the order of instances in every epoch.
	Seed uint64
	// Patience stops training after so many epochs without a better score
	// on the development data; 0 runs every epoch.
	Patience int
	// Progress, if set, is called after each epoch with its score.
	Progress func(epoch int, score float64, best bool)
}

// Order returns the order of n instances in an epoch: a permutation that
// depends only on the seed and the epoch.
func Order(n int, seed uint64, epoch int) []int {
	r := rand.New(rand.NewPCG(seed, uint64(epoch)))
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// Train runs up to cfg.Epochs epochs. Each calls learn for the n training
// instances in the order of Order (learn decodes, updates and calls Tick),
// then averages the weights into a Model and scores it with eval (on
// development data; higher is better). It returns the model of the best
// epoch and that epoch (from 1). With a nil eval every epoch scores 0 and
// the last model is returned.
func (t *Trainer) Train(cfg Config, n int, learn func(i int) error, eval func(m *Model) (float64, error)) (*Model, int, error) {
	if cfg.Epochs < 1 {
		return nil, 0, errors.New("perceptron: train: no epochs")
	}
	var best *Model
	bestScore, bestEpoch := math.Inf(-1), 0
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		for _, i := range Order(n, cfg.Seed, epoch) {
			if err := learn(i); err != nil {
				return nil, 0, fmt.Errorf("epoch %d, instance %d: %w", epoch, i, err)
			}
		}
		m, err := t.Model()
		if err != nil {
			return nil, 0, err
		}
		score := 0.0
		if eval != nil {
			if score, err = eval(m); err != nil {
				return nil, 0, fmt.Errorf("epoch %d: evaluate: %w", epoch, err)
			}
		}
		improved := score > bestScore || eval == nil
		if improved {
			best, bestScore, bestEpoch = m, score, epoch
		}
		if cfg.Progress != nil {
			cfg.Progress(epoch, score, improved)
		}
		if cfg.Patience > 0 && epoch-bestEpoch >= cfg.Patience {
			break
		}
	}
	return best, bestEpoch, nil
}
