package text

import (
	"strings"
	"testing"
)

// benchText returns about 100 KB of news text: testdata/news.txt repeated.
func benchText(b *testing.B) string {
	one := readTestdata(b, "news.txt")
	var sb strings.Builder
	for sb.Len() < 100_000 {
		sb.WriteString(one)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func reportTokens(b *testing.B, perOp int) {
	b.ReportMetric(float64(perOp)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkTokenize(b *testing.B) {
	in := benchText(b)
	n := len(Tokenize(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(in)
	}
	reportTokens(b, n)
}

func BenchmarkSplit(b *testing.B) {
	in := benchText(b)
	n := len(Tokenize(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Split(in)
	}
	reportTokens(b, n)
}

// BenchmarkSegmenterSplit is the pipeline's path: one Segmenter per worker.
func BenchmarkSegmenterSplit(b *testing.B) {
	in := benchText(b)
	var seg Segmenter
	n := len(seg.Tokenize(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		seg.Split(in)
	}
	reportTokens(b, n)
}
