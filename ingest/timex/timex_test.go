package timex

import (
	"os"
	"strings"
	"testing"
	"time"
)

// dct is the publication date of the seed article, a Saturday.
var dct = time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC)

// want is an expected expression: its text, type and value.
type want struct{ text, typ, value string }

func d(text, value string) want { return want{text, "DATE", value} }

func checkTag(t *testing.T, text string, dct time.Time, wants []want) {
	t.Helper()
	got := New().Tag(text, dct)
	checkOffsets(t, text, got)
	if len(got) != len(wants) {
		t.Errorf("%q: got %s, want %d expressions", text, show(got), len(wants))
		return
	}
	for k, w := range wants {
		g := got[k]
		if g.Text != w.text || g.Type != w.typ || g.Value != w.value {
			t.Errorf("%q: expression %d is %q %s %s, want %q %s %s", text, k, g.Text, g.Type, g.Value, w.text, w.typ, w.value)
		}
	}
}

func show(ts []Timex) string {
	var sb strings.Builder
	for _, x := range ts {
		sb.WriteString("[" + x.Text + " " + x.Type + " " + x.Value + "] ")
	}
	return sb.String()
}

// checkOffsets asserts what every caller relies on: offsets inside the
// text, Text equal to the bytes they cover, expressions in order and apart.
func checkOffsets(t testing.TB, text string, got []Timex) {
	t.Helper()
	last := 0
	for _, x := range got {
		if x.Start < last || x.End <= x.Start || x.End > len(text) {
			t.Fatalf("%q: bad offsets %d..%d (previous end %d)", text, x.Start, x.End, last)
		}
		if text[x.Start:x.End] != x.Text {
			t.Fatalf("%q: text %q is not text[%d:%d] %q", text, x.Text, x.Start, x.End, text[x.Start:x.End])
		}
		if x.Type != "DATE" && x.Type != "TIME" && x.Type != "DURATION" && x.Type != "SET" || x.Value == "" {
			t.Fatalf("%q: bad type or value %q %q", text, x.Type, x.Value)
		}
		last = x.End
	}
}

