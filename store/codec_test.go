package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"kg/graph"
)

func TestEdgeRecordRoundTrip(t *testing.T) {
	for _, rec := range []edgeRecord{
		{Weight: 1},
		{Weight: 3.5, Evidence: []graph.Evidence{{Document: "0123456789abcdef", Sentence: 7, Start: 100, End: 180}}},
		{Weight: 1e9, Evidence: []graph.Evidence{{Document: "0123456789abcdef"}, {Document: "fedcba9876543210", Sentence: 1 << 20, Start: 1 << 30, End: 1<<30 + 5}}},
	} {
		var got edgeRecord
		if err := got.unmarshal(rec.marshal()); err != nil {
			t.Fatal(err)
		}
		if got.Weight != rec.Weight || len(got.Evidence) != len(rec.Evidence) {
			t.Fatalf("round trip of %+v gave %+v", rec, got)
		}
		for i := range got.Evidence {
			if got.Evidence[i] != rec.Evidence[i] {
				t.Errorf("evidence %d: %+v, want %+v", i, got.Evidence[i], rec.Evidence[i])
			}
		}
	}
}

// FuzzRecords feeds arbitrary bytes to every record decoder: an error,
// never a panic, and what decodes re-encodes to something that decodes the
// same.
func FuzzRecords(f *testing.F) {
	f.Add((&edgeRecord{Weight: 2, Evidence: []graph.Evidence{{Document: "0123456789abcdef", Sentence: 3, Start: 1, End: 9}}}).marshal())
	f.Add([]byte(`{"id":"0123456789abcdef","type":"person","name":"X","aliases":[{"name":"X","count":1}],"mentions":1,"documents":1}`))
	f.Add((&mentionsRecord{Date: "2015-11-14", Mentions: []mentionRecord{{Sentence: 0, Start: 1, End: 2, Text: "x"}}}).marshal())
	f.Add(sampleEvent().marshal())
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 240, 63, 200})
	if b, err := encode(&docRecord{Document: graph.Document{ID: "0123456789abcdef", Text: "Rain fell."}, Sentences: []graph.Span{{Start: 0, End: 10}}, Seq: 3}); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		key := []byte("o:fuzz")
		var e edgeRecord
		if decode(key, b, &e) == nil {
			var again edgeRecord
			if err := again.unmarshal(e.marshal()); err != nil || again.Weight != e.Weight && e.Weight == e.Weight || len(again.Evidence) != len(e.Evidence) {
				t.Errorf("edge record does not round-trip: %v", err)
			}
		}
		var ent graph.Entity
		_ = decode([]byte("n:fuzz"), b, &ent)
		var ev eventRecord
		if decode(key, b, &ev) == nil {
			var again eventRecord
			if err := again.unmarshal(ev.marshal()); err != nil || !reflect.DeepEqual(again, ev) {
				t.Errorf("event record does not round-trip: %v\n%+v\n%+v", err, ev, again)
			}
		}
		var m mentionsRecord
		if decode(key, b, &m) == nil {
			var again mentionsRecord
			if err := again.unmarshal(m.marshal()); err != nil || !reflect.DeepEqual(again, m) {
				t.Errorf("mentions record does not round-trip: %v\n%+v\n%+v", err, m, again)
			}
		}
		var a appliedRecord
		_ = decode(key, b, &a)
		var dr docRecord
		_ = decode(key, b, &dr)
		_, _, _, _, _ = parseAdjacency(b)
	})
}

func TestAppliedRecordRoundTrip(t *testing.T) {
	d := doc("[Vladimir Putin|person] attacked [Islamic State|organization] in [Syria|place]. [Putin|person] spoke. ", "2015-09-30")
	d.Entities[0].Attrs = map[string]string{"country": "RU", "class": "person"}
	remap := map[string]string{}
	for _, e := range d.Entities {
		remap[e.ID] = e.ID
	}
	split := graph.DeltaEntity{ID: graph.EntityID(graph.Person, "split:putin"), Kind: graph.Person, Key: "putin", Name: "Putin"}
	d.Entities = append(d.Entities, split)
	remap[split.ID] = "0123456789abcdef"
	rec := appliedRecord{Delta: *d, Remap: remap, SplitFrom: map[string]string{split.ID: d.Entities[0].ID}}
	var got appliedRecord
	if err := got.unmarshal(rec.marshal()); err != nil {
		t.Fatal(err)
	}
	got.Delta.Document, got.Delta.Sentences = d.Document, d.Sentences
	restoreTexts(&got.Delta)
	want, _ := json.Marshal(rec)
	have, _ := json.Marshal(got)
	if string(want) != string(have) {
		t.Errorf("round trip:\nwant %s\n got %s", want, have)
	}
}

