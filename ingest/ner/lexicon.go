package ner

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"kg/ingest/perceptron"
)

// lexicon is what the features know about words and names beyond the
// training data, stored in the model file: word clusters learned from
// unlabeled news text, how words are capitalized in that text, and names
// from the gazetteer. Every part may be missing.
type lexicon struct {
	words   *perceptron.Index // hash of a word as written -> cluster
	paths   []uint64          // cluster -> its path in the cluster tree, below a leading 1 bit
	profile *perceptron.Index // hash of the lower-cased word -> capitalization profile
	gaz     *perceptron.Index // phrase key -> gazetteer categories | gazPrefix
	gazMax  int               // longest phrase, in tokens
	names   *perceptron.Index // letter trigram -> log-odds of the name model (namemodel.go)
}

// Model file sections of the lexicon.
const (
	secClusters = "clusters" // uv n, n uvarint paths; then a table word -> cluster
	secProfile  = "case"     // table lower-cased word -> profile
	secGaz      = "gazetteer"
	secNames    = "names" // table trigram -> log-odds of the name model
)

// gazPrefix marks a phrase key that begins a longer name.
const gazPrefix = 1 << 20

// gazSeed starts the key of a phrase.
var gazSeed = perceptron.Hash("gazetteer phrase")

// gazChain extends a phrase key by a token's gazetteer key.
func gazChain(h, tok uint64) uint64 { return perceptron.Mix(h, tok) }

func decodeLexicon(f *perceptron.File) (*lexicon, error) {
	lex := &lexicon{}
	if b, ok := f.Section(secClusters); ok {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, fmt.Errorf("ner: model: bad cluster table")
		}
		b = b[k:]
		lex.paths = make([]uint64, n)
		for i := range lex.paths {
			p, k := binary.Uvarint(b)
			if k <= 0 {
				return nil, fmt.Errorf("ner: model: bad cluster table")
			}
			lex.paths[i], b = p, b[k:]
		}
		x, err := perceptron.DecodeTable(b)
		if err != nil {
			return nil, fmt.Errorf("ner: model: cluster table: %w", err)
		}
		lex.words = x
	}
	if b, ok := f.Section(secProfile); ok {
		x, err := perceptron.DecodeTable(b)
		if err != nil {
			return nil, fmt.Errorf("ner: model: case table: %w", err)
		}
		lex.profile = x
	}
	if b, ok := f.Section(secNames); ok {
		x, err := perceptron.DecodeTable(b)
		if err != nil {
			return nil, fmt.Errorf("ner: model: name table: %w", err)
		}
		lex.names = x
	}
	if b, ok := f.Section(secGaz); ok {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > 64 {
			return nil, fmt.Errorf("ner: model: bad gazetteer table")
		}
		x, err := perceptron.DecodeTable(b[k:])
		if err != nil {
			return nil, fmt.Errorf("ner: model: gazetteer table: %w", err)
		}
		lex.gaz, lex.gazMax = x, int(n)
	}
	return lex, nil
}

// sections encodes the lexicon for a model file.
func (lex *lexicon) sections(clusterKeys []uint64, clusterVals []int32, profKeys []uint64, profVals []int32, gazKeys []uint64, gazVals []int32) ([]perceptron.Section, error) {
	var out []perceptron.Section
	if len(clusterKeys) > 0 {
		b := binary.AppendUvarint(nil, uint64(len(lex.paths)))
		for _, p := range lex.paths {
			b = binary.AppendUvarint(b, p)
		}
		t, err := perceptron.EncodeTable(clusterKeys, clusterVals)
		if err != nil {
			return nil, err
		}
		out = append(out, perceptron.Section{Name: secClusters, Data: append(b, t...)})
	}
	if len(profKeys) > 0 {
		t, err := perceptron.EncodeTable(profKeys, profVals)
		if err != nil {
			return nil, err
		}
		out = append(out, perceptron.Section{Name: secProfile, Data: t})
	}
	if len(gazKeys) > 0 {
		t, err := perceptron.EncodeTable(gazKeys, gazVals)
		if err != nil {
			return nil, err
		}
		out = append(out, perceptron.Section{Name: secGaz, Data: append(binary.AppendUvarint(nil, uint64(lex.gazMax)), t...)})
	}
	return out, nil
}

