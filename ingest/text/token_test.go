package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// texts returns the token texts joined by "|".
func texts(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// words, hyphens, clitics
		{"Putin said", "Putin|said"},
		{"anti-terror well-known 20-year-old", "anti-terror|well-known|20-year-old"},
		{"Russia's proposals", "Russia|'s|proposals"},
		{"don't", "do|n't"},
		{"Don't DON'T can't won't isn't", "Do|n't|DO|N'T|ca|n't|wo|n't|is|n't"},
		{"they're we've I'm she'd you'll", "they|'re|we|'ve|I|'m|she|'d|you|'ll"},
		{"Let’s Bury", "Let|’s|Bury"},
		{"don’t", "do|n’t"},
		{"Moscow's chagrin", "Moscow|'s|chagrin"},
		{"the 1990's", "the|1990|'s"},
		{"O'Neil's rock'n'roll", "O'Neil|'s|rock'n'roll"},
		{"the Smiths' house", "the|Smiths|'|house"},
		{"the '90s", "the|'90s"},
		{"cannot gonna", "can|not|gon|na"},
		{"U.S.'s role", "U.S.|'s|role"},
		{"l’été", "l’été"},
		// punctuation
		{`Putin said, "This tragedy."`, `Putin|said|,|"|This|tragedy|.|"`},
		{"(a) [b] {c}; d: e! f?", "(|a|)|[|b|]|{|c|}|;|d|:|e|!|f|?"},
		{"‘Barbarian’ ISIS", "‘|Barbarian|’|ISIS"},
		{"“Quote” — dash – en … «guillemets»", "“|Quote|”|—|dash|–|en|…|«|guillemets|»"},
		{"wait... what -- no", "wait|...|what|--|no"},
		{"Differences and...", "Differences|and|..."},
		{"what?! really!!!", "what|?!|really|!!!"},
		{"end.The next", "end|.|The|next"},
		{"a - b", "a|-|b"},
		{"===== ***", "=====|***"},
		{"a :) b :-( c", "a|:)|b|:-(|c"},
		{"Note:(see)", "Note|:|(|see|)"},
		// abbreviations and initials
		{"on Sept. 30", "on|Sept.|30"},
		{"the U.S. military", "the|U.S.|military"},
		{"U.K. and U.N.", "U.K.|and|U.N."},
		{"Gen. Mr. Mrs. Dr. Jan. Dec. Inc. Corp. Ltd. Co. St. vs. Jr. Sen. Rep. Gov. Lt. Col. Sgt. Prof. Rev.",
			"Gen.|Mr.|Mrs.|Dr.|Jan.|Dec.|Inc.|Corp.|Ltd.|Co.|St.|vs.|Jr.|Sen.|Rep.|Gov.|Lt.|Col.|Sgt.|Prof.|Rev."},
		{"e.g. i.e. a.m. p.m. Ph.D.", "e.g.|i.e.|a.m.|p.m.|Ph.D."},
		{"J. K. Rowling, J.K. Rowling", "J.|K.|Rowling|,|J.K.|Rowling"},
		{"No. 5 but said no.", "No.|5|but|said|no|."},
		{"the answer is No.", "the|answer|is|No|."},
		{"SEPT. 30", "SEPT.|30"},
		{"U.S.-led coalition", "U.S.-led|coalition"},
		{"in Syria.", "in|Syria|."},
		{"ISIS.", "ISIS|."},
		{"at 5 p.m.", "at|5|p.m."},
		{"the U.S...", "the|U.S|..."},
		{"plan B.", "plan|B."},
		// numbers
		{"some 7,000 citizens", "some|7,000|citizens"},
		{"3.5 -12 +4 2015-09-30 10:30 1990s 5m 1/2 9/11", "3.5|-12|+4|2015-09-30|10:30|1990s|5m|1/2|9/11"},
		{"$5 10% £3.2bn €40", "$|5|10|%|£|3.2bn|€|40"},
		{"a .45 caliber", "a|.45|caliber"},
		{"1990-2000 G20 F-16 COVID-19", "1990-2000|G20|F-16|COVID-19"},
		{"11-1/2 earlier", "11-1/2|earlier"},
		{"AT&T S&P a&b", "AT&T|S&P|a|&|b"},
		// URLs, e-mail, handles, hashtags
		{"see http://example.com/a?b=c&d=e.", "see|http://example.com/a?b=c&d=e|."},
		{"(https://en.wikipedia.org/wiki/Foo_(bar))", "(|https://en.wikipedia.org/wiki/Foo_(bar)|)"},
		{"visit www.reuters.com, now", "visit|www.reuters.com|,|now"},
		{"mail john.smith@example.co.uk.", "mail|john.smith@example.co.uk|."},
		{"Kevin.A.Boone@accenture.com", "Kevin.A.Boone@accenture.com"},
		{"@Reuters #ISIS #1 ##", "@Reuters|#ISIS|#1|##"},
		{"reuters.com nytimes.com", "reuters.com|nytimes.com"},
		{"Newsfeed.Com", "Newsfeed.Com"},
		// white space of every kind
		{"a\u00a0b\u2009c\u200bd\ufeffe\u3000f\tg\r\nh", "a|b|c|d|e|f|g|h"},
		{"  \n\t ", ""},
		{"", ""},
		// other scripts, symbols, invalid UTF-8
		{"Москва и Киев", "Москва|и|Киев"},
		{"北京 東京", "北京|東京"},
		{"café naïve", "café|naïve"},
		{"Fran\xe7ois said", "Fran\xe7ois|said"},
		{"\xff\xfe", "\xff\xfe"},
		{"a \x00 b", "a|b"},
		{"I ❤️ NY 👍🏽 🇫🇷", "I|❤️|NY|👍🏽|🇫🇷"},
		{"20°C ™", "20|°|C|™"},
	} {
		if got := texts(Tokenize(c.in)); got != c.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	in := "Let’s go: Mr. Putin's\u00a0U.S. trip."
	toks := Tokenize(in)
	want := []Token{
		{"Let", 0, 3}, {"’s", 3, 7}, {"go", 8, 10}, {":", 10, 11}, {"Mr.", 12, 15},
		{"Putin", 16, 21}, {"'s", 21, 23}, {"U.S.", 25, 29}, {"trip", 30, 34}, {".", 34, 35},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %v, want %v", toks, want)
	}
	for i := range want {
		if toks[i] != want[i] {
			t.Errorf("token %d: got %+v, want %+v", i, toks[i], want[i])
		}
	}
}

