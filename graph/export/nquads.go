package export

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kg/graph"
)

// The RDF vocabulary of the N-Quads export. schema.org gives the classes
// and the properties it has; the kg: namespace holds the rest.
//
// Resources:
//
//	<urn:kg:entity:ID>                 schema:Person, schema:Organization or schema:Place
//	<urn:kg:entity:ID#geo>             schema:GeoCoordinates of a place
//	<urn:kg:event:ID>                  schema:Event
//	<urn:kg:document:ID>               schema:NewsArticle; also the name of the document's graph
//	<urn:kg:document:ID#sentence-N>    kg:Sentence, sentence N (from 0) of the document
//	<urn:kg:relationship:HASH>         kg:Relationship, an edge with its type, qualifier, weight and evidence
//
// The default graph describes the nodes and relationships as kg resolved
// them over every document (names, counts, attributes, weights):
//
//	every node        schema:identifier (the kg id)
//	entities          schema:name, schema:alternateName (each alias), kg:mentions, kg:documents,
//	                  kg:firstSeen, kg:lastSeen (xsd:date), kg:country (ISO 3166-1 alpha-2),
//	                  kg:class, kg:admin1, kg:geonamesId and schema:sameAs <https://sws.geonames.org/ID/>,
//	                  schema:geo -> schema:latitude, schema:longitude (xsd:double);
//	                  any other attribute as kg:NAME
//	events            schema:name (label), kg:eventType, kg:cameo (CAMEO code), kg:timex (the TIMEX3
//	                  value), schema:startDate (xsd:date, xsd:gYearMonth or xsd:gYear, when the
//	                  value is one), kg:documents
//	documents         schema:headline, schema:url, schema:datePublished (xsd:dateTime), kg:source,
//	                  kg:externalId
//	relationships     kg:relationshipType (PARTICIPANT_IN, OCCURRED_IN, RELATED_TO, CO_OCCURS_WITH),
//	                  kg:source and kg:target (the nodes), kg:role, kg:predicate, kg:weight (xsd:double)
//
// The graph <urn:kg:document:ID> of each document holds what that document
// says, so that every fact keeps its provenance:
//
//	<doc> schema:mentions <node>                  the document mentions an entity or event
//	<event> schema:participant <entity>           PARTICIPANT_IN, for each document of its evidence
//	<event> schema:location <place>               OCCURRED_IN
//	<entity> kg:PREDICATE <entity>                RELATED_TO (kg:relatedTo when the predicate is no name)
//	<entity> kg:coOccursWith <entity>             CO_OCCURS_WITH
//	<relationship or event> kg:evidence <sentence>
//	<sentence> a kg:Sentence; schema:isPartOf <doc>; kg:sentenceIndex, kg:start, kg:end
//	                                              (byte offsets, xsd:integer); schema:text
//
// A relationship is in the graph of each document of its evidence (kg
// keeps up to graph.MaxEvidence pieces per record; weights count on). A
// sentence is described once, however many facts it is evidence for. An
// entity of a kind kg does not know is a kg:Entity.
const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsXSD    = "http://www.w3.org/2001/XMLSchema#"
	nsSchema = "http://schema.org/"
	// NSKG is the namespace of kg's own RDF terms.
	NSKG = "urn:kg:vocab#"
)

var schemaClass = map[graph.Kind]string{
	graph.Person:       nsSchema + "Person",
	graph.Organization: nsSchema + "Organization",
	graph.Place:        nsSchema + "Place",
	graph.EventKind:    nsSchema + "Event",
	graph.DocumentKind: nsSchema + "NewsArticle",
}

func entityIRI(id string) string   { return "urn:kg:entity:" + id }
func eventIRI(id string) string    { return "urn:kg:event:" + id }
func documentIRI(id string) string { return "urn:kg:document:" + id }
func sentenceIRI(doc string, n int) string {
	return documentIRI(doc) + "#sentence-" + strconv.Itoa(n)
}

