package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"kg/graph"
)

// Records as stored. They are JSON: readable with badger's tools, and easy
// to extend; each has the fields the read side needs without further lookups.

type docRecord struct {
	graph.Document
	Sentences []graph.Span `json:"sentences"`
	// Seq is the order in which the document was ingested; re-resolution
	// after curation replays documents in this order.
	Seq uint64 `json:"seq"`
}

type eventRecord struct {
	ID           string           `json:"id"`
	Type         string           `json:"type"`
	CAMEO        string           `json:"cameo,omitempty"`
	Label        string           `json:"label"`
	Date         string           `json:"date"`
	Place        string           `json:"place,omitempty"`
	PlaceCount   int              `json:"place_count,omitempty"`
	Participants []participant    `json:"participants"`
	Documents    int              `json:"documents"`
	Evidence     []graph.Evidence `json:"evidence"`
}

// participant counts how many event mentions gave the entity its role, so
// that taking a document out takes back exactly what it added.
type participant struct {
	ID    string `json:"id"`
	Role  string `json:"role"`
	Count int    `json:"n"`
}

// edgeRecord is an edge's weight and evidence. It is the most rewritten
// record (every co-occurrence of a pair touches it), so it has a compact
// binary form, and its evidence leaves the sentence text to the document.
type edgeRecord struct {
	Weight   float64
	Evidence []graph.Evidence // Text empty; Reader.fillEvidence restores it
}

const edgeRecordVersion = 1

func (r *edgeRecord) marshal() []byte {
	b := make([]byte, 0, 10+len(r.Evidence)*16)
	b = append(b, edgeRecordVersion)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Weight))
	b = binary.AppendUvarint(b, uint64(len(r.Evidence)))
	for _, e := range r.Evidence {
		id, err := graph.ParseID(e.Document)
		if err != nil {
			id = id8{}
		}
		b = append(b, id[:]...)
		b = binary.AppendUvarint(b, uint64(e.Sentence))
		b = binary.AppendUvarint(b, uint64(e.Start))
		b = binary.AppendUvarint(b, uint64(e.End))
	}
	return b
}

var errShortRecord = errors.New("record cut short")

func (r *edgeRecord) unmarshal(b []byte) error {
	if len(b) < 10 || b[0] != edgeRecordVersion {
		return errShortRecord
	}
	r.Weight = math.Float64frombits(binary.BigEndian.Uint64(b[1:9]))
	b = b[9:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errShortRecord
	}
	b = b[k:]
	r.Evidence = make([]graph.Evidence, 0, n)
	for range n {
		if len(b) < 8 {
			return errShortRecord
		}
		e := graph.Evidence{Document: graph.FormatID(b[:8])}
		b = b[8:]
		var vals [3]uint64
		for i := range vals {
			v, k := binary.Uvarint(b)
			if k <= 0 {
				return errShortRecord
			}
			vals[i], b = v, b[k:]
		}
		e.Sentence, e.Start, e.End = int(vals[0]), int(vals[1]), int(vals[2])
		r.Evidence = append(r.Evidence, e)
	}
	return nil
}

// binaryRecord is a record with a binary form of its own.
type binaryRecord interface {
	marshal() []byte
	unmarshal([]byte) error
}

// mentionsRecord is an M: record: the mentions of a node in one document
// (the document is in the key) and the document's date.
type mentionsRecord struct {
	Date     string          `json:"d,omitempty"`
	Mentions []mentionRecord `json:"m"`
}

type mentionRecord struct {
	Sentence int    `json:"s"`
	Start    int    `json:"b"`
	End      int    `json:"e"`
	Text     string `json:"t"`
}

// appliedRecord is what a document contributed (an a: record): the delta
// as extracted, without texts that the document record holds, and the
// stored entity each delta entity was resolved to.
type appliedRecord struct {
	Delta graph.Delta       `json:"delta"`
	Remap map[string]string `json:"remap"`
	// SplitFrom names, for each entity split off by a curation rule, the
	// delta entity its mentions came from, so re-resolution starts from the
	// delta as extracted.
	SplitFrom map[string]string `json:"split_from,omitempty"`
}

func encode(v any) ([]byte, error) {
	if r, ok := v.(binaryRecord); ok {
		return r.marshal(), nil
	}
	return json.Marshal(v)
}

