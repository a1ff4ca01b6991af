// Command buildlex learns the word clusters and capitalization profiles of
// the NER model from unlabeled news text in ../shared/data, and writes
// them to ingest/ner/data (clusters.tsv.gz, case.tsv.gz). See
// ingest/ner/data/README.md. Run from the repository's root:
//
//	go run ./ingest/ner/internal/buildlex -data ../shared/data -o ingest/ner/data
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"kg/ingest/ner"
	"kg/ingest/ner/clusters"
	"kg/ingest/text"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("o", "ingest/ner/data", "output folder")
	depth := flag.Int("depth", 10, "cluster tree depth (2^depth clusters)")
	minCount := flag.Int("min-count", 3, "cluster words seen at least this often")
	refine := flag.Int("refine", 2, "exchange passes over all clusters")
	flag.Parse()
	if err := run(*data, *out, clusters.Options{Depth: *depth, MinCount: *minCount, Refine: *refine, Log: os.Stderr}); err != nil {
		fmt.Fprintln(os.Stderr, "buildlex:", err)
		os.Exit(1)
	}
}

// sink takes the sentences of the corpora.
type sink struct {
	corpus  *clusters.Corpus
	profile *ner.CaseProfile
	seg     text.Segmenter
	words   []string
	counts  map[string]int
	name    string
}

func (s *sink) sentence(toks []string) {
	if len(toks) == 0 {
		return
	}
	for i, t := range toks {
		toks[i] = text.Norm(t)
	}
	s.corpus.Add(toks)
	s.profile.Add(toks)
	s.counts[s.name] += len(toks)
}

// text splits raw text into sentences.
func (s *sink) text(t string) {
	if !utf8.ValidString(t) {
		t = latin1(t)
	}
	for _, se := range s.seg.Split(t) {
		s.words = s.words[:0]
		for _, tk := range se.Tokens {
			s.words = append(s.words, tk.Text)
		}
		s.sentence(s.words)
	}
}

func latin1(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "")
	}
	return out
}

func run(data, out string, opt clusters.Options) error {
	s := &sink{corpus: clusters.NewCorpus(), profile: ner.NewCaseProfile(), counts: map[string]int{}}
	steps := []struct {
		name string
		fn   func(*sink, string) error
	}{
		{"conll2003 eng.train", readCoNLL},
		{"reuters21578", readReuters},
		{"gmb", readGMB},
		{"bbc", readBBC},
		{"ecbplus", readECB},
		{"wikipedia-current-events", readWiki},
		{"tempeval3", readTimeML},
		{"ud-english-ewt train", readEWT},
	}
	for _, st := range steps {
		s.name = st.name
		if err := st.fn(s, data); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		fmt.Fprintf(os.Stderr, "buildlex: %-26s %9d tokens\n", st.name, s.counts[st.name])
	}
	words, err := s.corpus.Cluster(opt)
	if err != nil {
		return err
	}
	var cb, pb bytes.Buffer
	if err := clusters.Write(&cb, words); err != nil {
		return err
	}
	if err := s.profile.Write(&pb, 3); err != nil {
		return err
	}
	if err := writeGzip(filepath.Join(out, "clusters.tsv.gz"), cb.Bytes()); err != nil {
		return err
	}
	return writeGzip(filepath.Join(out, "case.tsv.gz"), pb.Bytes())
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
	fmt.Fprintf(os.Stderr, "buildlex: wrote %s (%d bytes)\n", path, b.Len())
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// readCoNLL reads the tokens of the CoNLL-2003 training file (never the
// development file: the model is tuned on it).
func readCoNLL(s *sink, data string) error {
	f, err := os.Open(filepath.Join(data, "conll2003", "eng.train"))
	if err != nil {
		return err
	}
	defer f.Close()
	docs, err := ner.ReadCoNLL(f)
	if err != nil {
		return err
	}
	for _, d := range docs {
		for _, toks := range d.Tokens() {
			s.sentence(toks)
		}
	}
	return nil
}

var (
	reBody   = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reCtrl   = regexp.MustCompile(`&#\d+;`)
	reTags   = regexp.MustCompile(`<[^>]*>`)
	reParaWS = regexp.MustCompile(`\n[ \t]+`)
)

// readReuters reads the bodies of the Reuters-21578 articles. Lines are
// wrapped; an indented line starts a paragraph.
func readReuters(s *sink, data string) error {
	files, err := filepath.Glob(filepath.Join(data, "reuters21578", "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no reut2-*.sgm files (%v)", err)
	}
	sort.Strings(files)
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			return err
		}
		for _, m := range reBody.FindAllSubmatch(b, -1) {
			body := string(m[1])
			body = reCtrl.ReplaceAllString(body, "")
			body = html.UnescapeString(body)
			body = strings.TrimSpace(body)
			body = strings.TrimSuffix(body, "Reuter")
			body = strings.TrimSuffix(strings.TrimSpace(body), "REUTER")
			body = reParaWS.ReplaceAllString(body, "\n\n")
			for _, para := range strings.Split(body, "\n\n") {
				s.text(strings.ReplaceAll(para, "\n", " "))
			}
		}
	}
	return nil
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

// readBBC reads the BBC articles: a headline line, then paragraphs.
func readBBC(s *sink, data string) error {
	return walkFiles(filepath.Join(data, "unlabeled", "bbc"), ".txt", func(_ string, b []byte) error {
		for _, para := range strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n") {
			s.text(para)
		}
		return nil
	})
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

var reText = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)

// readTimeML reads the TEXT of the TimeBank and AQUAINT documents.
func readTimeML(s *sink, data string) error {
	return walkFiles(filepath.Join(data, "tempeval3", "train"), ".tml", func(_ string, b []byte) error {
		for _, m := range reText.FindAllSubmatch(b, -1) {
			t := html.UnescapeString(reTags.ReplaceAllString(string(m[1]), ""))
			for _, para := range strings.Split(t, "\n\n") {
				s.text(strings.ReplaceAll(para, "\n", " "))
			}
		}
		return nil
	})
}

// readEWT reads the sentences of the UD English EWT training split.
func readEWT(s *sink, data string) error {
	b, err := os.ReadFile(filepath.Join(data, "ud-english-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if t, ok := strings.CutPrefix(l, "# text = "); ok {
			s.text(t)
		}
	}
	return nil
}
