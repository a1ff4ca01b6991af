package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"kg/graph"
)

// Records as stored. Entity records are JSON, easy to extend; the records
// written for every document or rewritten batch after batch have binary
// forms, and document records are compressed JSON. Each has the fields the
// read side needs without further lookups.

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
	return appendEvidenceRefs(b, r.Evidence)
}

var errShortRecord = errors.New("record cut short")

func (r *edgeRecord) unmarshal(b []byte) error {
	if len(b) < 10 || b[0] != edgeRecordVersion {
		return errShortRecord
	}
	r.Weight = math.Float64frombits(binary.BigEndian.Uint64(b[1:9]))
	br := &binReader{b: b[9:]}
	r.Evidence = readEvidenceRefs(br)
	return br.err
}

// eventRecord has a binary form for the same reason as edgeRecord, and
// one more: badger keeps values of valueThreshold bytes or more in its
// value log, where each rewrite of a busy event would leave its old
// version behind. As JSON, one event record in six at Reuters ×16 was over
// the threshold; the binary form is about a third of the size.
//
//	version byte (eventRecordVersion)
//	id(8) type cameo label date (strings: uvarint length and bytes)
//	place: 0, or 1 and id(8); place count, documents (varints)
//	participants: n, then id(8) role count(varint)
//	evidence: n, then document(8) sentence start end (uvarints)
const eventRecordVersion = 1

func (r *eventRecord) marshal() []byte {
	b := make([]byte, 0, 48+len(r.Type)+len(r.Label)+len(r.Participants)*16+len(r.Evidence)*16)
	b = append(b, eventRecordVersion)
	b = appendID(b, r.ID)
	b = appendStr(b, r.Type)
	b = appendStr(b, r.CAMEO)
	b = appendStr(b, r.Label)
	b = appendStr(b, r.Date)
	if r.Place == "" {
		b = append(b, 0)
	} else {
		b = appendID(append(b, 1), r.Place)
	}
	b = binary.AppendVarint(b, int64(r.PlaceCount))
	b = binary.AppendVarint(b, int64(r.Documents))
	b = binary.AppendUvarint(b, uint64(len(r.Participants)))
	for _, p := range r.Participants {
		b = appendID(b, p.ID)
		b = appendStr(b, p.Role)
		b = binary.AppendVarint(b, int64(p.Count))
	}
	return appendEvidenceRefs(b, r.Evidence)
}

func (r *eventRecord) unmarshal(b []byte) error {
	if len(b) == 0 || b[0] != eventRecordVersion {
		return fmt.Errorf("event record of version %d, want %d", firstByte(b), eventRecordVersion)
	}
	br := &binReader{b: b[1:]}
	*r = eventRecord{ID: br.id(), Type: br.str(), CAMEO: br.str(), Label: br.str(), Date: br.str()}
	switch br.byte1() {
	case 0:
	case 1:
		r.Place = br.id()
	default:
		br.fail()
	}
	r.PlaceCount = int(br.varint())
	r.Documents = int(br.varint())
	r.Participants = make([]participant, br.count())
	for i := range r.Participants {
		p := &r.Participants[i]
		p.ID = br.id()
		p.Role = br.str()
		p.Count = int(br.varint())
	}
	r.Evidence = readEvidenceRefs(br)
	return br.done()
}

// appendEvidenceRefs writes evidence without its text: n, then document(8)
// sentence start end.
func appendEvidenceRefs(b []byte, ev []graph.Evidence) []byte {
	b = binary.AppendUvarint(b, uint64(len(ev)))
	for _, e := range ev {
		b = appendID(b, e.Document)
		b = binary.AppendUvarint(b, uint64(e.Sentence))
		b = binary.AppendUvarint(b, uint64(e.Start))
		b = binary.AppendUvarint(b, uint64(e.End))
	}
	return b
}

func readEvidenceRefs(br *binReader) []graph.Evidence {
	ev := make([]graph.Evidence, br.count())
	for i := range ev {
		ev[i] = graph.Evidence{Document: br.id(), Sentence: int(br.uvarint()), Start: int(br.uvarint()), End: int(br.uvarint())}
	}
	return ev
}

// appendID writes a 16-hex id as its 8 bytes (zeros if it is not one; the
// writer stores only ids it parsed).
func appendID(b []byte, id string) []byte {
	v, err := graph.ParseID(id)
	if err != nil {
		v = id8{}
	}
	return append(b, v[:]...)
}

// binaryRecord is a record with a binary form of its own.
type binaryRecord interface {
	marshal() []byte
	unmarshal([]byte) error
}

