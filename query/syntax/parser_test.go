package syntax

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// parseCases are queries with their golden AST (or error) in
// testdata/NAME.golden.
var parseCases = []struct{ name, query string }{
	{"match_return", "MATCH (p:Person) RETURN p.name"},
	{"props_and_rel", "MATCH (p:Person {name: 'Vladimir Putin'})-[r:PARTICIPANT_IN {role: 'agent'}]->(e:Event) RETURN p, r, e"},
	{"directions", "MATCH (a)-->(b)<--(c)--(d)<-->(e), (a)-[:X|Y|:Z]-(f) RETURN *"},
	{"var_length", "MATCH (a)-[*]->(b), (a)-[r*2]-(c), (a)-[*1..3]->(d), (a)-[:T*..4]-(e), (a)-[*0..]->(f) RETURN a"},
	{"named_path_shortest", "MATCH p = shortestPath((a:Person)-[*..6]-(b:Person)) RETURN length(p), nodes(p)"},
	{"where_ops", `MATCH (e:Event) WHERE e.date >= date('2015-09-01') AND e.date < date("2016")
  AND (e.type IN ['attack', 'meeting'] OR NOT e.label STARTS WITH 'x')
  AND e.label ENDS WITH 's' AND e.label CONTAINS 'Syria' AND e.label =~ '(?i).*strike.*'
  AND e.place IS NOT NULL AND e.cameo IS NULL XOR true
RETURN e`},
	{"with_aggregates", "MATCH (p:Person)-[:PARTICIPANT_IN]->(e) WITH p, count(e) AS n, collect(DISTINCT e.type) AS types WHERE n > 1 RETURN p.name AS name, n, types, min(n), max(n), sum(n), avg(n) ORDER BY n DESC, name SKIP 1 LIMIT $limit"},
	{"unwind_distinct", "UNWIND [1, 2, 2, null] AS x RETURN DISTINCT x"},
	{"union", "MATCH (a:Person) RETURN a.name AS n UNION ALL MATCH (b:Place) RETURN b.name AS n UNION ALL MATCH (c) RETURN c.name AS n"},
	{"pattern_comprehension", "MATCH (p:Person) RETURN p.name, size([(p)-[:PARTICIPANT_IN]->(e:Event) WHERE e.type = 'attack' | e.label]) AS attacks, [q = (p)--() | length(q)]"},
	{"optional_match", "MATCH (a:Person) OPTIONAL MATCH (a)-[:RELATED_TO]->(b) RETURN a.name, b.name"},
	{"expressions", "RETURN 1 + 2 * 3 ^ 2 - -4 % 3, 'a' + \"b\", [1, 2][0], [1, 2, 3][1..], {a: 1, `b c`: [true, false, null]}.a, 0x1F, 0o17, 1.5e3, .5, -9223372036854775808"},
	{"case_and_comprehension", "RETURN CASE WHEN 1 < 2 < 3 THEN 'y' ELSE 'n' END, CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, [x IN range(1, 10) WHERE x % 2 = 0 | x * x], all(x IN [1] WHERE x > 0), any(x IN [] WHERE true), none(x IN [1] WHERE x < 0), single(x IN [1] WHERE x = 1)"},
	{"pattern_predicate", "MATCH (a:Person) WHERE (a)-[:PARTICIPANT_IN]->(:Event {type: 'attack'}) AND NOT (a)--(:Place) RETURN a, a:Person"},
	{"count_star_params", "MATCH (n {name: $name}) WHERE n.mentions > $min RETURN count(*), count(DISTINCT n)"},
	{"comments_lines", "// who met whom\nMATCH (a)-[:PARTICIPANT_IN]->(e:Event {type: 'meeting'}) /* a block\ncomment */\nRETURN a.name"},
	{"quoted_names", "MATCH (`my node`:`Odd Label`) RETURN `my node`.`odd key` AS `the value`"},
	// Errors.
	{"err_unclosed_node", "MATCH (n RETURN n"},
	{"err_second_line", "MATCH (n:Person)\nWHERE n.name = \nRETURN n"},
	{"err_unterminated_string", "MATCH (n)\nWHERE n.name = 'Putin\nRETURN n"},
	{"err_no_return", "MATCH (n:Person)"},
	{"err_create", "CREATE (n:Person {name: 'x'})"},
	{"err_merge", "MATCH (n)\nMERGE (n)-[:X]->(m)"},
	{"err_set", "MATCH (n) SET n.name = 'x' RETURN n"},
	{"err_delete", "MATCH (n) DETACH DELETE n"},
	{"err_remove", "MATCH (n) REMOVE n.name"},
	{"err_call", "CALL db.labels()"},
	{"err_return_not_last", "RETURN 1 MATCH (n) RETURN n"},
	{"err_not_equal", "MATCH (n) WHERE n.x != 1 RETURN n"},
	{"err_reserved_var", "MATCH (match) RETURN match"},
	{"err_bad_char", "MATCH (n) RETURN n # comment"},
	{"err_big_int", "RETURN 99999999999999999999"},
	{"err_bad_escape", `RETURN 'a\qb'`},
	{"err_rel_missing_dash", "MATCH (a)-[:X](b) RETURN a"},
	{"err_empty", "   "},
	{"err_union_mixed", "RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x"},
}

