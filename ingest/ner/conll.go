package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Document is a document of a CoNLL file: its lines as read, and where its
// sentences are. A token line holds the token first, then any columns,
// separated by spaces or tabs; in annotated files the last column is the
// entity tag (IOB1 or IOB2). Sentences are runs of token lines; blank lines
// separate them, and a -DOCSTART- line starts a new document.
type Document struct {
	// Lines are the document's lines without their line ends: the
	// -DOCSTART- line that opened it (if any), token lines and blank lines.
	Lines []string
	// Sentences are the ranges of Lines holding each sentence's tokens.
	Sentences []LineRange
	// First is the number, from 1, of the first line in the input.
	First int
}

// LineRange is the lines [Start, End) of a document.
type LineRange struct{ Start, End int }

// Tokens returns the tokens (first fields) of each sentence.
func (d *Document) Tokens() [][]string { return d.column(0) }

// Tags returns the last field of each token line: the gold tags of an
// annotated file. Lines with a single field give "O".
func (d *Document) Tags() [][]string { return d.column(-1) }

func (d *Document) column(which int) [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		col := make([]string, 0, s.End-s.Start)
		for _, l := range d.Lines[s.Start:s.End] {
			col = append(col, field(l, which))
		}
		out[i] = col
	}
	return out
}

// field returns the first field of a line (which == 0) or its last field
// (which < 0, "O" if the line has only one).
func field(l string, which int) string {
	l = strings.Trim(l, " \t")
	if which == 0 {
		if i := strings.IndexAny(l, " \t"); i >= 0 {
			return l[:i]
		}
		return l
	}
	i := strings.LastIndexAny(l, " \t")
	if i < 0 {
		return "O"
	}
	return l[i+1:]
}

// isDocStart reports a -DOCSTART- line.
func isDocStart(l string) bool { return field(l, 0) == "-DOCSTART-" }

// isBlank reports a line with nothing but white space.
func isBlank(l string) bool { return strings.Trim(l, " \t\r") == "" }

// CoNLLReader reads the documents of a CoNLL file one at a time. A file
// without -DOCSTART- lines is cut into documents of at most MaxSentences
// sentences, at a blank line, to bound memory.
type CoNLLReader struct {
	sc      *bufio.Scanner
	line    int
	pending string // a -DOCSTART- line read ahead
	hasPend bool
	err     error
	// MaxSentences bounds the sentences of a document (default 10,000).
	MaxSentences int
}

// NewCoNLLReader returns a reader of r.
func NewCoNLLReader(r io.Reader) *CoNLLReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	return &CoNLLReader{sc: sc, MaxSentences: 10000}
}

// Next returns the next document, or io.EOF after the last one.
func (r *CoNLLReader) Next() (*Document, error) {
	if r.err != nil {
		return nil, r.err
	}
	d := &Document{First: r.line + 1}
	if r.hasPend {
		d.Lines = append(d.Lines, r.pending)
		d.First = r.line
		r.hasPend = false
	}
	start := -1 // first line of the current sentence
	closeSentence := func() {
		if start >= 0 {
			d.Sentences = append(d.Sentences, LineRange{start, len(d.Lines)})
			start = -1
		}
	}
	for r.sc.Scan() {
		r.line++
		l := strings.TrimRight(r.sc.Text(), "\r")
		if isDocStart(l) {
			closeSentence()
			if len(d.Lines) > 0 {
				r.pending, r.hasPend = l, true
				return d, nil
			}
			d.Lines = append(d.Lines, l)
			continue
		}
		if isBlank(l) {
			closeSentence()
			d.Lines = append(d.Lines, l)
			if r.MaxSentences > 0 && len(d.Sentences) >= r.MaxSentences {
				return d, nil
			}
			continue
		}
		if start < 0 {
			start = len(d.Lines)
		}
		d.Lines = append(d.Lines, l)
	}
	if err := r.sc.Err(); err != nil {
		r.err = fmt.Errorf("line %d: %w", r.line+1, err)
		return nil, r.err
	}
	closeSentence()
	if len(d.Lines) == 0 {
		r.err = io.EOF
		return nil, io.EOF
	}
	return d, nil
}

// ReadCoNLL reads every document of a CoNLL file.
func ReadCoNLL(r io.Reader) ([]*Document, error) {
	cr := NewCoNLLReader(r)
	var docs []*Document
	for {
		d, err := cr.Next()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
}

// TagCoNLL tags the documents of a CoNLL file one at a time and calls emit
// with each document and the tagger's tags for its sentences.
func TagCoNLL(t Tagger, r io.Reader, emit func(d *Document, tags [][]string) error) error {
	cr := NewCoNLLReader(r)
	for {
		d, err := cr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := emit(d, t.Tag(d.Tokens())); err != nil {
			return err
		}
	}
}

// WriteTagged writes the lines of a document with the tag of each token
// appended after a space; other lines are written as they are.
func WriteTagged(w io.Writer, d *Document, tags [][]string) error {
	bw := bufio.NewWriter(w)
	next := 0 // lines written
	for si, s := range d.Sentences {
		for ; next < s.Start; next++ {
			bw.WriteString(d.Lines[next])
			bw.WriteByte('\n')
		}
		for k := s.Start; k < s.End; k++ {
			tag := "O"
			if si < len(tags) && k-s.Start < len(tags[si]) {
				tag = tags[si][k-s.Start]
			}
			bw.WriteString(d.Lines[k])
			bw.WriteByte(' ')
			bw.WriteString(tag)
			bw.WriteByte('\n')
		}
		next = s.End
	}
	for ; next < len(d.Lines); next++ {
		bw.WriteString(d.Lines[next])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
