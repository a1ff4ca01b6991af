package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"kg/graph"
)

// WriteJSON writes src as node-link JSON, the layout d3 and networkx
// (node_link_graph with edges="links") read:
//
//	{"directed": true, "multigraph": true, "graph": {"name": "kg"},
//	 "nodes": [{"id": ..., "kind": ..., ...}, ...],
//	 "links": [{"source": ..., "target": ..., "type": ..., ...}, ...]}
//
// one node or link per line. Nodes carry every property of the record:
// an entity's type (its kind), name, aliases, counts, dates and
// attributes; an event's type, cameo, label, date, place, participants,
// documents and evidence; with opts.Documents, a document's url, title,
// publication date, source and external id (not its text). Every node
// has "kind": person, organization, place, event or document. Links carry
// their type, role (PARTICIPANT_IN) or predicate (RELATED_TO), weight and
// evidence; MENTIONED_IN links carry the mentions, their weight is their
// number.
func WriteJSON(w io.Writer, src Source, opts Options) error {
	e := &errWriter{w: w}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	first := true
	item := func(v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("encode JSON: %w", err)
		}
		if !first {
			e.str(",\n")
		}
		first = false
		e.str(string(bytes.TrimRight(buf.Bytes(), "\n")))
		return e.err
	}
	e.str(`{"directed":true,"multigraph":true,"graph":{"name":"kg"},"nodes":[` + "\n")
	err := src.Entities(func(en *graph.Entity) error {
		if en.Aliases == nil {
			c := *en
			c.Aliases = []graph.Alias{}
			en = &c
		}
		return item(jsonEntity{Kind: en.Kind, Entity: en})
	})
	if err != nil {
		return err
	}
	err = src.Events(func(ev *graph.Event) error {
		if ev.Participants == nil || ev.Evidence == nil {
			c := *ev
			c.Participants, c.Evidence = nonNil(ev.Participants), nonNil(ev.Evidence)
			ev = &c
		}
		return item(jsonEvent{Kind: graph.EventKind, Event: ev})
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Documents(func(d *graph.Document) error {
			return item(jsonDocument{ID: d.ID, Kind: graph.DocumentKind, URL: d.URL, Title: d.Title,
				Published: d.Published, ExternalID: d.ExternalID, Source: d.Source})
		})
		if err != nil {
			return err
		}
	}
	e.str("\n],\n\"links\":[\n")
	first = true
	err = src.Edges(func(ed *graph.Edge) error {
		l := jsonLink{Source: ed.From, Target: ed.To, Type: ed.Type, Weight: ed.Weight, Evidence: ed.Evidence}
		switch ed.Type {
		case graph.ParticipantIn:
			l.Role = ed.Qualifier
		case graph.RelatedTo:
			l.Predicate = ed.Qualifier
		}
		if l.Evidence == nil {
			l.Evidence = []graph.Evidence{}
		}
		return item(l)
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Mentions(func(node, doc, _ string, ms []graph.Mention) error {
			l := jsonMentionLink{Source: node, Target: doc, Type: graph.MentionedIn, Weight: float64(len(ms)), Mentions: []jsonMention{}}
			for _, m := range ms {
				l.Mentions = append(l.Mentions, jsonMention{Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
			}
			return item(l)
		})
		if err != nil {
			return err
		}
	}
	e.str("\n]}\n")
	return e.err
}

type jsonEntity struct {
	Kind graph.Kind `json:"kind"`
	*graph.Entity
}

type jsonEvent struct {
	Kind graph.Kind `json:"kind"`
	*graph.Event
}

type jsonDocument struct {
	ID         string     `json:"id"`
	Kind       graph.Kind `json:"kind"`
	URL        string     `json:"url,omitempty"`
	Title      string     `json:"title,omitempty"`
	Published  time.Time  `json:"published,omitzero"`
	ExternalID string     `json:"external_id,omitempty"`
	Source     string     `json:"source,omitempty"`
}

type jsonLink struct {
	Source    string           `json:"source"`
	Target    string           `json:"target"`
	Type      graph.EdgeType   `json:"type"`
	Role      string           `json:"role,omitempty"`
	Predicate string           `json:"predicate,omitempty"`
	Weight    float64          `json:"weight"`
	Evidence  []graph.Evidence `json:"evidence"`
}

type jsonMentionLink struct {
	Source   string         `json:"source"`
	Target   string         `json:"target"`
	Type     graph.EdgeType `json:"type"`
	Weight   float64        `json:"weight"`
	Mentions []jsonMention  `json:"mentions"`
}

type jsonMention struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}
