package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/store"
)

type neighborsOpts struct {
	depth    int
	noCooc   bool
	limit    int
	from, to string
}

// Neighbor is a node near the one asked for.
type Neighbor struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Type  graph.Kind `json:"type"`
	Depth int        `json:"depth"`
	// Via lists the edge types that reach it from the previous hop.
	Via []string `json:"via"`
}

func newNeighborsCmd(g *globals) *cobra.Command {
	o := &neighborsOpts{}
	cmd := &cobra.Command{
		Use:   "neighbors NAME",
		Short: "List the entities and events connected to an entity",
		Long: `neighbors walks the graph from an entity, --depth hops, through events and
relations (and co-occurrence, unless --no-cooccurrence), and lists what it
reaches with the relationship types that reach it. --from/--to walk only
through events dated in that window.`,
		Example: `  kg neighbors Putin
  kg neighbors "Islamic State" --depth 2 --no-cooccurrence --json
  kg neighbors Hollande --depth 2 --from 2015-11-13 --to 2015-11-30`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNeighbors(g, o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().IntVar(&o.depth, "depth", 1, "how many hops to follow")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "follow only typed relations and events, not co-occurrence")
	cmd.Flags().IntVar(&o.limit, "limit", 1000, "stop after this many nodes")
	cmd.Flags().StringVar(&o.from, "from", "", "walk only through events on or after this date")
	cmd.Flags().StringVar(&o.to, "to", "", "walk only through events on or before this date")
	addJSONFlag(cmd, g)
	return cmd
}

func runNeighbors(g *globals, o *neighborsOpts, name string, out, errw io.Writer) error {
	if o.depth < 1 || o.depth > 6 {
		return fmt.Errorf("--depth %d: want 1 to 6", o.depth)
	}
	for _, d := range []struct{ flag, v string }{{"--from", o.from}, {"--to", o.to}} {
		if d.v != "" && !datePattern.MatchString(d.v) {
			return fmt.Errorf("%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.flag, d.v)
		}
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	e, err := findEntity(r, name, errw)
	if err != nil {
		return err
	}
	sub, reached, err := r.Subgraph(store.SubgraphOptions{Center: []string{e.ID}, Depth: o.depth, NoCooccurrence: o.noCooc, MaxNodes: o.limit, From: o.from, To: o.to})
	if err != nil {
		return err
	}
	depth := map[string]int{}
	for _, n := range reached {
		depth[n.ID] = n.Depth
	}
	via := map[string]map[string]bool{}
	for _, ed := range sub.Edges {
		for _, pair := range [][2]string{{ed.From, ed.To}, {ed.To, ed.From}} {
			near, far := pair[0], pair[1]
			if depth[far] == depth[near]+1 {
				if via[far] == nil {
					via[far] = map[string]bool{}
				}
				label := string(ed.Type)
				if ed.Qualifier != "" {
					label += ":" + ed.Qualifier
				}
				via[far][label] = true
			}
		}
	}
	list := []Neighbor{}
	for _, n := range reached[1:] {
		nm, kind, _ := sub.Node(n.ID)
		var vs []string
		for v := range via[n.ID] {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		list = append(list, Neighbor{ID: n.ID, Name: nm, Type: kind, Depth: n.Depth, Via: vs})
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Depth != list[j].Depth {
			return list[i].Depth < list[j].Depth
		}
		return strings.ToLower(list[i].Name) < strings.ToLower(list[j].Name)
	})
	if g.json {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "neighbors of %s (%s), depth %d:\n", e.Name, e.Kind, o.depth)
	if len(list) == 0 {
		fmt.Fprintln(out, "  none")
		return nil
	}
	tw := newTable(out)
	fmt.Fprintln(tw, "DEPTH\tNAME\tTYPE\tVIA\tID")
	for _, n := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", n.Depth, truncate(n.Name, 45), n.Type, strings.Join(n.Via, ", "), n.ID)
	}
	return tw.Flush()
}