// lookup fills in what the lexicon knows about the tokens of a sentence.
func (k *keyer) lookup(toks []token) {
	lex := k.lex
	if lex == nil {
		return
	}
	if lex.words != nil && k.flags&featClusters != 0 {
		for i := range toks {
			t := &toks[i]
			c := lex.words.Find(t.word)
			if c < 0 && t.caps == capAll {
				c = lex.words.Find(t.title)
			}
			if c < 0 && t.caps != capLower {
				c = lex.words.Find(t.lower)
			}
			if c >= int32(len(lex.paths)) {
				c = -1
			}
			t.cluster = c
		}
	}
	if lex.profile != nil && k.flags&featCaseProfile != 0 {
		for i := range toks {
			if p := lex.profile.Find(toks[i].lower); p > 0 {
				toks[i].profile = uint8(p)
			}
		}
	}
	if lex.gaz != nil && k.flags&featGazetteer != 0 {
		for i := range toks {
			h := gazSeed
			for j := i; j < len(toks) && j-i < lex.gazMax; j++ {
				h = gazChain(h, toks[j].gazKey)
				v := lex.gaz.Find(h)
				if v < 0 {
					break
				}
				if cats := uint32(v) &^ gazPrefix; cats != 0 {
					if i == j {
						toks[i].gaz[posU] |= cats
					} else {
						toks[i].gaz[posB] |= cats
						for m := i + 1; m < j; m++ {
							toks[m].gaz[posI] |= cats
						}
						toks[j].gaz[posL] |= cats
					}
				}
				if v&gazPrefix == 0 {
					break
				}
			}
		}
	}
}

// Positions of a token in a gazetteer match.
const (
	posB = iota
	posI
	posL
	posU
)

// pathPrefix returns the first n bits of a cluster path (all of a shorter
// one), keeping the leading 1 so that prefixes of different lengths differ.
func pathPrefix(p uint64, n int) uint64 {
	l := bits.Len64(p) - 1 // the path's length
	if l <= n {
		return p
	}
	return p >> (l - n)
}

// appendLexiconKeys appends the features of clusters, capitalization
// profiles and gazetteer matches.
func (k *keyer) appendLexiconKeys(dst []uint64, toks []token, i int, kind uint8) []uint64 {
	lex := k.lex
	if lex == nil {
		return dst
	}
	mix := perceptron.Mix
	t := &toks[i]
	if k.flags&featClusters != 0 && lex.words != nil {
		if t.cluster >= 0 {
			p := lex.paths[t.cluster]
			dst = append(dst,
				mix(tClusterA, pathPrefix(p, 4)),
				mix(tClusterB, pathPrefix(p, 6)),
				mix(tClusterC, pathPrefix(p, 10)),
				mix(tClusterD, p),
				mix(tClusterCase, pathPrefix(p, 10)|uint64(t.caps)<<56|uint64(kind)<<60),
			)
		}
		if u := tokAt(toks, i-1); u != nil && u.cluster >= 0 {
			dst = append(dst, mix(tClusterM1, pathPrefix(lex.paths[u.cluster], 10)))
		}
		if u := tokAt(toks, i+1); u != nil && u.cluster >= 0 {
			dst = append(dst, mix(tClusterP1, pathPrefix(lex.paths[u.cluster], 10)))
		}
	}
	if k.flags&featCaseProfile != 0 && lex.profile != nil {
		dst = append(dst, mix(tCaseProfile, uint64(t.profile)|uint64(t.caps)<<4|uint64(kind)<<8|b2u(t.first)<<12))
		if u := tokAt(toks, i-1); u != nil {
			dst = append(dst, mix(tCaseProfileM1, uint64(u.profile)|uint64(u.caps)<<4))
		}
		if u := tokAt(toks, i+1); u != nil {
			dst = append(dst, mix(tCaseProfileP1, uint64(u.profile)|uint64(u.caps)<<4))
		}
	}
	if k.flags&featNameModel != 0 && lex.names != nil && (t.caps == capInit || t.caps == capAll) {
		v := lex.nameValue(t.text)
		dst = append(dst,
			mix(tNameModel, v),
			mix(tNameModel, v|b2u(t.cluster < 0)<<8|uint64(kind)<<9|b2u(t.first)<<12),
		)
	}
	if k.flags&featGazetteer != 0 && lex.gaz != nil {
		for pos, cats := range t.gaz {
			for cats != 0 {
				c := uint64(bits.TrailingZeros32(cats))
				cats &= cats - 1
				dst = append(dst,
					mix(tGaz, c<<2|uint64(pos)),
					mix(tGazCase, c<<2|uint64(pos)|uint64(t.caps)<<8|uint64(kind)<<12),
				)
			}
		}
		if u := tokAt(toks, i-1); u != nil {
			for cats := u.gaz[0] | u.gaz[1] | u.gaz[2] | u.gaz[3]; cats != 0; cats &= cats - 1 {
				dst = append(dst, mix(tGazM1, uint64(bits.TrailingZeros32(cats))))
			}
		}
		if u := tokAt(toks, i+1); u != nil {
			for cats := u.gaz[0] | u.gaz[1] | u.gaz[2] | u.gaz[3]; cats != 0; cats &= cats - 1 {
				dst = append(dst, mix(tGazP1, uint64(bits.TrailingZeros32(cats))))
			}
		}
	}
	return dst
}
