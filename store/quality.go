package store

import (
	"sort"
	"strings"

	"kg/graph"
)

// Quality measures how well entities were resolved.
type Quality struct {
	// SurnameDuplicates counts person nodes named by one word that is the
	// surname of another person node mentioned in the same document: a
	// resolution that should have happened (near zero is right).
	SurnameDuplicates int      `json:"surname_duplicates"`
	SurnameExamples   []string `json:"surname_examples"`
	// UnlinkedPlaces counts place nodes without a GeoNames id.
	UnlinkedPlaces  int      `json:"unlinked_places"`
	Places          int      `json:"places"`
	UnlinkedSamples []string `json:"unlinked_examples"`
	// LargestAliasSets are the entities with the most distinct aliases.
	LargestAliasSets []AliasSet `json:"largest_alias_sets"`
}

// AliasSet is an entity and its aliases.
type AliasSet struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Type    graph.Kind `json:"type"`
	Aliases []string   `json:"aliases"`
}

// Quality computes resolution figures over the whole store.
func (r *Reader) Quality() (*Quality, error) {
	q := &Quality{SurnameExamples: []string{}, UnlinkedSamples: []string{}, LargestAliasSets: []AliasSet{}}
	fullBySurname := map[string][]*graph.Entity{}
	var single []*graph.Entity
	var sets []AliasSet
	err := r.Entities(nil, func(e *graph.Entity) error {
		switch e.Kind {
		case graph.Person:
			f := strings.Fields(graph.NameKey(e.Name))
			if len(f) == 1 {
				single = append(single, e)
			} else if len(f) > 1 {
				fullBySurname[f[len(f)-1]] = append(fullBySurname[f[len(f)-1]], e)
			}
		case graph.Place:
			q.Places++
			if e.Attrs["geonames_id"] == "" {
				q.UnlinkedPlaces++
				if len(q.UnlinkedSamples) < 10 {
					q.UnlinkedSamples = append(q.UnlinkedSamples, e.Name)
				}
			}
		}
		set := AliasSet{ID: e.ID, Name: e.Name, Type: e.Kind}
		for _, a := range e.Aliases {
			set.Aliases = append(set.Aliases, a.Name)
		}
		sets = append(sets, set)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range single {
		full := fullBySurname[graph.NameKey(s.Name)]
		if len(full) == 0 {
			continue
		}
		docs, err := r.docSet(s.ID)
		if err != nil {
			return nil, err
		}
		for _, f := range full {
			shared, err := r.sharesDocument(f.ID, docs)
			if err != nil {
				return nil, err
			}
			if shared {
				q.SurnameDuplicates++
				if len(q.SurnameExamples) < 10 {
					q.SurnameExamples = append(q.SurnameExamples, s.Name+" / "+f.Name)
				}
				break
			}
		}
	}
	sort.SliceStable(sets, func(i, j int) bool {
		if len(sets[i].Aliases) != len(sets[j].Aliases) {
			return len(sets[i].Aliases) > len(sets[j].Aliases)
		}
		return sets[i].Name < sets[j].Name
	})
	q.LargestAliasSets = append(q.LargestAliasSets, sets[:min(10, len(sets))]...)
	return q, nil
}

func (r *Reader) docSet(id string) (map[id8]bool, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	docs := map[id8]bool{}
	err = scanKeys(r.txn, cat([]byte(prefixMention), b[:]), func(k []byte) error {
		var d id8
		copy(d[:], k[len(k)-8:])
		docs[d] = true
		return nil
	})
	return docs, err
}

func (r *Reader) sharesDocument(id string, docs map[id8]bool) (bool, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return false, err
	}
	found := false
	errStop := errStopScan
	err = scanKeys(r.txn, cat([]byte(prefixMention), b[:]), func(k []byte) error {
		var d id8
		copy(d[:], k[len(k)-8:])
		if docs[d] {
			found = true
			return errStop
		}
		return nil
	})
	if err == errStop {
		err = nil
	}
	return found, err
}
