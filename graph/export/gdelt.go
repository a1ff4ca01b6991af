package export

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"kg/graph"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 event table
// (GDELT-Event_Codebook-V2.0.pdf, "Event table" in the order of the
// tab-separated *.export.CSV files), which WriteGDELT fills where kg has
// the field:
//
//	 1 GlobalEventID        the event's 64-bit id with the top bit cleared, in decimal (fits a signed
//	                        64-bit integer; printf %016x gives back the kg id, or it with the top bit set)
//	 2 Day                  YYYYMMDD, when the date is a day
//	 3 MonthYear            YYYYMM, when the month is known
//	 4 Year                 YYYY, when the year is known
//	 5 FractionDate         YYYY.FFFF = year + day of year / 365, when the date is a day
//	 6 Actor1Code           Actor1CountryCode followed by Actor1Type1Code
//	 7 Actor1Name           the entity's name
//	 8 Actor1CountryCode    ISO 3166-1 alpha-3 (which CAMEO country codes follow) of the entity's country
//	 9 Actor1KnownGroupCode blank
//	10 Actor1EthnicCode     blank
//	11 Actor1Religion1Code  blank
//	12 Actor1Religion2Code  blank
//	13 Actor1Type1Code      from the entity's class: media MED, armed_group REB, company BUS, forum IGO
//	14 Actor1Type2Code      blank
//	15 Actor1Type3Code      blank
//	16-25 Actor2...         as 6-15, for Actor2
//	26 IsRootEvent          1 when the event is told in the first two sentences (headline, lead) of a document
//	27 EventCode            the CAMEO code; a two-digit root "18" becomes "180" (not specified below)
//	28 EventBaseCode        its first three digits
//	29 EventRootCode        its first two digits
//	30 QuadClass            by root: 01-05 1 verbal cooperation, 06-08 2 material cooperation,
//	                        09-13 3 verbal conflict, 14-20 4 material conflict
//	31 GoldsteinScale       by root, from CAMEO's Goldstein table (goldstein below)
//	32 NumMentions          mentions of the event in all documents
//	33 NumSources           distinct sources: URL hosts, or the files documents came from
//	34 NumArticles          documents that mention the event
//	35 AvgTone              blank
//	36 Actor1Geo_Type       when Actor1 is a place: 1 country, 2 US state, 3 US city, 4 world city,
//	                        5 world state (first-level division), blank for regions
//	37 Actor1Geo_FullName   the place's name, and its country's when it is not a country
//	38 Actor1Geo_CountryCode FIPS 10-4 code of the place's country
//	39 Actor1Geo_ADM1Code   FIPS country code followed by the GeoNames admin1 code (GDELT's FIPS
//	                        admin1 code for most countries), or the country code alone
//	40 Actor1Geo_ADM2Code   blank
//	41 Actor1Geo_Lat        latitude
//	42 Actor1Geo_Long       longitude
//	43 Actor1Geo_FeatureID  GeoNames id (GDELT uses GNS/GNIS ids)
//	44-51 Actor2Geo_...     as 36-43, for Actor2
//	52-59 ActionGeo_...     as 36-43, for the event's place
//	60 DATEADDED            YYYYMMDDHHMMSS (UTC) publication time of the earliest dated document
//	61 SOURCEURL            that document's URL, or urn:kg:document:ID when it has none
//
// Actor1 is the first agent (else the first participant in another role
// than target), Actor2 the first target. Events without a CAMEO code
// (election, personnel, ...) have blank columns 27-31.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// goldstein is the Goldstein conflict-cooperation score of each CAMEO root
// code, the value CAMEO's Goldstein table gives the root's "not specified
// below" code (010, 020, ... 200).
var goldstein = map[string]float64{
	"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5,
	"06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0, "10": -5.0,
	"11": -2.0, "12": -4.0, "13": -4.4, "14": -6.5, "15": -7.2,
	"16": -4.0, "17": -5.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

// quadClass is GDELT's QuadClass of a CAMEO root code.
func quadClass(root string) string {
	n, err := strconv.Atoi(root)
	switch {
	case err != nil || n < 1 || n > 20:
		return ""
	case n <= 5:
		return "1"
	case n <= 8:
		return "2"
	case n <= 13:
		return "3"
	}
	return "4"
}

// cameoCodes splits a CAMEO code into GDELT's event, base and root codes.
func cameoCodes(c string) (code, base, root string) {
	for _, r := range c {
		if r < '0' || r > '9' {
			return "", "", ""
		}
	}
	switch len(c) {
	case 2:
		return c + "0", c + "0", c
	case 3:
		return c, c, c[:2]
	case 4:
		return c, c[:3], c[:2]
	}
	return "", "", ""
}

// actorType is the CAMEO actor type of an entity's class.
var actorType = map[string]string{
	"media":       "MED",
	"armed_group": "REB",
	"company":     "BUS",
	"forum":       "IGO",
}

// WriteGDELT writes the events of src as GDELT 2.0 event rows: 61
// tab-separated columns (GDELTColumns), no header, as GDELT's files.
func WriteGDELT(w io.Writer, src Source, _ Options) error {
	e := &errWriter{w: w}
	docs := docMetaCache{src: src, m: map[string]docMeta{}}
	row := make([]string, len(GDELTColumns))
	err := src.Events(func(ev *graph.Event) error {
		for i := range row {
			row[i] = ""
		}
		if err := gdeltRow(row, ev, src, &docs); err != nil {
			return err
		}
		for i, f := range row {
			if i > 0 {
				e.str("\t")
			}
			e.str(tsvField(f))
		}
		e.str("\n")
		return e.err
	})
	if err != nil {
		return err
	}
	return e.err
}

func gdeltRow(row []string, ev *graph.Event, src Source, docs *docMetaCache) error {
	id, err := graph.IDUint(ev.ID)
	if err != nil {
		return fmt.Errorf("event %s: %w", ev.ID, err)
	}
	row[0] = strconv.FormatUint(id&^(1<<63), 10)
	row[1], row[2], row[3], row[4] = gdeltDates(ev.Date)

	var a1, a2 *graph.Participant
	for i := range ev.Participants {
		p := &ev.Participants[i]
		switch {
		case p.Role == graph.RoleTarget && a2 == nil:
			a2 = p
		case p.Role == graph.RoleAgent && (a1 == nil || a1.Role != graph.RoleAgent):
			a1 = p
		case p.Role != graph.RoleTarget && a1 == nil:
			a1 = p
		}
	}
	for i, p := range []*graph.Participant{a1, a2} {
		if p == nil {
			continue
		}
		ent, err := src.Entity(p.ID)
		if err != nil {
			return err
		}
		actor := row[5+10*i : 15+10*i]
		actor[1] = ent.Name
		if c, ok := countries[countryOf(ent)]; ok {
			actor[2] = c.iso3
		}
		actor[7] = actorType[ent.Attrs["class"]]
		actor[0] = actor[2] + actor[7]
		if ent.Kind == graph.Place {
			placeGeo(row[35+8*i:43+8*i], ent)
		}
	}
	for _, e := range ev.Evidence {
		if e.Sentence <= 1 {
			row[25] = "1"
		}
	}
	if row[25] == "" {
		row[25] = "0"
	}
	if code, base, root := cameoCodes(ev.CAMEO); code != "" {
		row[26], row[27], row[28] = code, base, root
		row[29] = quadClass(root)
		if g, ok := goldstein[root]; ok {
			row[30] = strconv.FormatFloat(g, 'f', 1, 64)
		}
	}
	if ev.Place != nil {
		if place, err := src.Entity(ev.Place.ID); err == nil {
			placeGeo(row[51:59], place)
		} else {
			row[52] = ev.Place.Name
		}
	}

	mentions, articles := 0, 0
	sources := map[string]bool{}
	var first *docMeta
	err = src.NodeMentions(ev.ID, func(doc, _ string, ms []graph.Mention) error {
		mentions += len(ms)
		articles++
		m, err := docs.get(doc)
		if err != nil {
			return err
		}
		if m.source != "" {
			sources[m.source] = true
		}
		if first == nil || (!m.published.IsZero() && (first.published.IsZero() || m.published.Before(first.published))) {
			first = &m
		}
		return nil
	})
	if err != nil {
		return err
	}
	if articles == 0 {
		articles = ev.Documents
	}
	row[31], row[32], row[33] = strconv.Itoa(mentions), strconv.Itoa(len(sources)), strconv.Itoa(articles)
	if first != nil {
		if !first.published.IsZero() {
			row[59] = first.published.UTC().Format("20060102150405")
		}
		row[60] = first.url
		if row[60] == "" {
			row[60] = documentIRI(first.id)
		}
	}
	return nil
}

// gdeltDates gives Day, MonthYear, Year and FractionDate of a TIMEX3 date,
// blank where the date does not tell.
func gdeltDates(date string) (day, monthYear, year, fraction string) {
	if len(date) < 4 || !reYear.MatchString(date[:4]) {
		return
	}
	year = date[:4]
	if len(date) >= 7 && reYearMonth.MatchString(date[:7]) && dateType(date[:7]) != "" {
		monthYear = year + date[5:7]
	}
	if len(date) >= 10 && dateType(date[:10]) == nsXSD+"date" {
		t, _ := time.Parse(time.DateOnly, date[:10])
		day = t.Format("20060102")
		fraction = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64)
	}
	return
}

