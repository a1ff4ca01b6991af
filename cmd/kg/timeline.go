package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/algo"
	"kg/query"
	"kg/store"
)

type timelineOpts struct {
	from, to string
	typ      string
	limit    int
}

func newTimelineCmd(g *globals) *cobra.Command {
	o := &timelineOpts{}
	cmd := &cobra.Command{
		Use:   "timeline NAME",
		Short: "List the events of one entity in date order",
		Long: `timeline lists the events an entity takes part in (with its role) or that
took place there, in date order: a month or a year comes before the days it
contains, and undated events come last.`,
		Example: `  kg timeline Putin
  kg timeline Syria --from 2015-09 --to 2015-12 --type attack
  kg timeline "Islamic State" --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTimeline(g, o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addWindowFlags(cmd, &o.from, &o.to)
	cmd.Flags().StringVar(&o.typ, "type", "", "only events of these types, comma-separated")
	cmd.Flags().IntVar(&o.limit, "limit", 0, "at most this many (0: all)")
	addJSONFlag(cmd, g)
	return cmd
}

// TimelineEvent is an event of a timeline with the entity's role in it
// (agent, target, other, or place).
type TimelineEvent struct {
	*graph.Event
	Role string `json:"role"`
}

func runTimeline(g *globals, o *timelineOpts, name string, out, errw io.Writer) error {
	if err := checkWindow(o.from, o.to); err != nil {
		return err
	}
	types := map[string]bool{}
	for _, t := range strings.Split(o.typ, ",") {
		if t = strings.TrimSpace(t); t != "" {
			types[t] = true
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
	roles := map[string][]string{}
	var ids []string
	err = r.Adjacent(e.ID, store.Both, []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn}, func(ed store.Edge) error {
		id, role := ed.To, ed.Qualifier
		if !ed.Out {
			id, role = ed.From, "place"
		}
		if roles[id] == nil {
			ids = append(ids, id)
		}
		roles[id] = append(roles[id], role)
		return nil
	})
	if err != nil {
		return err
	}
	list := []TimelineEvent{}
	for _, id := range ids {
		ev, err := r.Event(id)
		if err != nil {
			return err
		}
		if (o.from != "" || o.to != "") && !algo.InWindow(ev.Date, o.from, o.to) {
			continue
		}
		if len(types) > 0 && !types[ev.Type] {
			continue
		}
		sort.Strings(roles[id])
		list = append(list, TimelineEvent{Event: ev, Role: strings.Join(roles[id], ",")})
	}
	sort.SliceStable(list, func(i, j int) bool {
		if c := query.DateOrder(list[i].Date, list[j].Date); c != 0 {
			return c < 0
		}
		return list[i].Label < list[j].Label
	})
	if o.limit > 0 && len(list) > o.limit {
		list = list[:o.limit]
	}
	if g.json {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "timeline of %s (%s):\n", e.Name, e.Kind)
	if len(list) == 0 {
		fmt.Fprintln(out, "  no events")
		return nil
	}
	tw := newTable(out)
	fmt.Fprintln(tw, "DATE\tTYPE\tROLE\tLABEL\tPLACE\tWITH\tID")
	for _, ev := range list {
		place := "-"
		if ev.Place != nil {
			place = ev.Place.Name
		}
		var with []string
		for _, p := range ev.Participants {
			if p.ID != e.ID {
				with = append(with, p.Name+" ("+p.Role+")")
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dateOrDash(ev.Date), ev.Type, ev.Role, truncate(ev.Label, 45), truncate(place, 20), truncate(strings.Join(with, ", "), 50), ev.ID)
	}
	return tw.Flush()
}
