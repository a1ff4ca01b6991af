# kg — build, test, demo, benchmarks and evaluations.
# Everything runs with only Go installed; graphviz is used when present.

GO      ?= go
BIN     := bin/kg
DATA    ?= ../shared/data
DEMO_DB ?= demo.db
UD      := $(DATA)/ud-english-ewt
# Scratch space of make model (the parser's first model and tagged training data).
MODELTMP ?= /tmp/kg-model

.PHONY: all build test test-short fuzz demo bench bench-check bench-prose eval model lexicon syntax-clusters gazetteer vendor-ui fmt vet lint clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/kg

# What CI runs (.ci/run): vet, formatting, and every test, end-to-end included.
test: vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: the files above need formatting (make fmt)"; exit 1; }
	$(GO) test -count=1 ./...

test-short:
	$(GO) test -short ./...

# Every fuzz target for FUZZTIME each (CI: 20s). A crash fails the run and
# leaves its input under the package's testdata/fuzz, to keep as a
# regression test. Go's fuzzer sometimes ends a run that found nothing with
# "--- FAIL ... context deadline exceeded" when the fuzz time runs out while
# a worker is busy (seen in CI on FuzzDecode, FuzzParse and FuzzTokenize,
# with minimization bounded and with it off): a run that failed that way and
# wrote no failing input ("Failing input written to ...") is reported and
# counted as passed; any other failure fails make fuzz.
FUZZTIME ?= 20s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    if ! $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 $$pkg >/tmp/kg-fuzz.log 2>&1; then \
	      if grep -q 'context deadline exceeded' /tmp/kg-fuzz.log && ! grep -q 'Failing input written to' /tmp/kg-fuzz.log; then \
	        echo "  the fuzz time ran out with a worker busy (go reports 'context deadline exceeded'); no failing input was found"; \
	      else cat /tmp/kg-fuzz.log; exit 1; fi; \
	    fi; \
	    grep -h 'execs:' /tmp/kg-fuzz.log | tail -1; \
	  done; \
	done

# Ingest the bundled examples into a fresh store and show what came out.
demo: build
	rm -rf $(DEMO_DB)
	$(BIN) --db $(DEMO_DB) ingest --date 2015-11-20 examples/
	@echo; echo "== top entities"; $(BIN) --db $(DEMO_DB) entities --limit 15
	@echo; echo "== events in date order"; $(BIN) --db $(DEMO_DB) events --limit 40
	@echo; $(BIN) --db $(DEMO_DB) stats
	$(BIN) --db $(DEMO_DB) export --format dot -o demo.dot
	@if command -v dot >/dev/null; then dot -Tsvg demo.dot -o demo.svg && echo "wrote demo.svg"; else echo "graphviz not installed: demo.svg not drawn (apt-get install graphviz)"; fi

# Go benchmarks of the hot paths, then the whole pipeline on Reuters-21578
# (bench/harness: ingest at each scale in SCALES, query latency; the table
# is printed and written to bench/results.json).
SCALES ?= 1
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'BenchmarkTag|BenchmarkLoad|BenchmarkParse' -benchmem ./ingest/ner ./ingest/pos ./ingest/depparse
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'BenchmarkExtractReuters' -benchtime 5x ./ingest/extract
	$(GO) run ./bench/harness -kg $(BIN) -data $(DATA)/reuters21578 -scales $(SCALES) -json bench/results.json

# What CI runs after the tests: the harness at ×1, compared with the
# figures accepted in bench/accepted.json (the README's speed table); it
# fails below half the accepted throughput or above twice the peak RSS.
bench-check: build
	$(GO) run ./bench/harness -kg $(BIN) -data $(DATA)/reuters21578 -scales 1 -check bench/accepted.json

# kg against prose (github.com/jdkato/prose/v2) on the same Reuters articles;
# a module of its own (bench/prose), so kg does not depend on prose. prose
# runs at about 500 tokens/s: PROSE_N articles keep it to a minute or two.
PROSE_N ?= 300
bench-prose: build
	cd bench/prose && $(GO) run . -data ../../$(DATA)/reuters21578 -kg ../../$(BIN) -n $(PROSE_N)

