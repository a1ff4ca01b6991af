package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// An ID is a 64-bit hash shown as 16 lower-case hex digits. Ids are stable:
// the same kind and key always give the same id.
const idLen = 16

func hashID(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:idLen/2])
}

// EntityID is the id of the entity of the given kind and canonical key.
func EntityID(kind Kind, key string) string { return hashID(string(kind), key) }

// EventID is the id of an event of a type, a date and an anchor (the id of
// its main participant or place, or its label when it has neither).
func EventID(typ, date, anchor string) string { return hashID("event", typ, date, anchor) }

// DocumentID is the id of a document: a hash of its normalized text, so that
// the same article ingested twice has the same id.
func DocumentID(text string) string { return hashID("document", NormalizeText(text)) }

// NormalizeText puts text in Unicode NFC and collapses runs of white space,
// so that copies of an article that differ only in layout get the same id.
func NormalizeText(text string) string {
	return strings.Join(strings.Fields(norm.NFC.String(text)), " ")
}

// ParseID decodes an id into its 8 bytes.
func ParseID(id string) ([8]byte, error) {
	var b [8]byte
	if len(id) != idLen {
		return b, fmt.Errorf("id %q: want %d hex digits", id, idLen)
	}
	if _, err := hex.Decode(b[:], []byte(id)); err != nil {
		return b, fmt.Errorf("id %q: %w", id, err)
	}
	return b, nil
}

// IDBytes is ParseID for ids known to be valid; it panics otherwise.
func IDBytes(id string) [8]byte {
	b, err := ParseID(id)
	if err != nil {
		panic(err)
	}
	return b
}

// FormatID encodes 8 bytes as an id.
func FormatID(b []byte) string { return hex.EncodeToString(b) }

// IDUint is the id as an integer, for gonum graphs.
func IDUint(id string) (uint64, error) {
	b, err := ParseID(id)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(b[:]), nil
}

// IsID reports whether s has the form of an id.
func IsID(s string) bool {
	_, err := ParseID(s)
	return err == nil
}

// NameKey folds a name to the key used to match it: lower case, without
// diacritics, periods, possessive endings or extra spaces ("U.S." and "US"
// match, "Russia's" and "Russia" match, "François" and "Francois" match).
func NameKey(name string) string {
	name = strings.TrimSpace(name)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(name, suf) && len(name) > len(suf)+1 {
			name = name[:len(name)-len(suf)]
			break
		}
	}
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.':
			continue
		case unicode.IsSpace(r) || r == '-' || r == '‐' || r == '–':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
