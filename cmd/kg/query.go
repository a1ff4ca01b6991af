package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kg/query"
	"kg/query/kgstore"
)

type queryOpts struct {
	params   []string
	timeout  time.Duration
	maxRows  int
	maxHops  int
	format   string
	explain  bool
	width    int
	fromFile string
}

func newQueryCmd(g *globals) *cobra.Command {
	o := &queryOpts{}
	cmd := &cobra.Command{
		Use:         "query 'MATCH ... RETURN ...'",
		Annotations: map[string]string{interruptible: "yes"},
		Short:       "Ask the graph a question in a read-only subset of Cypher",
		Long: `query runs a read-only openCypher query over the store.

Nodes are (:Person), (:Organization), (:Place), (:Event) and (:Document), with
the properties of their --json output (entities: id, name, type, aliases,
mentions, documents, first_seen, last_seen and their attributes; events: id,
type, label, date, cameo, documents, place, participants; documents: id,
title, url, published, source, text). Relationships are
  (entity)-[:PARTICIPANT_IN {role}]->(event)   (event)-[:OCCURRED_IN]->(place)
  (entity)-[:RELATED_TO {predicate}]->(entity)
  (entity)-[:CO_OCCURS_WITH {weight}]-(entity) (use it without a direction)
  (entity or event)-[:MENTIONED_IN {mentions}]->(document)
each with a weight (and evidence sentences). type(r) gives the type.

Supported: MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP,
LIMIT, UNION; patterns with directions, labels, property maps, several
comma-separated patterns, variable-length relationships (*1..3, at most
--max-hops), named paths and shortestPath(); comparisons, AND/OR/XOR/NOT, IN,
STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL, CASE, list comprehensions;
count, collect, min, max, sum, avg and the usual scalar functions. Dates:
date('2015-09-01') compares with event dates of any precision at the coarser
one ("2015-11" is equal to 2015-11-10, after 2015-10-31). Parameters: $name,
given with --param name=value (numbers, true/false, null and JSON lists are
read as such; anything else is a string).

The store is read-only: CREATE, MERGE, SET, DELETE and REMOVE are refused.
Every query stops after --timeout and --max-rows.`,
		Example: `  kg query 'MATCH (p:Person) RETURN p.name, p.mentions ORDER BY p.mentions DESC LIMIT 10'
  kg query 'MATCH (p:Person {name: "Vladimir Putin"})-[:PARTICIPANT_IN]->(e:Event)
            WHERE e.date >= date("2015-09-01") RETURN e.date, e.type, e.label ORDER BY e.date'
  kg query 'MATCH (a)-[:PARTICIPANT_IN]->(e:Event)<-[:PARTICIPANT_IN]-(b)
            WHERE a.name = $who RETURN b.name, count(e) AS events ORDER BY events DESC' --param who=Russia
  kg query 'MATCH (o:Organization)-[r:RELATED_TO]-(x) RETURN o.name, r.predicate, x.name' --format csv
  kg query --explain 'MATCH (e:Event) WHERE e.date >= "2015-11" RETURN e'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.fromFile != "" {
				return cobra.NoArgs(cmd, args)
			}
			if len(args) != 1 {
				return errors.New("give the query as one argument, in quotes, or --file FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			src := ""
			if len(args) == 1 {
				src = args[0]
			}
			return runQuery(cmd.Context(), g, o, src, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringArrayVar(&o.params, "param", nil, "a query parameter, name=value (repeatable)")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 30*time.Second, "stop the query after this long")
	cmd.Flags().IntVar(&o.maxRows, "max-rows", 10000, "stop after this many result rows (0: no limit)")
	cmd.Flags().IntVar(&o.maxHops, "max-hops", query.DefaultMaxHops, "longest variable-length relationship")
	cmd.Flags().StringVar(&o.format, "format", "table", "output: table, csv or json")
	cmd.Flags().BoolVar(&o.explain, "explain", false, "print how the query would run, without running it")
	cmd.Flags().IntVar(&o.width, "width", 60, "widest table cell, in characters (0: no limit)")
	cmd.Flags().StringVarP(&o.fromFile, "file", "f", "", "read the query from this file (- for standard input)")
	addJSONFlag(cmd, g)
	return cmd
}

// parseParam reads --param name=value.
func parseParam(s string) (string, query.Value, error) {
	name, raw, ok := strings.Cut(s, "=")
	name = strings.TrimPrefix(strings.TrimSpace(name), "$")
	if !ok || name == "" {
		return "", nil, fmt.Errorf("--param %q: want name=value", s)
	}
	return name, paramValue(raw), nil
}

// paramValue reads numbers, booleans, null and JSON lists, maps and quoted
// strings as such; anything else is a string.
func paramValue(raw string) query.Value {
	t := strings.TrimSpace(raw)
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil && strings.ContainsAny(t, ".eE") {
		return f
	}
	switch t {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") || strings.HasPrefix(t, `"`) {
		dec := json.NewDecoder(strings.NewReader(t))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err == nil {
			return fromJSON(v)
		}
	}
	return raw
}

