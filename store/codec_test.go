package store

import (
	"encoding/json"
	"testing"

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
	f.Add([]byte(`{"d":"2015-11-14","m":[{"s":0,"b":1,"e":2,"t":"x"}]}`))
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 240, 63, 200})
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
		_ = decode(key, b, &ent)
		var ev eventRecord
		_ = decode(key, b, &ev)
		var m mentionsRecord
		_ = decode(key, b, &m)
		var a appliedRecord
		_ = decode(key, b, &a)
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
