package depparse

import (
	_ "embed"
	"fmt"
	"sync"

	"kg/ingest/pos"
)

// The shipped models; data/README.md says what they were trained on and
// how to rebuild them (make model). The beam parser is the more accurate
// one (kg parse, kg eval parse); the greedy one parses at about twice its
// speed and reads events as well (kg ingest).
var (
	//go:embed data/depparse.model
	embeddedModel []byte
	//go:embed data/depparse-greedy.model
	embeddedGreedy []byte
)

// shippedModel loads one embedded model, with the shipped tagger, once.
type shippedModel struct {
	name string
	data []byte
	once sync.Once
	p    *Parser
	err  error
}

func (m *shippedModel) get() (*Parser, error) {
	m.once.Do(func() {
		t, err := pos.Default()
		if err != nil {
			m.err = err
			return
		}
		m.p, m.err = m.load(t)
	})
	return m.p, m.err
}

func (m *shippedModel) load(t *pos.Tagger) (*Parser, error) {
	p, err := Load(m.data, t)
	if err != nil {
		return nil, fmt.Errorf("depparse: embedded %s model: %w", m.name, err)
	}
	return p, nil
}

var (
	beamModel   = &shippedModel{name: "beam", data: embeddedModel}
	greedyModel = &shippedModel{name: "greedy", data: embeddedGreedy}
)

// Default returns the beam parser shipped in the binary, with the shipped
// tagger, loading both on the first call.
func Default() (*Parser, error) { return beamModel.get() }

// Greedy returns the greedy parser shipped in the binary, with the shipped
// tagger, loading both on the first call.
func Greedy() (*Parser, error) { return greedyModel.get() }

// LoadDefault loads the shipped beam parser with another tagger.
func LoadDefault(t *pos.Tagger) (*Parser, error) { return beamModel.load(t) }

// LoadGreedy loads the shipped greedy parser with another tagger.
func LoadGreedy(t *pos.Tagger) (*Parser, error) { return greedyModel.load(t) }
