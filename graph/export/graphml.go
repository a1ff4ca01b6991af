package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"kg/graph"
)

// GraphML: one <graph> of nodes then edges, every value a <data> element
// of a <key> declared with its name and type (string, int or double), the
// way Gephi and yEd read attributes. Node ids are the kg ids. Lists and
// records (aliases, participants, evidence, mentions) are JSON strings.

// A graphmlKey is a declared attribute.
type graphmlKey struct {
	id, name, typ string
}

// Keys of nodes and edges, in declaration order. Entity attributes follow
// the node keys, named as in the store (lat and lon are doubles).
var (
	graphmlNodeKeys = []graphmlKey{
		{"n_kind", "kind", "string"},             // person, organization, place, event, document
		{"n_label", "label", "string"},           // name, event label, document title
		{"n_type", "type", "string"},             // entity kind or event type
		{"n_aliases", "aliases", "string"},       // JSON [{"name","count"}]
		{"n_mentions", "mentions", "int"},        // entities
		{"n_documents", "documents", "int"},      // entities and events
		{"n_first_seen", "first_seen", "string"}, // YYYY-MM-DD
		{"n_last_seen", "last_seen", "string"},
		{"n_cameo", "cameo", "string"},               // events
		{"n_date", "date", "string"},                 // TIMEX3 value
		{"n_place", "place", "string"},               // place id
		{"n_participants", "participants", "string"}, // JSON [{"id","name","type","role"}]
		{"n_evidence", "evidence", "string"},         // JSON [{"document","sentence","start","end","text"}]
	}
	graphmlDocKeys = []graphmlKey{
		{"n_url", "url", "string"},
		{"n_published", "published", "string"}, // RFC 3339
		{"n_source", "source", "string"},
		{"n_external_id", "external_id", "string"},
	}
	graphmlEdgeKeys = []graphmlKey{
		{"e_label", "label", "string"}, // role, predicate or type
		{"e_type", "type", "string"},
		{"e_role", "role", "string"},
		{"e_predicate", "predicate", "string"},
		{"e_weight", "weight", "double"},
		{"e_evidence", "evidence", "string"}, // JSON
	}
	graphmlMentionKeys = []graphmlKey{
		{"e_mentions", "mentions", "string"}, // JSON [{"sentence","start","end","text"}]
	}
)

// attrType is the GraphML type of an entity attribute.
func attrType(name string) string {
	switch name {
	case "lat", "lon":
		return "double"
	}
	return "string"
}

