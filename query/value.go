package query

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// typeName names a value's type in error messages.
func typeName(v Value) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case float64:
		return "float"
	case string:
		return "string"
	case []Value:
		return "list"
	case map[string]Value:
		return "map"
	case *Node:
		return "node"
	case *Rel:
		return "relationship"
	case *Path:
		return "path"
	case Date:
		return "date"
	}
	return fmt.Sprintf("%T", v)
}

// equal is Cypher's = : true, false, or nil when it cannot be known
// (a null is involved, or dates without a year).
func equal(a, b Value) Value {
	if a == nil || b == nil {
		return nil
	}
	switch x := a.(type) {
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return float64(x) == y
		}
		return false
	case float64:
		switch y := b.(type) {
		case int64:
			return x == float64(y)
		case float64:
			return x == y
		}
		return false
	case string:
		switch y := b.(type) {
		case string:
			return x == y
		case Date:
			return equal(b, a)
		}
		return false
	case Date:
		y, ok := asDate(b)
		if !ok {
			return false
		}
		c, known := compareDates(x, y)
		if !known {
			if x.Known() || y.Known() {
				return nil
			}
			return x.Text == y.Text
		}
		return c == 0
	case []Value:
		y, ok := b.([]Value)
		if !ok || len(x) != len(y) {
			return false
		}
		var unknown bool
		for i := range x {
			switch equal(x[i], y[i]) {
			case false:
				return false
			case nil:
				unknown = true
			}
		}
		if unknown {
			return nil
		}
		return true
	case map[string]Value:
		y, ok := b.(map[string]Value)
		if !ok || len(x) != len(y) {
			return false
		}
		var unknown bool
		for k, xv := range x {
			yv, ok := y[k]
			if !ok {
				return false
			}
			switch equal(xv, yv) {
			case false:
				return false
			case nil:
				unknown = true
			}
		}
		if unknown {
			return nil
		}
		return true
	case *Node:
		y, ok := b.(*Node)
		return ok && x.ID == y.ID
	case *Rel:
		y, ok := b.(*Rel)
		return ok && x.ID == y.ID
	case *Path:
		y, ok := b.(*Path)
		if !ok || len(x.Rels) != len(y.Rels) || len(x.Nodes) != len(y.Nodes) {
			return false
		}
		for i := range x.Nodes {
			if x.Nodes[i].ID != y.Nodes[i].ID {
				return false
			}
		}
		for i := range x.Rels {
			if x.Rels[i].ID != y.Rels[i].ID {
				return false
			}
		}
		return true
	}
	return false
}

// asDate reads a date, or a string that holds one.
func asDate(v Value) (Date, bool) {
	switch x := v.(type) {
	case Date:
		return x, true
	case string:
		return ParseDate(x)
	}
	return Date{}, false
}

// compare is Cypher's ordering for <, <=, >, >=: -1, 0 or 1, and ok false
// when the values are not comparable (the comparison is then null).
func compare(a, b Value) (int, bool) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmpInt(x, y), true
		case float64:
			return cmpFloat(float64(x), y)
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return cmpFloat(x, float64(y))
		case float64:
			return cmpFloat(x, y)
		}
	case string:
		switch y := b.(type) {
		case string:
			return cmpString(x, y), true
		case Date:
			if xd, ok := ParseDate(x); ok {
				return compareDates(xd, y)
			}
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmpInt(b2i(x), b2i(y)), true
		}
	case Date:
		if y, ok := asDate(b); ok {
			return compareDates(x, y)
		}
	case []Value:
		if y, ok := b.([]Value); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				if x[i] == nil || y[i] == nil {
					return 0, false
				}
				c, ok := compare(x[i], y[i])
				if !ok {
					return 0, false
				}
				if c != 0 {
					return c, true
				}
			}
			return cmpInt(int64(len(x)), int64(len(y))), true
		}
	}
	return 0, false
}

