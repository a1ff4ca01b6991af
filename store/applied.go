package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"kg/graph"
)

// The a: record keeps what a document contributed: its delta as extracted
// and how its entities were resolved. It is written once per document and
// is the largest record of the store, so it has a compact binary form.
// Everything the document record already holds is left out: mention texts
// are the text at their offsets, evidence offsets are their sentence's.
//
//	version byte (appliedVersion), then the rest compressed (compress.go):
//	entities:  n, then per entity: id(8) kind(1) key name attrs(n, k, v...) stored-id(8) split-from(uvarint: index+1, 0 none)
//	mentions:  n, then entity-index sentence start end (uvarints)
//	events:    n, then type cameo label date place(index+1) participants(n, index role) evidence(n, sentence)
//	relations: n, then from to (indexes) type(1) qualifier weight(float64 bits) evidence(n, sentence)
//
// Strings are a uvarint length and the bytes. Version 2 compresses what
// version 1 wrote after its version byte.
const appliedVersion = 2

func (rec *appliedRecord) marshal() []byte {
	d := &rec.Delta
	b := make([]byte, 0, 64+len(d.Mentions)*8+len(d.Entities)*40)
	index := make(map[string]int, len(d.Entities))
	b = binary.AppendUvarint(b, uint64(len(d.Entities)))
	for i, e := range d.Entities {
		index[e.ID] = i
		id, _ := graph.ParseID(e.ID)
		b = append(b, id[:]...)
		b = append(b, kindCodes[e.Kind])
		b = appendStr(b, e.Key)
		b = appendStr(b, e.Name)
		b = binary.AppendUvarint(b, uint64(len(e.Attrs)))
		for _, k := range sortedAttrKeys(e.Attrs) {
			b = appendStr(b, k)
			b = appendStr(b, e.Attrs[k])
		}
		stored, _ := graph.ParseID(rec.Remap[e.ID])
		b = append(b, stored[:]...)
	}
	for _, e := range d.Entities {
		from := 0
		if orig, ok := rec.SplitFrom[e.ID]; ok {
			if j, ok := index[orig]; ok {
				from = j + 1
			}
		}
		b = binary.AppendUvarint(b, uint64(from))
	}
	b = binary.AppendUvarint(b, uint64(len(d.Mentions)))
	for _, m := range d.Mentions {
		b = binary.AppendUvarint(b, uint64(index[m.Entity]))
		b = binary.AppendUvarint(b, uint64(m.Sentence))
		b = binary.AppendUvarint(b, uint64(m.Start))
		b = binary.AppendUvarint(b, uint64(m.End))
	}
	ref := func(id string) uint64 {
		if j, ok := index[id]; ok {
			return uint64(j + 1)
		}
		return 0
	}
	appendEvidence := func(b []byte, ev []graph.Evidence) []byte {
		b = binary.AppendUvarint(b, uint64(len(ev)))
		for _, e := range ev {
			b = binary.AppendUvarint(b, uint64(e.Sentence))
		}
		return b
	}
	b = binary.AppendUvarint(b, uint64(len(d.Events)))
	for _, e := range d.Events {
		b = appendStr(b, e.Type)
		b = appendStr(b, e.CAMEO)
		b = appendStr(b, e.Label)
		b = appendStr(b, e.Date)
		b = binary.AppendUvarint(b, ref(e.Place))
		b = binary.AppendUvarint(b, uint64(len(e.Participants)))
		for _, p := range e.Participants {
			b = binary.AppendUvarint(b, ref(p.Entity))
			b = appendStr(b, p.Role)
		}
		b = appendEvidence(b, e.Evidence)
	}
	b = binary.AppendUvarint(b, uint64(len(d.Relations)))
	for _, r := range d.Relations {
		b = binary.AppendUvarint(b, ref(r.From))
		b = binary.AppendUvarint(b, ref(r.To))
		b = append(b, edgeCodes[r.Type])
		b = appendStr(b, r.Qualifier)
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Weight))
		b = appendEvidence(b, r.Evidence)
	}
	return compressTo([]byte{appliedVersion}, b)
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func sortedAttrKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// binReader reads the binary record; the first error sticks.
type binReader struct {
	b   []byte
	err error
}

