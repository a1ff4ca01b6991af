package export

import (
	"fmt"
	"io"
	"sort"
)

// DgraphSchema writes a Dgraph schema for the N-Quads that the nquads
// format writes: the type and indexes of every predicate of the vocabulary,
// and of each RELATED_TO predicate in use (kg:mayor_of, ...). Load both
// with Dgraph's live or bulk loader (see the README).
func DgraphSchema(w io.Writer, relatedPredicates []string) error {
	type pred struct{ iri, decl string }
	preds := []pred{
		{"xid", "string @index(exact) @upsert"},
		{nsRDF + "type", "[uid]"},
		{nsSchema + "identifier", "string @index(exact) @upsert"},
		{nsSchema + "name", "string @index(exact, term, trigram)"},
		{nsSchema + "alternateName", "[string] @index(exact, term)"},
		{nsSchema + "headline", "string @index(term)"},
		{nsSchema + "url", "string @index(exact)"},
		{nsSchema + "text", "string @index(fulltext)"},
		{nsSchema + "datePublished", "datetime @index(day)"},
		{nsSchema + "startDate", "datetime @index(day)"},
		{nsSchema + "sameAs", "[uid]"},
		{nsSchema + "geo", "uid"},
		{nsSchema + "latitude", "float"},
		{nsSchema + "longitude", "float"},
		{nsSchema + "isPartOf", "uid @reverse"},
		{nsSchema + "mentions", "[uid] @reverse"},
		{nsSchema + "participant", "[uid] @reverse"},
		{nsSchema + "location", "[uid] @reverse"},
		{NSKG + "mentions", "int @index(int)"},
		{NSKG + "documents", "int @index(int)"},
		{NSKG + "firstSeen", "datetime @index(day)"},
		{NSKG + "lastSeen", "datetime @index(day)"},
		{NSKG + "country", "string @index(exact)"},
		{NSKG + "class", "string @index(exact)"},
		{NSKG + "admin1", "string @index(exact)"},
		{NSKG + "geonamesId", "string @index(exact)"},
		{NSKG + "eventType", "string @index(exact)"},
		{NSKG + "cameo", "string @index(exact)"},
		{NSKG + "timex", "string @index(exact)"},
		{NSKG + "source", "string @index(exact)"},
		{NSKG + "externalId", "string @index(exact)"},
		{NSKG + "relationshipType", "string @index(exact)"},
		{NSKG + "role", "string @index(exact)"},
		{NSKG + "predicate", "string @index(exact)"},
		{NSKG + "weight", "float @index(float)"},
		{NSKG + "sentenceIndex", "int"},
		{NSKG + "start", "int"},
		{NSKG + "end", "int"},
		{NSKG + "evidence", "[uid] @reverse"},
		{NSKG + "coOccursWith", "[uid] @reverse"},
		{NSKG + "relatedTo", "[uid] @reverse"},
		{NSKG + "linkedTo", "[uid] @reverse"},
	}
	seen := map[string]bool{}
	for _, p := range preds {
		seen[p.iri] = true
	}
	extra := append([]string(nil), relatedPredicates...)
	sort.Strings(extra)
	for _, p := range extra {
		if !localName.MatchString(p) {
			continue // written as kg:relatedTo
		}
		iri := NSKG + p
		if !seen[iri] {
			seen[iri] = true
			preds = append(preds, pred{iri, "[uid] @reverse"})
		}
	}
	if _, err := fmt.Fprintf(w, "# Dgraph schema for kg's N-Quads (kg export --format nquads).\n"+
		"# Load: dgraph bulk -f graph.nq -s kg.schema --store_xids, or into a running cluster:\n"+
		"#       dgraph live -f graph.nq -s kg.schema --upsertPredicate xid\n"); err != nil {
		return err
	}
	for _, p := range preds {
		if _, err := fmt.Fprintf(w, "<%s>: %s .\n", p.iri, p.decl); err != nil {
			return err
		}
	}
	return nil
}