// TestExpressions covers every class of expression, each resolved against
// the DCT 2015-11-14 (a Saturday) unless the case gives another.
func TestExpressions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		dct   time.Time
		wants []want
	}{
		// Calendar dates, with and without a year.
		{"month day", "Russia began launching airstrikes in Syria on Sept. 30, saying", dct, []want{d("Sept. 30", "2015-09-30")}},
		{"month day year", "It was signed on September 30, 2014, in Vienna.", dct, []want{d("September 30, 2014", "2014-09-30")}},
		{"day month year", "It happened on 13 November 2015 in Paris.", dct, []want{d("13 November 2015", "2015-11-13")}},
		{"ordinal day", "The ceremony is on the 30th of November.", dct, []want{d("the 30th of November", "2015-11-30")}},
		{"weekday and date", "The Times said in an editorial on Monday, Oct. 26: the murder", time.Date(1998, 10, 25, 0, 0, 0, 0, time.UTC), []want{d("Monday, Oct. 26", "1998-10-26")}},
		{"month year", "Figures for December 2014 were weak.", dct, []want{d("December 2014", "2014-12")}},
		{"month past", "Talks resumed in January.", dct, []want{d("January", "2015-01")}},
		{"month future", "Talks will resume in January.", dct, []want{d("January", "2016-01")}},
		{"month this year", "It opened in February this year.", dct, []want{d("February this year", "2015-02")}},
		{"iso date", "It was 2015-09-30 then, and 11/13/2015 later.", dct, []want{d("2015-09-30", "2015-09-30"), d("11/13/2015", "2015-11-13")}},
		{"year", "The law dates from 1998.", dct, []want{d("1998", "1998")}},
		{"spelled year", "It was built in nineteen ninety-six.", dct, []want{d("nineteen ninety-six", "1996")}},
		{"decade", "Prices fell in the 1990s and the early 1980s.", dct, []want{d("the 1990s", "199X"), d("the early 1980s", "198X")}},
		{"century", "It was the bloodiest war of the 20th century.", dct, []want{d("the 20th century", "19XX")}},
		{"holiday", "Shops close on Christmas Day.", dct, []want{d("Christmas Day", "2015-12-25")}},

		// Weekdays: the tense of the sentence decides.
		{"weekday past", "In an interview on Friday ahead of the G20 summit", dct, []want{d("Friday", "2015-11-13")}},
		{"weekday future", "He will travel to Moscow on Thursday.", dct, []want{d("Thursday", "2015-11-19")}},
		{"weekday dct", "Protesters gathered on Saturday.", dct, []want{d("Saturday", "2015-11-14")}},
		{"next weekday", "The vote is due next Monday.", dct, []want{d("next Monday", "2015-11-16")}},
		{"last weekday", "He resigned last Saturday.", dct, []want{d("last Saturday", "2015-11-07")}},
		{"weekday night", "They met Tuesday night.", dct, []want{{"Tuesday night", "TIME", "2015-11-10TNI"}}},

		// Deictic days and parts of days.
		{"deictic", "They met yesterday and will meet tomorrow; today is calm.", dct, []want{d("yesterday", "2015-11-13"), d("tomorrow", "2015-11-15"), d("today", "2015-11-14")}},
		{"this morning", "Markets opened this morning.", dct, []want{{"this morning", "TIME", "2015-11-14TMO"}}},
		{"last night", "Shots were heard last night.", dct, []want{{"last night", "TIME", "2015-11-13TNI"}}},
		{"tonight", "The result is expected tonight.", dct, []want{{"tonight", "TIME", "2015-11-14TNI"}}},

		// Relative to the DCT.
		{"last week", "Sales rose last week.", dct, []want{d("last week", "2015-W45")}},
		{"this week", "Talks began this week.", dct, []want{d("this week", "2015-W46")}},
		{"next month", "Prices will rise next month.", dct, []want{d("next month", "2015-12")}},
		{"last month", "Sales fell last month.", dct, []want{d("last month", "2015-10")}},
		{"last year", "Exports fell last year.", dct, []want{d("last year", "2014")}},
		{"ago", "The war started two years ago.", dct, []want{d("two years ago", "2013")}},
		{"days ago", "He arrived three days ago.", dct, []want{d("three days ago", "2015-11-11")}},
		{"weeks ago", "It closed six weeks ago.", dct, []want{d("six weeks ago", "2015-W40")}},
		{"about ago", "He left about two years ago.", dct, []want{d("about two years ago", "2013")}},
		{"from now", "It opens two months from now.", dct, []want{d("two months from now", "2016-01")}},
		{"earlier this year", "Exports fell earlier this year.", dct, []want{d("earlier this year", "2015")}},
		{"early next year", "Work will start early next year.", dct, []want{d("early next year", "2016")}},
		{"the end of", "It will be done by the end of 2018.", dct, []want{d("the end of 2018", "2018")}},
		{"last season", "Prices peaked last fall and this summer.", dct, []want{d("last fall", "2014-FA"), d("this summer", "2015-SU")}},
		{"season of year", "The summer of 2009 was wet.", dct, []want{d("The summer of 2009", "2009-SU")}},
		{"the weekend", "Fighting resumed over the weekend.", dct, []want{d("the weekend", "2015-W46-WE")}},

		// Fiscal periods.
		{"quarter", "Profit rose in the third quarter.", dct, []want{d("the third quarter", "2015-Q3")}},
		{"adjectival quarter", "The company reported third-quarter results.", dct, []want{d("third-quarter", "2015-Q3")}},
		{"quarter of year", "Sales fell in the fourth quarter of 2014.", dct, []want{d("the fourth quarter of 2014", "2014-Q4")}},
		{"half", "Growth will slow in the first half of 2016.", dct, []want{d("the first half of 2016", "2016-H1")}},
		{"fiscal year", "Its revenue for fiscal 2014 rose.", dct, []want{d("fiscal 2014", "2014")}},

		// The reference time moves with the text.
		{"next day", "On March 3 the board met. The next day it resigned.", dct, []want{d("March 3", "2015-03-03"), d("The next day", "2015-03-04")}},
		{"year earlier", "Profit rose in the third quarter from $5 million a year earlier.", dct, []want{d("the third quarter", "2015-Q3"), d("a year earlier", "2014-Q3")}},
		{"the quarter", "Profit rose in the third quarter. Sales in the quarter fell.", dct, []want{d("the third quarter", "2015-Q3"), d("the quarter", "2015-Q3")}},
		{"clock after date", "The blast came on Oct. 31 at 6:13 a.m.", dct, []want{d("Oct. 31", "2015-10-31"), {"6:13 a.m.", "TIME", "2015-10-31T06:13"}}},

		// Times of day.
		{"clock", "The meeting starts at 3 p.m.", dct, []want{{"3 p.m.", "TIME", "2015-11-14T15:00"}}},
		{"clock with day", "Polls closed at 9 p.m. Friday.", dct, []want{{"9 p.m. Friday", "TIME", "2015-11-13T21:00"}}},
		{"clock minutes", "The first train left at 21:20.", dct, []want{{"21:20", "TIME", "2015-11-14T21:20"}}},
		{"noon", "Troops withdrew at noon Thursday.", dct, []want{{"noon Thursday", "TIME", "2015-11-12T12:00"}}},
		{"midnight", "The offer expired at midnight Friday.", dct, []want{{"midnight Friday", "TIME", "2015-11-13T24:00"}}},

		// Durations.
		{"duration", "The siege lasted three days.", dct, []want{{"three days", "DURATION", "P3D"}}},
		{"adjectival duration", "After a two-hour delay, the flight left.", dct, []want{{"two-hour", "DURATION", "PT2H"}}},
		{"the past", "Prices rose over the past two months.", dct, []want{{"the past two months", "DURATION", "P2M"}}},
		{"fraction", "She spent 5 1/2 hours in Nairobi.", dct, []want{{"5 1/2 hours", "DURATION", "PT5H30M"}}},
		{"and a half", "The talks took two and a half years.", dct, []want{{"two and a half years", "DURATION", "P2Y6M"}}},
		{"vague duration", "The plan took several years.", dct, []want{{"several years", "DURATION", "PXY"}}},
		{"a month", "He stayed a month.", dct, []want{{"a month", "DURATION", "P1M"}}},
		{"past decade", "Crime fell over the past decade.", dct, []want{{"the past decade", "DURATION", "P10Y"}}},
		{"approximate", "It took more than four hours.", dct, []want{{"more than four hours", "DURATION", "PT4H"}}},

		// Sets.
		{"sets", "It is published daily, every Friday, twice a week and each year.", dct, []want{
			{"daily", "SET", "P1D"}, {"every Friday", "SET", "XXXX-WXX-5"}, {"twice a week", "SET", "P1W"}, {"each year", "SET", "P1Y"}}},
		{"plural weekday", "The market opens on Mondays.", dct, []want{{"Mondays", "SET", "XXXX-WXX-1"}}},

		// Vague references.
		{"references", "Now the plan, recently changed, looks to the future.", dct, []want{d("Now", "PRESENT_REF"), d("recently", "PAST_REF"), d("the future", "FUTURE_REF")}},
		{"in the past", "Such attacks happened in the past.", dct, []want{d("the past", "PAST_REF")}},

		// Without a DCT, what depends on it stays unknown.
		{"no dct month day", "Russia began airstrikes on Sept. 30.", time.Time{}, []want{d("Sept. 30", "XXXX-09-30")}},
		{"no dct weekday", "He spoke on Friday.", time.Time{}, []want{d("Friday", "XXXX-WXX-5")}},
		{"no dct relative", "Exports fell last year.", time.Time{}, []want{d("last year", "XXXX")}},
		{"no dct absolute", "It was signed on September 30, 2014.", time.Time{}, []want{d("September 30, 2014", "2014-09-30")}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkTag(t, tc.text, tc.dct, tc.wants) })
	}
}

