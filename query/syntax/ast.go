package syntax

// The AST of a query. Every node records where it starts in the text.

// Query is one or more single queries joined by UNION.
type Query struct {
	Parts []*SingleQuery
	// UnionAll[i] tells whether Parts[i] and Parts[i+1] are joined by UNION ALL.
	UnionAll []bool
}

// SingleQuery is a sequence of clauses.
type SingleQuery struct {
	Clauses []Clause
}

// Clause is MATCH, UNWIND, WITH, RETURN (or CREATE, for test graphs).
type Clause interface {
	Position() Pos
	clause()
}

// Match is MATCH or OPTIONAL MATCH.
type Match struct {
	Pos      Pos
	Optional bool
	Patterns []*Pattern
	Where    Expr
}

// Unwind is UNWIND expr AS var.
type Unwind struct {
	Pos  Pos
	Expr Expr
	Var  string
}

// With is WITH projection [WHERE expr].
type With struct {
	Pos   Pos
	Proj  *Projection
	Where Expr
}

// Return is RETURN projection.
type Return struct {
	Pos  Pos
	Proj *Projection
}

// Create is CREATE pattern, ...; kg's store is read-only, so only test
// harnesses that build a graph in memory parse it (ParseOptions.AllowCreate).
type Create struct {
	Pos      Pos
	Patterns []*Pattern
}

func (c *Match) Position() Pos  { return c.Pos }
func (c *Unwind) Position() Pos { return c.Pos }
func (c *With) Position() Pos   { return c.Pos }
func (c *Return) Position() Pos { return c.Pos }
func (c *Create) Position() Pos { return c.Pos }
func (*Match) clause()          {}
func (*Unwind) clause()         {}
func (*With) clause()           {}
func (*Return) clause()         {}
func (*Create) clause()         {}

// Projection is what WITH and RETURN share.
type Projection struct {
	Distinct bool
	Star     bool // RETURN *: every variable in scope, then Items
	Items    []*ProjItem
	Order    []*SortItem
	Skip     Expr
	Limit    Expr
}

// ProjItem is expr [AS alias]. Text is the expression as written, the
// column's name when there is no alias.
type ProjItem struct {
	Expr  Expr
	Alias string
	Text  string
}

// Name is the column name of the item.
func (p *ProjItem) Name() string {
	if p.Alias != "" {
		return p.Alias
	}
	return p.Text
}

// SortItem is one ORDER BY key.
type SortItem struct {
	Expr Expr
	Desc bool
}

// Direction of a relationship pattern.
type Direction int

// Directions: -->, <--, and -- (either).
const (
	Both Direction = iota
	Right
	Left
)

func (d Direction) String() string {
	switch d {
	case Right:
		return "->"
	case Left:
		return "<-"
	}
	return "--"
}

// Pattern is a path pattern: nodes joined by relationships, optionally
// named (p = ...) and optionally a shortest-path search.
type Pattern struct {
	Pos      Pos
	Var      string // path variable, or ""
	Shortest string // "", "shortestPath" or "allShortestPaths"
	Nodes    []*NodePattern
	Rels     []*RelPattern // len(Rels) == len(Nodes)-1
}

// NodePattern is (var:Label {props}).
type NodePattern struct {
	Pos    Pos
	Var    string
	Labels []string
	Props  Expr // *MapLit or *Param, or nil
}

// RelPattern is -[var:TYPE|OTHER *min..max {props}]->.
type RelPattern struct {
	Pos       Pos
	Var       string
	Types     []string
	Dir       Direction
	VarLength bool
	Min, Max  *int // bounds of a variable-length relationship; nil when not given
	Props     Expr
}

// Expr is an expression.
type Expr interface {
	Position() Pos
	expr()
}

// Literal is null, a boolean, an int64, a float64 or a string.
type Literal struct {
	Pos   Pos
	Value any
}

// ListLit is [a, b, ...].
type ListLit struct {
	Pos   Pos
	Elems []Expr
}

// MapLit is {key: value, ...}.
type MapLit struct {
	Pos    Pos
	Keys   []string
	Values []Expr
}