// relationshipIRI names an edge by a hash of its ends, type and qualifier.
func relationshipIRI(e *graph.Edge) string {
	h := sha256.Sum256([]byte(e.From + "\x00" + string(e.Type) + "\x00" + e.Qualifier + "\x00" + e.To))
	return "urn:kg:relationship:" + hex.EncodeToString(h[:8])
}

// maxSentences bounds the set of sentences an N-Quads export remembers
// having described (some 50 bytes each).
const maxSentences = 1 << 20

type sentenceKey struct {
	doc      string
	sentence int
}

var localName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// quadWriter writes N-Quads lines: IRIs are made here from ids and known
// namespaces, so only literals need escaping.
type quadWriter struct {
	*errWriter
	graphName string // "" for the default graph
}

// iri writes a statement whose object is an IRI.
func (q *quadWriter) iri(s, p, o string) {
	q.strs("<", s, "> <", p, "> <", o, ">")
	q.end()
}

// lit writes a statement whose object is a literal of the datatype (a
// plain string when "").
func (q *quadWriter) lit(s, p, text, datatype string) {
	q.strs("<", s, "> <", p, "> ", quoteLiteral(text))
	if datatype != "" {
		q.strs("^^<", datatype, ">")
	}
	q.end()
}

func (q *quadWriter) end() {
	if q.graphName != "" {
		q.strs(" <", q.graphName, ">")
	}
	q.str(" .\n")
}

func (q *quadWriter) in(doc string) *quadWriter {
	return &quadWriter{errWriter: q.errWriter, graphName: documentIRI(doc)}
}

