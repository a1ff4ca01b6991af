// Command buildclusters learns the word clusters used by the part-of-speech
// tagger and the dependency parser (ingest/pos/data/clusters.tsv.gz), and
// counts how often words are capitalized inside sentences
// (ingest/pos/data/case.tsv.gz), from
// text whose licence lets the models be shared: UD English EWT train
// (CC BY-SA 4.0), Wikipedia current events (CC BY-SA 4.0), the ECB+ texts
// ("not copyrighted"; annotations CC BY 3.0) and the GMB extract (Voice of
// America and other public-domain texts). See ingest/pos/data/README.md.
// Run from the repository's root:
//
//	go run ./ingest/pos/internal/buildclusters -data ../shared/data -o ingest/pos/data
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"kg/ingest/conllu"
	"kg/ingest/ner/clusters"
	"kg/ingest/pos"
	"kg/ingest/text"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("o", "ingest/pos/data", "output folder")
	depth := flag.Int("depth", 10, "cluster tree depth (2^depth clusters)")
	minCount := flag.Int("min-count", 3, "cluster words seen at least this often")
	refine := flag.Int("refine", 2, "exchange passes over all clusters")
	flag.Parse()
	if err := run(*data, *out, clusters.Options{Depth: *depth, MinCount: *minCount, Refine: *refine, Log: os.Stderr}); err != nil {
		fmt.Fprintln(os.Stderr, "buildclusters:", err)
		os.Exit(1)
	}
}

// sink takes the sentences of the corpora.
type sink struct {
	corpus *clusters.Corpus
	seg    text.Segmenter
	words  []string
	counts map[string]int
	name   string
	cases  map[string]*[2]int // lower-case form -> lower-case and capitalized occurrences
}

// sentence adds a tokenized sentence, its words normalized as the tagger
// looks them up (typographic punctuation in ASCII, digits as 0).
func (s *sink) sentence(toks []string) {
	if len(toks) == 0 {
		return
	}
	for i, t := range toks {
		toks[i] = pos.ClusterForm(t)
		if i == 0 || (toks[i-1] != "." && toks[i-1] != ":" && toks[i-1] != "\"" && toks[i-1] != "``") {
			s.countCase(toks[i])
		}
	}
	s.corpus.Add(toks)
	s.counts[s.name] += len(toks)
}

// countCase counts a word seen inside a sentence as lower case or
// capitalized.
func (s *sink) countCase(w string) {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) {
		return
	}
	lower := strings.ToLower(w)
	c := s.cases[lower]
	if c == nil {
		c = &[2]int{}
		s.cases[lower] = c
	}
	if unicode.IsUpper(r) {
		c[1]++
	} else if w == lower {
		c[0]++
	}
}

// text splits raw text into sentences of tokens.
func (s *sink) text(t string) {
	for _, se := range s.seg.Split(strings.ToValidUTF8(t, "")) {
		s.words = s.words[:0]
		for _, tk := range se.Tokens {
			s.words = append(s.words, tk.Text)
		}
		s.sentence(s.words)
	}
}

func run(data, out string, opt clusters.Options) error {
	s := &sink{corpus: clusters.NewCorpus(), counts: map[string]int{}, cases: map[string]*[2]int{}}
	steps := []struct {
		name string
		fn   func(*sink, string) error
	}{
		{"ud-english-ewt train", readEWT},
		{"wikipedia-current-events", readWiki},
		{"ecbplus", readECB},
		{"gmb", readGMB},
	}
	for _, st := range steps {
		s.name = st.name
		if err := st.fn(s, data); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		fmt.Fprintf(os.Stderr, "buildclusters: %-26s %9d tokens\n", st.name, s.counts[st.name])
	}
	words, err := s.corpus.Cluster(opt)
	if err != nil {
		return err
	}
	var cb bytes.Buffer
	if err := clusters.Write(&cb, words); err != nil {
		return err
	}
	if err := writeGzip(filepath.Join(out, "clusters.tsv.gz"), cb.Bytes()); err != nil {
		return err
	}
	var lines []string
	for w, c := range s.cases {
		if c[0]+c[1] >= 3 {
			lines = append(lines, fmt.Sprintf("%s\t%d\t%d\n", w, c[0], c[1]))
		}
	}
	sort.Strings(lines)
	return writeGzip(filepath.Join(out, "case.tsv.gz"), []byte(strings.Join(lines, "")))
}

// writeGzip writes a gzip file with no name or time, so that the output
// depends only on the input.
func writeGzip(path string, data []byte) error {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "buildclusters: wrote %s (%d bytes)\n", path, b.Len())
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// readEWT reads the words of the UD English EWT training split (never dev
// or test: the models are tuned and judged on them).
func readEWT(s *sink, data string) error {
	f, err := os.Open(filepath.Join(data, "ud-english-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	defer f.Close()
	r := conllu.NewReader(bufio.NewReader(f))
	for {
		sent, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		s.sentence(sent.Forms())
	}
}

// readGMB reads the tokenized sentences of the GMB extract (Windows-1252).
func readGMB(s *sink, data string) error {
	b, err := os.ReadFile(filepath.Join(data, "gmb", "ner_dataset.csv"))
	if err != nil {
		return err
	}
	utf, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(utf))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var sent []string
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if first {
			first = false
			continue
		}
		if len(rec) < 2 {
			continue
		}
		if rec[0] != "" {
			s.sentence(sent)
			sent = nil
		}
		sent = append(sent, rec[1])
	}
	s.sentence(sent)
	return nil
}

func walkFiles(root, suffix string, fn func(path string, b []byte) error) error {
	var files []string
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() && strings.HasSuffix(p, suffix) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := fn(p, b); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// readECB reads the ECB+ texts: one tokenized sentence a line; the first
// line of the ecbplus files is the source URL.
func readECB(s *sink, data string) error {
	return walkFiles(filepath.Join(data, "unlabeled", "ecbplus"), ".txt", func(p string, b []byte) error {
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 1<<16), 1<<22)
		line := 0
		for sc.Scan() {
			line++
			if line == 1 && strings.HasSuffix(p, "ecbplus.txt") {
				continue
			}
			s.sentence(strings.Fields(sc.Text()))
		}
		return sc.Err()
	})
}

// readWiki reads the Wikipedia current-events items, one a line.
func readWiki(s *sink, data string) error {
	return walkFiles(filepath.Join(data, "unlabeled", "wikipedia-current-events", "text"), ".txt", func(_ string, b []byte) error {
		for _, l := range strings.Split(string(b), "\n") {
			s.text(l)
		}
		return nil
	})
}
