// Package source reads articles from files, directories, standard input and
// URLs and turns them into graph.Documents: plain text, HTML pages (the main
// article text, found with readability), JSON and JSON Lines exports, and RSS
// and Atom feeds.
//
// Readers never stop at bad input: a missing file, a binary file or a
// malformed JSON line becomes an Item with Err set, and reading goes on with
// the next item.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kg/graph"
)

// Format is an input format.
type Format string

// Input formats. JSONL covers .json files holding an array of objects or a
// single object as well; RSS covers Atom (and JSON Feed) too.
const (
	Auto  Format = "auto"
	Text  Format = "text"
	HTML  Format = "html"
	JSONL Format = "jsonl"
	RSS   Format = "rss"
)

// Formats lists the formats a user can ask for, in the order help texts show them.
var Formats = []Format{Auto, Text, HTML, JSONL, RSS}

// ParseFormat parses a --format value. It accepts the names of Formats and a
// few aliases ("txt", "json", "ndjson", "atom", "xml"); "" means Auto.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "text", "txt", "plain", "md", "markdown":
		return Text, nil
	case "html", "htm", "xhtml":
		return HTML, nil
	case "jsonl", "json", "ndjson":
		return JSONL, nil
	case "rss", "atom", "feed", "xml":
		return RSS, nil
	}
	return "", fmt.Errorf("unknown format %q: want auto, text, html, jsonl or rss", s)
}

// DefaultUserAgent is the User-Agent sent with downloads unless
// Options.UserAgent says otherwise.
const DefaultUserAgent = "kg/0.1 (+https://github.com/kg-project/kg; knowledge-graph ingester)"

// DefaultMaxBytes is the size limit for one file or download.
const DefaultMaxBytes = 64 << 20

// DefaultTimeout is the timeout of the HTTP client used when Options.HTTPClient is nil.
const DefaultTimeout = 30 * time.Second

// Options configure Read.
type Options struct {
	// Format forces a format; Auto (or "") chooses by extension, Content-Type
	// and content. With a format set, every file of a directory is read in it.
	Format Format
	// DefaultDate is the publication date of documents that carry none
	// (--date); zero means none.
	DefaultDate time.Time
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// HTTPClient fetches http(s):// paths; nil means a client with a 30 s timeout.
	HTTPClient *http.Client
	// MaxBytes limits the size of one file or download (a JSON Lines file or
	// stream is read line by line, and the limit applies to each line);
	// 0 means 64 MiB. Going over the limit is an error, never a silent truncation.
	MaxBytes int64
	// UserAgent is sent with downloads; "" means DefaultUserAgent.
	UserAgent string
}

// Item is one document or one problem.
type Item struct {
	// Doc is the document. When Err is set only Doc.Source is.
	Doc graph.Document
	// Err says why the item could not be read. Its text starts with the source
	// ("news.jsonl:12: invalid JSON: ...", "a.txt: empty file, nothing to ingest").
	Err error
	// Warnings are remarks on an item that was read
	// ("news.txt: not valid UTF-8, decoded as Windows-1252").
	Warnings []string
	// Bytes is the number of input bytes this item accounts for. Summed over
	// the items of a file it is the file's size (give or take trailing blank
	// lines), so it can advance a progress bar whose total comes from Inventory.
	Bytes int64
}

// Sentinel errors, for errors.Is on Item.Err.
var (
	ErrEmpty    = errors.New("empty file, nothing to ingest")
	ErrBinary   = errors.New("binary file, not text")
	ErrNoText   = errors.New("no text")
	ErrTooLarge = errors.New("too large")
)

