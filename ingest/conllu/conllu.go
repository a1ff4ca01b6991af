// Package conllu reads and writes CoNLL-U, the format of the Universal
// Dependencies treebanks (https://universaldependencies.org/format.html):
// sentences of ten tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS
// HEAD DEPREL DEPS MISC), one word a line, comment lines before them and a
// blank line after each.
//
// Reading keeps everything needed to write a sentence back as it came:
// comments, multiword token lines ("2-3 don't") and empty nodes ("8.1")
// are kept in place as raw lines, while the syntactic words (integer IDs)
// are parsed into Words, whose columns a tagger or parser may fill in.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is a syntactic word: a line whose ID is an integer. Columns given as
// "_" are empty strings here (and written back as "_"), except that an
// unknown HEAD is -1.
type Word struct {
	ID                             int // 1, 2, ... in order
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 0 for the root, -1 for "_"
	Deprel, Deps, Misc             string
}

// Extra is a line kept as it was read: a multiword token range or an empty
// node. It is written before word Before (an index into Words), or after
// the last word when Before == len(Words).
type Extra struct {
	Before int
	Line   string
}

// Sentence is a sentence of a CoNLL-U file.
type Sentence struct {
	// Comments are the comment lines before the words, '#' included.
	Comments []string
	Words    []Word
	Extras   []Extra
	// Line is the number (from 1) of the sentence's first line in the input.
	Line int
}

// ID returns the value of the sentence's "# sent_id = ..." comment, if any.
func (s *Sentence) ID() string { return s.comment("sent_id") }

// Text returns the value of the sentence's "# text = ..." comment, if any.
func (s *Sentence) Text() string { return s.comment("text") }

func (s *Sentence) comment(key string) string {
	for _, c := range s.Comments {
		c = strings.TrimSpace(strings.TrimPrefix(c, "#"))
		if k, v, ok := strings.Cut(c, "="); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Forms returns the words' forms.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i := range s.Words {
		out[i] = s.Words[i].Form
	}
	return out
}

// maxLine is the longest line read (1 MiB).
const maxLine = 1 << 20

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	err  error
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return &Reader{sc: sc}
}

