package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// input describes one stream being read: a file, standard input or a download.
type input struct {
	name        string // how messages name it: a path, a URL or "stdin"
	src         string // Document.Source of its documents
	url         string // Document.URL of its documents (downloads)
	format      Format // from the extension or Content-Type; Auto when they say nothing
	contentType string // Content-Type of a download, for the charset
}

// sniffLen is how much of a stream is looked at to guess its format.
const sniffLen = 4096

// readStream reads one stream in the format the options, the input or the
// content say. size is the stream's size when known, else -1.
func (r *reader) readStream(ctx context.Context, in input, rd io.Reader, size int64) error {
	br := bufio.NewReaderSize(rd, 64<<10)
	format := r.opts.Format
	if format == Auto {
		format = in.format
	}
	if format == Auto || format == "" {
		head, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return r.fail(ctx, in.src, max(size, 0), fmt.Errorf("read: %w", err))
		}
		format = Sniff(head)
	}
	if format == JSONL && r.opts.Format == Auto {
		if head, _ := br.Peek(sniffLen); Sniff(head) == RSS {
			format = RSS // a JSON Feed in a .json file
		}
	}
	if format == JSONL {
		// JSON Lines files can be far larger than one document: stream them.
		return r.readJSON(ctx, in, br, size)
	}
	if size > r.opts.MaxBytes {
		return r.fail(ctx, in.src, size, tooLarge(size, r.opts.MaxBytes))
	}
	data, err := readAtMost(br, r.opts.MaxBytes)
	if err != nil {
		return r.fail(ctx, in.src, max(size, 0), err)
	}
	if size < 0 {
		size = int64(len(data))
	}
	return r.readData(ctx, in, format, data, size)
}

// readData reads a whole stream held in memory.
func (r *reader) readData(ctx context.Context, in input, format Format, data []byte, size int64) error {
	data, hadBOM := fromBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return r.fail(ctx, in.src, size, ErrEmpty)
	}
	if looksBinary(data) {
		return r.fail(ctx, in.src, size, ErrBinary)
	}
	contentType := in.contentType
	if hadBOM {
		contentType = "text/plain; charset=utf-8"
	}
	switch format {
	case HTML:
		return r.readHTML(ctx, in, data, contentType, size)
	case RSS:
		return r.readFeed(ctx, in, data, size)
	case JSONL:
		return r.readJSON(ctx, in, bufio.NewReader(bytes.NewReader(data)), size)
	default:
		return r.readText(ctx, in, data, contentType, size)
	}
}

// readAtMost reads all of rd, or fails if it holds more than limit bytes.
func readAtMost(rd io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(-1, limit)
	}
	return data, nil
}

func tooLarge(size, limit int64) error {
	if size < 0 {
		return fmt.Errorf("%w: more than the %s limit", ErrTooLarge, formatBytes(limit))
	}
	return fmt.Errorf("%w: %s, more than the %s limit", ErrTooLarge, formatBytes(size), formatBytes(limit))
}

// formatBytes writes a size the way people read it: "512 B", "1.5 KiB", "64 MiB".
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	suffix := []string{"KiB", "MiB", "GiB", "TiB", "PiB"}[exp]
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), suffix)
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}

// limitedReader fails with ErrTooLarge once more than n bytes are read, so a
// download over the limit is an error rather than a silent truncation.
type limitedReader struct {
	r     io.Reader
	n     int64 // bytes still allowed
	limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, tooLarge(-1, l.limit)
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n - 1, tooLarge(-1, l.limit)
	}
	return n, err
}
