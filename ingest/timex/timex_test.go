package timex

import (
	"testing"
	"time"
)

func TestRules(t *testing.T) {
	dct := time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC) // a Saturday
	for _, tc := range []struct {
		text, want, value string
		dct               time.Time
	}{
		{"Russia began launching airstrikes in Syria on Sept. 30, saying", "Sept. 30", "2015-09-30", dct},
		{"In an interview on Friday ahead of the G20 summit", "Friday", "2015-11-13", dct},
		{"He will travel to Moscow on Thursday.", "Thursday", "2015-11-19", dct},
		{"The vote is due next Monday.", "next Monday", "2015-11-16", dct},
		{"It happened on 13 November 2015 in Paris.", "13 November 2015", "2015-11-13", dct},
		{"The plane crashed on Oct. 31.", "Oct. 31", "2015-10-31", dct},
		{"Talks resume in January.", "January", "2015-01", dct},
		{"Talks will resume in January.", "January", "2016-01", dct},
		{"Figures for December 2014 were weak.", "December 2014", "2014-12", dct},
		{"They met yesterday.", "yesterday", "2015-11-13", dct},
		{"Sales fell last month.", "last month", "2015-10", dct},
		{"It was 2015-09-30 then.", "2015-09-30", "2015-09-30", dct},
		{"Russia began airstrikes on Sept. 30.", "Sept. 30", "XXXX-09-30", time.Time{}},
		{"He spoke on Friday.", "Friday", "XXXX-WXX-5", time.Time{}},
		{"The law dates from 1998, in 1998 precisely.", "1998", "1998", dct},
	} {
		got := Rules{}.Tag(tc.text, tc.dct)
		if len(got) != 1 {
			t.Errorf("%q: got %+v, want one expression", tc.text, got)
			continue
		}
		x := got[0]
		if x.Text != tc.want || x.Value != tc.value || tc.text[x.Start:x.End] != x.Text {
			t.Errorf("%q: got %q = %s, want %q = %s", tc.text, x.Text, x.Value, tc.want, tc.value)
		}
	}
}

func TestNoFalseDates(t *testing.T) {
	for _, text := range []string{"May I ask?", "some 7,000 citizens", "March on!", "He was 30."} {
		if got := (Rules{}).Tag(text, time.Now()); len(got) != 0 {
			t.Errorf("%q: got %+v, want none", text, got)
		}
	}
}
