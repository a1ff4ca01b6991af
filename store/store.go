// Package store keeps kg's graph in an embedded badger v4 database: the key
// layout (keys.go), the codecs of its records, the writer that applies a
// document's graph.Delta in a transaction, and the read side the query
// commands use.
package store

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Store is an open kg store.
type Store struct {
	db           *badger.DB
	dir          string
	readOnly     bool
	noResolution bool
	trim         *trimmer
	records      *recordCache // the ingest writer's, see records.go
}

// Options tune how a store is opened.
type Options struct {
	ReadOnly bool
	// Verbose lets badger log to stderr; otherwise it only reports errors
	// through kg.
	Verbose bool

	// MappedLimit, when positive, bounds in bytes the file-backed part of
	// the process's resident set that a writable store lets its mapped
	// table files take (see mapped_linux.go): above it, the table pages
	// are given back to the kernel. It keeps a long ingest's memory from
	// growing with the store.
	MappedLimit int64

	// noResolution makes every delta entity its own stored entity, with
	// no name, surname or rule lookups: the benchmarks measure what
	// resolution costs against it.
	noResolution bool
}

// valueThreshold is the size from which badger keeps a value in its value
// log. The records that change batch after batch stay below it: an entity
// record is a few hundred bytes, an edge record at most about 250 (its
// evidence is bounded), an event record grows with its evidence too.
const valueThreshold = 512

// ErrInUse is returned when another process holds the store for writing.
var ErrInUse = errors.New("store is in use by another kg process")

// errStopScan ends a scan early without an error.
var errStopScan = errors.New("stop scan")

// ErrNotFound is returned when a node does not exist.
var ErrNotFound = errors.New("not found")

// Open opens the store in dir, creating it unless opts.ReadOnly.
func Open(dir string, opts Options) (*Store, error) {
	if dir == "" {
		return nil, errors.New("no store given: pass --db DIR or set KG_DB")
	}
	if opts.ReadOnly {
		if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
			return nil, fmt.Errorf("no kg store at %s: run `kg ingest --db %s PATH...` first, or point --db (or KG_DB) at an existing store", dir, dir)
		}
	}
	// Memory: badger keeps its memtables in the Go heap (64 MB each by
	// default, up to five); three of 32 MB, a 32 MB block cache, a 64 MB
	// cache of table indexes (by default every table's index and bloom
	// filter stay in memory, which grows with the store) and the writer's
	// cache of records (records.go, at most 128 MB) bound what an ingest
	// holds. The record cache serves the hot records the block cache would
	// (the busiest entities and edges), from fewer bytes. Tables keep
	// badger's base size at every level (TableSizeMultiplier 1) and two
	// compactors run, so a compaction's table builders stay small too.
	//
	// Values of valueThreshold bytes or more go to badger's value log, out
	// of the LSM tree: the compressed document and applied records
	// (compress.go). Compactions used to rewrite them with everything else;
	// at Reuters ×16 they were 55% of the bytes, and loading the ×16 deltas
	// took 575 s and 1,011 CPU-s with them in the tree, 299 s and 444 CPU-s
	// without.
	//
	// Size: records are rewritten batch after batch, so level 0 is
	// compacted on close (dropping the old versions). The tree's blocks are
	// compressed with Snappy, which costs less CPU than zstd to compress
	// (every table a flush or compaction writes) and to decompress (every
	// block a read misses). While the documents were in the tree, zstd was
	// needed to keep the store under 3 times the text (Snappy: 3.04); with
	// the documents compressed in the value log, Snappy gives 2.8 times for
	// Reuters-21578 (zstd 2.6).
	bo := badger.DefaultOptions(dir).WithReadOnly(opts.ReadOnly).WithLoggingLevel(badger.WARNING).
		WithMemTableSize(32 << 20).WithNumMemtables(3).WithBlockCacheSize(32 << 20).
		WithCompactL0OnClose(true).WithCompression(options.Snappy).WithNumCompactors(2).
		WithIndexCacheSize(64 << 20).WithValueThreshold(valueThreshold)
	bo.TableSizeMultiplier = 1
	if opts.Verbose {
		bo = bo.WithLogger(badgerLogger{log.New(os.Stderr, "badger ", log.LstdFlags)}).WithLoggingLevel(badger.INFO)
	} else {
		bo = bo.WithLogger(nil)
	}
	if !opts.ReadOnly {
		if err := removeEmptyMemtables(dir); err != nil {
			return nil, openError(dir, err)
		}
	}
	db, err := badger.Open(bo)
	if err != nil && opts.ReadOnly && needsRecovery(err) {
		// A writer stopped without closing the store. Recover it with a short
		// read-write open (it needs the exclusive lock, so it fails cleanly
		// while a writer is active), then open read-only again.
		rerr := removeEmptyMemtables(dir)
		var rw *badger.DB
		if rerr == nil {
			rw, rerr = badger.Open(bo.WithReadOnly(false))
		}
		if rerr == nil {
			_ = rw.Close()
			db, err = badger.Open(bo)
		} else {
			err = rerr
		}
	}
	if err != nil {
		return nil, openError(dir, err)
	}
	s := &Store{db: db, dir: dir, readOnly: opts.ReadOnly, noResolution: opts.noResolution}
	if err := s.checkSchema(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if !opts.ReadOnly {
		s.trim = startTrimmer(dir, opts.MappedLimit)
		s.records = newRecordCache(recordCacheBytes)
	}
	return s, nil
}

