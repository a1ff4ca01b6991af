package pos

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strings"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// Word clusters (ingest/pos/internal/buildclusters) group words that occur
// in similar contexts; a cluster is a path in a binary tree, and its
// prefixes are coarser clusters. In a model, a cluster table maps the hash
// of a word's cluster form to its path as a number: the bits of the path
// after a leading 1.

// ClusterForm is the form under which words are clustered and looked up:
// typographic punctuation in ASCII (text.Norm) and the digits 0-9 as 0.
func ClusterForm(s string) string {
	s = text.Norm(s)
	if strings.IndexAny(s, "123456789") < 0 {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// ReadClusters reads a cluster table in the format of Liang's wcluster
// ("path<TAB>word<TAB>count" lines; gzip-compressed if the name ends in
// .gz) and returns the keys and values of the model's table.
func ReadClusters(path string) ([]uint64, []int32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	var keys []uint64
	var vals []int32
	seen := map[uint64]bool{}
	line := 0
	for sc.Scan() {
		line++
		p, rest, ok := strings.Cut(sc.Text(), "\t")
		w, _, ok2 := strings.Cut(rest, "\t")
		if !ok || !ok2 || len(p) == 0 || len(p) > 20 || strings.Trim(p, "01") != "" {
			return nil, nil, fmt.Errorf("%s:%d: want path<TAB>word<TAB>count, with a path of 1 to 20 bits", path, line)
		}
		k := perceptron.Hash(ClusterForm(w))
		if seen[k] {
			continue
		}
		seen[k] = true
		v := int32(1)
		for _, c := range p {
			v = v<<1 | int32(c-'0')
		}
		keys = append(keys, k)
		vals = append(vals, v)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return keys, vals, nil
}

// clusterPrefix returns the first n bits of a path value (with its leading
// 1), or the whole path when it is shorter; 0 stays 0 (no cluster).
func clusterPrefix(v uint64, n int) uint64 {
	if l := bits.Len64(v) - 1; l > n {
		return v >> (l - n)
	}
	return v
}

// ReadCaseProfile reads a capitalization profile ("word<TAB>lower<TAB>
// capitalized" lines: how often the lower-case word was seen inside
// sentences in lower case and capitalized; gzip-compressed if the name ends
// in .gz) and returns the keys and values of the model's table: the value
// is the capitalized share in six steps times three frequency bands, + 1.
func ReadCaseProfile(path string) ([]uint64, []int32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	var keys []uint64
	var vals []int32
	seen := map[uint64]bool{}
	line := 0
	for sc.Scan() {
		line++
		fs := strings.Split(sc.Text(), "\t")
		var lower, upper int
		if len(fs) == 3 {
			_, err1 := fmt.Sscan(fs[1], &lower)
			_, err2 := fmt.Sscan(fs[2], &upper)
			if err1 != nil || err2 != nil {
				fs = nil
			}
		}
		if len(fs) != 3 || lower < 0 || upper < 0 {
			return nil, nil, fmt.Errorf("%s:%d: want word<TAB>lower<TAB>capitalized", path, line)
		}
		k := perceptron.Hash(ClusterForm(fs[0]))
		n := lower + upper
		if seen[k] || n == 0 {
			continue
		}
		seen[k] = true
		share := float64(upper) / float64(n)
		step := 0
		for _, t := range [...]float64{0.05, 0.25, 0.5, 0.75, 0.95} {
			if share >= t {
				step++
			}
		}
		band := 0
		if n >= 10 {
			band++
		}
		if n >= 100 {
			band++
		}
		keys = append(keys, k)
		vals = append(vals, int32(step*3+band+1))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return keys, vals, nil
}