// Read reads every path (a file, a directory, "-" for standard input or an
// http(s):// URL) in order, directories recursively in lexical order, and
// calls emit for each item. It returns early only when ctx is cancelled
// (with ctx.Err()) or emit returns an error (with that error); problems with
// the input are reported as items.
func Read(ctx context.Context, paths []string, opts Options, emit func(Item) error) error {
	r := newReader(opts, emit)
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.readPath(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// Inventory counts the files Read would read under paths and their bytes,
// without reading them, for a progress bar. format is Options.Format: with a
// format set, files of unknown extension count too. URLs and "-" count as
// one file each of unknown size, and make bytes -1. A missing path counts as
// one file of 0 bytes (Read reports it as one item).
func Inventory(paths []string, format Format) (files int, bytes int64) {
	unknown := false
	for _, p := range paths {
		if p == "-" || isURL(p) {
			files++
			unknown = true
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			files++
			continue
		}
		if !fi.IsDir() {
			files++
			bytes += fi.Size()
			continue
		}
		_ = walkFiles(p, format, func(path string, size int64, err error) error {
			files++
			bytes += size
			return nil
		})
	}
	if unknown {
		bytes = -1
	}
	return files, bytes
}

// reader holds the state of one Read.
type reader struct {
	opts   Options
	client *http.Client
	emitFn func(Item) error
}

func newReader(opts Options, emit func(Item) error) *reader {
	if opts.Format == "" {
		opts.Format = Auto
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	return &reader{opts: opts, client: client, emitFn: emit}
}

// emit hands an item to the caller, unless ctx is done.
func (r *reader) emit(ctx context.Context, it Item) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return r.emitFn(it)
}

// fail emits an item for a problem with src.
func (r *reader) fail(ctx context.Context, src string, bytes int64, err error) error {
	return r.emit(ctx, Item{Doc: graph.Document{Source: src}, Err: fmt.Errorf("%s: %w", src, err), Bytes: bytes})
}

// finish sets the fields every document gets the same way and emits it.
func (r *reader) finish(ctx context.Context, doc graph.Document, warnings []string, bytes int64) error {
	if strings.TrimSpace(doc.Text) == "" {
		return r.fail(ctx, doc.Source, bytes, fmt.Errorf("%w: the document's text is empty", ErrNoText))
	}
	if doc.Published.IsZero() {
		doc.Published = r.opts.DefaultDate
	}
	doc.ID = graph.DocumentID(doc.Text)
	return r.emit(ctx, Item{Doc: doc, Warnings: warnings, Bytes: bytes})
}

func (r *reader) readPath(ctx context.Context, p string) error {
	switch {
	case p == "-":
		return r.readStream(ctx, input{name: "stdin", src: "stdin"}, r.opts.Stdin, -1)
	case isURL(p):
		return r.readURL(ctx, p)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(ctx, p, 0, pathErr(err))
	}
	if !fi.IsDir() {
		return r.readFile(ctx, p, fi.Size())
	}
	found := 0
	err = walkFiles(p, r.opts.Format, func(path string, size int64, err error) error {
		found++
		if err != nil {
			return r.fail(ctx, path, 0, err)
		}
		return r.readFile(ctx, path, size)
	})
	if err != nil {
		return err
	}
	if found == 0 {
		return r.fail(ctx, p, 0, fmt.Errorf("no files to read: none has a known extension (%s); use --format to read them anyway", strings.Join(knownExtensions(), " ")))
	}
	return nil
}

// walkFiles calls fn for each file under root that Read reads, in lexical
// order, skipping hidden files and directories, files of unknown extension
// (unless format is set), symbolic links to directories and special files.
// Problems (an unreadable directory, a broken link) are passed to fn as err.
// walkFiles returns the first error fn returns.
func walkFiles(root string, format Format, fn func(path string, size int64, err error) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if ferr := fn(path, 0, pathErr(err)); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if (format == Auto || format == "") && extFormat(path) == Auto {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				return fn(path, 0, pathErr(err))
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			return fn(path, fi.Size(), nil)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return fn(path, 0, pathErr(err))
		}
		return fn(path, fi.Size(), nil)
	})
}

// pathErr drops the operation and path from an *fs.PathError, since the
// item's error names the path already: "no such file or directory".
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *reader) readFile(ctx context.Context, path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return r.fail(ctx, path, size, pathErr(err))
	}
	defer f.Close()
	in := input{name: path, src: path, format: extFormat(path)}
	return r.readStream(ctx, in, f, size)
}

func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