func decode(key, val []byte, v any) error {
	if r, ok := v.(binaryRecord); ok {
		if err := r.unmarshal(val); err != nil {
			return fmt.Errorf("decode record %q: %w (the store may be damaged; run kg check)", printableKey(key), err)
		}
		return nil
	}
	if err := json.Unmarshal(val, v); err != nil {
		return fmt.Errorf("decode record %q: %w (the store may be damaged; run kg check)", printableKey(key), err)
	}
	return nil
}

func printableKey(k []byte) string {
	var b strings.Builder
	for _, c := range k {
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	return b.String()
}

var kindCodes = map[graph.Kind]byte{
	graph.Person:       'p',
	graph.Organization: 'o',
	graph.Place:        'l',
	graph.EventKind:    'e',
	graph.DocumentKind: 'd',
}

var edgeCodes = map[graph.EdgeType]byte{
	graph.ParticipantIn: 'P',
	graph.OccurredIn:    'O',
	graph.RelatedTo:     'R',
	graph.CoOccursWith:  'C',
}

func edgeTypeOf(code byte) (graph.EdgeType, bool) {
	for t, c := range edgeCodes {
		if c == code {
			return t, true
		}
	}
	return "", false
}

type id8 = [8]byte

func cat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func docKey(id id8) []byte    { return cat([]byte(prefixDoc), id[:]) }
func entityKey(id id8) []byte { return cat([]byte(prefixEntity), id[:]) }
func eventKey(id id8) []byte  { return cat([]byte(prefixEvent), id[:]) }

func nameIndexPrefix(kind graph.Kind, key string) []byte {
	return cat([]byte(prefixName), []byte{kindCodes[kind]}, []byte(key), []byte{0})
}

func nameIndexKey(kind graph.Kind, key string, id id8) []byte {
	return cat(nameIndexPrefix(kind, key), id[:])
}

func dateKey(date string, id id8) []byte {
	return cat([]byte(prefixDate), []byte(date), []byte{0}, id[:])
}

// cleanQualifier keeps a qualifier usable inside a key.
func cleanQualifier(q string) string { return strings.ReplaceAll(q, "\x00", "") }

func outKey(from id8, t graph.EdgeType, q string, to id8) []byte {
	return cat([]byte(prefixOut), from[:], []byte{edgeCodes[t]}, []byte(cleanQualifier(q)), []byte{0}, to[:])
}

// adjKey is the value-less twin of outKey that traversals scan.
func adjKey(from id8, t graph.EdgeType, q string, to id8) []byte {
	return cat([]byte(prefixAdj), from[:], []byte{edgeCodes[t]}, []byte(cleanQualifier(q)), []byte{0}, to[:])
}

func inKey(to id8, t graph.EdgeType, q string, from id8) []byte {
	return cat([]byte(prefixIn), to[:], []byte{edgeCodes[t]}, []byte(cleanQualifier(q)), []byte{0}, from[:])
}

// parseAdjacency splits an o:, x: or i: key into its near end, type, qualifier and far end.
func parseAdjacency(k []byte) (near id8, t graph.EdgeType, q string, far id8, ok bool) {
	const p = 2
	if len(k) < p+8+1+1+8 {
		return near, "", "", far, false
	}
	copy(near[:], k[p:p+8])
	t, ok = edgeTypeOf(k[p+8])
	if !ok {
		return near, "", "", far, false
	}
	rest := k[p+9:]
	if rest[len(rest)-9] != 0 {
		return near, "", "", far, false
	}
	q = string(rest[:len(rest)-9])
	copy(far[:], rest[len(rest)-8:])
	return near, t, q, far, true
}

func mentionKey(node, doc id8) []byte { return cat([]byte(prefixMention), node[:], doc[:]) }
func docNodeKey(doc, node id8) []byte { return cat([]byte(prefixDocNodes), doc[:], node[:]) }
func appliedKey(doc id8) []byte       { return cat([]byte(prefixApplied), doc[:]) }

func surnamePrefix(surname string) []byte {
	return cat([]byte(prefixSurname), []byte(surname), []byte{0})
}

func surnameKey(surname string, id id8) []byte { return cat(surnamePrefix(surname), id[:]) }

func redirectKey(from id8) []byte { return cat([]byte(ruleRedirect), from[:]) }
func aliasRuleKey(kind graph.Kind, key string) []byte {
	return cat([]byte(ruleAlias), []byte{kindCodes[kind]}, []byte(key))
}
func blockKey(id id8, key string) []byte { return cat([]byte(ruleBlock), id[:], []byte(key)) }
func nameRuleKey(id id8) []byte          { return cat([]byte(ruleName), id[:]) }
func typeRuleKey(id id8) []byte          { return cat([]byte(ruleType), id[:]) }
