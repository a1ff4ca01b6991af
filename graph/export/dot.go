package export

import (
	"io"
	"math"
	"strconv"
	"strings"

	"kg/graph"
)

// DOT is written by hand, in the layout gonum's encoding/dot gives (one
// attribute per line, nodes then edges), because gonum's encoder needs
// the whole graph in memory and an export of a store must stream. The
// tests parse the output back with gonum's decoder and render it with
// graphviz.

// Look of each node kind in DOT.
var dotStyle = map[graph.Kind]struct{ shape, color string }{
	graph.Person:       {"ellipse", "#a6cee3"},
	graph.Organization: {"box", "#b2df8a"},
	graph.Place:        {"house", "#fdbf6f"},
	graph.EventKind:    {"diamond", "#fb9a99"},
	graph.DocumentKind: {"note", "#dddddd"},
	"":                 {"ellipse", "#ffffff"}, // a kind kg does not know
}

// DOT writes a subgraph as a graphviz digraph; see WriteDOT. Edges whose
// ends are not in sub are left out.
func DOT(w io.Writer, sub *graph.Subgraph) error {
	return Write(w, "dot", NewMemory(sub, nil, nil), Options{})
}

// WriteDOT writes src as a graphviz digraph named kg. Node ids are "n" and
// the kg id; nodes carry a label, a shape and a colour by kind, their kind,
// and an entity's country or an event's type; edges carry their type,
// qualifier (as the label) and weight, and CO_OCCURS_WITH edges are drawn
// undirected and dashed, thicker with weight. With opts.Documents,
// documents are notes and MENTIONED_IN edges are dotted, weighted by the
// number of mentions.
func WriteDOT(w io.Writer, src Source, opts Options) error {
	e := &errWriter{w: w}
	e.str(`digraph kg {
  graph [
    overlap=false
    fontname=Helvetica
  ];
  node [
    fontname=Helvetica
  ];
  edge [
    fontname=Helvetica
    fontsize=10
  ];

  // Node definitions.
`)
	node := func(id, label string, kind graph.Kind, extra ...string) {
		st, ok := dotStyle[kind]
		if !ok {
			st = dotStyle[""]
		}
		e.strs("  n", id, " [\n    label=", dotQuote(label), "\n    shape=", st.shape,
			"\n    style=filled\n    fillcolor=", dotQuote(st.color), "\n    kind=", dotID(string(kind)), "\n")
		for i := 0; i+1 < len(extra); i += 2 {
			e.strs("    ", extra[i], "=", dotQuote(extra[i+1]), "\n")
		}
		e.str("  ];\n")
	}
	err := src.Entities(func(en *graph.Entity) error {
		if c := en.Attrs["country"]; c != "" {
			node(en.ID, en.Name, en.Kind, "country", c)
		} else {
			node(en.ID, en.Name, en.Kind)
		}
		return e.err
	})
	if err != nil {
		return err
	}
	err = src.Events(func(ev *graph.Event) error {
		label := ev.Label
		if ev.Date != "" {
			label += "\n" + ev.Date
		}
		node(ev.ID, label, graph.EventKind, "event_type", ev.Type)
		return e.err
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Documents(func(d *graph.Document) error {
			label := d.Title
			if label == "" {
				label = d.ID
			}
			if date := d.DateString(); date != "" {
				label += "\n" + date
			}
			node(d.ID, label, graph.DocumentKind)
			return e.err
		})
		if err != nil {
			return err
		}
	}

	e.str("\n  // Edge definitions.\n")
	err = src.Edges(func(ed *graph.Edge) error {
		label := string(ed.Type)
		if ed.Qualifier != "" {
			label = ed.Qualifier
		}
		e.strs("  n", ed.From, " -> n", ed.To, " [\n    label=", dotQuote(label),
			"\n    type=", string(ed.Type), "\n    weight=", formatFloat(ed.Weight), "\n")
		if ed.Type == graph.CoOccursWith {
			w := 1 + math.Log2(math.Max(1, ed.Weight))
			e.strs("    dir=none\n    style=dashed\n    color=\"#999999\"\n    penwidth=", strconv.FormatFloat(w, 'f', 2, 64), "\n")
		}
		e.str("  ];\n")
		return e.err
	})
	if err != nil {
		return err
	}
	if opts.Documents {
		err = src.Mentions(func(node, doc, _ string, ms []graph.Mention) error {
			e.strs("  n", node, " -> n", doc, " [\n    label=\"MENTIONED_IN\"\n    type=MENTIONED_IN\n    weight=",
				strconv.Itoa(len(ms)), "\n    style=dotted\n    color=\"#bbbbbb\"\n  ];\n")
			return e.err
		})
		if err != nil {
			return err
		}
	}
	e.str("}\n")
	return e.err
}

// dotQuote makes a DOT quoted string. Backslashes are doubled, so that
// graphviz shows them as written; line breaks become graphviz's \n.
func dotQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotID writes s bare when it is a DOT identifier, quoted otherwise.
func dotID(s string) string {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return dotQuote(s)
		}
	}
	if s == "" {
		return `""`
	}
	return s
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