// Next returns the next sentence, or io.EOF after the last one. A malformed
// line gives an error that names its line number; reading stops there.
func (r *Reader) Next() (*Sentence, error) {
	if r.err != nil {
		return nil, r.err
	}
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if r.line == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			if s != nil {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if line[0] == '#' {
			if len(s.Words) > 0 || len(s.Extras) > 0 {
				return nil, r.fail(errors.New("comment line inside a sentence"))
			}
			s.Comments = append(s.Comments, line)
			continue
		}
		if err := s.addLine(line); err != nil {
			return nil, r.fail(err)
		}
	}
	if err := r.sc.Err(); err != nil {
		r.err = fmt.Errorf("conllu: line %d: %w", r.line+1, err)
		return nil, r.err
	}
	r.err = io.EOF
	if s != nil {
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) fail(err error) error {
	r.err = fmt.Errorf("conllu: line %d: %w", r.line, err)
	return r.err
}

// addLine adds a word, multiword token or empty node line.
func (s *Sentence) addLine(line string) error {
	var f [10]string
	rest := line
	for i := range f {
		if i == 9 {
			if strings.IndexByte(rest, '\t') >= 0 {
				return errors.New("more than 10 columns")
			}
			f[i] = rest
			break
		}
		var ok bool
		f[i], rest, ok = strings.Cut(rest, "\t")
		if !ok {
			return fmt.Errorf("%d columns, want 10 separated by tabs", i+1)
		}
	}
	id := f[0]
	if strings.IndexByte(id, '-') >= 0 || strings.IndexByte(id, '.') >= 0 {
		if err := checkExtraID(id, len(s.Words)); err != nil {
			return err
		}
		s.Extras = append(s.Extras, Extra{Before: len(s.Words), Line: line})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != len(s.Words)+1 {
		return fmt.Errorf("word ID %q, want %d", id, len(s.Words)+1)
	}
	w := Word{ID: n, Form: f[1], Lemma: col(f[2]), UPOS: col(f[3]), XPOS: col(f[4]), Feats: col(f[5]),
		Head: -1, Deprel: col(f[7]), Deps: col(f[8]), Misc: col(f[9])}
	if f[1] == "" {
		return errors.New("empty FORM")
	}
	if f[6] != "_" {
		h, err := strconv.Atoi(f[6])
		if err != nil || h < 0 || h > maxWords {
			return fmt.Errorf("HEAD %q is not a word number", f[6])
		}
		w.Head = h
	}
	s.Words = append(s.Words, w)
	return nil
}

// maxWords bounds the words of a sentence (and so the values of HEAD).
const maxWords = 1 << 20

// checkExtraID checks the ID of a multiword token ("3-4") or an empty node
// ("3.1") read after n words.
func checkExtraID(id string, n int) error {
	if a, b, ok := strings.Cut(id, "-"); ok {
		i, err1 := strconv.Atoi(a)
		j, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || i != n+1 || j < i {
			return fmt.Errorf("multiword token ID %q after word %d", id, n)
		}
		return nil
	}
	a, b, _ := strings.Cut(id, ".")
	i, err1 := strconv.Atoi(a)
	j, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || i != n || j < 1 {
		return fmt.Errorf("empty node ID %q after word %d", id, n)
	}
	return nil
}

func col(s string) string {
	if s == "_" {
		return ""
	}
	return s
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader) ([]*Sentence, error) {
	var out []*Sentence
	rd := NewReader(r)
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

// Validate checks that the sentence's heads form a tree: every word has a
// head in 0..len(Words), exactly one word has head 0, and there are no
// cycles.
func (s *Sentence) Validate() error {
	n := len(s.Words)
	roots := 0
	for i, w := range s.Words {
		if w.Head < 0 || w.Head > n {
			return fmt.Errorf("word %d: HEAD %d out of range", i+1, w.Head)
		}
		if w.Head == i+1 {
			return fmt.Errorf("word %d is its own head", i+1)
		}
		if w.Head == 0 {
			roots++
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d words with HEAD 0, want 1", roots)
	}
	for i := range s.Words {
		// Walk up at most n steps: a longer walk is a cycle.
		h := i + 1
		for steps := 0; h != 0; steps++ {
			if steps > n {
				return fmt.Errorf("word %d: cycle of heads", i+1)
			}
			h = s.Words[h-1].Head
		}
	}
	return nil
}

// Write writes the sentence in CoNLL-U, a blank line after it.
func Write(w io.Writer, s *Sentence) error {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	e := 0
	var num [20]byte
	for i := range s.Words {
		for ; e < len(s.Extras) && s.Extras[e].Before <= i; e++ {
			bw.WriteString(s.Extras[e].Line)
			bw.WriteByte('\n')
		}
		wd := &s.Words[i]
		bw.Write(strconv.AppendInt(num[:0], int64(i+1), 10))
		for _, f := range [...]string{wd.Form, wd.Lemma, wd.UPOS, wd.XPOS, wd.Feats} {
			bw.WriteByte('\t')
			writeCol(bw, f)
		}
		bw.WriteByte('\t')
		if wd.Head < 0 {
			bw.WriteByte('_')
		} else {
			bw.Write(strconv.AppendInt(num[:0], int64(wd.Head), 10))
		}
		for _, f := range [...]string{wd.Deprel, wd.Deps, wd.Misc} {
			bw.WriteByte('\t')
			writeCol(bw, f)
		}
		bw.WriteByte('\n')
	}
	for ; e < len(s.Extras); e++ {
		bw.WriteString(s.Extras[e].Line)
		bw.WriteByte('\n')
	}
	bw.WriteByte('\n')
	if ok {
		return nil
	}
	return bw.Flush()
}

func writeCol(bw *bufio.Writer, s string) {
	if s == "" {
		bw.WriteByte('_')
		return
	}
	bw.WriteString(s)
}