// TestDocRecordRoundTrip: a document record is stored compressed, decodes
// to what was stored, and a record that is not one is an error that says
// so, never a panic.
func TestDocRecordRoundTrip(t *testing.T) {
	text := strings.Repeat("Russia began launching airstrikes in Syria on Sept. 30. ", 40)
	rec := &docRecord{
		Document:  graph.Document{ID: "0123456789abcdef", Title: "Airstrikes", Source: "a.txt", Text: text, Published: time.Date(2015, 9, 30, 0, 0, 0, 0, time.UTC)},
		Sentences: []graph.Span{{Start: 0, End: 56}, {Start: 57, End: 113}},
		Seq:       42,
	}
	b, err := encode(rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= len(text)/4 {
		t.Errorf("a repetitive text of %d bytes encodes to %d: not compressed", len(text), len(b))
	}
	var got docRecord
	if err := decode(docKey(id8{1}), b, &got); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(rec)
	have, _ := json.Marshal(&got)
	if string(want) != string(have) {
		t.Errorf("round trip:\nwant %s\n got %s", want, have)
	}
	for _, bad := range [][]byte{nil, {}, []byte(`{"seq":1}`), {docRecordVersion}, {docRecordVersion, 0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3}, b[:len(b)/2]} {
		if err := decode(docKey(id8{1}), bad, &got); err == nil || !strings.Contains(err.Error(), "kg check") {
			t.Errorf("decode(%q) = %v, want an error that points to kg check", bad, err)
		}
	}
}

func sampleEvent() *eventRecord {
	return &eventRecord{
		ID: "0123456789abcdef", Type: "airstrike", CAMEO: "195", Label: "airstrikes", Date: "2015-09-30",
		Place: "fedcba9876543210", PlaceCount: 2,
		Participants: []participant{{ID: "1111111111111111", Role: "agent", Count: 3}, {ID: "2222222222222222", Role: "target", Count: 1}},
		Documents:    2,
		Evidence:     []graph.Evidence{{Document: "3333333333333333", Sentence: 4, Start: 100, End: 180}, {Document: "4444444444444444"}},
	}
}

// TestBinaryRecordsRoundTrip: event and mention records decode to what was
// encoded, through encode and decode as the store calls them, and what is
// not one of them (the JSON of earlier schemas, a record cut short, bytes
// left over) is an error.
func TestBinaryRecordsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rec, empty any
	}{
		{"event", sampleEvent(), &eventRecord{}},
		{"undated event without place", &eventRecord{ID: "0123456789abcdef", Type: "summit", Label: "summit", Participants: []participant{}, Evidence: []graph.Evidence{}}, &eventRecord{}},
		{"mentions", &mentionsRecord{Date: "2015-11-14", Mentions: []mentionRecord{{Sentence: 2, Start: 10, End: 16, Text: "Putin"}, {Sentence: 1 << 20, Start: 1 << 30, End: 1<<30 + 3, Text: "Ütz"}}}, &mentionsRecord{}},
		{"undated mentions", &mentionsRecord{Mentions: []mentionRecord{}}, &mentionsRecord{}},
	} {
		b, err := encode(tc.rec)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if err := decode([]byte("v:x"), b, tc.empty); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !reflect.DeepEqual(tc.empty, tc.rec) {
			t.Errorf("%s: round trip\nwant %+v\n got %+v", tc.name, tc.rec, tc.empty)
		}
		for _, bad := range [][]byte{nil, []byte(`{"id":"0123456789abcdef"}`), b[:len(b)-1], append(append([]byte{}, b...), 0)} {
			if err := decode([]byte("v:x"), bad, tc.empty); err == nil {
				t.Errorf("%s: decode(%q) gave no error", tc.name, bad)
			}
		}
	}
	if _, err := encode(eventRecord{}); err == nil {
		t.Error("encoding an event record by value gave JSON, not an error")
	}
}

// TestDocNodesValue: an E: record lists each node once, in id order, and
// reads back; a value that is not a list of ids is an error.
func TestDocNodesValue(t *testing.T) {
	ids := []string{"ffffffffffffffff", "0123456789abcdef", "00000000000000ff", "0123456789abcdef"}
	v := docNodesValue(ids)
	got, err := docNodes([]byte("E:x"), v)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, n := range got {
		have = append(have, graph.FormatID(n[:]))
	}
	want := []string{"00000000000000ff", "0123456789abcdef", "ffffffffffffffff"}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("nodes %v, want %v", have, want)
	}
	if n, err := docNodes([]byte("E:x"), nil); err != nil || len(n) != 0 {
		t.Errorf("empty record: %v, %v", n, err)
	}
	if _, err := docNodes([]byte("E:x"), v[:len(v)-1]); err == nil || !strings.Contains(err.Error(), "kg check") {
		t.Errorf("a record cut short: %v, want an error that points to kg check", err)
	}
}
