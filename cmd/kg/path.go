package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/algo"
	"kg/store"
)

type pathOpts struct {
	k        int
	noCooc   bool
	maxNodes int
	from, to string
}

func newPathCmd(g *globals) *cobra.Command {
	o := &pathOpts{}
	cmd := &cobra.Command{
		Use:   "path A B",
		Short: "Show the shortest paths between two entities, through events too",
		Long: `path finds the shortest chains of relationships that connect two entities:
co-occurrence, typed relations (RELATED_TO), and events (an entity takes part
in an event that another takes part in, or that happened in a place). Paths are
counted in hops; --k asks for several, shortest first (Yen's algorithm).
With --from/--to only events of that window are used, with the entities that
take part in them.`,
		Example: `  kg path Putin Hollande
  kg path "Islamic State" Obama --k 3 --no-cooccurrence
  kg path Putin Erdogan --from 2015-11-01 --to 2015-11-30 --json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPath(g, o, args[0], args[1], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().IntVar(&o.k, "k", 1, "how many paths, shortest first")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "use only typed relations and events, not co-occurrence")
	cmd.Flags().IntVar(&o.maxNodes, "max-nodes", 200000, "give up after reading the links of this many nodes")
	addWindowFlags(cmd, &o.from, &o.to)
	addJSONFlag(cmd, g)
	return cmd
}

// addWindowFlags gives a command --from and --to.
func addWindowFlags(cmd *cobra.Command, from, to *string) {
	cmd.Flags().StringVar(from, "from", "", "only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().StringVar(to, "to", "", "only events on or before this date")
}

func checkWindow(from, to string) error {
	for _, d := range []struct{ flag, v string }{{"--from", from}, {"--to", to}} {
		if d.v != "" && !datePattern.MatchString(d.v) {
			return fmt.Errorf("%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.flag, d.v)
		}
	}
	return nil
}

// storeSource shows a store reader to graph/algo.
type storeSource struct{ r *store.Reader }

func (s storeSource) GraphNodes(fn func(algo.Node) error) error {
	return s.r.GraphNodes(func(n store.GraphNode) error {
		return fn(algo.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Date: n.Date, Mentions: n.Mentions})
	})
}

func (s storeSource) GraphEdges(fn func(graph.Edge) error) error { return s.r.GraphEdges(fn) }

// storeLinks lists a node's links from the store's adjacency keys.
func storeLinks(r *store.Reader, types []graph.EdgeType) algo.LinksFunc {
	return func(id string) ([]algo.Link, error) {
		var links []algo.Link
		err := r.Links(id, store.Both, types, func(l store.Link) error {
			e := graph.Edge{From: id, To: l.Other, Type: l.Type, Qualifier: l.Qualifier}
			if !l.Out {
				e.From, e.To = l.Other, id
			}
			links = append(links, algo.Link{To: l.Other, Edge: e})
			return nil
		})
		return links, err
	}
}

// pathTypes are the edges a path may follow.
func pathTypes(noCooc bool) []graph.EdgeType {
	ts := []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo}
	if !noCooc {
		ts = append(ts, graph.CoOccursWith)
	}
	return ts
}

// PathNode is a node on a path.
type PathNode struct {
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Type graph.Kind `json:"type"`
	Date string     `json:"date,omitempty"`
}

// PathEdge is a hop of a path, in the direction it is stored.
type PathEdge struct {
	From      string         `json:"from"`
	To        string         `json:"to"`
	Type      graph.EdgeType `json:"type"`
	Qualifier string         `json:"qualifier,omitempty"`
	Weight    float64        `json:"weight"`
}

// Path is what kg path --json prints for each path.
type Path struct {
	Length int        `json:"length"`
	Nodes  []PathNode `json:"nodes"`
	Edges  []PathEdge `json:"edges"`
}

func runPath(g *globals, o *pathOpts, a, b string, out, errw io.Writer) error {
	if err := checkWindow(o.from, o.to); err != nil {
		return err
	}
	if o.k < 1 || o.k > 100 {
		return fmt.Errorf("--k %d: want 1 to 100", o.k)
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	ea, err := findEntity(r, a, errw)
	if err != nil {
		return err
	}
	eb, err := findEntity(r, b, errw)
	if err != nil {
		return err
	}
	types := pathTypes(o.noCooc)
	var found [][]string
	if o.from == "" && o.to == "" {
		lazy := algo.NewLazy(storeLinks(r, types), o.maxNodes)
		found = algo.ShortestPaths(lazy, ea.ID, eb.ID, o.k)
		if err := lazy.Err(); err != nil {
			return err
		}
		if len(found) == 0 && lazy.Exhausted {
			return fmt.Errorf("no path from %s to %s found within %d nodes (--max-nodes)", ea.Name, eb.Name, o.maxNodes)
		}
	} else {
		v, err := algo.Build(storeSource{r}, algo.Options{From: o.from, To: o.to, NoCooccurrence: o.noCooc})
		if err != nil {
			return err
		}
		for _, e := range []*graph.Entity{ea, eb} {
			if _, ok := v.Lookup(e.ID); !ok {
				return fmt.Errorf("%s takes part in no event between %s and %s", e.Name, orDash(o.from), orDash(o.to))
			}
		}
		found = algo.ShortestPaths(v, ea.ID, eb.ID, o.k)
	}
	paths := []Path{}
	for _, ids := range found {
		p, err := describePath(r, ids, types)
		if err != nil {
			return err
		}
		paths = append(paths, p)
	}
	if g.json {
		return writeJSON(out, paths)
	}
	if len(paths) == 0 {
		fmt.Fprintf(out, "no path between %s and %s\n", ea.Name, eb.Name)
		return nil
	}
	for i, p := range paths {
		fmt.Fprintf(out, "%d. %d hop%s: %s\n", i+1, p.Length, plural(p.Length), pathText(p))
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// nodeRef names a node of the graph: an entity, an event or a document.
func nodeRef(r *store.Reader, id string) (PathNode, error) {
	if e, err := r.Entity(id); err == nil {
		return PathNode{ID: id, Name: e.Name, Type: e.Kind}, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return PathNode{}, err
	}
	ev, err := r.EventSummary(id)
	if err != nil {
		return PathNode{}, err
	}
	return PathNode{ID: id, Name: ev.Label, Type: graph.EventKind, Date: ev.Date}, nil
}

func describePath(r *store.Reader, ids []string, types []graph.EdgeType) (Path, error) {
	p := Path{Length: len(ids) - 1}
	for i, id := range ids {
		n, err := nodeRef(r, id)
		if err != nil {
			return p, err
		}
		p.Nodes = append(p.Nodes, n)
		if i == 0 {
			continue
		}
		prev := ids[i-1]
		var best *PathEdge
		err = r.Links(prev, store.Both, types, func(l store.Link) error {
			if l.Other == id && best == nil {
				best = &PathEdge{From: prev, To: id, Type: l.Type, Qualifier: l.Qualifier}
				if !l.Out {
					best.From, best.To = id, prev
				}
			}
			return nil
		})
		if err != nil {
			return p, err
		}
		if best == nil {
			return p, fmt.Errorf("no edge between %s and %s", prev, id)
		}
		if best.Weight, _, err = r.EdgeWeight(best.From, best.To, best.Type, best.Qualifier); err != nil {
			return p, err
		}
		p.Edges = append(p.Edges, *best)
	}
	return p, nil
}

func pathText(p Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			e := p.Edges[i-1]
			label := string(e.Type)
			if e.Qualifier != "" {
				label += " " + e.Qualifier
			}
			if e.From == n.ID {
				fmt.Fprintf(&b, " <-[%s]- ", label)
			} else {
				fmt.Fprintf(&b, " -[%s]-> ", label)
			}
		}
		if n.Type == graph.EventKind {
			fmt.Fprintf(&b, "[%s %s]", orDash(n.Date), truncate(n.Name, 50))
		} else {
			b.WriteString(n.Name)
		}
	}
	return b.String()
}