// WriteGraphML writes src as GraphML 1.0 (see the package notes above).
// Every edge is directed, CO_OCCURS_WITH too (from the smaller id; its
// type says it is symmetric): networkx refuses a directed graph with
// directed="false" edges. With opts.Documents, documents are nodes of kind document and
// MENTIONED_IN edges weigh their number of mentions.
func WriteGraphML(w io.Writer, src Source, opts Options) error {
	attrNames, _, err := sortedAttrNames(src)
	if err != nil {
		return err
	}
	e := &errWriter{w: w}
	e.str(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	taken := map[string]bool{}
	declare := func(domain string, keys []graphmlKey) {
		for _, k := range keys {
			taken[k.id] = true
			e.strs(`  <key id="`, k.id, `" for="`, domain, `" attr.name="`, xmlEscape(k.name), `" attr.type="`, k.typ, `"/>`+"\n")
		}
	}
	declare("node", graphmlNodeKeys)
	// Entity attributes: a key each, its id unique among the keys.
	attrKeys := map[string]string{}
	var attrDecl []graphmlKey
	for _, name := range attrNames {
		id := "n_" + nmtoken(name)
		for taken[id] {
			id = "n_attr_" + strings.TrimPrefix(id, "n_")
		}
		taken[id] = true
		attrKeys[name] = id
		attrDecl = append(attrDecl, graphmlKey{id, name, attrType(name)})
	}
	declare("node", attrDecl)
	if opts.Documents {
		declare("node", graphmlDocKeys)
	}
	declare("edge", graphmlEdgeKeys)
	if opts.Documents {
		declare("edge", graphmlMentionKeys)
	}
	e.str(`  <graph id="kg" edgedefault="directed">` + "\n")

	data := func(key, value string) {
		if value != "" {
			e.strs(`      <data key="`, key, `">`, xmlEscape(value), "</data>\n")
		}
	}
	jsonData := func(key string, v any) error {
		b, err := marshalJSON(v)
		if err != nil {
			return fmt.Errorf("encode GraphML %s: %w", key, err)
		}
		data(key, string(b))
		return nil
	}
	err = src.Entities(func(en *graph.Entity) error {
		e.strs(`    <node id="`, en.ID, `">`+"\n")
		data("n_kind", string(en.Kind))
		data("n_label", en.Name)
		data("n_type", string(en.Kind))
		aliases := en.Aliases
		if aliases == nil {
			aliases = []graph.Alias{}
		}
		if err := jsonData("n_aliases", aliases); err != nil {
			return err
		}
		data("n_mentions", strconv.Itoa(en.Mentions))
		data("n_documents", strconv.Itoa(en.Documents))
		data("n_first_seen", en.FirstSeen)
		data("n_last_seen", en.LastSeen)
		for _, name := range attrNames {
			v, ok := en.Attrs[name]
			if !ok {
				continue
			}
			if attrType(name) == "double" {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					continue // not a number: left out rather than invalid
				}
			}
			data(attrKeys[name], v)
		}
		e.str("    </node>\n")
		return e.err
	})
	if err != nil {
		return err
	}
	err = src.Events(func(ev *graph.Event) error {
		e.strs(`    <node id="`, ev.ID, `">`+"\n")
		data("n_kind", string(graph.EventKind))
		data("n_label", ev.Label)
		data("n_type", ev.Type)
		data("n_documents", strconv.Itoa(ev.Documents))
		data("n_cameo", ev.CAMEO)
		data("n_date", ev.Date)
		if ev.Place != nil {
			data("n_place", ev.Place.ID)
		}
		if err := jsonData("n_participants", nonNil(ev.Participants)); err != nil {
			return err
		}
		if err := jsonData("n_evidence", nonNil(ev.Evidence)); err != nil {
			return err
		}
		e.str("    </node>\n")
		return e.err
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Documents(func(d *graph.Document) error {
			e.strs(`    <node id="`, d.ID, `">`+"\n")
			data("n_kind", string(graph.DocumentKind))
			data("n_label", d.Title)
			data("n_url", d.URL)
			if !d.Published.IsZero() {
				data("n_published", d.Published.Format("2006-01-02T15:04:05Z07:00"))
			}
			data("n_source", d.Source)
			data("n_external_id", d.ExternalID)
			e.str("    </node>\n")
			return e.err
		})
		if err != nil {
			return err
		}
	}
	n := 0
	err = src.Edges(func(ed *graph.Edge) error {
		e.strs(`    <edge id="e`, strconv.Itoa(n), `" source="`, ed.From, `" target="`, ed.To, `">`+"\n")
		n++
		label := string(ed.Type)
		if ed.Qualifier != "" {
			label = ed.Qualifier
		}
		data("e_label", label)
		data("e_type", string(ed.Type))
		switch ed.Type {
		case graph.ParticipantIn:
			data("e_role", ed.Qualifier)
		case graph.RelatedTo:
			data("e_predicate", ed.Qualifier)
		}
		data("e_weight", formatFloat(ed.Weight))
		if err := jsonData("e_evidence", nonNil(ed.Evidence)); err != nil {
			return err
		}
		e.str("    </edge>\n")
		return e.err
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Mentions(func(node, doc, _ string, ms []graph.Mention) error {
			e.strs(`    <edge id="e`, strconv.Itoa(n), `" source="`, node, `" target="`, doc, `">`+"\n")
			n++
			data("e_label", string(graph.MentionedIn))
			data("e_type", string(graph.MentionedIn))
			data("e_weight", strconv.Itoa(len(ms)))
			list := make([]jsonMention, 0, len(ms))
			for _, m := range ms {
				list = append(list, jsonMention{Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
			}
			if err := jsonData("e_mentions", list); err != nil {
				return err
			}
			e.str("    </edge>\n")
			return e.err
		})
		if err != nil {
			return err
		}
	}
	e.str("  </graph>\n</graphml>\n")
	return e.err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// xmlEscape escapes text for XML content and attribute values; characters
// XML cannot hold become U+FFFD.
func xmlEscape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}

// nmtoken keeps the characters an XML NMTOKEN may hold, others become "_".
func nmtoken(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
