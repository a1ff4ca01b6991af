// Package ingest runs kg's pipeline: sources -> extraction workers -> one
// writer. Workers turn each document into a graph.Delta without touching the
// store; the writer applies the deltas in input order, in batches of one
// transaction each, so the store is the same whatever the number of workers.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"kg/graph"
	"kg/ingest/source"
	"kg/store"
)

// Extractor turns a document into a Delta. Implementations must be safe for
// concurrent use: every worker calls the same Extractor.
type Extractor interface {
	Extract(doc graph.Document) (*graph.Delta, error)
}

// Options tune a run.
type Options struct {
	Workers   int // extraction workers; 0 means runtime.NumCPU()
	BatchSize int // documents per transaction; 0 means 64
	// BatchBytes flushes a batch early once its documents hold this much
	// text; 0 means 8 MiB. It bounds the memory held by the writer (three
	// batches at most: one stored, one waiting, one being filled).
	BatchBytes int
	Source     source.Options
	// Progress, when set, is called after each batch is stored. Progress
	// and Problem are called from one goroutine at a time, not always the
	// same one.
	Progress func(Progress)
	// Problem, when set, is called for each input that could not be read or
	// extracted, and for each warning (with Warning set). The run goes on.
	Problem func(Problem)
}

// Progress is the state of a run.
type Progress struct {
	Read       int // documents read so far (including duplicates and failures)
	Ingested   int
	Duplicates int
	Failed     int
	Bytes      int64
}

// Problem is an input that was skipped, or a warning about one.
type Problem struct {
	Source  string
	Err     error
	Warning bool
}

// Summary is the outcome of a run.
type Summary struct {
	Ingested    int           `json:"ingested"`
	Duplicates  int           `json:"duplicates"`
	Failed      int           `json:"failed"`
	NewEntities int           `json:"new_entities"`
	NewEvents   int           `json:"new_events"`
	Bytes       int64         `json:"bytes"`
	Elapsed     time.Duration `json:"elapsed_ns"`
	// Interrupted is set when the run stopped early (ctx cancelled); every
	// batch before the stop is stored whole.
	Interrupted bool `json:"interrupted"`
}

type job struct {
	seq  int
	item source.Item
}

type result struct {
	seq      int
	warnings []string
	delta    *graph.Delta
	src      string
	err      error
	size     int
}

// Sink takes the deltas of a batch of documents, in input order: the store,
// or a file of deltas to load elsewhere (DeltaFile).
type Sink interface {
	Apply(deltas []*graph.Delta) ([]store.Result, error)
}

// Run reads paths, extracts every document and hands the deltas to sink in
// input order.
func Run(ctx context.Context, sink Sink, ext Extractor, paths []string, opts Options) (Summary, error) {
	start := time.Now()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 64
	}
	batchBytes := opts.BatchBytes
	if batchBytes <= 0 {
		batchBytes = 8 << 20
	}
	problem := opts.Problem
	if problem == nil {
		problem = func(Problem) {}
	}

	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	jobs := make(chan job, workers*4)
	results := make(chan result, workers*4)
	readErr := make(chan error, 1)
	go func() {
		seq := 0
		err := source.Read(readCtx, paths, opts.Source, func(it source.Item) error {
			select {
			case jobs <- job{seq: seq, item: it}:
				seq++
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		})
		close(jobs)
		readErr <- err
	}()
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range jobs {
				results <- extract(ext, j)
			}
		}()
	}
	go func() {
		for range workers {
			<-done
		}
		close(results)
	}()

	// The writer stores batches in a goroutine of its own, so extraction
	// goes on while a batch is written. When the loop below stored each
	// batch itself, the workers stalled as soon as the results channel was
	// full (a few documents into the batch's write), and the writer then
	// waited for most of the next batch to be extracted: the two overlapped
	// hardly at all. One batch waits while another is written, so at most
	// three batches are held (BatchBytes bounds each).
	var (
		mu      sync.Mutex // sum, prog, and the calls to problem and Progress
		sum     Summary
		prog    Progress
		failed  atomic.Bool
		batches = make(chan []*graph.Delta, 1)
		stored  = make(chan error, 1)
	)
	go func() {
		var werr error
		for batch := range batches {
			if werr != nil {
				continue // drain
			}
			res, err := sink.Apply(batch)
			if err != nil {
				werr = err
				failed.Store(true)
				stopReading()
				continue
			}
			mu.Lock()
			for _, r := range res {
				if r.Err != nil {
					sum.Failed++
					problem(Problem{Source: r.Document, Err: r.Err})
					continue
				}
				if r.Duplicate {
					sum.Duplicates++
				} else {
					sum.Ingested++
					sum.NewEntities += r.NewEntities
					sum.NewEvents += r.NewEvents
				}
			}
			prog.Ingested, prog.Duplicates, prog.Failed = sum.Ingested, sum.Duplicates, sum.Failed
			if opts.Progress != nil {
				opts.Progress(prog)
			}
			mu.Unlock()
		}
		stored <- werr
	}()

	var (
		pending = map[int]result{}
		next    int
		batch   []*graph.Delta
		bytes   int
	)
	for r := range results {
		if failed.Load() {
			continue // drain
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			mu.Lock()
			prog.Read++
			prog.Bytes += int64(r.size)
			sum.Bytes += int64(r.size)
			for _, w := range r.warnings {
				problem(Problem{Source: r.src, Err: errors.New(w), Warning: true})
			}
			if r.err != nil {
				sum.Failed++
				prog.Failed++
				problem(Problem{Source: r.src, Err: r.err})
			}
			mu.Unlock()
			if r.err != nil {
				continue
			}
			batch = append(batch, r.delta)
			bytes += r.size
			if len(batch) >= batchSize || bytes >= batchBytes {
				batches <- batch
				batch, bytes = nil, 0
			}
		}
	}
	if len(batch) > 0 && !failed.Load() {
		batches <- batch
	}
	close(batches)
	werr := <-stored
	if err := <-readErr; err != nil && werr == nil && !errors.Is(err, context.Canceled) {
		werr = err
	}
	sum.Elapsed = time.Since(start)
	sum.Interrupted = ctx.Err() != nil
	return sum, werr
}

// extract runs the extractor on one item; a panic in an extractor fails the
// document instead of the run.
func extract(ext Extractor, j job) (r result) {
	r = result{seq: j.seq, src: j.item.Doc.Source, size: len(j.item.Doc.Text), warnings: j.item.Warnings}
	if j.item.Err != nil {
		r.err = j.item.Err
		return r
	}
	defer func() {
		if p := recover(); p != nil {
			r.delta = nil
			r.err = fmt.Errorf("%s: internal error in extraction (please report it with this document): %v\n%s", j.item.Doc.Source, p, debug.Stack())
		}
	}()
	d, err := ext.Extract(j.item.Doc)
	if err != nil {
		r.err = fmt.Errorf("%s: extract: %w", j.item.Doc.Source, err)
		return r
	}
	r.delta = d
	return r
}
