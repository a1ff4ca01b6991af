package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kg/graph"
	"kg/store"
)

// get sends a request and decodes the JSON answer into v (when not nil),
// checking the status.
func call(t *testing.T, base, method, path, body string, wantStatus int, v any, hdr ...string) http.Header {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if strings.EqualFold(hdr[i], "Host") {
			req.Host = hdr[i+1]
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, wantStatus, b)
	}
	if resp.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
		t.Errorf("%s %s: no CSP header", method, path)
	}
	if strings.HasPrefix(path, "/api/") && resp.Header.Get("Content-Disposition") == "" {
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q, want JSON", method, path, ct)
		}
		if wantStatus >= 400 {
			var e struct {
				Error, Code string
				Status      int
			}
			if err := json.Unmarshal(b, &e); err != nil || e.Error == "" || e.Status != wantStatus {
				t.Errorf("%s %s: error body %s is not {error, code, status}", method, path, b)
			}
		}
	}
	if v != nil {
		if p, ok := v.(*[]byte); ok {
			*p = b
		} else if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.Header
}

func findID(t *testing.T, base, name string) string {
	t.Helper()
	var res struct{ Results []Suggestion }
	call(t, base, "GET", "/api/search?q="+urlQuery(name), "", 200, &res)
	for _, r := range res.Results {
		if r.Name == name {
			return r.ID
		}
	}
	t.Fatalf("no entity %q in %+v", name, res.Results)
	return ""
}

func urlQuery(s string) string { return strings.ReplaceAll(s, " ", "%20") }

