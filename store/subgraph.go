package store

import (
	"sort"

	"kg/graph"
)

// SubgraphOptions selects part of the graph.
type SubgraphOptions struct {
	// Center lists node ids to start from; empty means the whole graph.
	Center []string
	// Depth is how many hops from the center to follow (at least 1 when a center is given).
	Depth int
	// From and To keep only events dated in that range (see EventFilter);
	// entities are kept when they are within reach of a kept node.
	From, To string
	// NoCooccurrence leaves CO_OCCURS_WITH edges out.
	NoCooccurrence bool
	// MaxNodes stops the walk when this many nodes are reached (0: no limit).
	MaxNodes int
}

// Reached is a node found by a walk, with its distance from the center.
type Reached struct {
	ID    string
	Depth int
}

// Subgraph returns the nodes and edges selected by opts; with a center, it
// also returns every node reached, nearest first. The walk reads adjacency
// keys only, and the edges' evidence comes without its text (FillEvidence
// reads the documents for it).
func (r *Reader) Subgraph(opts SubgraphOptions) (*graph.Subgraph, []Reached, error) {
	sub := &graph.Subgraph{}
	inRange := func(date string) bool { return graph.InRange(date, opts.From, opts.To) }
	nodes := map[string]bool{}
	var order []Reached
	events := map[string]*graph.Event{}
	entities := map[string]*graph.Entity{}
	// keep loads a node and reports whether it belongs in the subgraph.
	keep := func(id string) (bool, error) {
		if e, err := r.Entity(id); err == nil {
			entities[id] = e
			return true, nil
		}
		ev, err := r.Event(id)
		if err != nil {
			return false, err
		}
		if !inRange(ev.Date) {
			return false, nil
		}
		events[id] = ev
		return true, nil
	}
	types := []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo}
	if !opts.NoCooccurrence {
		types = append(types, graph.CoOccursWith)
	}

	if len(opts.Center) == 0 {
		err := r.Entities(nil, func(e *graph.Entity) error { entities[e.ID] = e; nodes[e.ID] = true; return nil })
		if err != nil {
			return nil, nil, err
		}
		err = r.Events(EventFilter{From: opts.From, To: opts.To}, func(ev *graph.Event) error {
			events[ev.ID] = ev
			nodes[ev.ID] = true
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		if opts.From != "" || opts.To != "" {
			// Keep only the entities linked to a kept event.
			linked := map[string]bool{}
			for _, ev := range events {
				if ev.Place != nil {
					linked[ev.Place.ID] = true
				}
				for _, p := range ev.Participants {
					linked[p.ID] = true
				}
			}
			for id := range entities {
				if !linked[id] {
					delete(entities, id)
					delete(nodes, id)
				}
			}
		}
	} else {
		depth := max(opts.Depth, 1)
		frontier := []string{}
		for _, c := range opts.Center {
			if nodes[c] {
				continue
			}
			if _, err := keep(c); err != nil {
				return nil, nil, err
			}
			nodes[c] = true
			order = append(order, Reached{ID: c})
			frontier = append(frontier, c)
		}
		for d := 1; d <= depth && len(frontier) > 0; d++ {
			var next []string
			for _, id := range frontier {
				// The walk reads adjacency keys only (Links); the records
				// of the edges kept are read once, below.
				var others []string
				err := r.Links(id, Both, types, func(l Link) error {
					others = append(others, l.Other)
					return nil
				})
				if err != nil {
					return nil, nil, err
				}
				for _, other := range others {
					if nodes[other] {
						continue
					}
					if opts.MaxNodes > 0 && len(nodes) >= opts.MaxNodes {
						break
					}
					ok, err := keep(other)
					if err != nil {
						return nil, nil, err
					}
					if !ok {
						continue
					}
					nodes[other] = true
					order = append(order, Reached{ID: other, Depth: d})
					next = append(next, other)
				}
			}
			sort.Strings(next)
			frontier = next
		}
	}
	// Edges among the kept nodes, each once, in key order (EdgesAmong
	// leaves loops out; the writer makes none).
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	err := r.EdgesAmong(ids, types, func(e graph.Edge) error {
		sub.Edges = append(sub.Edges, e)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		if e, ok := entities[id]; ok {
			sub.Entities = append(sub.Entities, e)
		}
		if ev, ok := events[id]; ok {
			sub.Events = append(sub.Events, ev)
		}
	}
	return sub, order, nil
}
