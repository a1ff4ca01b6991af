package graph

// A Delta is everything extracted from one document. Extractors produce it
// without touching the store; the writer resolves its entities against the
// store and applies it in one transaction.
type Delta struct {
	Document  Document
	Sentences []Span
	Entities  []DeltaEntity
	Mentions  []Mention // Mention.Entity is a DeltaEntity.ID
	Events    []DeltaEvent
	Relations []DeltaRelation
}

// DeltaEntity is an entity as resolved within one document. ID is
// EntityID(Kind, Key); the writer may map it to another stored entity.
type DeltaEntity struct {
	ID    string
	Kind  Kind
	Key   string // canonical key, NameKey of the canonical name unless a gazetteer gives one
	Name  string // the most complete form in the document
	Attrs map[string]string
}

// DeltaEvent is an event found in one document. Its id is given by the writer
// once participants are resolved.
type DeltaEvent struct {
	Type         string
	CAMEO        string
	Label        string
	Date         string
	Place        string // DeltaEntity.ID, or ""
	Participants []DeltaParticipant
	Evidence     []Evidence
}

// DeltaParticipant is an entity in a role.
type DeltaParticipant struct {
	Entity string // DeltaEntity.ID
	Role   string
}

// DeltaRelation is a RELATED_TO or CO_OCCURS_WITH edge between two entities
// of the document.
type DeltaRelation struct {
	From, To  string // DeltaEntity.IDs
	Type      EdgeType
	Qualifier string
	Weight    float64
	Evidence  []Evidence
}

// Entity returns the delta entity with the given id.
func (d *Delta) Entity(id string) (*DeltaEntity, bool) {
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			return &d.Entities[i], true
		}
	}
	return nil, false
}
