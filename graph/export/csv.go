package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"kg/graph"
)

// CSV for `neo4j-admin database import`: one file of nodes per kind and
// one file of relationships per type, each with its header on the first
// line in the import tool's conventions: :ID, :LABEL, :START_ID, :END_ID,
// :TYPE, typed properties (name:type, with int, double, date, datetime,
// point{crs:WGS-84} and arrays such as string[]). Arrays use the tool's
// default delimiter ";" (a ";" inside an element becomes ","); empty
// fields are no property. Line breaks inside values become spaces, so the
// import needs no --multiline-fields. Evidence and mentions are JSON
// strings, with the documents of the evidence also as a string[].
//
//	person.csv, organization.csv, place.csv
//	    :ID,:LABEL,name,aliases:string[],alias_counts:int[],mentions:int,documents:int,
//	    first_seen:date,last_seen:date,<attribute>...   (lat:double,lon:double and,
//	    for places with both, location:point{crs:WGS-84})
//	event.csv
//	    :ID,:LABEL,event_type,cameo,label,date,day:date,documents:int,evidence,evidence_documents:string[]
//	document.csv (with Options.Documents)
//	    :ID,:LABEL,title,url,published:datetime,source,external_id
//	participant_in.csv, occurred_in.csv, related_to.csv, co_occurs_with.csv
//	    :START_ID,:END_ID,:TYPE,role|predicate,weight:double,evidence,evidence_documents:string[]
//	mentioned_in.csv (with Options.Documents)
//	    :START_ID,:END_ID,:TYPE,mentions:int,sentences:int[],mentions_json
//
// Labels: Person, Organization and Place nodes are also Entity; events are
// Event, documents Document. Ids are the kg ids, one id space.

// CSVFiles creates the files of a CSV export by name.
type CSVFiles func(name string) (io.WriteCloser, error)

// CSVNodeFiles and CSVRelationshipFiles name the files WriteCSV writes
// (documents and mentions only with Options.Documents), in the order
// neo4j-admin should be given them.
var (
	CSVNodeFiles         = []string{"person.csv", "organization.csv", "place.csv", "event.csv", "document.csv"}
	CSVRelationshipFiles = []string{"participant_in.csv", "occurred_in.csv", "related_to.csv", "co_occurs_with.csv", "mentioned_in.csv"}
)

var csvLabel = map[graph.Kind]string{
	graph.Person:       "Person;Entity",
	graph.Organization: "Organization;Entity",
	graph.Place:        "Place;Entity",
	graph.EventKind:    "Event",
	graph.DocumentKind: "Document",
}

// csvFile is one output file.
type csvFile struct {
	name string
	wc   io.WriteCloser
	bw   *bufio.Writer
	w    *csv.Writer
}

