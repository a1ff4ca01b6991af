package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestGraphCommands ingests the examples once and runs kg query, path,
// rank, communities and timeline on them.
func TestGraphCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, errs, code := kg(t, db, "", "ingest", "--date", "2015-11-20", "../../examples"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	t.Run("query table", func(t *testing.T) {
		out := mustKG(t, db, "query", "MATCH (p:Person) RETURN p.name AS name, p.mentions AS m ORDER BY m DESC, name LIMIT 3")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 5 || !strings.HasPrefix(lines[0], "name") || !strings.Contains(lines[4], "(3 rows") {
			t.Errorf("table output:\n%s", out)
		}
	})
	t.Run("query json", func(t *testing.T) {
		out := mustKG(t, db, "query", "--json", "--param", "who=Vladimir Putin",
			"MATCH (p:Person {name: $who})-[r:PARTICIPANT_IN]->(e:Event) RETURN e.type AS type, r.role AS role, e ORDER BY e.date LIMIT 2")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(rows) == 0 {
			t.Fatalf("no rows:\n%s", out)
		}
		ev, ok := rows[0]["e"].(map[string]any)
		if !ok || ev["id"] == nil || ev["label"] == nil || rows[0]["role"] == nil {
			t.Errorf("row %v: want type, role and the event as an object", rows[0])
		}
		if i, j := strings.Index(out, `"type"`), strings.Index(out, `"role"`); i < 0 || j < i {
			t.Errorf("columns out of order:\n%s", out)
		}
	})
	t.Run("query csv", func(t *testing.T) {
		out := mustKG(t, db, "query", "--format", "csv", "MATCH (e:Event) WHERE e.date >= date('2015-11') RETURN e.date, e.label LIMIT 2")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || lines[0] != "e.date,e.label" {
			t.Errorf("csv:\n%s", out)
		}
	})
	t.Run("query explain uses the date index", func(t *testing.T) {
		out := mustKG(t, db, "query", "--explain", "MATCH (e:Event)<-[:PARTICIPANT_IN]-(x) WHERE e.date >= date('2015-11-01') RETURN x")
		if !strings.Contains(out, "start at (e:Event): index range on date") {
			t.Errorf("explain:\n%s", out)
		}
	})
	t.Run("query errors", func(t *testing.T) {
		_, errs, code := kg(t, db, "", "query", "MATCH (n:Person\nRETURN n")
		if code == 0 || !strings.Contains(errs, "line 2, column 1") || !strings.Contains(errs, "^") {
			t.Errorf("syntax error: exit %d\n%s", code, errs)
		}
		_, errs, code = kg(t, db, "", "query", "MATCH (n) DETACH DELETE n")
		if code == 0 || !strings.Contains(errs, "read-only") {
			t.Errorf("delete: exit %d\n%s", code, errs)
		}
		out, errs, code := kg(t, db, "", "query", "--max-rows", "2", "MATCH (n) RETURN n.name")
		if code != 0 || strings.Count(out, "\n") != 4 || !strings.Contains(errs, "stopped after 2 rows") {
			t.Errorf("max rows: exit %d\n%s\n%s", code, out, errs)
		}
		_, errs, code = kg(t, db, "", "query", "--timeout", "1ms", "MATCH (a), (b), (c), (d) RETURN count(*)")
		if code == 0 || !strings.Contains(errs, "ran out of time") {
			t.Errorf("timeout: exit %d\n%s", code, errs)
		}
	})
	t.Run("path", func(t *testing.T) {
		out := mustKG(t, db, "path", "Putin", "Hollande", "--k", "2")
		if !strings.HasPrefix(out, "1. ") || !strings.Contains(out, "Vladimir Putin") {
			t.Errorf("path:\n%s", out)
		}
		var paths []struct {
			Length int `json:"length"`
			Nodes  []struct {
				Name string `json:"name"`
			} `json:"nodes"`
			Edges []struct {
				Type string `json:"type"`
			} `json:"edges"`
		}
		out = mustKG(t, db, "path", "Putin", "Hollande", "--no-cooccurrence", "--json")
		if err := json.Unmarshal([]byte(out), &paths); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		for _, p := range paths {
			if len(p.Nodes) != p.Length+1 || len(p.Edges) != p.Length {
				t.Errorf("path %+v", p)
			}
			for _, e := range p.Edges {
				if e.Type == "CO_OCCURS_WITH" {
					t.Errorf("--no-cooccurrence path uses co-occurrence: %+v", p)
				}
			}
		}
	})
	t.Run("rank", func(t *testing.T) {
		for _, algo := range []string{"pagerank", "degree", "betweenness"} {
			var list []struct {
				Rank  int     `json:"rank"`
				Name  string  `json:"name"`
				Type  string  `json:"type"`
				Score float64 `json:"score"`
			}
			out := mustKG(t, db, "rank", "--algo", algo, "--type", "person", "--limit", "5", "--json")
			if err := json.Unmarshal([]byte(out), &list); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if len(list) == 0 || len(list) > 5 || list[0].Rank != 1 || list[0].Type != "person" {
				t.Errorf("rank %s: %+v", algo, list)
			}
			for i := 1; i < len(list); i++ {
				if list[i].Score > list[i-1].Score {
					t.Errorf("rank %s not in order: %+v", algo, list)
				}
			}
		}
		if _, errs, code := kg(t, db, "", "rank", "--algo", "magic"); code == 0 || !strings.Contains(errs, "--algo") {
			t.Errorf("bad --algo: exit %d, %s", code, errs)
		}
	})
	t.Run("communities", func(t *testing.T) {
		var list []struct {
			Size    int `json:"size"`
			Members []struct {
				Name string `json:"name"`
			} `json:"members"`
		}
		out := mustKG(t, db, "communities", "--top", "3", "--json")
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(list) < 2 || list[0].Size < list[1].Size || len(list[0].Members) > 3 {
			t.Errorf("communities: %+v", list)
		}
		if out := mustKG(t, db, "communities"); !strings.Contains(out, "modularity") {
			t.Errorf("communities text:\n%s", out)
		}
	})
	t.Run("timeline", func(t *testing.T) {
		var list []struct {
			Date string `json:"date"`
			Role string `json:"role"`
		}
		out := mustKG(t, db, "timeline", "Putin", "--json")
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(list) == 0 || list[0].Role == "" {
			t.Fatalf("timeline: %+v", list)
		}
		seenUndated := false
		for _, e := range list {
			if e.Date == "" {
				seenUndated = true
			} else if seenUndated {
				t.Errorf("a dated event after an undated one: %+v", list)
			}
		}
		out = mustKG(t, db, "timeline", "Syria", "--from", "2015-11", "--to", "2015-11-30")
		if !strings.Contains(out, "timeline of Syria") {
			t.Errorf("timeline:\n%s", out)
		}
	})
}
