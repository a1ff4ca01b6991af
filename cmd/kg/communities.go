package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/algo"
)

type communitiesOpts struct {
	resolution float64
	top        int
	minSize    int
	limit      int
	seed       uint64
	events     bool
	noCooc     bool
	from, to   string
}

func newCommunitiesCmd(g *globals) *cobra.Command {
	o := &communitiesOpts{}
	cmd := &cobra.Command{
		Use:   "communities",
		Short: "Find groups of entities that belong together (Louvain)",
		Long: `communities splits the graph of entities into groups that are densely
connected inside and sparsely between, with gonum's Louvain modularization
(community.Modularize). Entities are joined by co-occurrence (weighted by the
number of sentences), typed relations, and every event they share. Each group
is listed with its best connected members first. --resolution above 1 gives
smaller groups, below 1 larger ones; --seed makes runs repeatable.`,
		Example: `  kg communities
  kg communities --top 10 --min-size 3
  kg communities --from 2015-11-01 --to 2015-11-30 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCommunities(g, o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().Float64Var(&o.resolution, "resolution", 1, "modularity resolution")
	cmd.Flags().IntVar(&o.top, "top", 8, "show this many members of each group (0: all)")
	cmd.Flags().IntVar(&o.minSize, "min-size", 2, "leave out groups smaller than this")
	cmd.Flags().IntVar(&o.limit, "limit", 20, "at most this many groups (0: all)")
	cmd.Flags().Uint64Var(&o.seed, "seed", 1, "random seed of the Louvain passes")
	cmd.Flags().BoolVar(&o.events, "events", false, "keep events as members instead of joining their participants")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "leave co-occurrence edges out")
	addWindowFlags(cmd, &o.from, &o.to)
	addJSONFlag(cmd, g)
	return cmd
}

// CommunityView is one group of kg communities --json.
type CommunityView struct {
	Community int         `json:"community"`
	Size      int         `json:"size"`
	Members   []graph.Ref `json:"members"`
}

func runCommunities(g *globals, o *communitiesOpts, out io.Writer) error {
	if err := checkWindow(o.from, o.to); err != nil {
		return err
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	v, err := algo.Build(storeSource{r}, algo.Options{From: o.from, To: o.to, NoCooccurrence: o.noCooc, NoEvents: !o.events})
	if err != nil {
		return err
	}
	comms, q := algo.Communities(v, o.resolution, o.seed)
	list := []CommunityView{}
	for _, c := range comms {
		if len(c.Members) < o.minSize {
			continue
		}
		cv := CommunityView{Community: len(list) + 1, Size: len(c.Members)}
		for i, id := range c.Members {
			if o.top > 0 && i >= o.top {
				break
			}
			n, _ := v.Lookup(id)
			cv.Members = append(cv.Members, graph.Ref{ID: id, Name: n.Name, Kind: n.Kind})
		}
		list = append(list, cv)
		if o.limit > 0 && len(list) >= o.limit {
			break
		}
	}
	if g.json {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "no communities")
		return nil
	}
	fmt.Fprintf(out, "%d communities (modularity %.3f)\n", len(comms), q)
	for _, c := range list {
		var names []string
		for _, m := range c.Members {
			names = append(names, m.Name)
		}
		more := ""
		if c.Size > len(c.Members) {
			more = fmt.Sprintf(", and %d more", c.Size-len(c.Members))
		}
		fmt.Fprintf(out, "%3d. (%d) %s%s\n", c.Community, c.Size, strings.Join(names, ", "), more)
	}
	return nil
}
