package graph

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNameKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Vladimir Putin", "vladimir putin"},
		{"  Vladimir   Putin ", "vladimir putin"},
		{"VLADIMIR PUTIN", "vladimir putin"},
		{"U.S.", "us"},
		{"US", "us"},
		{"Russia's", "russia"},
		{"Russia’s", "russia"},
		{"François Hollande", "francois hollande"},
		{"Recep Tayyip Erdoğan", "recep tayyip erdogan"},
		{"al-Assad", "al assad"},
		{"Sharm el-Sheikh", "sharm el sheikh"},
		{"'s", "'s"},
		{"", ""},
	} {
		if got := NameKey(tc.in); got != tc.want {
			t.Errorf("NameKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIDs(t *testing.T) {
	a := EntityID(Person, "vladimir putin")
	if a != EntityID(Person, "vladimir putin") {
		t.Fatal("EntityID is not stable")
	}
	if a == EntityID(Place, "vladimir putin") || a == EntityID(Person, "putin") {
		t.Error("EntityID does not depend on kind and key")
	}
	if !IsID(a) || IsID("xyz") || IsID(a+"0") {
		t.Error("IsID")
	}
	b, err := ParseID(a)
	if err != nil || FormatID(b[:]) != a {
		t.Errorf("ParseID/FormatID round trip: %v", err)
	}
	if _, err := IDUint(a); err != nil {
		t.Error(err)
	}
	// Document ids ignore layout but not words.
	if DocumentID("Russia began  airstrikes.\n\nIn Syria.") != DocumentID("Russia began airstrikes. In Syria.") {
		t.Error("DocumentID depends on white space")
	}
	if DocumentID("Russia began airstrikes.") == DocumentID("Russia ended airstrikes.") {
		t.Error("DocumentID ignores words")
	}
	if EventID("attack", "2015-09-30", a) == EventID("attack", "2015-09-29", a) {
		t.Error("EventID ignores the date")
	}
}

func TestParseEntityKind(t *testing.T) {
	for in, want := range map[string]Kind{"person": Person, "PER": Person, "org": Organization, "organization": Organization, "location": Place, "place": Place} {
		if got, ok := ParseEntityKind(in); !ok || got != want {
			t.Errorf("ParseEntityKind(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseEntityKind("event"); ok {
		t.Error("event is not an entity kind")
	}
}

func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"U.S.", "Russia's", "François", "\xff\xfe", "a - b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NameKey(s)
		if strings.ContainsAny(k, ".") || strings.Contains(k, "  ") || strings.TrimSpace(k) != k {
			t.Errorf("NameKey(%q) = %q: periods or stray spaces", s, k)
		}
		if k != strings.ToLower(k) && utf8.ValidString(k) {
			t.Errorf("NameKey(%q) = %q: not lower case", s, k)
		}
	})
}
