package graph

// Subgraph is a part of the stored graph handed to encoders and algorithms:
// its entities, events and the edges between them.
type Subgraph struct {
	Entities []*Entity `json:"entities"`
	Events   []*Event  `json:"events"`
	Edges    []Edge    `json:"edges"`
}

// Node names the node with the given id in the subgraph, with its kind.
func (s *Subgraph) Node(id string) (name string, kind Kind, ok bool) {
	for _, e := range s.Entities {
		if e.ID == id {
			return e.Name, e.Kind, true
		}
	}
	for _, e := range s.Events {
		if e.ID == id {
			return e.Label, EventKind, true
		}
	}
	return "", "", false
}
