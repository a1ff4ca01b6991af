package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
)

// The model file format, version 1. All integers are little-endian; "uv" is
// an unsigned varint (encoding/binary), a string is a uv length and bytes.
//
//	"KGPM"                  magic
//	uint16                  format version (1)
//	string                  kind: what the model is for ("ner", "pos", ...)
//	uv n, n strings         labels
//	float32                 scale of the weights
//	uv k                    number of features
//	k uint64                feature keys
//	k*n int16               weights, a row of n per key
//	uv s, s times:          sections
//	  string, uv len, bytes   name and data
//	uint32                  CRC-32C (Castagnoli) of every byte before it
//
// Keys are written in the order of the slots they take in a table of k keys,
// so that loading fills the table front to back.

const (
	magic         = "KGPM"
	formatVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Section is a named piece of data stored with a model: a lexicon, a
// cluster table, settings of the feature extractor.
type Section struct {
	Name string
	Data []byte
}

// File is the content of a model file: a Model, what it is for, and the
// data its feature extractor needs.
type File struct {
	Kind     string
	Model    *Model
	Sections []Section
}

// Section returns the data of the named section.
func (f *File) Section(name string) ([]byte, bool) {
	for _, s := range f.Sections {
		if s.Name == name {
			return s.Data, true
		}
	}
	return nil, false
}

// MarshalBinary encodes the file.
func (f *File) MarshalBinary() ([]byte, error) {
	m := f.Model
	if m == nil {
		return nil, errors.New("perceptron: encode: no model")
	}
	n := len(m.labels)
	size := 64 + len(f.Kind) + len(m.keys)*(8+2*n)
	for _, l := range m.labels {
		size += len(l) + 2
	}
	for _, s := range f.Sections {
		size += len(s.Name) + len(s.Data) + 20
	}
	b := make([]byte, 0, size)
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint16(b, formatVersion)
	b = appendString(b, f.Kind)
	b = binary.AppendUvarint(b, uint64(n))
	for _, l := range m.labels {
		b = appendString(b, l)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	b = binary.AppendUvarint(b, uint64(len(m.keys)))
	mask := uint64(indexCapacity(len(m.keys)) - 1)
	order := make([]int, len(m.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := m.keys[i]&mask, m.keys[j]&mask
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	for _, r := range order {
		b = binary.LittleEndian.AppendUint64(b, m.keys[r])
	}
	for _, r := range order {
		for _, v := range m.w[r*n : r*n+n] {
			b = binary.LittleEndian.AppendUint16(b, uint16(v))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(f.Sections)))
	for _, s := range f.Sections {
		b = appendString(b, s.Name)
		b = binary.AppendUvarint(b, uint64(len(s.Data)))
		b = append(b, s.Data...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// ErrFormat is returned for data that is not a model file of this version.
var ErrFormat = errors.New("perceptron: not a kg model file")

// Decode reads a model file. The sections' data are sub-slices of data,
// not copies.
func Decode(data []byte) (*File, error) {
	if len(data) < len(magic)+2+4 || string(data[:len(magic)]) != magic {
		return nil, ErrFormat
	}
	if v := binary.LittleEndian.Uint16(data[len(magic):]); v != formatVersion {
		return nil, fmt.Errorf("%w: format version %d, this kg reads version %d (rebuild the model)", ErrFormat, v, formatVersion)
	}
	body := data[:len(data)-4]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(body):]); got != want {
		return nil, fmt.Errorf("perceptron: model file is corrupt (checksum %08x, want %08x)", got, want)
	}
	r := reader{b: body[len(magic)+2:]}
	f := &File{Kind: r.string()}
	n := r.uvarint(64)
	labels := make([]string, n)
	for i := range labels {
		labels[i] = r.string()
	}
	scale := math.Float32frombits(r.uint32())
	k := r.uvarint(MaxRows)
	if r.err == nil && k*(8+2*n) > len(r.b) {
		r.fail("weights")
	}
	var keys []uint64
	var w []int16
	if r.err == nil {
		keys = make([]uint64, k)
		kb := r.bytes(8*k, "keys")
		for i := range keys {
			keys[i] = binary.LittleEndian.Uint64(kb[8*i:])
		}
		wb := r.bytes(2*k*n, "weights")
		w = make([]int16, k*n)
		for i := range w {
			w[i] = int16(binary.LittleEndian.Uint16(wb[2*i:]))
		}
	}
	ns := r.uvarint(1 << 16)
	for range ns {
		name := r.string()
		l := r.uvarint(len(r.b))
		f.Sections = append(f.Sections, Section{Name: name, Data: r.bytes(l, name)})
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the sections", ErrFormat, len(r.b))
	}
	m, err := NewModel(labels, scale, keys, w)
	if err != nil {
		return nil, err
	}
	f.Model = m
	return f, nil
}

// reader reads the fields of a model file; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: truncated or malformed %s", ErrFormat, what)
	}
	r.b = nil
}

func (r *reader) uvarint(limit int) int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(limit) {
		r.fail("count")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// bytes returns the next n bytes, or nil after an error.
func (r *reader) bytes(n int, what string) []byte {
	if r.err != nil || n > len(r.b) {
		r.fail(what)
		return nil
	}
	var out []byte
	out, r.b = r.b[:n:n], r.b[n:]
	return out
}

func (r *reader) string() string { return string(r.bytes(r.uvarint(len(r.b)), "string")) }

func (r *reader) uint32() uint32 {
	b := r.bytes(4, "number")
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}
