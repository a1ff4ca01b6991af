package ner

import (
	_ "embed"
	"fmt"
	"sync"
)

// The shipped model; data/README.md says what it was trained on and how to
// rebuild it (make model).
//
//go:embed data/ner.model
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// DefaultModel returns the model shipped in the binary, loading it on the
// first call.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(embeddedModel)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// Default returns the shipped model as a Tagger.
func Default() (Tagger, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return m, nil
}