func fromJSON(v any) query.Value {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]query.Value, len(x))
		for i, e := range x {
			out[i] = fromJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]query.Value, len(x))
		for k, e := range x {
			out[k] = fromJSON(e)
		}
		return out
	}
	return v
}

func runQuery(ctx context.Context, g *globals, o *queryOpts, src string, in io.Reader, out, errw io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.fromFile != "" {
		b, err := readInput(o.fromFile, in)
		if err != nil {
			return err
		}
		src = string(b)
	}
	format := o.format
	if g.json {
		format = "json"
	}
	switch format {
	case "table", "csv", "json":
	default:
		return fmt.Errorf("--format %q: want table, csv or json", o.format)
	}
	params := map[string]query.Value{}
	for _, p := range o.params {
		name, v, err := parseParam(p)
		if err != nil {
			return err
		}
		params[name] = v
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	opts := query.Options{Params: params, Timeout: o.timeout, MaxRows: o.maxRows, MaxHops: o.maxHops}
	start := time.Now()
	p, err := query.Prepare(src, kgstore.New(r), opts)
	if err != nil {
		return errors.New(query.Detail(err))
	}
	for _, w := range p.Warnings() {
		fmt.Fprintln(errw, "kg: warning:", w)
	}
	if o.explain {
		for _, l := range p.Plan() {
			fmt.Fprintln(out, l)
		}
		return nil
	}
	res, err := p.Run(ctx)
	if errors.Is(err, query.ErrTimeout) {
		return fmt.Errorf("the query ran out of time after %s: narrow the MATCH (labels, names, date ranges) or raise --timeout", o.timeout)
	}
	if err != nil {
		return errors.New(query.Detail(err))
	}
	elapsed := time.Since(start)
	if res.Truncated {
		defer fmt.Fprintf(errw, "kg: stopped after %d rows (--max-rows); add LIMIT to the query or raise --max-rows\n", o.maxRows)
	}
	switch format {
	case "json":
		return writeQueryJSON(out, res)
	case "csv":
		return writeQueryCSV(out, res)
	}
	return writeQueryTable(out, res, o.width, elapsed)
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// cell renders a value for a table or CSV cell.
func cell(v query.Value) string { return query.Format(v) }

func writeQueryTable(out io.Writer, res *query.Result, width int, elapsed time.Duration) error {
	tw := newTable(out)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			s := strings.Join(strings.Fields(cell(v)), " ")
			if width > 0 {
				s = truncate(s, width)
			}
			if s == "" {
				s = `""`
			}
			cells[i] = s
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	n := len(res.Rows)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	_, err := fmt.Fprintf(out, "(%d row%s, %s)\n", n, plural, elapsed.Round(time.Millisecond))
	return err
}

func writeQueryCSV(out io.Writer, res *query.Result) error {
	w := csv.NewWriter(out)
	if err := w.Write(res.Columns); err != nil {
		return err
	}
	for _, row := range res.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			if v != nil {
				rec[i] = cell(v)
			}
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// writeQueryJSON prints the rows as objects whose keys keep the column order.
func writeQueryJSON(out io.Writer, res *query.Result) error {
	rows := make([]json.RawMessage, 0, len(res.Rows))
	for _, row := range res.Rows {
		var b bytes.Buffer
		b.WriteByte('{')
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(res.Columns[i])
			b.Write(k)
			b.WriteByte(':')
			j, err := query.JSON(v)
			if err != nil {
				return err
			}
			var vb bytes.Buffer
			enc := json.NewEncoder(&vb)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(j); err != nil {
				return err
			}
			b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
		}
		b.WriteByte('}')
		rows = append(rows, b.Bytes())
	}
	return writeJSON(out, rows)
}