// WriteCSV writes src as the CSV files above, made by create, and returns
// the names of the files written.
func WriteCSV(create CSVFiles, src Source, opts Options) (files []string, err error) {
	_, attrs, err := sortedAttrNames(src)
	if err != nil {
		return nil, err
	}
	open := map[string]*csvFile{}
	defer func() {
		for _, f := range open {
			f.wc.Close()
		}
	}()
	var order []*csvFile
	newFile := func(name string, header []string) (*csvFile, error) {
		wc, err := create(name)
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(wc, 64<<10)
		f := &csvFile{name: name, wc: wc, bw: bw, w: csv.NewWriter(bw)}
		open[name] = f
		order = append(order, f)
		return f, f.w.Write(header)
	}

	entityFiles := map[graph.Kind]*csvFile{}
	for _, k := range graph.EntityKinds {
		header := []string{":ID", ":LABEL", "name", "aliases:string[]", "alias_counts:int[]", "mentions:int", "documents:int", "first_seen:date", "last_seen:date"}
		hasLat, hasLon := false, false
		for _, a := range attrs[k] {
			typ := ""
			switch a {
			case "lat":
				typ, hasLat = ":double", true
			case "lon":
				typ, hasLon = ":double", true
			}
			header = append(header, csvAttrName(a)+typ)
		}
		if hasLat && hasLon {
			header = append(header, "location:point{crs:WGS-84}")
		}
		f, err := newFile(string(k)+".csv", header)
		if err != nil {
			return nil, err
		}
		entityFiles[k] = f
	}
	// Entities of a kind kg does not know have no file; their edges are
	// left out too, or the import would stop at them.
	skipped := map[string]bool{}
	err = src.Entities(func(e *graph.Entity) error {
		f, ok := entityFiles[e.Kind]
		if !ok {
			skipped[e.ID] = true
			return nil
		}
		names := make([]string, len(e.Aliases))
		counts := make([]string, len(e.Aliases))
		for i, a := range e.Aliases {
			names[i], counts[i] = csvArrayElem(a.Name), strconv.Itoa(a.Count)
		}
		row := []string{e.ID, csvLabel[e.Kind], csvText(e.Name), strings.Join(names, ";"), strings.Join(counts, ";"),
			strconv.Itoa(e.Mentions), strconv.Itoa(e.Documents), e.FirstSeen, e.LastSeen}
		hasLat, hasLon := false, false
		for _, a := range attrs[e.Kind] {
			v := e.Attrs[a]
			switch a {
			case "lat", "lon":
				hasLat, hasLon = hasLat || a == "lat", hasLon || a == "lon"
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					v = ""
				}
			}
			row = append(row, csvText(v))
		}
		if hasLat && hasLon {
			point := ""
			if lat, lon, ok := coordinates(e.Attrs); ok {
				point = "{latitude:" + lat + ", longitude:" + lon + "}"
			}
			row = append(row, point)
		}
		return f.w.Write(row)
	})
	if err != nil {
		return nil, err
	}

	events, err := newFile("event.csv", []string{":ID", ":LABEL", "event_type", "cameo", "label", "date", "day:date", "documents:int", "evidence", "evidence_documents:string[]"})
	if err != nil {
		return nil, err
	}
	err = src.Events(func(ev *graph.Event) error {
		day := ""
		if dateType(ev.Date) == nsXSD+"date" {
			day = ev.Date
		}
		evidence, err := jsonString(nonNil(ev.Evidence))
		if err != nil {
			return err
		}
		return events.w.Write([]string{ev.ID, csvLabel[graph.EventKind], csvText(ev.Type), ev.CAMEO, csvText(ev.Label), ev.Date, day,
			strconv.Itoa(ev.Documents), evidence, strings.Join(evidenceDocuments(ev.Evidence), ";")})
	})
	if err != nil {
		return nil, err
	}

	if opts.Documents {
		docs, err := newFile("document.csv", []string{":ID", ":LABEL", "title", "url", "published:datetime", "source", "external_id"})
		if err != nil {
			return nil, err
		}
		err = src.Documents(func(d *graph.Document) error {
			published := ""
			if !d.Published.IsZero() {
				published = d.Published.Format(time.RFC3339)
			}
			return docs.w.Write([]string{d.ID, csvLabel[graph.DocumentKind], csvText(d.Title), csvText(d.URL), published, csvText(d.Source), csvText(d.ExternalID)})
		})
		if err != nil {
			return nil, err
		}
	}

	relFiles := map[graph.EdgeType]*csvFile{}
	for _, t := range []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo, graph.CoOccursWith} {
		header := []string{":START_ID", ":END_ID", ":TYPE"}
		if q := qualifierName(t); q != "" {
			header = append(header, q)
		}
		header = append(header, "weight:double", "evidence", "evidence_documents:string[]")
		f, err := newFile(strings.ToLower(string(t))+".csv", header)
		if err != nil {
			return nil, err
		}
		relFiles[t] = f
	}
	err = src.Edges(func(e *graph.Edge) error {
		f, ok := relFiles[e.Type]
		if !ok || skipped[e.From] || skipped[e.To] {
			return nil
		}
		row := []string{e.From, e.To, string(e.Type)}
		if qualifierName(e.Type) != "" {
			row = append(row, csvText(e.Qualifier))
		}
		evidence, err := jsonString(nonNil(e.Evidence))
		if err != nil {
			return err
		}
		row = append(row, formatFloat(e.Weight), evidence, strings.Join(evidenceDocuments(e.Evidence), ";"))
		return f.w.Write(row)
	})
	if err != nil {
		return nil, err
	}
	if opts.Documents {
		rel, err := newFile("mentioned_in.csv", []string{":START_ID", ":END_ID", ":TYPE", "mentions:int", "sentences:int[]", "mentions_json"})
		if err != nil {
			return nil, err
		}
		err = src.Mentions(func(node, doc, _ string, ms []graph.Mention) error {
			if skipped[node] {
				return nil
			}
			var sents []string
			list := make([]jsonMention, 0, len(ms))
			for _, m := range ms {
				sents = append(sents, strconv.Itoa(m.Sentence))
				list = append(list, jsonMention{Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
			}
			js, err := jsonString(list)
			if err != nil {
				return err
			}
			return rel.w.Write([]string{node, doc, string(graph.MentionedIn), strconv.Itoa(len(ms)), strings.Join(sents, ";"), js})
		})
		if err != nil {
			return nil, err
		}
	}

	for _, f := range order {
		f.w.Flush()
		if err := f.w.Error(); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		if err := f.bw.Flush(); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		delete(open, f.name)
		if err := f.wc.Close(); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		files = append(files, f.name)
	}
	return files, nil
}

// csvAttrName is the column of an entity attribute: its name, prefixed
// with "attr_" when it is one of the other columns'.
func csvAttrName(a string) string {
	n := csvPropertyName(a)
	switch n {
	case "name", "aliases", "alias_counts", "mentions", "documents", "first_seen", "last_seen", "location":
		n = "attr_" + n
	}
	return n
}

// csvPropertyName keeps a property name to letters, digits and "_", so
// that it cannot be read as a type or a special column.
func csvPropertyName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// csvText puts a value on one line.
func csvText(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// csvArrayElem keeps an array element from splitting at the delimiter.
func csvArrayElem(s string) string { return strings.ReplaceAll(csvText(s), ";", ",") }

func jsonString(v any) (string, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return "", fmt.Errorf("encode CSV JSON value: %w", err)
	}
	return string(b), nil
}