# Accuracy evaluations on the dev splits (need ../shared/data).
eval: build
	@echo "== names: CoNLL-2003 English dev (eng.testa)"
	$(BIN) eval ner $(DATA)/conll2003/eng.testa
	@echo "== dates: TempEval-3 training data (TimeBank, AQUAINT, both)"
	$(BIN) eval timex $(DATA)/tempeval3/train/TimeBank
	$(BIN) eval timex $(DATA)/tempeval3/train/AQUAINT
	$(BIN) eval timex $(DATA)/tempeval3/train
	@echo "== parts of speech and dependencies: UD English EWT dev (predicted tags)"
	$(BIN) eval pos $(DATA)/ud-english-ewt/en_ewt-ud-dev.conllu
	@echo "-- the beam parser (kg parse)"
	$(BIN) eval parse $(DATA)/ud-english-ewt/en_ewt-ud-dev.conllu | tail -3
	@echo "-- the greedy parser (kg ingest)"
	$(BIN) eval parse --parser greedy $(DATA)/ud-english-ewt/en_ewt-ud-dev.conllu | tail -3
	@echo "== events and entities: 12 hand-annotated TempEval-3 articles (testdata/events), kg ingest's greedy parser"
	$(BIN) eval events --data $(DATA)/tempeval3/train testdata/events
	@echo "-- with the beam parser"
	$(BIN) eval events --parser beam --data $(DATA)/tempeval3/train testdata/events | tail -3

# Rebuild the shipped models from the training data (fixed seeds: the same
# files byte for byte, except the parsers, last trained on the tags of the
# version 1 POS tagger: see ingest/depparse/data/README.md). The NER model
# trains on CoNLL-2003 eng.train and keeps the best epoch on eng.testa.
model: build
	mkdir -p $(MODELTMP)
	GOMAXPROCS=2 $(BIN) train ner --train $(DATA)/conll2003/eng.train --dev $(DATA)/conll2003/eng.testa \
	  --clusters ingest/ner/data/clusters.tsv.gz --profile ingest/ner/data/case.tsv.gz \
	  --gazetteer ingest/gazetteer/data -o ingest/ner/data/ner.model
	GOMAXPROCS=2 $(BIN) train pos --train $(UD)/en_ewt-ud-train.conllu --dev $(UD)/en_ewt-ud-dev.conllu \
	  --clusters ingest/pos/data/clusters.tsv.gz --case-profile ingest/pos/data/case.tsv.gz \
	  -o ingest/pos/data/pos.model
	GOMAXPROCS=2 $(BIN) train parser --train $(UD)/en_ewt-ud-train.conllu --dev $(UD)/en_ewt-ud-dev.conllu \
	  --clusters ingest/pos/data/clusters.tsv.gz --case-profile ingest/pos/data/case.tsv.gz \
	  --beam 8 --epochs 12 --patience 3 --write-tagged $(MODELTMP)/ewt-train-tagged.conllu -o $(MODELTMP)/depparse-first.model
	GOMAXPROCS=2 $(BIN) train parser --train $(MODELTMP)/ewt-train-tagged.conllu --pos-folds 0 --dev $(UD)/en_ewt-ud-dev.conllu \
	  --clusters ingest/pos/data/clusters.tsv.gz --beam 8 --epochs 15 --patience 3 \
	  --prune 1600 --first $(MODELTMP)/depparse-first.model -o ingest/depparse/data/depparse.model
	GOMAXPROCS=2 $(BIN) train parser --train $(UD)/en_ewt-ud-train.conllu --dev $(UD)/en_ewt-ud-dev.conllu \
	  --clusters ingest/pos/data/clusters.tsv.gz --case-profile ingest/pos/data/case.tsv.gz \
	  --prune 1600 -o ingest/depparse/data/depparse-greedy.model

# Rebuild the word clusters of the POS tagger and the parser (CC BY-SA and
# public-domain text only).
syntax-clusters:
	$(GO) run ./ingest/pos/internal/buildclusters -data $(DATA) -o ingest/pos/data

# Rebuild the NER's word clusters and capitalization tables from the
# unlabeled text in ../shared/data (shipped; slow: several minutes).
lexicon:
	GOMAXPROCS=2 $(GO) run ./ingest/ner/internal/buildlex -data $(DATA) -o ingest/ner/data

# Rebuild the compact gazetteer tables shipped in ingest/gazetteer/data.
gazetteer:
	$(GO) run ./ingest/gazetteer/internal/build -data $(DATA) -o ingest/gazetteer/data

# Refresh the explorer's vendored front-end files (web/static/vendor) from the
# npm registry at the versions pinned in web/vendor-ui.sh; needs npm.
vendor-ui:
	sh web/vendor-ui.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin $(DEMO_DB) demo.dot demo.svg