// TestNoFalseDates lists words and numbers that look temporal but are not.
func TestNoFalseDates(t *testing.T) {
	for _, text := range []string{
		"May I ask?",
		"some 7,000 citizens",
		"March on!",
		"He was 30.",
		"He moved there in his 30s.",
		"A 13-year-old boy was hurt.",
		"The council adopted resolution 2249 unanimously.",
		"About 2000 troops arrived.",
		"They won a quarter of the vote.",
		"It is the second time he has won.",
		"The Daily Telegraph reported it.",
		"He watched High Noon again.",
		"Spring training is fun, and they fall often.",
	} {
		if got := New().Tag(text, dct); len(got) != 0 {
			t.Errorf("%q: got %s, want none", text, show(got))
		}
	}
}

// TestExtents checks TimeML boundaries: prepositions out, determiners,
// modifiers and "ago" in.
func TestExtents(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"They met on Friday.", "Friday"},
		{"It began in 1998.", "1998"},
		{"It ended two years ago.", "two years ago"},
		{"It rose over the past two months.", "the past two months"},
		{"Profit rose in the third quarter.", "the third quarter"},
		{"It stayed for about two weeks.", "about two weeks"},
		{"It was delayed for the 14-day waiting period.", "14-day"},
		{"Results for the third-quarter period were weak.", "third-quarter"},
	} {
		got := New().Tag(tc.text, dct)
		if len(got) != 1 || got[0].Text != tc.want {
			t.Errorf("%q: got %s, want %q", tc.text, show(got), tc.want)
		}
	}
}

