package depparse

import (
	_ "embed"
	"fmt"
	"sync"

	"kg/ingest/pos"
)

// The shipped model; data/README.md says what it was trained on and how to
// rebuild it (make model).
//
//go:embed data/depparse.model
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultParser *Parser
	defaultErr    error
)

// Default returns the parser shipped in the binary, with the shipped
// tagger, loading both on the first call.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		t, err := pos.Default()
		if err != nil {
			defaultErr = err
			return
		}
		defaultParser, defaultErr = Load(embeddedModel, t)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("depparse: embedded model: %w", defaultErr)
		}
	})
	return defaultParser, defaultErr
}

// LoadDefault loads the shipped parser model with another tagger.
func LoadDefault(t *pos.Tagger) (*Parser, error) {
	p, err := Load(embeddedModel, t)
	if err != nil {
		return nil, fmt.Errorf("depparse: embedded model: %w", err)
	}
	return p, nil
}