// countryOf is the ISO code of an entity's country.
func countryOf(e *graph.Entity) string { return strings.ToUpper(e.Attrs["country"]) }

// placeGeo fills the 8 geography columns of a place.
func placeGeo(geo []string, p *graph.Entity) {
	cc := countryOf(p)
	c, known := countries[cc]
	us := cc == "US"
	switch p.Attrs["class"] {
	case "country":
		geo[0] = "1"
	case "admin1":
		geo[0] = map[bool]string{true: "2", false: "5"}[us]
	case "city":
		geo[0] = map[bool]string{true: "3", false: "4"}[us]
	}
	geo[1] = p.Name
	if known && p.Attrs["class"] != "country" && !strings.Contains(p.Name, c.name) {
		geo[1] += ", " + c.name
	}
	if known {
		geo[2] = c.fips
		geo[3] = c.fips
		if a := p.Attrs["admin1"]; a != "" && p.Attrs["class"] != "country" {
			geo[3] += a
		}
	}
	if lat, lon, ok := coordinates(p.Attrs); ok {
		geo[5], geo[6] = lat, lon
	}
	geo[7] = p.Attrs["geonames_id"]
}

// tsvField keeps a field on its line and in its column.
func tsvField(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// docMeta is what GDELT rows take from a document.
type docMeta struct {
	id, url, source string
	published       time.Time
}

// docMetaCache keeps the metadata of the documents read so far (up to a
// bound), so that events of the same document do not read it again.
type docMetaCache struct {
	src Source
	m   map[string]docMeta
}

func (c *docMetaCache) get(id string) (docMeta, error) {
	if m, ok := c.m[id]; ok {
		return m, nil
	}
	d, err := c.src.Document(id)
	if err != nil {
		return docMeta{}, err
	}
	m := docMeta{id: id, url: d.URL, published: d.Published, source: sourceKey(d)}
	if len(c.m) >= 1<<14 {
		c.m = map[string]docMeta{}
	}
	c.m[id] = m
	return m, nil
}

// sourceKey names where a document came from: its URL's host, else its
// file (the source without a line number).
func sourceKey(d *graph.Document) string {
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return sourceLine.ReplaceAllString(d.Source, "")
}

// sourceLine is the line (and record id) a source reader appends to a
// file's path: "feed.jsonl:12", "feed.jsonl:12 (id r-7)".
var sourceLine = regexp.MustCompile(`:\d+( \(id [^)]*\))?$`)
