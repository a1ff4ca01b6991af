package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/algo"
)

type rankOpts struct {
	algo     string
	typ      string
	limit    int
	samples  int
	noCooc   bool
	from, to string
}

func newRankCmd(g *globals) *cobra.Command {
	o := &rankOpts{}
	cmd := &cobra.Command{
		Use:   "rank",
		Short: "Rank entities by their place in the graph: PageRank, degree or betweenness",
		Long: `rank scores every node of the graph of entities and events and lists the best.

  pagerank     gonum's sparse PageRank (damping 0.85), weighted by co-occurrence
               counts: who is connected to the well connected
  degree       the number of distinct neighbours
  betweenness  how many shortest paths pass through a node: the brokers between
               groups; exact up to --samples nodes, estimated from --samples
               random sources on larger graphs

--from/--to rank the graph of one time window: its events and the entities that
take part in them.`,
		Example: `  kg rank
  kg rank --algo betweenness --type person --limit 10
  kg rank --algo degree --from 2015-11-01 --to 2015-11-30 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRank(g, o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&o.algo, "algo", "pagerank", "pagerank, degree or betweenness")
	cmd.Flags().StringVar(&o.typ, "type", "", "only this type: person, organization, place or event (default: every entity)")
	cmd.Flags().IntVar(&o.limit, "limit", 20, "at most this many (0: all)")
	cmd.Flags().IntVar(&o.samples, "samples", 1000, "betweenness: sample this many sources on graphs larger than this")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "leave co-occurrence edges out")
	addWindowFlags(cmd, &o.from, &o.to)
	addJSONFlag(cmd, g)
	return cmd
}

// Ranked is one line of kg rank --json.
type Ranked struct {
	Rank     int        `json:"rank"`
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     graph.Kind `json:"type"`
	Score    float64    `json:"score"`
	Mentions int        `json:"mentions"`
}

func runRank(g *globals, o *rankOpts, out io.Writer) error {
	if err := checkWindow(o.from, o.to); err != nil {
		return err
	}
	keep := func(k graph.Kind) bool { return k != graph.EventKind }
	if o.typ != "" {
		k, ok := graph.ParseEntityKind(o.typ)
		if o.typ == "event" {
			k, ok = graph.EventKind, true
		}
		if !ok {
			return fmt.Errorf("--type %q: want person, organization, place or event", o.typ)
		}
		keep = func(x graph.Kind) bool { return x == k }
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	v, err := algo.Build(storeSource{r}, algo.Options{From: o.from, To: o.to, NoCooccurrence: o.noCooc})
	if err != nil {
		return err
	}
	var scores []algo.Score
	switch o.algo {
	case "pagerank":
		scores = algo.PageRank(v, 1e-6)
	case "degree":
		scores = algo.Degree(v, false)
	case "betweenness":
		scores = algo.Betweenness(v, o.samples, 1)
	default:
		return fmt.Errorf("--algo %q: want pagerank, degree or betweenness", o.algo)
	}
	list := []Ranked{}
	for _, s := range scores {
		n, ok := v.Lookup(s.ID)
		if !ok || !keep(n.Kind) {
			continue
		}
		list = append(list, Ranked{Rank: len(list) + 1, ID: s.ID, Name: n.Name, Type: n.Kind, Score: s.Score, Mentions: n.Mentions})
		if o.limit > 0 && len(list) >= o.limit {
			break
		}
	}
	if g.json {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "nothing to rank")
		return nil
	}
	tw := newTable(out)
	fmt.Fprintf(tw, "RANK\t%s\tNAME\tTYPE\tMENTIONS\tID\n", map[string]string{"pagerank": "PAGERANK", "degree": "DEGREE", "betweenness": "BETWEENNESS"}[o.algo])
	for _, x := range list {
		score := fmt.Sprintf("%.5f", x.Score)
		if o.algo == "degree" {
			score = fmt.Sprintf("%.0f", x.Score)
		} else if o.algo == "betweenness" {
			score = fmt.Sprintf("%.1f", x.Score)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\n", x.Rank, score, truncate(x.Name, 45), x.Type, x.Mentions, x.ID)
	}
	return tw.Flush()
}