// WriteNQuads writes src as RDF 1.1 N-Quads in the vocabulary above. It
// always describes the documents (they name the graphs); opts.Documents
// changes nothing.
func WriteNQuads(w io.Writer, src Source, _ Options) error {
	def := &quadWriter{errWriter: &errWriter{w: w}}
	const (
		rdfType = nsRDF + "type"
		xsdInt  = nsXSD + "integer"
		xsdDbl  = nsXSD + "double"
		xsdDate = nsXSD + "date"
	)
	err := src.Entities(func(e *graph.Entity) error {
		s := entityIRI(e.ID)
		if c, ok := schemaClass[e.Kind]; ok {
			def.iri(s, rdfType, c)
		} else {
			def.iri(s, rdfType, NSKG+"Entity") // a kind kg does not know
		}
		def.lit(s, nsSchema+"identifier", e.ID, "")
		def.lit(s, nsSchema+"name", e.Name, "")
		for _, a := range e.Aliases {
			def.lit(s, nsSchema+"alternateName", a.Name, "")
		}
		def.lit(s, NSKG+"mentions", strconv.Itoa(e.Mentions), xsdInt)
		def.lit(s, NSKG+"documents", strconv.Itoa(e.Documents), xsdInt)
		if e.FirstSeen != "" {
			def.lit(s, NSKG+"firstSeen", e.FirstSeen, xsdDate)
		}
		if e.LastSeen != "" {
			def.lit(s, NSKG+"lastSeen", e.LastSeen, xsdDate)
		}
		for _, k := range sortedAttrs(e.Attrs) {
			v := e.Attrs[k]
			switch k {
			case "lat", "lon":
				continue
			case "geonames_id":
				def.lit(s, NSKG+"geonamesId", v, "")
				if _, err := strconv.Atoi(v); err == nil {
					def.iri(s, nsSchema+"sameAs", "https://sws.geonames.org/"+v+"/")
				}
			default:
				if localName.MatchString(k) {
					def.lit(s, NSKG+k, v, "")
				}
			}
		}
		if lat, lon, ok := coordinates(e.Attrs); ok {
			geo := s + "#geo"
			def.iri(s, nsSchema+"geo", geo)
			def.iri(geo, rdfType, nsSchema+"GeoCoordinates")
			def.lit(geo, nsSchema+"latitude", lat, xsdDbl)
			def.lit(geo, nsSchema+"longitude", lon, xsdDbl)
		}
		return def.err
	})
	if err != nil {
		return err
	}
	// Sentences as evidence, in the graph of their document. Each sentence
	// is described once: the set of those written is bounded (past
	// maxSentences it starts again, and a sentence may be described twice,
	// which RDF merges).
	described := map[sentenceKey]struct{}{}
	evidence := func(subject string, evs []graph.Evidence) {
		for _, ev := range evs {
			if ev.Document == "" {
				continue
			}
			q := def.in(ev.Document)
			sent := sentenceIRI(ev.Document, ev.Sentence)
			q.iri(subject, NSKG+"evidence", sent)
			key := sentenceKey{ev.Document, ev.Sentence}
			if _, ok := described[key]; ok {
				continue
			}
			if len(described) >= maxSentences {
				clear(described)
			}
			described[key] = struct{}{}
			q.iri(sent, rdfType, NSKG+"Sentence")
			q.iri(sent, nsSchema+"isPartOf", documentIRI(ev.Document))
			q.lit(sent, NSKG+"sentenceIndex", strconv.Itoa(ev.Sentence), xsdInt)
			q.lit(sent, NSKG+"start", strconv.Itoa(ev.Start), xsdInt)
			q.lit(sent, NSKG+"end", strconv.Itoa(ev.End), xsdInt)
			if ev.Text != "" {
				q.lit(sent, nsSchema+"text", ev.Text, "")
			}
		}
	}
	err = src.Events(func(ev *graph.Event) error {
		s := eventIRI(ev.ID)
		def.iri(s, rdfType, schemaClass[graph.EventKind])
		def.lit(s, nsSchema+"identifier", ev.ID, "")
		def.lit(s, nsSchema+"name", ev.Label, "")
		def.lit(s, NSKG+"eventType", ev.Type, "")
		if ev.CAMEO != "" {
			def.lit(s, NSKG+"cameo", ev.CAMEO, "")
		}
		if ev.Date != "" {
			def.lit(s, NSKG+"timex", ev.Date, "")
			if dt := dateType(ev.Date); dt != "" {
				def.lit(s, nsSchema+"startDate", ev.Date, dt)
			}
		}
		def.lit(s, NSKG+"documents", strconv.Itoa(ev.Documents), xsdInt)
		evidence(s, ev.Evidence)
		return def.err
	})
	if err != nil {
		return err
	}
	err = src.Documents(func(d *graph.Document) error {
		s := documentIRI(d.ID)
		def.iri(s, rdfType, schemaClass[graph.DocumentKind])
		def.lit(s, nsSchema+"identifier", d.ID, "")
		if d.Title != "" {
			def.lit(s, nsSchema+"headline", d.Title, "")
		}
		if d.URL != "" {
			if isSafeIRI(d.URL) {
				def.iri(s, nsSchema+"url", d.URL)
			} else {
				def.lit(s, nsSchema+"url", d.URL, "")
			}
		}
		if !d.Published.IsZero() {
			def.lit(s, nsSchema+"datePublished", d.Published.Format(time.RFC3339), nsXSD+"dateTime")
		}
		if d.Source != "" {
			def.lit(s, NSKG+"source", d.Source, "")
		}
		if d.ExternalID != "" {
			def.lit(s, NSKG+"externalId", d.ExternalID, "")
		}
		return def.err
	})
	if err != nil {
		return err
	}
	nodeIRI := func(id string, t graph.EdgeType, from bool) string {
		switch {
		case t == graph.ParticipantIn && !from, t == graph.OccurredIn && from:
			return eventIRI(id)
		}
		return entityIRI(id)
	}
	err = src.Edges(func(e *graph.Edge) error {
		r := relationshipIRI(e)
		from, to := nodeIRI(e.From, e.Type, true), nodeIRI(e.To, e.Type, false)
		def.iri(r, rdfType, NSKG+"Relationship")
		def.lit(r, NSKG+"relationshipType", string(e.Type), "")
		def.iri(r, NSKG+"source", from)
		def.iri(r, NSKG+"target", to)
		if qn := qualifierName(e.Type); qn != "" && e.Qualifier != "" {
			def.lit(r, NSKG+qn, e.Qualifier, "")
		}
		def.lit(r, NSKG+"weight", formatFloat(e.Weight), xsdDbl)
		// The fact itself, in the graph of each document that supports it.
		s, p, o := from, "", to
		switch e.Type {
		case graph.ParticipantIn:
			s, p, o = to, nsSchema+"participant", from
		case graph.OccurredIn:
			p = nsSchema + "location"
		case graph.RelatedTo:
			p = NSKG + "relatedTo"
			if localName.MatchString(e.Qualifier) {
				p = NSKG + e.Qualifier
			}
		case graph.CoOccursWith:
			p = NSKG + "coOccursWith"
		default:
			p = NSKG + "linkedTo"
		}
		docs := evidenceDocuments(e.Evidence)
		if len(docs) == 0 {
			def.iri(s, p, o)
		}
		for _, d := range docs {
			def.in(d).iri(s, p, o)
		}
		evidence(r, e.Evidence)
		return def.err
	})
	if err != nil {
		return err
	}
	lastNode, lastIRI := "", ""
	err = src.Mentions(func(node, doc, _ string, _ []graph.Mention) error {
		// The record does not say whether the node is an entity or an
		// event; the source does (mentions come node by node).
		if node != lastNode {
			lastNode, lastIRI = node, eventIRI(node)
			if _, err := src.Entity(node); err == nil {
				lastIRI = entityIRI(node)
			}
		}
		def.in(doc).iri(documentIRI(doc), nsSchema+"mentions", lastIRI)
		return def.err
	})
	if err != nil {
		return err
	}
	return def.err
}

