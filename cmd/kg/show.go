package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/store"
)

type showOpts struct {
	evidence int
}

func newShowCmd(g *globals) *cobra.Command {
	o := &showOpts{}
	cmd := &cobra.Command{
		Use:   "show NAME|ID",
		Short: "Show one entity or event: aliases, relations, events and evidence",
		Example: `  kg show Putin
  kg show "Islamic State" --json
  kg show 3f2a9c1d4b5a6f70`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(g, o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().IntVar(&o.evidence, "evidence", 10, "show at most this many evidence sentences")
	addJSONFlag(cmd, g)
	return cmd
}

// Relation is an edge seen from the entity shown.
type Relation struct {
	Type      graph.EdgeType   `json:"type"`
	Qualifier string           `json:"qualifier,omitempty"`
	Direction string           `json:"direction"` // out or in
	Other     graph.Ref        `json:"other"`
	Weight    float64          `json:"weight"`
	Evidence  []graph.Evidence `json:"evidence,omitempty"`
}

// EntityView is what `kg show --json` prints for an entity.
type EntityView struct {
	*graph.Entity
	Relations []Relation       `json:"relations"`
	Events    []*graph.Event   `json:"events"`
	Evidence  []graph.Evidence `json:"evidence"`
}

func runShow(g *globals, o *showOpts, name string, out, errw io.Writer) error {
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	if graph.IsID(name) {
		if ev, err := r.Event(name); err == nil {
			if g.json {
				return writeJSON(out, ev)
			}
			printEvent(out, ev, o.evidence)
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	e, err := findEntity(r, name, errw)
	if err != nil {
		return err
	}
	v, err := entityView(r, e, o.evidence, g.json)
	if err != nil {
		return err
	}
	if g.json {
		return writeJSON(out, v)
	}
	printEntity(out, v)
	return nil
}

// entityView gathers what show prints; withText fills in the sentences of
// the relations' evidence (the JSON gives them; the table does not, and
// reading the documents of a busy entity's every relation takes seconds).
func entityView(r *store.Reader, e *graph.Entity, maxEvidence int, withText bool) (*EntityView, error) {
	v := &EntityView{Entity: e, Relations: []Relation{}, Events: []*graph.Event{}, Evidence: []graph.Evidence{}}
	edges, err := r.Edges(e.ID)
	if err != nil {
		return nil, err
	}
	for _, ed := range edges {
		other, dir := ed.To, "out"
		if !ed.Out {
			other, dir = ed.From, "in"
		}
		if ed.Type == graph.ParticipantIn && ed.Out || ed.Type == graph.OccurredIn && !ed.Out {
			ev, err := r.Event(other)
			if err != nil {
				return nil, err
			}
			v.Events = append(v.Events, ev)
			continue
		}
		o, err := r.Entity(other)
		if err != nil {
			return nil, err
		}
		if withText {
			r.FillEvidence(ed.Evidence)
		}
		v.Relations = append(v.Relations, Relation{Type: ed.Type, Qualifier: ed.Qualifier, Direction: dir,
			Other: graph.Ref{ID: o.ID, Name: o.Name, Kind: o.Kind}, Weight: ed.Weight, Evidence: ed.Evidence})
	}
	sort.SliceStable(v.Relations, func(i, j int) bool {
		a, b := v.Relations[i], v.Relations[j]
		if (a.Type == graph.CoOccursWith) != (b.Type == graph.CoOccursWith) {
			return b.Type == graph.CoOccursWith
		}
		return a.Weight > b.Weight
	})
	sort.SliceStable(v.Events, func(i, j int) bool { return v.Events[i].Date < v.Events[j].Date })
	v.Events = uniqueEvents(v.Events)
	docs, err := r.Mentions(e.ID, maxEvidence)
	if err != nil {
		return nil, err
	}
	for _, dm := range docs {
		doc, err := r.Document(dm.Document)
		if err != nil {
			return nil, err
		}
		seen := map[int]bool{}
		for _, m := range dm.Mentions {
			if seen[m.Sentence] || len(v.Evidence) >= maxEvidence {
				continue
			}
			seen[m.Sentence] = true
			sp := doc.Sentences[m.Sentence]
			v.Evidence = append(v.Evidence, graph.Evidence{Document: doc.ID, Sentence: m.Sentence, Start: sp.Start, End: sp.End, Text: doc.Sentence(m.Sentence)})
		}
	}
	return v, nil
}

func uniqueEvents(evs []*graph.Event) []*graph.Event {
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		if !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	return out
}

func printEntity(out io.Writer, v *EntityView) {
	e := v.Entity
	fmt.Fprintf(out, "%s (%s)  id %s\n", e.Name, e.Kind, e.ID)
	var al []string
	for _, a := range e.Aliases {
		al = append(al, fmt.Sprintf("%s (%d)", a.Name, a.Count))
	}
	fmt.Fprintf(out, "  aliases:   %s\n", strings.Join(al, ", "))
	seen := ""
	if e.FirstSeen != "" {
		seen = fmt.Sprintf(", first seen %s, last seen %s", e.FirstSeen, e.LastSeen)
	}
	fmt.Fprintf(out, "  mentions:  %d in %d documents%s\n", e.Mentions, e.Documents, seen)
	if len(e.Attrs) > 0 {
		keys := make([]string, 0, len(e.Attrs))
		for k := range e.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var kv []string
		for _, k := range keys {
			kv = append(kv, k+"="+e.Attrs[k])
		}
		fmt.Fprintf(out, "  attributes: %s\n", strings.Join(kv, " "))
	}
	if len(v.Relations) > 0 {
		fmt.Fprintln(out, "\nrelations:")
		tw := newTable(out)
		for _, r := range v.Relations {
			label := string(r.Type)
			if r.Qualifier != "" {
				label += " " + r.Qualifier
			}
			arrow := "->"
			if r.Direction == "in" {
				arrow = "<-"
			}
			fmt.Fprintf(tw, "  %s %s\t%s (%s)\tweight %g\n", arrow, label, r.Other.Name, r.Other.Kind, r.Weight)
		}
		_ = tw.Flush()
	}
	if len(v.Events) > 0 {
		fmt.Fprintln(out, "\nevents:")
		tw := newTable(out)
		for _, ev := range v.Events {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", dateOrDash(ev.Date), ev.Type, truncate(ev.Label, 50), roleOf(ev, e.ID))
		}
		_ = tw.Flush()
	}
	if len(v.Evidence) > 0 {
		fmt.Fprintln(out, "\nevidence:")
		for _, ev := range v.Evidence {
			fmt.Fprintf(out, "  [%s #%d] %s\n", ev.Document, ev.Sentence, truncate(ev.Text, 160))
		}
	}
}

func roleOf(ev *graph.Event, id string) string {
	for _, p := range ev.Participants {
		if p.ID == id {
			return p.Role
		}
	}
	if ev.Place != nil && ev.Place.ID == id {
		return "place"
	}
	return ""
}

func dateOrDash(d string) string {
	if d == "" {
		return "-"
	}
	return d
}

func printEvent(out io.Writer, ev *graph.Event, maxEvidence int) {
	fmt.Fprintf(out, "%s (%s event", ev.Label, ev.Type)
	if ev.CAMEO != "" {
		fmt.Fprintf(out, ", CAMEO %s", ev.CAMEO)
	}
	fmt.Fprintf(out, ")  id %s\n", ev.ID)
	fmt.Fprintf(out, "  date:      %s\n", dateOrDash(ev.Date))
	if ev.Place != nil {
		fmt.Fprintf(out, "  place:     %s\n", ev.Place.Name)
	}
	for _, p := range ev.Participants {
		fmt.Fprintf(out, "  %-10s %s (%s)\n", p.Role+":", p.Name, p.Kind)
	}
	fmt.Fprintf(out, "  documents: %d\n", ev.Documents)
	if len(ev.Evidence) > 0 {
		fmt.Fprintln(out, "\nevidence:")
		for i, e := range ev.Evidence {
			if i >= maxEvidence {
				break
			}
			fmt.Fprintf(out, "  [%s #%d] %s\n", e.Document, e.Sentence, truncate(e.Text, 160))
		}
	}
}