func TestAPI(t *testing.T) {
	db, _ := stores(t)
	_, hs := newTestServer(t, db, Options{})
	base := hs.URL

	var st store.Stats
	call(t, base, "GET", "/api/stats", "", 200, &st)
	if st.Documents < 12 || st.Entities < 50 || st.Events < 10 {
		t.Errorf("stats %+v: want the examples and the extra article", st)
	}

	t.Run("search", func(t *testing.T) {
		for _, tc := range []struct{ q, want string }{
			{"Vladimir Put", "Vladimir Putin"},
			{"puti", "Vladimir Putin"}, // the alias "Putin"
			{"holl", "Francois Hollande"},
			{"islamic", "Islamic State"},
			{"isis", "Islamic State"},
			{"Mosc", "Moscow"},
		} {
			var res struct {
				Query   string
				Results []Suggestion
			}
			call(t, base, "GET", "/api/search?q="+urlQuery(tc.q), "", 200, &res)
			if len(res.Results) == 0 || res.Results[0].Name != tc.want {
				t.Errorf("search %q: %+v, want %s first", tc.q, res.Results, tc.want)
			}
		}
		var res struct{ Results []Suggestion }
		call(t, base, "GET", "/api/search?q=o&type=place&limit=3", "", 200, &res)
		if len(res.Results) > 3 {
			t.Errorf("limit 3 gave %d", len(res.Results))
		}
		for _, r := range res.Results {
			if r.Type != "place" {
				t.Errorf("type=place gave %+v", r)
			}
		}
		call(t, base, "GET", "/api/search?q=", "", 200, &res)
		if len(res.Results) != 0 {
			t.Errorf("empty query gave %+v", res.Results)
		}
	})

	putin := findID(t, base, "Vladimir Putin")
	hollande := findID(t, base, "Francois Hollande")

	t.Run("entity", func(t *testing.T) {
		var v EntityView
		call(t, base, "GET", "/api/entity/"+putin, "", 200, &v)
		if v.Name != "Vladimir Putin" || v.Kind != graph.Person || v.AliasCount("Putin") == 0 {
			t.Errorf("entity: %+v", v.Entity)
		}
		if len(v.Relations) == 0 || len(v.Events) == 0 || len(v.Evidence) == 0 {
			t.Fatalf("entity view without relations, events or evidence: %d %d %d", len(v.Relations), len(v.Events), len(v.Evidence))
		}
		for _, ev := range v.Evidence {
			var text strings.Builder
			marked := 0
			for _, s := range ev.Segments {
				text.WriteString(s.Text)
				if s.Mark {
					marked++
					if !strings.Contains(s.Text, "Putin") {
						t.Errorf("marked %q, want a mention of Putin", s.Text)
					}
				}
			}
			if text.String() != ev.Text || marked == 0 {
				t.Errorf("evidence segments %+v do not rebuild %q with Putin marked", ev.Segments, ev.Text)
			}
		}
		var moscow EntityView
		call(t, base, "GET", "/api/entity/"+findID(t, base, "Moscow"), "", 200, &moscow)
		if moscow.Coordinates == nil || moscow.Coordinates.Lat < 55 || moscow.Coordinates.Lat > 56 {
			t.Errorf("Moscow coordinates %+v", moscow.Coordinates)
		}
		call(t, base, "GET", "/api/entity/0000000000000000", "", 404, nil)
		call(t, base, "GET", "/api/entity/putin", "", 400, nil)
	})

	t.Run("neighbors", func(t *testing.T) {
		var g Graph
		call(t, base, "GET", "/api/neighbors/"+putin, "", 200, &g)
		checkGraph(t, &g)
		if g.Center != putin || len(g.Nodes) < 10 || len(g.Edges) < 10 {
			t.Errorf("neighbors of Putin: %d nodes %d edges", len(g.Nodes), len(g.Edges))
		}
		kinds := map[string]int{}
		for _, n := range g.Nodes {
			kinds[n.Type]++
		}
		if kinds["event"] == 0 || kinds["place"] == 0 || kinds["person"] < 2 {
			t.Errorf("kinds %v", kinds)
		}
		call(t, base, "GET", "/api/neighbors/"+putin+"?type=person&limit=5", "", 200, &g)
		if len(g.Nodes) > 5 || !g.Truncated {
			t.Errorf("limit 5: %d nodes, truncated %v", len(g.Nodes), g.Truncated)
		}
		for _, n := range g.Nodes {
			if n.Type != "person" {
				t.Errorf("type=person gave %+v", n)
			}
		}
		call(t, base, "GET", "/api/neighbors/"+putin+"?from=2015-11-01&to=2015-11-30&type=event", "", 200, &g)
		for _, n := range g.Nodes[1:] {
			if !graph.InRange(n.Date, "2015-11-01", "2015-11-30") {
				t.Errorf("window November gave %+v", n)
			}
		}
		call(t, base, "GET", "/api/neighbors/"+putin+"?depth=2&cooc=false", "", 200, &g)
		checkGraph(t, &g)
		for _, e := range g.Edges {
			if e.Type == string(graph.CoOccursWith) {
				t.Errorf("cooc=false gave %+v", e)
			}
		}
		call(t, base, "GET", "/api/neighbors/"+putin+"?depth=9", "", 400, nil)
		call(t, base, "GET", "/api/neighbors/"+putin+"?from=November", "", 400, nil)
		call(t, base, "GET", "/api/neighbors/"+putin+"?from=2015-12&to=2015-11", "", 400, nil)
		call(t, base, "GET", "/api/neighbors/"+putin+"?type=animal", "", 400, nil)
	})

	t.Run("edge", func(t *testing.T) {
		var g Graph
		call(t, base, "GET", "/api/neighbors/"+putin, "", 200, &g)
		var e *Edge
		for i := range g.Edges {
			if g.Edges[i].Type == string(graph.CoOccursWith) {
				e = &g.Edges[i]
				break
			}
		}
		if e == nil {
			t.Fatal("no co-occurrence edge")
		}
		var v EdgeView
		call(t, base, "GET", "/api/edge?from="+e.Source+"&to="+e.Target+"&type="+e.Type, "", 200, &v)
		if len(v.Evidence) == 0 || v.From.Name == "" || v.To.Name == "" {
			t.Errorf("edge view %+v", v)
		}
		call(t, base, "GET", "/api/edge?from="+e.Source+"&to="+e.Target+"&type=LIKES", "", 400, nil)
		call(t, base, "GET", "/api/edge?from="+e.Target+"&to="+e.Target+"&type="+e.Type, "", 404, nil)
	})

	t.Run("event", func(t *testing.T) {
		var res struct {
			Events    []graph.Event
			Truncated bool
		}
		call(t, base, "GET", "/api/events?from=2015-11-01&to=2015-11-30&limit=500", "", 200, &res)
		if len(res.Events) == 0 {
			t.Fatal("no events in November 2015")
		}
		for _, ev := range res.Events {
			if !graph.InRange(ev.Date, "2015-11-01", "2015-11-30") {
				t.Errorf("event %s dated %s in the November window", ev.Label, ev.Date)
			}
		}
		call(t, base, "GET", "/api/events?involving="+putin+"&limit=1", "", 200, &res)
		if len(res.Events) != 1 || !res.Truncated {
			t.Errorf("involving Putin, limit 1: %d events, truncated %v", len(res.Events), res.Truncated)
		}
		var v EventView
		call(t, base, "GET", "/api/event/"+res.Events[0].ID, "", 200, &v)
		if v.Label == "" || len(v.Participants) == 0 || len(v.Evidence) == 0 {
			t.Errorf("event view %+v", v)
		}
		call(t, base, "GET", "/api/events?limit=0", "", 400, nil)
	})

	t.Run("path", func(t *testing.T) {
		var res struct {
			Paths []Path
			Graph Graph
		}
		call(t, base, "GET", "/api/path?from=Putin&to="+hollande+"&k=2", "", 200, &res)
		if len(res.Paths) == 0 || res.Paths[0].Nodes[0].ID != putin || res.Paths[0].Nodes[len(res.Paths[0].Nodes)-1].ID != hollande {
			t.Fatalf("paths %+v", res.Paths)
		}
		if len(res.Paths[0].Edges) != res.Paths[0].Length {
			t.Errorf("path of length %d with %d edges", res.Paths[0].Length, len(res.Paths[0].Edges))
		}
		checkGraph(t, &res.Graph)
		call(t, base, "GET", "/api/path?from=Putin", "", 400, nil)
		call(t, base, "GET", "/api/path?from=Putin&to=Nobody%20Atall", "", 404, nil)
	})

	t.Run("query", func(t *testing.T) {
		var res QueryResult
		call(t, base, "POST", "/api/query", `{"query": "MATCH (p:Person) RETURN p.name AS name, p.mentions AS m ORDER BY m DESC LIMIT 3"}`, 200, &res)
		if len(res.Columns) != 2 || res.Columns[0] != "name" || len(res.Rows) != 3 {
			t.Fatalf("query result %+v", res)
		}
		call(t, base, "POST", "/api/query", `{"query": "MATCH (p:Person {name: $who})-[r:PARTICIPANT_IN]->(e:Event) RETURN p, r, e", "params": {"who": "Vladimir Putin"}}`, 200, &res)
		if len(res.Rows) == 0 || len(res.Graph.Nodes) < 2 || len(res.Graph.Edges) == 0 {
			t.Fatalf("graph of a query: %d rows, %+v", len(res.Rows), res.Graph)
		}
		checkGraph(t, res.Graph)
		call(t, base, "POST", "/api/query", `{"query": "MATCH (p:Person) RETURN p.name", "max_rows": 2}`, 200, &res)
		if len(res.Rows) != 2 || !res.Truncated {
			t.Errorf("max_rows 2: %d rows, truncated %v", len(res.Rows), res.Truncated)
		}
		var e struct{ Error, Code string }
		call(t, base, "POST", "/api/query", `{"query": "MATCH (p:Person RETURN p"}`, 400, &e)
		if e.Code != "query_error" {
			t.Errorf("syntax error: %+v", e)
		}
		call(t, base, "POST", "/api/query", `{"query": "CREATE (p:Person {name: 'x'})"}`, 400, &e)
		call(t, base, "POST", "/api/query", `{"query": ""}`, 400, nil)
		call(t, base, "POST", "/api/query", `{"query": "MATCH (n) RETURN n", "extra": 1}`, 400, nil)
		call(t, base, "POST", "/api/query", `{"query": `, 400, nil)
		call(t, base, "POST", "/api/query", `{"query": "MATCH (n) RETURN n"} {}`, 400, nil)
		call(t, base, "GET", "/api/query", "", 405, nil)
		call(t, base, "POST", "/api/query", `{"query": "`+strings.Repeat("x", 70<<10)+`"}`, 413, nil)
		// Not JSON.
		req, _ := http.NewRequest("POST", base+"/api/query", strings.NewReader("query=MATCH"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 415 {
			t.Errorf("form body: status %d, want 415", resp.StatusCode)
		}
	})

	t.Run("document", func(t *testing.T) {
		var ev EntityView
		call(t, base, "GET", "/api/entity/"+putin, "", 200, &ev)
		doc, sent := ev.Evidence[0].Document, ev.Evidence[0].Sentence
		var v DocumentView
		call(t, base, "GET", "/api/document/"+doc+"?focus="+putin+"&sentence="+itoa(sent), "", 200, &v)
		var text strings.Builder
		focus, marked := "", 0
		for _, s := range v.Segments {
			text.WriteString(s.Text)
			if s.Focus {
				focus += s.Text
			}
			if s.Mark {
				marked++
			}
		}
		if marked == 0 || !strings.Contains(focus, "Putin") || focus != ev.Evidence[0].Text {
			t.Errorf("document: %d marked, focus %q, want the evidence sentence %q", marked, focus, ev.Evidence[0].Text)
		}
		full := text.String()
		for _, m := range v.Mentions {
			if m.Start < 0 || m.End > len(full) || full[m.Start:m.End] != m.Text {
				t.Errorf("mention %+v does not match the text at its offsets", m)
			}
		}
		if len(v.Nodes) == 0 {
			t.Error("document lists no nodes")
		}
		call(t, base, "GET", "/api/document/"+doc+"?sentence=x", "", 400, nil)
		call(t, base, "GET", "/api/document/0000000000000000", "", 404, nil)
	})

	t.Run("export", func(t *testing.T) {
		var g Graph
		call(t, base, "GET", "/api/neighbors/"+putin+"?limit=20", "", 200, &g)
		ids := make([]string, len(g.Nodes))
		for i, n := range g.Nodes {
			ids[i] = n.ID
		}
		body, _ := json.Marshal(ExportRequest{Format: "dot", Nodes: ids})
		var dot []byte
		h := call(t, base, "POST", "/api/export", string(body), 200, &dot)
		if !bytes.HasPrefix(dot, []byte("digraph")) || !bytes.Contains(dot, []byte("Vladimir Putin")) || !strings.Contains(h.Get("Content-Disposition"), "kg-view.dot") {
			t.Errorf("DOT export: %.200s", dot)
		}
		body, _ = json.Marshal(ExportRequest{Format: "json", Nodes: ids})
		var sub graph.Subgraph
		call(t, base, "POST", "/api/export", string(body), 200, &sub)
		if len(sub.Entities)+len(sub.Events) != len(ids) || len(sub.Edges) == 0 {
			t.Errorf("JSON export: %d entities, %d events, %d edges for %d nodes", len(sub.Entities), len(sub.Events), len(sub.Edges), len(ids))
		}
		call(t, base, "POST", "/api/export", `{"format": "svg", "nodes": ["`+putin+`"]}`, 400, nil)
		call(t, base, "POST", "/api/export", `{"format": "dot", "nodes": ["nope"]}`, 400, nil)
	})

	t.Run("refused", func(t *testing.T) {
		call(t, base, "GET", "/api/nothing", "", 404, nil)
		call(t, base, "GET", "/api/search?q=x&bogus=1", "", 400, nil)
		call(t, base, "GET", "/api/search?q=a&q=b", "", 400, nil)
		call(t, base, "GET", "/api/search?q="+strings.Repeat("a", 300), "", 400, nil)
		call(t, base, "GET", "/api/search?q="+strings.Repeat("a", 9000), "", 414, nil)
		call(t, base, "GET", "/api/search?q=%zz", "", 400, nil)
		call(t, base, "GET", "/api/stats", "", 421, nil, "Host", "attacker.example:80")
		call(t, base, "GET", "/api/stats", "", 200, nil, "Host", "localhost:1")
		call(t, base, "POST", "/api/query", `{"query": "MATCH (n) RETURN n LIMIT 1"}`, 403, nil, "Origin", "http://attacker.example")
		call(t, base, "POST", "/api/query", `{"query": "MATCH (n) RETURN n LIMIT 1"}`, 200, nil, "Origin", base)
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkGraph checks that every edge joins two nodes of the graph and that
// no node or edge is there twice.
func checkGraph(t *testing.T, g *Graph) {
	t.Helper()
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		if nodes[n.ID] {
			t.Errorf("node %s twice", n.ID)
		}
		nodes[n.ID] = true
	}
	edges := map[string]bool{}
	for _, e := range g.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s has an end outside the graph", e.ID)
		}
		if edges[e.ID] {
			t.Errorf("edge %s twice", e.ID)
		}
		edges[e.ID] = true
	}
}

// Everything an article holds reaches the page as JSON strings: the
// answers never carry raw markup, and the page's own HTML has no inline
// script, handler or style for an attacker to ride on.
func TestNoMarkupFromArticles(t *testing.T) {
	db, _ := stores(t)
	_, hs := newTestServer(t, db, Options{})
	var res struct{ Results []Suggestion }
	call(t, hs.URL, "GET", "/api/search?q=Vladimir%20Putin", "", 200, &res)
	var ev EntityView
	call(t, hs.URL, "GET", "/api/entity/"+res.Results[0].ID, "", 200, &ev)
	var doc string
	for _, e := range ev.Evidence {
		if strings.Contains(e.Text, "<script>") || strings.Contains(e.Text, "<img") {
			doc = e.Document
		}
	}
	if doc == "" {
		t.Fatal("the script payload article gives no evidence for Putin")
	}
	var raw []byte
	call(t, hs.URL, "GET", "/api/document/"+doc, "", 200, &raw)
	if bytes.Contains(raw, []byte("<script")) || bytes.Contains(raw, []byte("<img")) {
		t.Errorf("the JSON answer carries raw markup: %.300s", raw)
	}
	var v DocumentView
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, s := range v.Segments {
		text.WriteString(s.Text)
	}
	if !strings.Contains(text.String(), "<script>window.pwned=1</script>") {
		t.Errorf("the payload is not kept as text: %q", text.String())
	}

	var page []byte
	call(t, hs.URL, "GET", "/", "", 200, &page)
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		hasSrc := false
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				t.Errorf("<%s %s=...> in index.html: inline handlers and styles break the CSP", tok.Data, a.Key)
			}
			if a.Key == "src" || a.Key == "href" {
				hasSrc = true
				if strings.Contains(a.Val, "//") {
					t.Errorf("<%s %s=%q>: every asset must come from kg", tok.Data, a.Key, a.Val)
				}
			}
		}
		if tok.Data == "script" && !hasSrc {
			t.Error("inline <script> in index.html")
		}
		if tok.Data == "style" {
			t.Error("inline <style> in index.html")
		}
	}
	// The UI's own code never writes markup.
	js, err := os.ReadFile(filepath.Join("static", "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function`).Find(js); m != nil {
		t.Errorf("app.js uses %s", m)
	}
	// Every static asset is served with the CSP.
	for _, p := range []string{"/static/app.js", "/static/app.css", "/static/vendor/cytoscape.min.js", "/static/vendor/cytoscape-fcose.js", "/static/vendor/LICENSE.cytoscape"} {
		call(t, hs.URL, "GET", p, "", 200, nil)
	}
}

