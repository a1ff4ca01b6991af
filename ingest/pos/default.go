package pos

import (
	_ "embed"
	"fmt"
	"sync"
)

// The shipped model; data/README.md says what it was trained on and how to
// rebuild it (make model).
//
//go:embed data/pos.model
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the tagger shipped in the binary, loading it on the first
// call.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = Load(embeddedModel)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("pos: embedded model: %w", defaultErr)
		}
	})
	return defaultTagger, defaultErr
}
