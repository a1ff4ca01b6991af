package ner

import (
	"reflect"
	"testing"
)

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		name string
		tags []string
		want []Span
	}{
		{"empty", nil, nil},
		{"iob2", []string{"B-PER", "I-PER", "O", "B-LOC"}, []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"iob1", []string{"I-PER", "I-PER", "O", "I-LOC", "B-LOC"}, []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "LOC"}}},
		{"type change", []string{"I-ORG", "I-LOC"}, []Span{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"bilou", []string{"B-ORG", "L-ORG", "U-PER", "O"}, []Span{{0, 2, "ORG"}, {2, 3, "PER"}}},
		{"to the end", []string{"O", "B-MISC", "I-MISC"}, []Span{{1, 3, "MISC"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Spans(tc.tags); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Spans(%v) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
}