// Param is $name.
type Param struct {
	Pos  Pos
	Name string
}

// Var is a variable.
type Var struct {
	Pos  Pos
	Name string
}

// Property is x.key.
type Property struct {
	Pos Pos
	X   Expr
	Key string
}

// Index is x[i].
type Index struct {
	Pos   Pos
	X     Expr
	Index Expr
}

// Slice is x[from..to]; From or To may be nil.
type Slice struct {
	Pos      Pos
	X        Expr
	From, To Expr
}

// Unary is NOT x, -x or +x.
type Unary struct {
	Pos Pos
	Op  string
	X   Expr
}

// Binary is x op y, with op one of OR XOR AND = <> < > <= >= =~ + - * / % ^
// IN, "STARTS WITH", "ENDS WITH", CONTAINS.
type Binary struct {
	Pos  Pos
	Op   string
	L, R Expr
}

// IsNull is x IS NULL, or x IS NOT NULL when Not.
type IsNull struct {
	Pos Pos
	X   Expr
	Not bool
}

// HasLabels is x:Label:Other.
type HasLabels struct {
	Pos    Pos
	X      Expr
	Labels []string
}

// Call is a function call; count(*) has Star set.
type Call struct {
	Pos      Pos
	Name     string // as written
	Distinct bool
	Star     bool
	Args     []Expr
}

// Case is CASE [test] WHEN ... THEN ... [ELSE ...] END.
type Case struct {
	Pos   Pos
	Test  Expr // nil for the generic form
	Whens []Expr
	Thens []Expr
	Else  Expr
}

// ListComp is [var IN list WHERE pred | expr].
type ListComp struct {
	Pos   Pos
	Var   string
	List  Expr
	Where Expr
	Map   Expr
}

// Quantifier is all|any|none|single(var IN list WHERE pred).
type Quantifier struct {
	Pos   Pos
	Kind  string // all, any, none, single
	Var   string
	List  Expr
	Where Expr
}

// PatternExpr is a pattern used as a predicate: true when it has a match.
type PatternExpr struct {
	Pos     Pos
	Pattern *Pattern
}

// PatternComp is [pattern WHERE pred | expr].
type PatternComp struct {
	Pos     Pos
	Pattern *Pattern
	Where   Expr
	Map     Expr
}

func (e *PatternComp) Position() Pos { return e.Pos }
func (*PatternComp) expr()           {}

func (e *Literal) Position() Pos     { return e.Pos }
func (e *ListLit) Position() Pos     { return e.Pos }
func (e *MapLit) Position() Pos      { return e.Pos }
func (e *Param) Position() Pos       { return e.Pos }
func (e *Var) Position() Pos         { return e.Pos }
func (e *Property) Position() Pos    { return e.Pos }
func (e *Index) Position() Pos       { return e.Pos }
func (e *Slice) Position() Pos       { return e.Pos }
func (e *Unary) Position() Pos       { return e.Pos }
func (e *Binary) Position() Pos      { return e.Pos }
func (e *IsNull) Position() Pos      { return e.Pos }
func (e *HasLabels) Position() Pos   { return e.Pos }
func (e *Call) Position() Pos        { return e.Pos }
func (e *Case) Position() Pos        { return e.Pos }
func (e *ListComp) Position() Pos    { return e.Pos }
func (e *Quantifier) Position() Pos  { return e.Pos }
func (e *PatternExpr) Position() Pos { return e.Pos }
func (*Literal) expr()               {}
func (*ListLit) expr()               {}
func (*MapLit) expr()                {}
func (*Param) expr()                 {}
func (*Var) expr()                   {}
func (*Property) expr()              {}
func (*Index) expr()                 {}
func (*Slice) expr()                 {}
func (*Unary) expr()                 {}
func (*Binary) expr()                {}
func (*IsNull) expr()                {}
func (*HasLabels) expr()             {}
func (*Call) expr()                  {}
func (*Case) expr()                  {}
func (*ListComp) expr()              {}
func (*Quantifier) expr()            {}
func (*PatternExpr) expr()           {}
