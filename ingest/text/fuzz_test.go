package text

import "testing"

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		"",
		"Putin said, \"This tragedy.\" Mr. Putin's U.S. trip... Let’s go!",
		"J. K. Rowling's 7,000 -12 2015-09-30 10:30 $5 10% https://x.com/a_(b) a@b.co @h #t",
		"Headline Here\nBody starts. And\n\n- list\n    indented\r\n\r\nend",
		"\xff\xfe\x80 a\xc3 \xe2\x80 ’’ '' -- ... ?! :) 🇫🇷👍🏽 \u00a0\u200b\ufeff",
		"can't n't 'll 's '90s cannot gonna U.S.-led e.g.. No. 5 SEPT. Kevin.A@b.com",
	} {
		f.Add(s)
	}
}

func FuzzTokenize(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s))
	})
}

func FuzzSplit(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkSentences(t, s, Split(s))
	})
}