// TestSeedArticle: the article that started the project, published
// 2015-11-14, dates Russia's airstrikes to 2015-09-30 and the interview to
// Friday 2015-11-13.
func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile("../../../shared/seeds/000_077868484105991a.txt")
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	text := string(data)
	got := New().Tag(text, dct)
	checkOffsets(t, text, got)
	found := map[string]bool{}
	for _, x := range got {
		found[x.Text+" "+x.Value] = true
	}
	for _, w := range []string{"Sept. 30 2015-09-30", "Friday 2015-11-13"} {
		if !found[w] {
			t.Errorf("seed article: %q not found in %s", w, show(got))
		}
	}
}

// TestAnchored keeps the calendar values an event can be dated with.
func TestAnchored(t *testing.T) {
	text := "Now, two days after the attack on Friday, talks resumed; they met yesterday and daily."
	var got []string
	for _, x := range Anchored(New()).Tag(text, time.Time{}) {
		got = append(got, x.Text+"="+x.Value)
	}
	if strings.Join(got, " ") != "Friday=XXXX-WXX-5" {
		t.Errorf("got %v, want only Friday=XXXX-WXX-5", got)
	}
}

// TestConcurrent runs the tagger from several goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	text := "On March 3 the board met. The next day it resigned, two years ago."
	want := show(New().Tag(text, dct))
	done := make(chan string)
	for range 4 {
		go func() { done <- show(New().Tag(text, dct)) }()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent tagging: got %s, want %s", got, want)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Russia began launching airstrikes in Syria on Sept. 30, saying",
		"the third-quarter results a year earlier, 5 1/2 hours, 11/13/2015",
		"at 10:35 a.m. Friday, the 1990s, '90s, nineteen ninety-six",
		"every other Tuesday night; two and a half years ago",
		"2015-09-30T21:20 mid-1990s late-November post-1959",
		"Fran\xe7ois \xff\xfe 31st of February 0000",
	} {
		f.Add(s, int64(1447459200))
	}
	f.Fuzz(func(t *testing.T, text string, sec int64) {
		var d time.Time
		if sec%5 != 0 {
			d = time.Unix(sec%(1<<33), 0).UTC()
		}
		checkOffsets(t, text, New().Tag(text, d))
	})
}

// TestLongSentence: a text that never ends a sentence is still tagged in
// linear time (the tense of an expression is sought nearby only).
func TestLongSentence(t *testing.T) {
	text := strings.Repeat("Sergei Lavrov met John Kerry in Vienna on Monday and ", 6000)
	start := time.Now()
	got := New().Tag(text, dct)
	if len(got) != 6000 {
		t.Errorf("got %d expressions, want 6000", len(got))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("tagging took %v", d)
	}
}
