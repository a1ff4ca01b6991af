package perceptron

import (
	"unicode"
	"unicode/utf8"
)

// Feature keys are 64-bit hashes. A string is hashed with FNV-1a and
// finalized with the SplitMix64 mixer, so that every bit of a key depends on
// every byte (the index uses the low bits to place a key and the high bits to
// tell keys apart). Keys are stable across runs and machines: they are
// stored in model files.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hasher hashes a sequence of bytes, strings and runes without allocating.
// The zero value is not ready: start from NewHasher.
type Hasher uint64

// NewHasher returns a Hasher in its initial state.
func NewHasher() Hasher { return fnvOffset }

// Byte adds one byte.
func (h Hasher) Byte(b byte) Hasher { return (h ^ Hasher(b)) * fnvPrime }

// String adds the bytes of s.
func (h Hasher) String(s string) Hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ Hasher(s[i])) * fnvPrime
	}
	return h
}

// Rune adds the UTF-8 encoding of r.
func (h Hasher) Rune(r rune) Hasher {
	if r < utf8.RuneSelf {
		return h.Byte(byte(r))
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = h.Byte(b)
	}
	return h
}

// Lower adds s in lower case (Unicode simple case mapping), without
// building the lower-case string.
func (h Hasher) Lower(s string) Hasher {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = h.Byte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		h = h.Rune(unicode.ToLower(r))
		i += size
	}
	return h
}

// Sum returns the finished hash.
func (h Hasher) Sum() uint64 { return mix64(uint64(h)) }

// Hash returns the hash of s.
func Hash(s string) uint64 { return NewHasher().String(s).Sum() }

// HashLower returns the hash of s in lower case: HashLower("Paris") ==
// Hash("paris").
func HashLower(s string) uint64 { return NewHasher().Lower(s).Sum() }

// Mix combines two hashes into one (order matters): a template id with a
// value, or a key with a further value, as in Mix(Mix(t, a), b).
func Mix(a, b uint64) uint64 {
	return mix64(a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019 + a<<6 + a>>2))
}

// mix64 is the SplitMix64 finalizer.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
