// Package eval holds the scorers of kg's accuracy evaluations.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// CoNLL scores chunk tags the way the CoNLL shared tasks' conlleval script
// does: a phrase counts as correct when both its span and its type match
// exactly; precision, recall and F1 are given overall and per type. Tags are
// "O" or PREFIX-TYPE with prefix B, I, E or S (IOB1, IOB2, IOBES; L and U
// of BILOU are read as E and S), and the gold and guessed tags may use
// different encodings. Sentence and document boundaries end phrases.
//
// One difference from conlleval: the token accuracy compares each token's
// phrase membership (whether it starts a phrase, continues one or is
// outside, and the type) instead of the raw tags, so that an IOB2 guess is
// not penalized against IOB1 gold for spelling the same phrases differently.
//
// The zero value is ready to use.
type CoNLL struct {
	tokens, correctTags  int
	gold, found, correct map[string]int

	inCorrect                 bool
	lastGold, lastGuess       string // tag prefixes of the previous token
	lastGoldType, lastGuessTy string
}

// Scores are precision, recall and F1, in percent, with the counts behind
// them.
type Scores struct {
	Type                  string // "" for the overall scores
	Gold, Found, Correct  int    // phrases in the gold data, found by the tagger, correct
	Precision, Recall, F1 float64
}

func splitTag(t string) (prefix, typ string) {
	if t == "" {
		return "O", ""
	}
	p, ty, ok := strings.Cut(t, "-")
	if !ok {
		return t, ""
	}
	switch p {
	case "L":
		p = "E"
	case "U":
		p = "S"
	}
	return p, ty
}

func endOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "E", prevTag == "S",
		prevTag == "B" && (tag == "B" || tag == "S" || tag == "O"),
		prevTag == "I" && (tag == "B" || tag == "S" || tag == "O"),
		prevTag != "O" && prevTag != "." && prevType != typ,
		prevTag == "[", prevTag == "]":
		return true
	}
	return false
}

func startOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case tag == "B", tag == "S",
		prevTag == "E" && (tag == "E" || tag == "I"),
		prevTag == "S" && (tag == "E" || tag == "I"),
		prevTag == "O" && (tag == "E" || tag == "I"),
		tag != "O" && tag != "." && prevType != typ,
		tag == "[", tag == "]":
		return true
	}
	return false
}

func (c *CoNLL) init() {
	if c.gold == nil {
		c.gold, c.found, c.correct = map[string]int{}, map[string]int{}, map[string]int{}
		c.lastGold, c.lastGuess = "O", "O"
	}
}

// Add scores one token: its gold tag and the guessed one.
func (c *CoNLL) Add(gold, guess string) { c.add(gold, guess, true) }

// Boundary marks the end of a sentence or document.
func (c *CoNLL) Boundary() { c.add("O", "O", false) }

// AddSentence scores a sentence (len(gold) == len(guess)) and ends it.
func (c *CoNLL) AddSentence(gold, guess []string) {
	for i := range gold {
		g := "O"
		if i < len(guess) {
			g = guess[i]
		}
		c.Add(gold[i], g)
	}
	c.Boundary()
}

func (c *CoNLL) add(goldTag, guessTag string, token bool) {
	c.init()
	gold, goldType := splitTag(goldTag)
	guess, guessType := splitTag(guessTag)
	goldEnd := endOfChunk(c.lastGold, gold, c.lastGoldType, goldType)
	guessEnd := endOfChunk(c.lastGuess, guess, c.lastGuessTy, guessType)
	if c.inCorrect {
		switch {
		case goldEnd && guessEnd && c.lastGuessTy == c.lastGoldType:
			c.inCorrect = false
			c.correct[c.lastGoldType]++
		case goldEnd != guessEnd || guessType != goldType:
			c.inCorrect = false
		}
	}
	goldStart := startOfChunk(c.lastGold, gold, c.lastGoldType, goldType)
	guessStart := startOfChunk(c.lastGuess, guess, c.lastGuessTy, guessType)
	if goldStart && guessStart && guessType == goldType {
		c.inCorrect = true
	}
	if goldStart {
		c.gold[goldType]++
	}
	if guessStart {
		c.found[guessType]++
	}
	if token {
		c.tokens++
		if membership(gold, goldType, goldStart) == membership(guess, guessType, guessStart) {
			c.correctTags++
		}
	}
	c.lastGold, c.lastGoldType = gold, goldType
	c.lastGuess, c.lastGuessTy = guess, guessType
}

// membership is the token's place in a phrase: "O", "B-TYPE" at the start,
// "I-TYPE" inside.
func membership(tag, typ string, start bool) string {
	switch {
	case tag == "O" || typ == "":
		return "O"
	case start:
		return "B-" + typ
	}
	return "I-" + typ
}

// finish closes a phrase still open at the end of the data.
func (c *CoNLL) finish() *CoNLL {
	d := *c
	d.init()
	d.correct = copyCounts(c.correct)
	if d.inCorrect {
		d.correct[d.lastGoldType]++
		d.inCorrect = false
	}
	return &d
}

func copyCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func scores(typ string, gold, found, correct int) Scores {
	s := Scores{Type: typ, Gold: gold, Found: found, Correct: correct}
	if found > 0 {
		s.Precision = 100 * float64(correct) / float64(found)
	}
	if gold > 0 {
		s.Recall = 100 * float64(correct) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Overall returns the scores over all types.
func (c *CoNLL) Overall() Scores {
	d := c.finish()
	return scores("", sum(d.gold), sum(d.found), sum(d.correct))
}

// F1 is the overall F1, in percent.
func (c *CoNLL) F1() float64 { return c.Overall().F1 }

// ByType returns the scores of each type found in the gold data or the
// guesses, sorted by type.
func (c *CoNLL) ByType() []Scores {
	d := c.finish()
	types := map[string]bool{}
	for t := range d.gold {
		types[t] = true
	}
	for t := range d.found {
		types[t] = true
	}
	var out []Scores
	for t := range types {
		out = append(out, scores(t, d.gold[t], d.found[t], d.correct[t]))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// Tokens is the number of tokens scored; Accuracy the percentage whose
// phrase membership is right.
func (c *CoNLL) Tokens() int { return c.tokens }

// Accuracy is the token accuracy in percent.
func (c *CoNLL) Accuracy() float64 {
	if c.tokens == 0 {
		return 0
	}
	return 100 * float64(c.correctTags) / float64(c.tokens)
}

// Report writes the scores as conlleval prints them, followed by a last
// line "F1 NN.NN".
func (c *CoNLL) Report(w io.Writer) error {
	o := c.Overall()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", c.tokens, o.Gold, o.Found, o.Correct)
	if c.tokens > 0 {
		fmt.Fprintf(bw, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", c.Accuracy(), o.Precision, o.Recall, o.F1)
	}
	for _, s := range c.ByType() {
		fmt.Fprintf(bw, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", s.Type, s.Precision, s.Recall, s.F1, s.Found)
	}
	fmt.Fprintf(bw, "F1 %.2f\n", o.F1)
	return bw.Flush()
}

// ScoreCoNLL scores a file in the format conlleval reads: one token a
// line, columns separated by white space, the gold tag and the guessed tag
// in the last two columns; blank lines and -DOCSTART- lines are
// boundaries.
func ScoreCoNLL(r io.Reader) (*CoNLL, error) {
	c := &CoNLL{}
	c.init()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			c.Boundary()
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("line %d: want a token, a gold tag and a guessed tag, got %d fields", line, len(f))
		}
		c.Add(f[len(f)-2], f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return c, nil
}