func cmpFloat(a, b float64) (int, bool) {
	if math.IsNaN(a) || math.IsNaN(b) {
		return 0, false
	}
	switch {
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// orderRank places types in ORDER BY's global order.
func orderRank(v Value) int {
	switch v.(type) {
	case map[string]Value:
		return 0
	case *Node:
		return 1
	case *Rel:
		return 2
	case []Value:
		return 3
	case *Path:
		return 4
	case Date:
		return 5
	case string:
		return 6
	case bool:
		return 7
	case int64, float64:
		return 8
	case nil:
		return 10
	}
	return 9
}

// orderCompare is the total order of ORDER BY: values of different types
// sort by type, numbers by value with NaN after them, null last.
func orderCompare(a, b Value) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return ra - rb
	}
	switch x := a.(type) {
	case nil:
		return 0
	case int64, float64:
		fa, fb := toFloat(a), toFloat(b)
		na, nb := math.IsNaN(fa), math.IsNaN(fb)
		switch {
		case na && nb:
			return 0
		case na:
			return 1
		case nb:
			return -1
		}
		if xi, ok := a.(int64); ok {
			if yi, ok := b.(int64); ok {
				return cmpInt(xi, yi)
			}
		}
		c, _ := cmpFloat(fa, fb)
		return c
	case string:
		return cmpString(x, b.(string))
	case bool:
		return int(cmpInt(b2i(x), b2i(b.(bool))))
	case Date:
		return orderDates(x, b.(Date))
	case []Value:
		y := b.([]Value)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := orderCompare(x[i], y[i]); c != 0 {
				return c
			}
		}
		return int(cmpInt(int64(len(x)), int64(len(y))))
	case map[string]Value:
		y := b.(map[string]Value)
		kx, ky := sortedKeys(x), sortedKeys(y)
		for i := 0; i < len(kx) && i < len(ky); i++ {
			if c := cmpString(kx[i], ky[i]); c != 0 {
				return c
			}
			if c := orderCompare(x[kx[i]], y[ky[i]]); c != 0 {
				return c
			}
		}
		return int(cmpInt(int64(len(kx)), int64(len(ky))))
	case *Node:
		return cmpString(x.ID, b.(*Node).ID)
	case *Rel:
		return cmpString(x.ID, b.(*Rel).ID)
	case *Path:
		y := b.(*Path)
		if c := cmpInt(int64(len(x.Rels)), int64(len(y.Rels))); c != 0 {
			return c
		}
		return cmpString(keyOf(x), keyOf(y))
	}
	return 0
}

func toFloat(v Value) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// keyOf encodes a value for grouping and DISTINCT: equal values (in the
// sense of grouping, where null equals null and 1 equals 1.0) get equal keys.
func keyOf(v Value) string {
	var b strings.Builder
	writeKey(&b, v)
	return b.String()
}

func writeKey(b *strings.Builder, v Value) {
	switch x := v.(type) {
	case nil:
		b.WriteString("N")
	case bool:
		if x {
			b.WriteString("T")
		} else {
			b.WriteString("F")
		}
	case int64:
		b.WriteString("n")
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			b.WriteString("n")
			b.WriteString(strconv.FormatInt(int64(x), 10))
		} else {
			b.WriteString("f")
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case string:
		b.WriteString("s")
		b.WriteString(strconv.Itoa(len(x)))
		b.WriteByte(':')
		b.WriteString(x)
	case Date:
		b.WriteString("d")
		b.WriteString(x.Text)
		b.WriteByte(';')
	case []Value:
		b.WriteString("[")
		for _, e := range x {
			writeKey(b, e)
			b.WriteByte(',')
		}
		b.WriteString("]")
	case map[string]Value:
		b.WriteString("{")
		for _, k := range sortedKeys(x) {
			writeKey(b, k)
			writeKey(b, x[k])
		}
		b.WriteString("}")
	case *Node:
		b.WriteString("(")
		b.WriteString(x.ID)
		b.WriteString(")")
	case *Rel:
		b.WriteString("<")
		b.WriteString(x.ID)
		b.WriteString(">")
	case *Path:
		b.WriteString("p")
		for _, n := range x.Nodes {
			b.WriteString(n.ID)
			b.WriteByte(',')
		}
		for _, r := range x.Rels {
			b.WriteString(r.ID)
			b.WriteByte(',')
		}
	default:
		fmt.Fprintf(b, "?%v", x)
	}
}

