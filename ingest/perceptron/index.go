package perceptron

import "math/bits"

// Index maps feature keys to rows: an open-addressing hash table with linear
// probing in one array of uint64 slots. A slot holds the key's high 40 bits
// and the row + 1 in its low 24 bits, so that finding a key costs one cache
// miss. Keys that agree in their high 40 bits and share a probe run are taken
// for one another; with 64-bit hashed keys this happens about once in 2^40
// probes, which a linear model shrugs off.
type Index struct {
	slots []uint64
	mask  uint64
	n     int
}

const (
	rowBits = 24
	rowMask = 1<<rowBits - 1
	// MaxRows is the largest number of rows an Index can hold.
	MaxRows = rowMask - 1
)

// indexCapacity is the table size for n keys: a power of two with a load
// factor of at most 0.6.
func indexCapacity(n int) int {
	c := max(n+n*2/3, 16)
	return 1 << bits.Len(uint(c-1))
}

// NewIndex returns an empty index with room for n keys.
func NewIndex(n int) *Index {
	c := indexCapacity(n)
	return &Index{slots: make([]uint64, c), mask: uint64(c - 1)}
}

// home is the slot where the search for key starts.
func (x *Index) home(key uint64) uint64 { return key & x.mask }

// Insert adds key with row (0 <= row < MaxRows) and reports whether it was
// added; it is not when the key (or one indistinguishable from it) is
// there already. Insert does not grow the table: create it with room.
func (x *Index) Insert(key uint64, row int32) bool {
	if row < 0 || row >= MaxRows || x.n >= len(x.slots)-1 {
		return false
	}
	hi := key &^ rowMask
	for i := x.home(key); ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s == 0 {
			x.slots[i] = hi | uint64(row+1)
			x.n++
			return true
		}
		if s&^rowMask == hi {
			return false
		}
	}
}

// Find returns the row of key, or -1.
func (x *Index) Find(key uint64) int32 {
	hi := key &^ rowMask
	for i := x.home(key); ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s == 0 {
			return -1
		}
		if s&^rowMask == hi {
			return int32(s&rowMask) - 1
		}
	}
}

// Len is the number of keys.
func (x *Index) Len() int { return x.n }
