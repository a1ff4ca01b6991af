package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/store"
)

type eventsOpts struct {
	from, to  string
	typ       string
	involving []string
	place     string
	limit     int
}

func newEventsCmd(g *globals) *cobra.Command {
	o := &eventsOpts{}
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List events in date order, with their participants and place",
		Long: `events lists events in date order (undated events last). Dates compare at the
precision given: --to 2015-11 includes all of November 2015, and an event
dated only "2015-11" is inside --from 2015-11-10.`,
		Example: `  kg events --from 2015-09-01 --to 2015-11-30
  kg events --type attack --place Syria
  kg events --involving Putin --involving Hollande --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvents(g, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.from, "from", "", "only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().StringVar(&o.to, "to", "", "only events on or before this date")
	cmd.Flags().StringVar(&o.typ, "type", "", "only events of these types, comma-separated (attack, meeting, ...)")
	cmd.Flags().StringArrayVar(&o.involving, "involving", nil, "only events involving this entity (repeatable: all of them)")
	cmd.Flags().StringVar(&o.place, "place", "", "only events that took place here")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many (0: all)")
	addJSONFlag(cmd, g)
	return cmd
}

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

func runEvents(g *globals, o *eventsOpts, out, errw io.Writer) error {
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
	f := store.EventFilter{From: o.from, To: o.to}
	if o.typ != "" {
		for _, t := range strings.Split(o.typ, ",") {
			f.Types = append(f.Types, strings.TrimSpace(t))
		}
	}
	for _, name := range o.involving {
		e, err := findEntity(r, name, errw)
		if err != nil {
			return err
		}
		f.Involving = append(f.Involving, e.ID)
	}
	if o.place != "" {
		es, err := r.FindEntities(o.place, graph.Place)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			return fmt.Errorf("no place named %q: try `kg entities --type place`", o.place)
		}
		f.Place = es[0].ID
	}
	list := []*graph.Event{}
	errLimit := fmt.Errorf("limit")
	err = r.Events(f, func(ev *graph.Event) error {
		list = append(list, ev)
		if o.limit > 0 && len(list) >= o.limit {
			return errLimit
		}
		return nil
	})
	if err != nil && err != errLimit {
		return err
	}
	if g.json {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "no events")
		return nil
	}
	tw := newTable(out)
	fmt.Fprintln(tw, "DATE\tTYPE\tLABEL\tPLACE\tPARTICIPANTS\tDOCS\tID")
	for _, ev := range list {
		place := "-"
		if ev.Place != nil {
			place = ev.Place.Name
		}
		var ps []string
		for _, p := range ev.Participants {
			ps = append(ps, p.Name+" ("+p.Role+")")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", dateOrDash(ev.Date), ev.Type, truncate(ev.Label, 45), truncate(place, 20), truncate(strings.Join(ps, ", "), 50), ev.Documents, ev.ID)
	}
	return tw.Flush()
}
