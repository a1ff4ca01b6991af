package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"kg/graph"
)

// Records as stored. They are JSON: readable with badger's tools, and easy
// to extend; each has the fields the read side needs without further lookups.

type docRecord struct {
	graph.Document
	Sentences []graph.Span `json:"sentences"`
}

type eventRecord struct {
	ID           string           `json:"id"`
	Type         string           `json:"type"`
	CAMEO        string           `json:"cameo,omitempty"`
	Label        string           `json:"label"`
	Date         string           `json:"date"`
	Place        string           `json:"place,omitempty"`
	Participants []participant    `json:"participants"`
	Documents    int              `json:"documents"`
	Evidence     []graph.Evidence `json:"evidence"`
}

type participant struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

type edgeRecord struct {
	Weight   float64          `json:"w"`
	Evidence []graph.Evidence `json:"ev,omitempty"`
}

// mentionRecord is one mention in an M: record; the document is in the key.
type mentionRecord struct {
	Sentence int    `json:"s"`
	Start    int    `json:"b"`
	End      int    `json:"e"`
	Text     string `json:"t"`
}

func encode(v any) ([]byte, error) { return json.Marshal(v) }

func decode(key, val []byte, v any) error {
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

func inKey(to id8, t graph.EdgeType, q string, from id8) []byte {
	return cat([]byte(prefixIn), to[:], []byte{edgeCodes[t]}, []byte(cleanQualifier(q)), []byte{0}, from[:])
}

// parseAdjacency splits an o: or i: key into its near end, type, qualifier and far end.
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
