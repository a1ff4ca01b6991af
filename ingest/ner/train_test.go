package ner

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A tiny training set written for this test.
const tinyTrain = `-DOCSTART- -X- O O

Putin I-PER
visited O
Paris I-LOC
. O

Reuters I-ORG
reported O
it O
. O

-DOCSTART- -X- O O

Merkel I-PER
met O
Putin I-PER
in O
Berlin I-LOC
. O

Germans I-MISC
and O
Russians I-MISC
talked O
. O
`

func writeFile(t *testing.T, path, content string, gz bool) {
	t.Helper()
	data := []byte(content)
	if gz {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		zw.Close()
		data = b.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func tinyLexicon(t *testing.T) *LexiconSource {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "clusters.tsv.gz"), "0101\tParis\t10\n0101\tBerlin\t9\n0011\tPutin\t5\n0011\tMerkel\t4\n1\tsaid\t100\n", true)
	writeFile(t, filepath.Join(dir, "case.tsv"), "# word\tlower\tcapitalized\tcapitals\nparis\t0\t10\t0\nvisited\t20\t0\t0\n", false)
	gaz := filepath.Join(dir, "gaz")
	os.Mkdir(gaz, 0o755)
	writeFile(t, filepath.Join(gaz, "places.tsv.gz"), "# header\ngeonames:1\tcity\tParis\tFR\t11\t1\tPPLC\t0\t0\t2000000\tParis City\n", true)
	writeFile(t, filepath.Join(gaz, "orgs.tsv.gz"), "# header\norg:reuters\tmedia\tReuters\tGB\tThomson Reuters\n", true)
	writeFile(t, filepath.Join(gaz, "people.tsv.gz"), "# header\nperson:vladimir-putin:ru\tVladimir Putin\tRU\tPresident\t\n", true)
	writeFile(t, filepath.Join(gaz, "demonyms.tsv"), "# header\nGerman\tDE\n", false)
	writeFile(t, filepath.Join(gaz, "given_names.txt"), "# header\nvladimir\n", false)
	return &LexiconSource{Clusters: filepath.Join(dir, "clusters.tsv.gz"), Profile: filepath.Join(dir, "case.tsv"), Gazetteer: gaz}
}

func TestLexiconSource(t *testing.T) {
	src := tinyLexicon(t)
	lex, flags, secs, err := src.build()
	if err != nil {
		t.Fatal(err)
	}
	if flags != featClusters|featCaseProfile|featGazetteer|featNameModel || len(secs) < 3 {
		t.Fatalf("flags %b, %d sections", flags, len(secs))
	}
	toks := analyzed("PUTIN", "visited", "Paris", "City")
	(&keyer{flags: flags, lex: lex}).lookup(toks)
	if toks[0].cluster < 0 || lex.paths[toks[0].cluster] != 0b10011 || toks[2].cluster < 0 || toks[1].cluster >= 0 {
		t.Errorf("clusters %d %d %d", toks[0].cluster, toks[1].cluster, toks[2].cluster)
	}
	if toks[1].profile != 1|1<<3 || toks[2].profile != 5|1<<3 || toks[0].profile != 0 {
		t.Errorf("profiles %d %d %d", toks[0].profile, toks[1].profile, toks[2].profile)
	}
	if toks[2].gaz[posB] != 1<<gazCityBig || toks[3].gaz[posL] != 1<<gazCityBig || toks[2].gaz[posU] != 1<<gazCityBig {
		t.Errorf("gazetteer %v %v", toks[2].gaz, toks[3].gaz)
	}
	if src.names[1][0] != "Reuters" || src.names[0][0] != "Vladimir Putin" {
		t.Errorf("names for substitution %q", src.names)
	}
	// Bad tables are reported.
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	writeFile(t, bad, "01x\tword\t1\n", false)
	if _, _, _, err := (&LexiconSource{Clusters: bad}).build(); err == nil {
		t.Error("a bad cluster path was accepted")
	}
	if _, _, _, err := (&LexiconSource{Gazetteer: t.TempDir()}).build(); err == nil {
		t.Error("an empty gazetteer folder was accepted")
	}
}

// TestTrainLoad trains on the tiny set, loads the model file and checks
// that it tags its training data right.
func TestTrainLoad(t *testing.T) {
	docs, err := ReadCoNLL(strings.NewReader(tinyTrain))
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	m, data, err := Train(docs, docs, TrainOptions{Epochs: 10, Seeds: 2, Lexicon: tinyLexicon(t), TitleCase: 0.5, Substitute: 0.5, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "epoch") {
		t.Errorf("no progress: %q", log.String())
	}
	loaded, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if F1 := Evaluate(loaded, docs, 2).F1(); F1 != 100 {
		t.Errorf("F1 on the training data %v", F1)
	}
	for _, d := range docs {
		if a, b := m.Tag(d.Tokens()), loaded.Tag(d.Tokens()); !reflect.DeepEqual(a, b) {
			t.Errorf("trained and loaded models differ: %q, %q", a, b)
		}
	}
	// Deterministic.
	_, again, err := Train(docs, docs, TrainOptions{Epochs: 10, Seeds: 2, Lexicon: tinyLexicon(t), TitleCase: 0.5, Substitute: 0.5})
	if err != nil || !bytes.Equal(data, again) {
		t.Errorf("two trainings differ (%v)", err)
	}
	if _, _, err := Train(nil, nil, TrainOptions{}); err == nil {
		t.Error("trained on nothing")
	}
	if _, _, err := Train(docs, nil, TrainOptions{Without: []string{"nonsense"}}); err == nil {
		t.Error("unknown feature group accepted")
	}
}

func TestCaseProfile(t *testing.T) {
	p := NewCaseProfile()
	p.Add(strings.Fields("Yesterday Putin told Reuters that Putin is tired ."))
	p.Add(strings.Fields("PUTIN TELLS REUTERS HE IS TIRED")) // capitals: not counted
	p.Add(strings.Fields("He told NATO ."))
	var b bytes.Buffer
	if err := p.Write(&b, 1); err != nil {
		t.Fatal(err)
	}
	want := "# word\tlower\tcapitalized\tcapitals\nis\t1\t0\t0\nnato\t0\t0\t1\nputin\t0\t2\t0\nreuters\t0\t1\t0\nthat\t1\t0\t0\ntired\t1\t0\t0\ntold\t2\t0\t0\n"
	if b.String() != want {
		t.Errorf("got\n%s", b.String())
	}
}

func TestNameModel(t *testing.T) {
	var w nameWords
	for _, n := range []string{"Ivan Petrovich", "Sergei Ivanovich", "Boris Nikolaevich", "Pavel Smirnov", "Oleg Popov"} {
		w.add(n, 0)
	}
	for _, n := range []string{"Kazan", "Lyon", "Bordeaux", "Toulon", "Toulouse", "Nantes", "Montreal"} {
		w.add(n, 1)
	}
	for _, n := range []string{"General Motors", "Nestle", "Unilever", "Shell"} {
		w.add(n, 2)
	}
	keys, vals := w.table()
	lex := &lexicon{}
	var err error
	if lex.names, err = tableIndex(keys, vals); err != nil {
		t.Fatal(err)
	}
	per, loc := lex.nameValue("Smirnovich"), lex.nameValue("Toulon")
	if per>>4 <= 4 || per&15 <= 4 {
		t.Errorf("Smirnovich: %x, want people's buckets (above 4)", per)
	}
	if loc>>4 >= 4 {
		t.Errorf("Toulon: %x, want a place's bucket (below 4)", loc)
	}
	if v := lex.nameValue(""); v != 0 {
		t.Errorf("empty word: %x", v)
	}
}