// truth reads a predicate's value: true, false, or nil (unknown).
func truth(v Value) (Value, error) {
	switch v.(type) {
	case nil, bool:
		return v, nil
	}
	return nil, typeErrorf("expected a boolean, got %s %s", typeName(v), Format(v))
}

// Format writes a value for people: strings as they are, dates as written,
// nodes as (:Label {name}), lists and maps in Cypher syntax.
func Format(v Value) string {
	var b strings.Builder
	format(&b, v, true)
	return b.String()
}

func format(b *strings.Builder, v Value, top bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(formatFloat(x))
	case string:
		if top {
			b.WriteString(x)
		} else {
			b.WriteString(strconv.Quote(x))
		}
	case Date:
		b.WriteString(x.Text)
	case []Value:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, e, false)
		}
		b.WriteByte(']')
	case map[string]Value:
		b.WriteByte('{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteString(": ")
			format(b, x[k], false)
		}
		b.WriteByte('}')
	case *Node:
		_ = x.ensure()
		b.WriteByte('(')
		for _, l := range x.Labels {
			b.WriteByte(':')
			b.WriteString(l)
		}
		name := x.Props["name"]
		if name == nil {
			name = x.Props["label"]
		}
		if name == nil {
			name = x.Props["title"]
		}
		if s, ok := name.(string); ok {
			b.WriteString(" ")
			b.WriteString(strconv.Quote(s))
		}
		if x.ID != "" {
			b.WriteString(" ")
			b.WriteString(x.ID)
		}
		b.WriteByte(')')
	case *Rel:
		b.WriteString("[:")
		b.WriteString(x.Type)
		for _, k := range []string{"role", "predicate"} {
			if s, ok := x.Props[k].(string); ok && s != "" {
				b.WriteString(" " + k + ": ")
				b.WriteString(strconv.Quote(s))
			}
		}
		b.WriteByte(']')
	case *Path:
		for i, n := range x.Nodes {
			if i > 0 {
				r := x.Rels[i-1]
				if r.Start == n.ID {
					b.WriteString("<-")
					format(b, r, false)
					b.WriteString("-")
				} else {
					b.WriteString("-")
					format(b, r, false)
					b.WriteString("->")
				}
			}
			format(b, n, false)
		}
	default:
		fmt.Fprint(b, x)
	}
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// JSON converts a value to what encoding/json writes: nodes and
// relationships as objects of their properties (with "id", and "type" for
// relationships, "labels" where a node's properties give no type), paths as
// {"nodes": [...], "relationships": [...]}, dates as strings.
func JSON(v Value) (any, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return formatFloat(x), nil
		}
		return x, nil
	case Date:
		return x.Text, nil
	case []Value:
		out := make([]any, len(x))
		for i, e := range x {
			j, err := JSON(e)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case map[string]Value:
		out := make(map[string]any, len(x))
		for k, e := range x {
			j, err := JSON(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		return out, nil
	case *Node:
		props, err := x.AllProps()
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(props)+2)
		for k, e := range props {
			if k == "text" && x.HasLabel("Document") {
				continue // whole articles make unreadable rows; ask for d.text
			}
			j, err := JSON(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		if _, ok := out["id"]; !ok {
			out["id"] = x.ID
		}
		if _, ok := out["type"]; !ok {
			ls := make([]any, len(x.Labels))
			for i, l := range x.Labels {
				ls[i] = l
			}
			out["labels"] = ls
		}
		return out, nil
	case *Rel:
		props, err := x.AllProps()
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(props)+4)
		for k, e := range props {
			j, err := JSON(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		out["type"], out["from"], out["to"] = x.Type, x.Start, x.End
		return out, nil
	case *Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			j, err := JSON(n)
			if err != nil {
				return nil, err
			}
			nodes[i] = j
		}
		rels := make([]any, len(x.Rels))
		for i, r := range x.Rels {
			j, err := JSON(r)
			if err != nil {
				return nil, err
			}
			rels[i] = j
		}
		return map[string]any{"nodes": nodes, "relationships": rels}, nil
	}
	return v, nil
}

func sortValues(vs []Value) {
	sort.SliceStable(vs, func(i, j int) bool { return orderCompare(vs[i], vs[j]) < 0 })
}
