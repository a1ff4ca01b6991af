package perceptron

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// A table is a read-only map from 64-bit keys (hashes of words or phrases)
// to small values (0 <= v < MaxRows), kept in an Index: the form in which a
// feature extractor stores its lexicons in a model File section.
//
// Encoding: uv n, then n uint64 keys in the order of their home slots in a
// table of n keys, then n uvarint values in the same order.

// EncodeTable encodes keys with their values. Keys must be distinct.
func EncodeTable(keys []uint64, vals []int32) ([]byte, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("perceptron: table: %d keys, %d values", len(keys), len(vals))
	}
	mask := uint64(indexCapacity(len(keys)) - 1)
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
		if vals[i] < 0 || vals[i] >= MaxRows {
			return nil, fmt.Errorf("perceptron: table: value %d out of range", vals[i])
		}
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := keys[i]&mask, keys[j]&mask
		if a != b {
			if a < b {
				return -1
			}
			return 1
		}
		return 0
	})
	b := binary.AppendUvarint(make([]byte, 0, 10+len(keys)*11), uint64(len(keys)))
	for _, i := range order {
		b = binary.LittleEndian.AppendUint64(b, keys[i])
	}
	for _, i := range order {
		b = binary.AppendUvarint(b, uint64(vals[i]))
	}
	return b, nil
}

// DecodeTable decodes a table made by EncodeTable.
func DecodeTable(data []byte) (*Index, error) {
	n, k := binary.Uvarint(data)
	if k <= 0 || n > MaxRows || n*8 > uint64(len(data)-k) {
		return nil, fmt.Errorf("%w: bad table size", ErrFormat)
	}
	data = data[k:]
	keys := data[:8*n]
	vals := data[8*n:]
	x := NewIndex(int(n))
	for i := range int(n) {
		v, k := binary.Uvarint(vals)
		if k <= 0 || v >= MaxRows {
			return nil, fmt.Errorf("%w: bad table value", ErrFormat)
		}
		vals = vals[k:]
		if !x.Insert(binary.LittleEndian.Uint64(keys[8*i:]), int32(v)) {
			return nil, fmt.Errorf("%w: table key twice", ErrFormat)
		}
	}
	if len(vals) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after a table", ErrFormat, len(vals))
	}
	return x, nil
}