func TestParseGolden(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			var got string
			q, err := Parse(c.query)
			switch {
			case err != nil:
				e, ok := err.(*Error)
				if !ok {
					t.Fatalf("error %T %v, want *Error", err, err)
				}
				got = "ERROR\n" + e.Detail() + "\n"
			case strings.HasPrefix(c.name, "err_"):
				t.Fatalf("parsed, want an error:\n%s", Dump(q))
			default:
				got = Dump(q)
			}
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte("# "+strings.ReplaceAll(c.query, "\n", "\n# ")+"\n"+got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./query/syntax -update)", err)
			}
			want := string(b)
			// Skip the comment lines that repeat the query.
			for strings.HasPrefix(want, "#") {
				if i := strings.IndexByte(want, '\n'); i >= 0 {
					want = want[i+1:]
				} else {
					want = ""
				}
			}
			if got != want {
				t.Errorf("query %q\ngot:\n%s\nwant:\n%s", c.query, got, want)
			}
		})
	}
}

func TestReadOnlyErrors(t *testing.T) {
	for _, q := range []string{"CREATE (n)", "MATCH (n) SET n.x = 1", "MATCH (n) DELETE n", "MERGE (n:X)", "MATCH (n) REMOVE n:X", "MATCH (n) DETACH DELETE n", "LOAD CSV FROM 'x' AS l RETURN l"} {
		_, err := Parse(q)
		e, ok := err.(*Error)
		if !ok || !e.ReadOnly || !strings.Contains(e.Msg, "read-only") {
			t.Errorf("Parse(%q) = %v, want a read-only error", q, err)
		}
	}
	if _, err := ParseWith("CREATE (a:A {x: 1})-[:T]->(b)", ParseOptions{AllowCreate: true}); err != nil {
		t.Errorf("CREATE with AllowCreate: %v", err)
	}
}

func TestErrorPositions(t *testing.T) {
	cases := []struct {
		query     string
		line, col int
	}{
		{"MATCH (n RETURN n", 1, 10},
		{"MATCH (n)\n  WHERE n.x = \nRETURN n", 3, 1},
		{"MATCH (n)\n\tRETURN n.", 2, 11},
		{"MATCH (ñ:Persön) RETURN ñ +", 1, 28},
		{"RETURN 'abc", 1, 8},
	}
	for _, c := range cases {
		_, err := Parse(c.query)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) = %v, want a syntax error", c.query, err)
			continue
		}
		if e.Pos.Line != c.line || e.Pos.Col != c.col {
			t.Errorf("Parse(%q): error at %d:%d, want %d:%d (%s)", c.query, e.Pos.Line, e.Pos.Col, c.line, c.col, e.Msg)
		}
		d := e.Detail()
		lines := strings.Split(d, "\n")
		if len(lines) != 3 || !strings.HasSuffix(lines[2], "^") {
			t.Errorf("Detail(%q) = %q, want the line and a caret", c.query, d)
		}
	}
}

func TestLexer(t *testing.T) {
	toks, err := Tokens("MATCH (a)-[:X*1..3]->(b) WHERE a.x <> 1.5e3 AND b.s = 'it\\'s' RETURN $p, `q q` // c")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Text)
	}
	want := []string{"MATCH", "(", "a", ")", "-", "[", ":", "X", "*", "1", "..", "3", "]", "->", "(", "b", ")", "WHERE", "a", ".", "x", "<>", "1.5e3", "AND", "b", ".", "s", "=", "it's", "RETURN", "p", ",", "q q", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens\n got %q\nwant %q", got, want)
	}
}

func TestDeepNesting(t *testing.T) {
	q := "RETURN " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000)
	if _, err := Parse(q); err == nil || !strings.Contains(err.Error(), "nests too deeply") {
		t.Errorf("deep nesting: %v, want a nesting error", err)
	}
	q = "RETURN " + strings.Repeat("[", 3000)
	if _, err := Parse(q); err == nil {
		t.Error("deep list: no error")
	}
}

func FuzzLexer(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.query)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks, err := Tokens(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T", err)
			}
			return
		}
		if len(toks) == 0 || toks[len(toks)-1].Kind != TokEOF {
			t.Fatal("no EOF token")
		}
		for _, tk := range toks {
			if tk.Pos.Offset < 0 || tk.Pos.Offset > len(s) || tk.End < tk.Pos.Offset || tk.End > len(s) {
				t.Fatalf("token %q at %d..%d outside the input of %d bytes", tk.Text, tk.Pos.Offset, tk.End, len(s))
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.query)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseWith(s, ParseOptions{AllowCreate: true})
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			if e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			_ = e.Detail()
			return
		}
		_ = Dump(q)
	})
}