func TestNorm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"’s", "'s"}, {"n’t", "n't"}, {"“", `"`}, {"”", `"`}, {"‘", "'"}, {"…", "..."},
		{"—", "--"}, {"–", "-"}, {"O’Neil", "O'Neil"}, {"Putin", "Putin"}, {"Москва", "Москва"},
	} {
		if got := Norm(c.in); got != c.want {
			t.Errorf("Norm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = Norm("Putin"); _ = Norm("’s") }); n != 0 {
		t.Errorf("Norm allocates %v times for common tokens", n)
	}
}

// checkTokens checks the invariants every tokenization must hold.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %+v: bad offsets (previous end %d, text length %d)", i, tk, prev, len(text))
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %d %+v: text[Start:End] = %q", i, tk, text[tk.Start:tk.End])
		}
		for _, r := range tk.Text {
			if r != utf8.RuneError && unicode.IsSpace(r) {
				t.Fatalf("token %d %q contains white space %U", i, tk.Text, r)
			}
		}
		// Everything between tokens is separator.
		for k := prev; k < tk.Start; {
			r, size := utf8.DecodeRuneInString(text[k:tk.Start])
			if r == utf8.RuneError || !isSepRune(r) {
				t.Fatalf("byte %d (%q) skipped between tokens %d and %d", k, text[k:k+size], i-1, i)
			}
			k += size
		}
		prev = tk.End
	}
	for k := prev; k < len(text); {
		r, size := utf8.DecodeRuneInString(text[k:])
		if r == utf8.RuneError || !isSepRune(r) {
			t.Fatalf("byte %d (%q) skipped after the last token", k, text[k:k+size])
		}
		k += size
	}
}

func TestTokenInvariants(t *testing.T) {
	for _, in := range []string{
		readTestdata(t, "news.txt"),
		"\xff\xfe\x80 a\xc3 \xe2\x80 end",
		"'''''' ’’’ ‘’ -- - -1 .. . .5 ?!?! @ # $ http:// www. a@b x@y.z",
		"a.b.c.d.e. U.S.A. e.g.. Mr.. 1.2.3. ... a...b",
		"can't'n't n'tt 'll 's 't ’",
	} {
		checkTokens(t, in, Tokenize(in))
	}
}

func TestAppendTokensReuses(t *testing.T) {
	in := readTestdata(t, "news.txt")
	buf := make([]Token, 0, len(in))
	if n := testing.AllocsPerRun(20, func() { buf = AppendTokens(buf[:0], in) }); n != 0 {
		t.Errorf("AppendTokens into a large enough slice allocates %v times", n)
	}
}