func (r *binReader) fail() {
	if r.err == nil {
		r.err = errShortRecord
	}
	r.b = nil
}

// varint reads what binary.AppendVarint wrote: a zigzag-encoded uvarint.
func (r *binReader) varint() int64 {
	u := r.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// done is the reader's error, or one for bytes left over.
func (r *binReader) done() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes")
	}
	return r.err
}

func (r *binReader) uvarint() uint64 {
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[k:]
	return v
}

// count reads a length, bounded by what is left to read (each item takes
// at least one byte), so a damaged record cannot ask for huge slices.
func (r *binReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *binReader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *binReader) str() string { return string(r.bytes(r.count())) }

func (r *binReader) byte1() byte {
	v := r.bytes(1)
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

func (r *binReader) id() string {
	v := r.bytes(8)
	if len(v) < 8 {
		return ""
	}
	return graph.FormatID(v)
}

func kindOf(code byte) graph.Kind {
	for k, c := range kindCodes {
		if c == code {
			return k
		}
	}
	return ""
}

func (rec *appliedRecord) unmarshal(b []byte) error {
	if len(b) == 0 || b[0] != appliedVersion {
		return fmt.Errorf("applied record of version %d, want %d", firstByte(b), appliedVersion)
	}
	body, err := decompress(b[1:])
	if err != nil {
		return fmt.Errorf("applied record: %w", err)
	}
	r := &binReader{b: body}
	d := &rec.Delta
	*rec = appliedRecord{Remap: map[string]string{}}
	n := r.count()
	d.Entities = make([]graph.DeltaEntity, n)
	for i := range d.Entities {
		e := &d.Entities[i]
		e.ID = r.id()
		e.Kind = kindOf(r.byte1())
		e.Key = r.str()
		e.Name = r.str()
		if na := r.count(); na > 0 {
			e.Attrs = make(map[string]string, na)
			for range na {
				k := r.str()
				e.Attrs[k] = r.str()
			}
		}
		rec.Remap[e.ID] = r.id()
	}
	for i := range d.Entities {
		if from := r.uvarint(); from > 0 {
			if from > uint64(len(d.Entities)) {
				r.fail()
				break
			}
			if rec.SplitFrom == nil {
				rec.SplitFrom = map[string]string{}
			}
			rec.SplitFrom[d.Entities[i].ID] = d.Entities[from-1].ID
		}
	}
	entity := func(j uint64) string {
		if j >= uint64(len(d.Entities)) {
			r.fail()
			return ""
		}
		return d.Entities[j].ID
	}
	ref := func() string {
		j := r.uvarint()
		if j == 0 {
			return ""
		}
		return entity(j - 1)
	}
	evidence := func() []graph.Evidence {
		n := r.count()
		ev := make([]graph.Evidence, n)
		for i := range ev {
			ev[i].Sentence = int(r.uvarint())
		}
		return ev
	}
	d.Mentions = make([]graph.Mention, r.count())
	for i := range d.Mentions {
		m := &d.Mentions[i]
		m.Entity = entity(r.uvarint())
		m.Sentence = int(r.uvarint())
		m.Start = int(r.uvarint())
		m.End = int(r.uvarint())
	}
	d.Events = make([]graph.DeltaEvent, r.count())
	for i := range d.Events {
		e := &d.Events[i]
		e.Type, e.CAMEO, e.Label, e.Date = r.str(), r.str(), r.str(), r.str()
		e.Place = ref()
		e.Participants = make([]graph.DeltaParticipant, r.count())
		for k := range e.Participants {
			e.Participants[k].Entity = ref()
			e.Participants[k].Role = r.str()
		}
		e.Evidence = evidence()
	}
	d.Relations = make([]graph.DeltaRelation, r.count())
	for i := range d.Relations {
		x := &d.Relations[i]
		x.From, x.To = ref(), ref()
		t, ok := edgeTypeOf(r.byte1())
		if !ok {
			r.fail()
		}
		x.Type = t
		x.Qualifier = r.str()
		w := r.bytes(8)
		if len(w) == 8 {
			x.Weight = math.Float64frombits(binary.BigEndian.Uint64(w))
		}
		x.Evidence = evidence()
	}
	return r.done()
}

func firstByte(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	return int(b[0])
}
