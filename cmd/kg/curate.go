package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/store"
)

// The curation commands: an analyst's corrections, stored as rules that
// every later ingest follows. Each re-resolves the documents it concerns.

func newMergeCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "merge KEEP OTHER",
		Short: "Make two entities one: OTHER's mentions, aliases and relations become KEEP's",
		Long: `merge makes OTHER the same entity as KEEP. OTHER's documents are re-resolved,
so its mentions, aliases, events and relations move to KEEP, and every later
mention that would have been OTHER is KEEP. OTHER's id goes on naming KEEP.
Both must be of the same type (see kg retype).`,
		Example: `  kg merge "Vladimir Putin" "Putin"
  kg merge 2f7c1a0b9e3d4c55 8a1b2c3d4e5f6071`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return curate(g, cmd, args[:2], func(st *store.Store, es []*graph.Entity) (*store.Curated, error) {
				return st.Merge(es[0].ID, es[1].ID)
			})
		},
	}
	addJSONFlag(cmd, g)
	return cmd
}

func newSplitCmd(g *globals) *cobra.Command {
	var alias string
	cmd := &cobra.Command{
		Use:   "split NAME|ID --alias ALIAS",
		Short: "Take an alias and its mentions away from an entity, into an entity of their own",
		Long: `split takes the mentions of ALIAS away from the entity into an entity of their
own, and ALIAS never resolves to the entity again ("Paris" the person was
merged with Paris the city: split it off, then retype it).`,
		Example: `  kg split "Paris" --alias "Paris Hilton"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if alias == "" {
				return fmt.Errorf("--alias is required: the name to split off")
			}
			return curate(g, cmd, args, func(st *store.Store, es []*graph.Entity) (*store.Curated, error) {
				return st.Split(es[0].ID, alias)
			})
		},
	}
	cmd.Flags().StringVar(&alias, "alias", "", "the alias to split off")
	addJSONFlag(cmd, g)
	return cmd
}

func newRenameCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "rename NAME|ID NEWNAME",
		Short:   "Fix an entity's canonical name",
		Example: `  kg rename "Francois Hollande" "François Hollande"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return curate(g, cmd, args[:1], func(st *store.Store, es []*graph.Entity) (*store.Curated, error) {
				return st.Rename(es[0].ID, args[1])
			})
		},
	}
	addJSONFlag(cmd, g)
	return cmd
}

func newRetypeCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "retype NAME|ID person|organization|place",
		Short:   "Fix an entity's type",
		Example: `  kg retype Kremlin organization`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, ok := graph.ParseEntityKind(args[1])
			if !ok {
				return fmt.Errorf("type %q: want person, organization or place", args[1])
			}
			return curate(g, cmd, args[:1], func(st *store.Store, es []*graph.Entity) (*store.Curated, error) {
				return st.Retype(es[0].ID, kind)
			})
		},
	}
	addJSONFlag(cmd, g)
	return cmd
}

func newAliasCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "alias add|remove NAME|ID ALIAS",
		Short: "Add a name to an entity, or take one away",
		Long: `alias add makes ALIAS the entity's: documents where ALIAS stood for another
entity are re-resolved, and later mentions of it are the entity.
alias remove is kg split: ALIAS and its mentions become an entity of their own.`,
		Example: `  kg alias add "Islamic State" "Daesh"
  kg alias remove "Paris" "Paris Hilton"`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			var op func(*store.Store, string, string) (*store.Curated, error)
			switch args[0] {
			case "add":
				op = (*store.Store).AddAlias
			case "remove", "rm":
				op = (*store.Store).Split
			default:
				return fmt.Errorf("alias %q: want add or remove", args[0])
			}
			return curate(g, cmd, args[1:2], func(st *store.Store, es []*graph.Entity) (*store.Curated, error) {
				return op(st, es[0].ID, args[2])
			})
		},
	}
	addJSONFlag(cmd, g)
	return cmd
}

// curate opens the store for writing, finds the named entities and runs op.
func curate(g *globals, cmd *cobra.Command, names []string, op func(*store.Store, []*graph.Entity) (*store.Curated, error)) error {
	st, err := store.Open(g.db, store.Options{Verbose: g.verbose})
	if err != nil {
		return err
	}
	defer st.Close()
	var es []*graph.Entity
	r := st.Reader()
	for _, n := range names {
		e, err := findEntity(r, n, cmd.ErrOrStderr())
		if err != nil {
			r.Close()
			return err
		}
		es = append(es, e)
	}
	r.Close()
	res, err := op(st, es)
	if err != nil {
		return err
	}
	return printCurated(g, cmd.OutOrStdout(), res)
}

func printCurated(g *globals, out io.Writer, res *store.Curated) error {
	if g.json {
		return writeJSON(out, res)
	}
	fmt.Fprintf(out, "recorded: %s\n", res.Rule)
	if res.Reresolved > 0 {
		fmt.Fprintf(out, "re-resolved %d documents\n", res.Reresolved)
	}
	if res.Entity != "" {
		fmt.Fprintf(out, "see: kg show %s\n", res.Entity)
	}
	return nil
}
