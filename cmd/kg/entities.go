package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
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
	cmd.Flags().StringVar(&o.sort, "sort", "mentions", "order: mentions, documents, rank or name")
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
	less, err := entityOrder(o.sort)
	if err != nil {
		return err
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
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

func entityOrder(by string) (func(a, b *graph.Entity) bool, error) {
	tie := func(a, b *graph.Entity) bool {
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	}
	switch by {
	case "mentions", "rank":
		// rank falls back to mentions until graph ranking is available.
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
