package graph

import "testing"

func TestInRange(t *testing.T) {
	for _, tc := range []struct {
		date, from, to string
		want           bool
	}{
		{"2015-11", "2015-11-20", "", true},
		{"2015-11", "2015-12-01", "", false},
		{"2015-W48", "", "2015-11-30", true},
		{"2015-W50", "", "2015-11-30", false},
		{"2015", "2015-06-01", "2015-06-30", true},
		{"2015-09-30", "2015-09", "2015-09", true},
		{"2015-10-01", "2015-09", "2015-09", false},
		{"XXXX-09-30", "2015-01-01", "", false},
		{"", "", "", true},
		{"", "2015", "", false},
		{"2015-11-13T21:20", "2015-11-13", "2015-11-13", true},
	} {
		if got := InRange(tc.date, tc.from, tc.to); got != tc.want {
			t.Errorf("InRange(%q, %q, %q) = %v, want %v", tc.date, tc.from, tc.to, got, tc.want)
		}
	}
}