// mentionsRecord is an M: record: the mentions of a node in one document
// (the document is in the key) and the document's date. There is one for
// every entity and event of every document, so it has a binary form: at
// Reuters ×16 the JSON form was 169 MB of the LSM tree's 460.
//
//	version byte (mentionsRecordVersion), date (string)
//	mentions: n, then sentence start end (uvarints) text (string)
type mentionsRecord struct {
	Date     string
	Mentions []mentionRecord
}

type mentionRecord struct {
	Sentence int
	Start    int
	End      int
	Text     string
}

const mentionsRecordVersion = 1

func (r *mentionsRecord) marshal() []byte {
	b := make([]byte, 0, 4+len(r.Date)+len(r.Mentions)*16)
	b = append(b, mentionsRecordVersion)
	b = appendStr(b, r.Date)
	b = binary.AppendUvarint(b, uint64(len(r.Mentions)))
	for _, m := range r.Mentions {
		b = binary.AppendUvarint(b, uint64(m.Sentence))
		b = binary.AppendUvarint(b, uint64(m.Start))
		b = binary.AppendUvarint(b, uint64(m.End))
		b = appendStr(b, m.Text)
	}
	return b
}

func (r *mentionsRecord) unmarshal(b []byte) error {
	if len(b) == 0 || b[0] != mentionsRecordVersion {
		return fmt.Errorf("mentions record of version %d, want %d", firstByte(b), mentionsRecordVersion)
	}
	br := &binReader{b: b[1:]}
	r.Date = br.str()
	r.Mentions = make([]mentionRecord, br.count())
	for i := range r.Mentions {
		r.Mentions[i] = mentionRecord{Sentence: int(br.uvarint()), Start: int(br.uvarint()), End: int(br.uvarint()), Text: br.str()}
	}
	return br.done()
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

// docRecordVersion is the first byte of a d: record; the record's JSON
// follows, compressed (compress.go).
const docRecordVersion = 1

func encode(v any) ([]byte, error) {
	switch r := v.(type) {
	case binaryRecord:
		return r.marshal(), nil
	case *docRecord:
		j, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		return compressTo([]byte{docRecordVersion}, j), nil
	case docRecord, eventRecord, edgeRecord, mentionsRecord, appliedRecord:
		return nil, fmt.Errorf("encode %T: pass a pointer, its stored form is not JSON", v)
	}
	return json.Marshal(v)
}

func decode(key, val []byte, v any) error {
	if r, ok := v.(*docRecord); ok {
		if len(val) == 0 || val[0] != docRecordVersion {
			return fmt.Errorf("decode record %q: document record of version %d, want %d (the store may be damaged; run kg check)", printableKey(key), firstByte(val), docRecordVersion)
		}
		j, err := decompress(val[1:])
		if err == nil {
			err = json.Unmarshal(j, r)
		}
		if err != nil {
			return fmt.Errorf("decode record %q: %w (the store may be damaged; run kg check)", printableKey(key), err)
		}
		return nil
	}
	if r, ok := v.(binaryRecord); ok {
		if err := r.unmarshal(val); err != nil {
			return fmt.Errorf("decode record %q: %w (the store may be damaged; run kg check)", printableKey(key), err)
		}
		return nil
	}
	if !bytes.HasPrefix(key, []byte(prefixEntity)) {
		// Only entity records are plain JSON; reading another record into a
		// struct of the fields wanted would fail on its stored form.
		return fmt.Errorf("decode record %q into %T: only entity records are JSON", printableKey(key), v)
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
func docNodesKey(doc id8) []byte      { return cat([]byte(prefixDocNodes), doc[:]) }

func appliedKey(doc id8) []byte { return cat([]byte(prefixApplied), doc[:]) }

// docNodesValue is an E: record: the 8 bytes of each node id, sorted, once
// each. One record per document instead of one key per node and document
// saved badger 1.6 million of its 4.5 million entries at Reuters ×16.
func docNodesValue(ids []string) []byte {
	// Lower-case hex sorts as the bytes it spells.
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	b := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		b = appendID(b, id)
	}
	return b
}

// docNodes reads an E: record.
func docNodes(key, val []byte) ([]id8, error) {
	if len(val)%8 != 0 {
		return nil, fmt.Errorf("decode record %q: %d bytes, not a list of ids (the store may be damaged; run kg check)", printableKey(key), len(val))
	}
	ids := make([]id8, len(val)/8)
	for i := range ids {
		copy(ids[i][:], val[8*i:])
	}
	return ids, nil
}

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