// While a writer holds the store, requests get 503 store_busy at once;
// once it is gone, the explorer reads the store again, new data included.
func TestStoreBusy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "busy.db")
	if _, err := buildLarge(dir, 1, 3); err != nil {
		t.Fatal(err)
	}
	s, hs := newTestServer(t, dir, Options{IdleClose: 30 * time.Millisecond})
	var st store.Stats
	call(t, hs.URL, "GET", "/api/stats", "", 200, &st)
	deadline := time.Now().Add(5 * time.Second)
	for s.store.isOpen() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.store.isOpen() {
		t.Fatal("the store stayed open after the idle time")
	}
	w, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("a writer cannot open the store the explorer let go: %v", err)
	}
	start := time.Now()
	var e struct{ Code string }
	h := call(t, hs.URL, "GET", "/api/stats", "", 503, &e)
	if e.Code != "store_busy" || h.Get("Retry-After") == "" {
		t.Errorf("busy store: code %q, Retry-After %q", e.Code, h.Get("Retry-After"))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the busy answer took %s", d)
	}
	// The writer adds a document, then lets go.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := buildLarge(dir, 2, 3); err != nil {
		t.Fatal(err)
	}
	var after store.Stats
	call(t, hs.URL, "GET", "/api/stats", "", 200, &after)
	if after.Documents <= st.Documents {
		t.Errorf("documents %d after the ingest, %d before: the explorer did not read the store again", after.Documents, st.Documents)
	}
}
