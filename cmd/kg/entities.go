package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/algo"
	"kg/store"
)

type entitiesOpts struct {
	typ   string
	sort  string
	limit int
}

func newEntitiesCmd(g *globals) *cobra.Command {
	o := &entitiesOpts{}
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "List people, organizations and places",
		Example: `  kg entities --type person --limit 10
  kg entities --sort name --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEntities(g, o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&o.typ, "type", "", "only this type: person, organization or place")
	cmd.Flags().StringVar(&o.sort, "sort", "mentions", "order: mentions, documents, rank (PageRank, as kg rank) or name")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many (0: all)")
	addJSONFlag(cmd, g)
	return cmd
}

func runEntities(g *globals, o *entitiesOpts, out io.Writer) error {
	var kinds []graph.Kind
	if o.typ != "" {
		k, ok := graph.ParseEntityKind(o.typ)
		if !ok {
			return fmt.Errorf("--type %q: want person, organization or place", o.typ)
		}
		kinds = []graph.Kind{k}
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	var rank map[string]float64
	if o.sort == "rank" {
		if rank, err = pageRank(r); err != nil {
			return err
		}
	}
	less, err := entityOrder(o.sort, rank)
	if err != nil {
		return err
	}
	list := []*graph.Entity{}
	if err := r.Entities(kinds, func(e *graph.Entity) error { list = append(list, e); return nil }); err != nil {
		return err
	}
	sort.SliceStable(list, func(i, j int) bool { return less(list[i], list[j]) })
	if o.limit > 0 && len(list) > o.limit {
		list = list[:o.limit]
	}
	if g.json {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "no entities")
		return nil
	}
	tw := newTable(out)
	fmt.Fprintln(tw, "NAME\tTYPE\tMENTIONS\tDOCS\tALIASES\tID")
	for _, e := range list {
		var al []string
		for _, a := range e.Aliases {
			if a.Name != e.Name {
				al = append(al, a.Name)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", truncate(e.Name, 40), e.Kind, e.Mentions, e.Documents, truncate(strings.Join(al, ", "), 40), e.ID)
	}
	return tw.Flush()
}

// pageRank scores every node of the graph (kg rank's PageRank).
func pageRank(r *store.Reader) (map[string]float64, error) {
	v, err := algo.Build(storeSource{r}, algo.Options{})
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, s := range algo.PageRank(v, 1e-6) {
		out[s.ID] = s.Score
	}
	return out, nil
}

func entityOrder(by string, rank map[string]float64) (func(a, b *graph.Entity) bool, error) {
	tie := func(a, b *graph.Entity) bool {
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	}
	switch by {
	case "rank":
		return func(a, b *graph.Entity) bool {
			if ra, rb := rank[a.ID], rank[b.ID]; ra != rb {
				return ra > rb
			}
			return tie(a, b)
		}, nil
	case "mentions":
		return func(a, b *graph.Entity) bool {
			if a.Mentions != b.Mentions {
				return a.Mentions > b.Mentions
			}
			return tie(a, b)
		}, nil
	case "documents":
		return func(a, b *graph.Entity) bool {
			if a.Documents != b.Documents {
				return a.Documents > b.Documents
			}
			return tie(a, b)
		}, nil
	case "name":
		return func(a, b *graph.Entity) bool {
			if x, y := strings.ToLower(a.Name), strings.ToLower(b.Name); x != y {
				return x < y
			}
			return tie(a, b)
		}, nil
	}
	return nil, fmt.Errorf("--sort %q: want mentions, documents, rank or name", by)
}
