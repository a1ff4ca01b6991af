package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"kg/graph"
	"kg/store"
)

// A large ingest can be split across machines: each runs the extraction
// and writes its documents' deltas as JSON Lines (DeltaFile, `kg ingest
// --emit-deltas`), and one store loads them all (Load, `kg load`).
// Resolution happens at load, in the writer, in a canonical order: by
// publication date, then document id. So the files may come in any order
// and the store is the same; it is the store an ingest of the same
// articles in that order gives.

// DeltaFile is a Sink that writes deltas as JSON Lines, once per document.
type DeltaFile struct {
	w    *bufio.Writer
	seen map[string]bool
}

// NewDeltaFile writes deltas to w; call Flush at the end.
func NewDeltaFile(w io.Writer) *DeltaFile {
	return &DeltaFile{w: bufio.NewWriterSize(w, 1<<20), seen: map[string]bool{}}
}

// Apply implements Sink.
func (f *DeltaFile) Apply(deltas []*graph.Delta) ([]store.Result, error) {
	res := make([]store.Result, len(deltas))
	for i, d := range deltas {
		res[i].Document = d.Document.ID
		if f.seen[d.Document.ID] {
			res[i].Duplicate = true
			continue
		}
		f.seen[d.Document.ID] = true
		b, err := json.Marshal(d)
		if err != nil {
			return res, fmt.Errorf("encode delta of %s: %w", d.Document.Source, err)
		}
		f.w.Write(b)
		if err := f.w.WriteByte('\n'); err != nil {
			return res, fmt.Errorf("write deltas: %w", err)
		}
		res[i].NewEntities, res[i].NewEvents = len(d.Entities), len(d.Events)
	}
	return res, nil
}

// Flush writes what is buffered.
func (f *DeltaFile) Flush() error { return f.w.Flush() }

// deltaRef locates one delta in a file.
type deltaRef struct {
	date, id string
	file     int
	off, n   int64
}

// LoadOptions tune a load.
type LoadOptions struct {
	BatchSize int // documents per transaction; 0 means 64
	Progress  func(Progress)
	Problem   func(Problem)
}

// maxDeltaLine bounds one delta (a document and what was found in it).
const maxDeltaLine = 256 << 20

// Load applies the deltas in files to st in the canonical order, whatever
// the order of the files and of the lines in them. A malformed line is
// reported with its file and line number and skipped.
func Load(ctx context.Context, st *store.Store, files []string, opts LoadOptions) (Summary, error) {
	start := time.Now()
	problem := opts.Problem
	if problem == nil {
		problem = func(Problem) {}
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 64
	}
	var sum Summary
	var refs []deltaRef
	handles := make([]*os.File, len(files))
	defer func() {
		for _, h := range handles {
			if h != nil {
				h.Close()
			}
		}
	}()
	for fi, name := range files {
		h, err := os.Open(name)
		if err != nil {
			sum.Failed++
			problem(Problem{Source: name, Err: fmt.Errorf("%s: %w", name, err)})
			continue
		}
		handles[fi] = h
		if err := index(h, name, fi, &refs, &sum, problem); err != nil {
			return sum, err
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].date != refs[j].date {
			return refs[i].date < refs[j].date
		}
		return refs[i].id < refs[j].id
	})
	var prog Progress
	var batch []*graph.Delta
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.Apply(batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			switch {
			case r.Err != nil:
				sum.Failed++
				problem(Problem{Source: r.Document, Err: r.Err})
			case r.Duplicate:
				sum.Duplicates++
			default:
				sum.Ingested++
				sum.NewEntities += r.NewEntities
				sum.NewEvents += r.NewEvents
			}
		}
		batch = batch[:0]
		prog.Ingested, prog.Duplicates, prog.Failed = sum.Ingested, sum.Duplicates, sum.Failed
		if opts.Progress != nil {
			opts.Progress(prog)
		}
		return nil
	}
	for _, ref := range refs {
		if ctx.Err() != nil {
			sum.Interrupted = true
			break
		}
		buf := make([]byte, ref.n)
		if _, err := handles[ref.file].ReadAt(buf, ref.off); err != nil {
			return sum, fmt.Errorf("read %s: %w", files[ref.file], err)
		}
		var d graph.Delta
		if err := json.Unmarshal(buf, &d); err != nil {
			return sum, fmt.Errorf("read %s: %w (the file changed while loading?)", files[ref.file], err)
		}
		prog.Read++
		sum.Bytes += int64(len(d.Document.Text))
		batch = append(batch, &d)
		if len(batch) >= batchSize {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// index reads the document id and date of every line of a delta file.
func index(h *os.File, name string, fi int, refs *[]deltaRef, sum *Summary, problem func(Problem)) error {
	r := bufio.NewReaderSize(h, 1<<20)
	var off int64
	for line := 1; ; line++ {
		b, err := r.ReadSlice('\n')
		full := b
		for errors.Is(err, bufio.ErrBufferFull) {
			var more []byte
			more, err = r.ReadSlice('\n')
			full = append(bytes.Clone(full), more...)
			if len(full) > maxDeltaLine {
				return fmt.Errorf("%s:%d: a line over %d MB", name, line, maxDeltaLine>>20)
			}
		}
		n := int64(len(full))
		if len(bytes.TrimSpace(full)) > 0 {
			var head struct {
				Document struct {
					ID        string    `json:"id"`
					Published time.Time `json:"published"`
				}
			}
			if jerr := json.Unmarshal(full, &head); jerr != nil || !graph.IsID(head.Document.ID) {
				if jerr == nil {
					jerr = errors.New("no document id")
				}
				sum.Failed++
				problem(Problem{Source: fmt.Sprintf("%s:%d", name, line), Err: fmt.Errorf("%s:%d: not a delta: %v", name, line, jerr)})
			} else {
				date := ""
				if !head.Document.Published.IsZero() {
					date = head.Document.Published.UTC().Format(time.RFC3339)
				}
				*refs = append(*refs, deltaRef{date: date, id: head.Document.ID, file: fi, off: off, n: n})
			}
		}
		off += n
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
}
