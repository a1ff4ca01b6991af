// Package graph is kg's domain: documents, entities, events, relations, the
// mentions and evidence that tie them to text, and the Delta that an extractor
// produces for one document. It imports nothing of the project's own.
package graph

import "time"

// Kind is the kind of a node.
type Kind string

// Node kinds.
const (
	Person       Kind = "person"
	Organization Kind = "organization"
	Place        Kind = "place"
	EventKind    Kind = "event"
	DocumentKind Kind = "document"
)

// EntityKinds lists the kinds an Entity can have, in display order.
var EntityKinds = []Kind{Person, Organization, Place}

// ParseEntityKind accepts "person", "organization"/"org", "place"/"location".
func ParseEntityKind(s string) (Kind, bool) {
	switch s {
	case "person", "per", "PER":
		return Person, true
	case "organization", "organisation", "org", "ORG":
		return Organization, true
	case "place", "location", "loc", "LOC":
		return Place, true
	}
	return "", false
}

// Document is one article as a source reader produced it.
type Document struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Text      string    `json:"text,omitempty"`
	// ExternalID is the id the source gave the document (a JSON record's
	// "id"), if any; the document's own id is always the hash of its text.
	ExternalID string `json:"external_id,omitempty"`
	// Source says where the document came from: a path, a path with a line
	// number ("feed.jsonl:12"), a URL or "stdin".
	Source string `json:"source,omitempty"`
}

// DateString is the publication date as YYYY-MM-DD, or "" when unknown.
func (d Document) DateString() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(time.DateOnly)
}

// Span is a half-open range of byte offsets [Start, End) into a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence ties a fact to the sentence it came from.
type Evidence struct {
	Document string `json:"document"`
	Sentence int    `json:"sentence"` // index of the sentence in the document, from 0
	Start    int    `json:"start"`    // byte offsets of the sentence in the document text
	End      int    `json:"end"`
	Text     string `json:"text"` // the sentence
}

// Mention is one occurrence of an entity in a document.
type Mention struct {
	Entity   string `json:"entity"` // entity id
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"` // byte offsets of the mention in the document text
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// Alias is one surface form of an entity with the number of times it was seen.
type Alias struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Entity is a person, organization or place.
type Entity struct {
	ID        string            `json:"id"`
	Kind      Kind              `json:"type"`
	Name      string            `json:"name"`
	Aliases   []Alias           `json:"aliases"`
	Mentions  int               `json:"mentions"`
	Documents int               `json:"documents"`
	FirstSeen string            `json:"first_seen,omitempty"` // YYYY-MM-DD of the earliest document
	LastSeen  string            `json:"last_seen,omitempty"`
	Attrs     map[string]string `json:"attributes,omitempty"`
}

// AliasCount returns how often name was seen as a surface form of e.
func (e *Entity) AliasCount(name string) int {
	for _, a := range e.Aliases {
		if a.Name == name {
			return a.Count
		}
	}
	return 0
}

// Ref names a node from another record.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind Kind   `json:"type,omitempty"`
}

// Roles of event participants.
const (
	RoleAgent  = "agent"
	RoleTarget = "target"
	RoleOther  = "other"
)

// Participant is an entity taking part in an event in a role.
type Participant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind Kind   `json:"type"`
	Role string `json:"role"`
}

// Event is a dated happening with participants.
type Event struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	CAMEO string `json:"cameo,omitempty"`
	Label string `json:"label"`
	// Date is an ISO 8601 / TIMEX3 value ("2015-09-30", "2015-11", "2015",
	// "XXXX-09-30"); "" when the text gives none.
	Date         string        `json:"date"`
	Place        *Ref          `json:"place"`
	Participants []Participant `json:"participants"`
	Documents    int           `json:"documents"`
	Evidence     []Evidence    `json:"evidence"`
}

// EdgeType is the type of a relationship.
type EdgeType string

// Relationship types.
const (
	ParticipantIn EdgeType = "PARTICIPANT_IN" // entity -> event, Qualifier is the role
	OccurredIn    EdgeType = "OCCURRED_IN"    // event -> place
	RelatedTo     EdgeType = "RELATED_TO"     // entity -> entity, Qualifier is the predicate
	CoOccursWith  EdgeType = "CO_OCCURS_WITH" // entity <-> entity, stored from the smaller id
	MentionedIn   EdgeType = "MENTIONED_IN"   // entity or event -> document
)

// EdgeTypes lists every relationship type.
var EdgeTypes = []EdgeType{ParticipantIn, OccurredIn, RelatedTo, CoOccursWith, MentionedIn}

// Edge is a typed, directed relationship between two nodes with its evidence.
type Edge struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Type EdgeType `json:"type"`
	// Qualifier is the participant role of a PARTICIPANT_IN edge and the
	// predicate of a RELATED_TO edge; empty otherwise.
	Qualifier string     `json:"qualifier,omitempty"`
	Weight    float64    `json:"weight"`
	Evidence  []Evidence `json:"evidence,omitempty"`
}

// MaxEvidence caps the evidence kept on one record; counts and weights keep
// counting past it.
const MaxEvidence = 16