// needsRecovery reports an error of a read-only open that a read-write
// open repairs: a value log or memtable file a killed writer left longer
// than its data (ErrTruncateNeeded), or a memtable file it was creating
// when it was killed, still empty (badger then grows it to its size, which
// a read-only open cannot: "error while truncation", or it reports the
// file as new).
func needsRecovery(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, badger.ErrTruncateNeeded.Error()) ||
		strings.Contains(msg, "while opening memtables")
}

func openError(dir string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Another process is using this Badger database"):
		holder := ""
		if b, rerr := os.ReadFile(filepath.Join(dir, "LOCK")); rerr == nil {
			if pid := strings.TrimSpace(string(b)); pid != "" {
				holder = " (pid " + pid + ")"
			}
		}
		return fmt.Errorf("store %s%s: %w; wait for it to finish or use another --db", dir, holder, ErrInUse)
	case strings.Contains(msg, "Cannot find directory"):
		return fmt.Errorf("no kg store at %s: run `kg ingest` first", dir)
	}
	return fmt.Errorf("open store %s: %w", dir, err)
}

func (s *Store) checkSchema() error {
	var version string
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keySchema))
		if err != nil {
			return err
		}
		b, err := item.ValueCopy(nil)
		version = string(b)
		return err
	})
	want := strconv.Itoa(SchemaVersion)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		if s.readOnly {
			if s.isEmpty() {
				return nil // a store created but never written
			}
			return fmt.Errorf("store %s has no kg schema version: it is not a kg store", s.dir)
		}
		if !s.isEmpty() {
			return fmt.Errorf("store %s holds data but no kg schema version: it is not a kg store; use another --db", s.dir)
		}
		return s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keySchema), []byte(want)) })
	case err != nil:
		return fmt.Errorf("read schema version of %s: %w", s.dir, err)
	case version != want:
		return fmt.Errorf("store %s has schema version %s, this kg reads version %s: ingest your articles into a new store (--db NEWDIR)", s.dir, version, want)
	}
	return nil
}

func (s *Store) isEmpty() bool {
	empty := true
	_ = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		it.Rewind()
		empty = !it.Valid()
		return nil
	})
	return empty
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the store.
func (s *Store) Close() error {
	s.trim.close()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.dir, err)
	}
	return nil
}

type badgerLogger struct{ l *log.Logger }

func (b badgerLogger) Errorf(f string, a ...any)   { b.l.Printf("ERROR: "+f, a...) }
func (b badgerLogger) Warningf(f string, a ...any) { b.l.Printf("WARNING: "+f, a...) }
func (b badgerLogger) Infof(f string, a ...any)    { b.l.Printf("INFO: "+f, a...) }
func (b badgerLogger) Debugf(f string, a ...any)   { b.l.Printf("DEBUG: "+f, a...) }