func sortedAttrs(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// coordinates returns a place's lat and lon attributes when both are numbers.
func coordinates(attrs map[string]string) (lat, lon string, ok bool) {
	lat, lon = attrs["lat"], attrs["lon"]
	if lat == "" || lon == "" {
		return "", "", false
	}
	a, err1 := strconv.ParseFloat(lat, 64)
	b, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || a < -90 || a > 90 || b < -180 || b > 180 {
		return "", "", false
	}
	return lat, lon, true
}

var (
	reDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reYearMonth = regexp.MustCompile(`^\d{4}-\d{2}$`)
	reYear      = regexp.MustCompile(`^\d{4}$`)
)

// dateType is the XML Schema type of a TIMEX3 value, or "" when it is
// none (weeks, seasons, unknown years).
func dateType(v string) string {
	switch {
	case reDate.MatchString(v):
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			return nsXSD + "date"
		}
	case reYearMonth.MatchString(v):
		if m, _ := strconv.Atoi(v[5:]); m >= 1 && m <= 12 {
			return nsXSD + "gYearMonth"
		}
	case reYear.MatchString(v):
		return nsXSD + "gYear"
	}
	return ""
}

// isSafeIRI reports whether s can be written between angle brackets as is:
// an absolute http(s) URL without the characters IRIREF excludes.
func isSafeIRI(s string) bool {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// quoteLiteral quotes an N-Quads string literal the way gonum's rdf
// package does, so that its decoder gives back the same line.
func quoteLiteral(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			const hexd = "0123456789abcdef"
			switch {
			case r <= unicode.MaxASCII || strconv.IsPrint(r):
				b.WriteRune(r)
			case r > utf8.MaxRune:
				r = 0xFFFD
				fallthrough
			case r < 0x10000:
				b.WriteString(`\u`)
				for s := 12; s >= 0; s -= 4 {
					b.WriteByte(hexd[r>>uint(s)&0xf])
				}
			default:
				b.WriteString(`\U`)
				for s := 28; s >= 0; s -= 4 {
					b.WriteByte(hexd[r>>uint(s)&0xf])
				}
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
