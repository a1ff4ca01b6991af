package extract

import (
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest/events"
	"kg/ingest/timex"
)

func TestAfterPublication(t *testing.T) {
	published := time.Date(1998, 3, 22, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		value string
		want  bool
	}{
		{"1998-03-22", false},
		{"1998-03-22TEV", false},
		{"1998-03-23", true},
		{"1998-03", false},
		{"1998-04", true},
		{"1998", false},
		{"1999", true},
		{"1998-W12", false}, // the week of March 16
		{"1998-W13", true},  // March 23
		{"1998-SP", false},
		{"1998-SU", true},
		{"1998-Q1", false},
		{"1998-Q2", true},
		{"1998-H2", true},
		{"XXXX-07", false},
		{"197X", false},
		{"PRESENT_REF", false},
		{"", false},
	} {
		if got := afterPublication(tc.value, published); got != tc.want {
			t.Errorf("afterPublication(%q, %s) = %v, want %v", tc.value, published.Format(time.DateOnly), got, tc.want)
		}
	}
	if afterPublication("2030", time.Time{}) {
		t.Error("a date is after an unknown publication")
	}
}

func TestUnplanned(t *testing.T) {
	published := time.Date(1999, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		mention  events.Event
		wantDate string
		wantBare bool
	}{
		{"a past date stays", events.Event{Type: "agreement", Date: "1999-03-12"}, "1999-03-12", false},
		{"a planned summit says nothing of its own", events.Event{Type: "meeting", Date: "1999-04"}, "", true},
		{"a planned visit keeps its participants", events.Event{Type: "meeting", Date: "1999-04",
			Participants: []graph.DeltaParticipant{{Entity: "clinton", Role: graph.RoleAgent}}}, "", false},
		{"a named event is no bare mention", events.Event{Type: "meeting", Date: "1999-04", Named: true}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := unplanned([]events.Event{tc.mention}, published)[0]
			if got.Date != tc.wantDate || got.Bare != tc.wantBare {
				t.Errorf("date %q bare %v, want %q %v", got.Date, got.Bare, tc.wantDate, tc.wantBare)
			}
		})
	}
}

func TestEventTimexes(t *testing.T) {
	all := []timex.Timex{
		{Text: "Friday", Type: "DATE", Value: "1998-02-27"},
		{Text: "now", Type: "DATE", Value: "PRESENT_REF"},
		{Text: "each July", Type: "SET", Value: "XXXX-07"},
		{Text: "two years", Type: "DURATION", Value: "P2Y"},
		{Text: "one day", Type: "DATE", Value: "XXXX-XX-XX"},
		{Text: "10 a.m.", Type: "TIME", Value: "1998-02-27T10:00"},
	}
	var got []string
	for _, x := range eventTimexes(all) {
		got = append(got, x.Text)
	}
	if want := "Friday|each July|10 a.m."; strings.Join(got, "|") != want {
		t.Errorf("event time expressions %q, want %q", got, want)
	}
}
