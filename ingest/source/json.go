package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"kg/graph"
)

// JSON field names, in order of preference (matched without regard to case).
var (
	jsonTextFields  = []string{"text", "body", "content", "articlebody", "article", "full_text", "fulltext", "description", "summary"}
	jsonTitleFields = []string{"title", "headline", "name"}
	jsonDateFields  = []string{"date", "published", "published_at", "publishedat", "pubdate", "datepublished", "date_published", "publication_date", "created_at"}
	jsonURLFields   = []string{"url", "link", "href", "uri"}
	jsonIDFields    = []string{"id", "_id", "guid", "uuid"}
)

// readJSON reads JSON Lines (one object per line) or JSON (an array of
// objects, one object, or a sequence of them). JSON Lines is streamed: a
// malformed line is an item with an error, and the next lines are read. A
// file that starts with '[', or whose first line is the start of a longer
// JSON value (pretty-printed JSON) and the whole of which is valid JSON, is
// read whole and decoded as a sequence of JSON values.
//
// size is the input's size if known (else -1), for the Bytes of an item
// that fails the whole input.
func (r *reader) readJSON(ctx context.Context, in input, br *bufio.Reader, size int64) error {
	size = max(size, 0)
	head, err := br.Peek(binarySample)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return r.fail(ctx, in.src, size, fmt.Errorf("read: %w", err))
	}
	if bytes.HasPrefix(head, bomUTF16LE) || bytes.HasPrefix(head, bomUTF16BE) {
		data, err := readAtMost(br, r.opts.MaxBytes)
		if err != nil {
			return r.fail(ctx, in.src, size, err)
		}
		data, _ = fromBOM(data)
		br = bufio.NewReader(bytes.NewReader(data))
		head, _ = br.Peek(binarySample)
	}
	if looksBinary(head) {
		return r.fail(ctx, in.src, size, ErrBinary)
	}
	var pending int64 // bytes read since the last item
	if bytes.HasPrefix(head, bomUTF8) {
		_, _ = br.Discard(len(bomUTF8))
		pending += int64(len(bomUTF8))
	}

	var buf []byte
	seen := false    // a line with content was read
	decided := false // the input was found not to be pretty-printed JSON
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var line []byte
		var n int64
		var long bool
		line, n, long, err = readLine(br, r.opts.MaxBytes, buf[:0])
		buf = line
		pending += n
		src := fmt.Sprintf("%s:%d", in.src, lineNo)
		if err != nil && !errors.Is(err, io.EOF) {
			return r.fail(ctx, src, pending, err)
		}
		if long {
			if ferr := r.fail(ctx, src, pending, fmt.Errorf("%w: the line is longer than the %s limit", ErrTooLarge, formatBytes(r.opts.MaxBytes))); ferr != nil {
				return ferr
			}
			pending = 0
			seen = true
		} else if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			if !seen && !decided && (trimmed[0] == '[' || incompleteJSON(trimmed)) {
				// Pretty-printed JSON, or a JSON array? Read the rest to see.
				decided = true
				rest, rerr := readAtMost(br, r.opts.MaxBytes-int64(len(line)))
				if rerr != nil {
					return r.fail(ctx, in.src, pending, rerr)
				}
				this := append([]byte(nil), line...)
				if n > int64(len(line)) {
					this = append(this, '\n')
				}
				// Blank lines stand in for the lines before, so that line
				// numbers stay right.
				data := append(bytes.Repeat([]byte{'\n'}, lineNo-1), this...)
				data = append(data, rest...)
				if trimmed[0] == '[' || validJSONStream(data) {
					return r.readJSONValues(ctx, in, data, pending-n-int64(lineNo-1))
				}
				// JSON Lines with a bad first line after all: read this
				// line again.
				br = bufio.NewReader(io.MultiReader(bytes.NewReader(this), bytes.NewReader(rest)))
				pending -= n
				lineNo--
				continue
			}
			seen = true
			doc, warnings, derr := jsonDocument(trimmed, src)
			if derr != nil {
				if ferr := r.fail(ctx, src, pending, derr); ferr != nil {
					return ferr
				}
			} else {
				doc.Source = withID(src, doc.ExternalID)
				if ferr := r.finish(ctx, doc, warnings, pending); ferr != nil {
					return ferr
				}
			}
			pending = 0
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if !seen {
		return r.fail(ctx, in.src, pending, ErrEmpty)
	}
	return nil
}

// readLine reads one line of at most limit bytes, without its line break,
// into buf. n counts the bytes consumed, line break included. long reports
// a line over the limit: it is consumed but not returned.
func readLine(br *bufio.Reader, limit int64, buf []byte) (line []byte, n int64, long bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !long {
			if int64(len(buf)+len(chunk)) > limit+1 {
				long = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(e, bufio.ErrBufferFull) {
			continue
		}
		err = e
		break
	}
	buf = bytes.TrimSuffix(buf, []byte{'\n'})
	if !long && errors.Is(err, io.EOF) && len(buf) > 0 {
		// A last line without a line break is still a line.
		return buf, n, false, io.EOF
	}
	return buf, n, long, err
}

// incompleteJSON reports whether a line is the start of a longer JSON value,
// as the first line of pretty-printed JSON is ("{", `{"a": 1,`).
func incompleteJSON(line []byte) bool {
	var v json.RawMessage
	err := json.NewDecoder(bytes.NewReader(line)).Decode(&v)
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// validJSONStream reports whether data is a sequence of valid JSON values.
func validJSONStream(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// readJSONValues reads data as a sequence of JSON values: objects are
// documents, arrays hold documents. A syntax error ends the reading, since
// nothing after it can be trusted. skipped is the count of input bytes
// before data's first non-blank line that no item has accounted for yet.
func (r *reader) readJSONValues(ctx context.Context, in input, data []byte, skipped int64) error {
	lines := lineCounter{data: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	var (
		index   int   // array elements so far
		prevEnd int64 // end of the last item's value
		values  int   // top-level values
		items   int   // objects and array elements
	)
	bytesFor := func(end int64) int64 {
		b := end - prevEnd + skipped
		prevEnd, skipped = end, 0
		if !hasMoreJSON(data[end:]) {
			b += int64(len(data)) - end
		}
		return b
	}
	for {
		start := skipSpace(data, dec.InputOffset())
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r.fail(ctx, fmt.Sprintf("%s:%d", in.src, lines.at(jsonErrorOffset(err, start))), int64(len(data))-prevEnd+skipped,
				fmt.Errorf("invalid JSON: %s; the rest of the file is skipped", jsonErrorText(err)))
		}
		values++
		if raw[0] != '[' {
			src := fmt.Sprintf("%s:%d", in.src, lines.at(start))
			if values == 1 && !dec.More() {
				src = in.src
			}
			items++
			if err := r.jsonValue(ctx, src, raw, bytesFor(dec.InputOffset())); err != nil {
				return err
			}
			continue
		}
		elems := json.NewDecoder(bytes.NewReader(raw))
		if _, err := elems.Token(); err != nil { // the '['
			return r.fail(ctx, in.src, 0, fmt.Errorf("invalid JSON: %s", jsonErrorText(err)))
		}
		for elems.More() {
			elemStart := start + skipSpaceComma(raw, elems.InputOffset())
			var elem json.RawMessage
			if err := elems.Decode(&elem); err != nil { // cannot happen: raw is valid JSON
				return r.fail(ctx, in.src, 0, fmt.Errorf("invalid JSON: %s", jsonErrorText(err)))
			}
			index++
			items++
			src := fmt.Sprintf("%s#%d", in.src, index)
			line := lines.at(elemStart)
			end := start + elems.InputOffset()
			if !elems.More() {
				end = dec.InputOffset()
			}
			if err := r.jsonValue(ctx, src, elem, bytesFor(end), line); err != nil {
				return err
			}
		}
	}
	switch {
	case values == 0:
		return r.fail(ctx, in.src, int64(len(data)), ErrEmpty)
	case items == 0:
		return r.fail(ctx, in.src, int64(len(data)), errors.New("no JSON objects, nothing to ingest"))
	}
	return nil
}

// jsonValue emits the document in one JSON value. line, when given, is
// where the value starts, for messages about an array element.
func (r *reader) jsonValue(ctx context.Context, src string, raw []byte, size int64, line ...int) error {
	name := src
	if len(line) > 0 {
		name = fmt.Sprintf("%s (line %d)", src, line[0])
	}
	doc, warnings, err := jsonDocument(raw, name)
	if err != nil {
		return r.emit(ctx, Item{Doc: graph.Document{Source: src}, Err: fmt.Errorf("%s: %w", name, err), Bytes: size})
	}
	doc.Source = withID(src, doc.ExternalID)
	return r.finish(ctx, doc, warnings, size)
}

// withID appends a record's own id to its source, so messages name it too:
// "news.jsonl:12 (id a1)". The id itself is in Document.ExternalID.
func withID(src, id string) string {
	if id == "" {
		return src
	}
	return fmt.Sprintf("%s (id %s)", src, id)
}

// jsonDocument reads one JSON object; its own id, if any, goes to
// ExternalID. name is used in warnings.
func jsonDocument(raw []byte, name string) (doc graph.Document, warnings []string, err error) {
	raw = bytes.TrimSpace(raw)
	if !utf8.Valid(raw) {
		var s string
		s, warnings = decodeUTF8(raw, name)
		raw = []byte(s)
	}
	if len(raw) > 0 && raw[0] != '{' {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return doc, nil, fmt.Errorf("invalid JSON: %s", jsonErrorText(err))
		}
		return doc, nil, fmt.Errorf("want a JSON object, got %s", jsonKind(v))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return doc, nil, fmt.Errorf("invalid JSON: %s", jsonErrorText(err))
	}
	fields := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, dup := fields[lk]; !dup || k == lk {
			fields[lk] = v
		}
	}

	textKey, text, err := jsonStringField(fields, jsonTextFields, "\n\n")
	if err != nil {
		return doc, nil, err
	}
	if textKey == "" {
		return doc, nil, fmt.Errorf("%w: the object has no %q, %q or %q field", ErrNoText, "text", "body", "content")
	}
	if strings.TrimSpace(text) == "" {
		return doc, nil, fmt.Errorf("%w: the %q field is empty", ErrNoText, textKey)
	}
	if looksLikeHTML(text) {
		text = htmlText(text)
	}
	doc.Text = text

	warn := func(format string, args ...any) {
		warnings = append(warnings, name+": "+fmt.Sprintf(format, args...))
	}
	if _, title, err := jsonStringField(fields, jsonTitleFields, " "); err != nil {
		warn("%v; no title", err)
	} else {
		doc.Title = oneLine(title)
	}
	if _, u, err := jsonStringField(fields, jsonURLFields, ""); err != nil {
		warn("%v; no URL", err)
	} else {
		doc.URL = strings.TrimSpace(u)
	}
	if key, id := jsonScalarField(fields, jsonIDFields); key != "" {
		doc.ExternalID = oneLine(id)
	}
	if key, d := jsonScalarField(fields, jsonDateFields); key != "" {
		t, ok := parseDate(d)
		if !ok {
			t, ok = parseNumberDate(d)
		}
		if ok {
			doc.Published = t
		} else {
			warn("cannot read the date %q in field %q; using the default date", d, key)
		}
	}
	return doc, warnings, nil
}

// jsonStringField returns the first of keys present in fields (and not
// null) with its value: a string, or a list of strings joined by sep.
func jsonStringField(fields map[string]json.RawMessage, keys []string, sep string) (key, value string, err error) {
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return k, s, nil
		}
		var list []string
		if sep != "" && json.Unmarshal(raw, &list) == nil {
			return k, strings.Join(list, sep), nil
		}
		var v any
		_ = json.Unmarshal(raw, &v)
		return "", "", fmt.Errorf("the %q field is %s, want a string", k, jsonKind(v))
	}
	return "", "", nil
}

// jsonScalarField returns the first of keys present in fields as a string
// or number, as text.
func jsonScalarField(fields map[string]json.RawMessage, keys []string) (key, value string) {
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			if strings.TrimSpace(s) == "" {
				continue
			}
			return k, s
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return k, n.String()
		}
	}
	return "", ""
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "invalid"
}

// jsonErrorText is a JSON error without Go's type names.
func jsonErrorText(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON input"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonErrorOffset is the position of a decoding error in the data.
func jsonErrorOffset(err error, start int64) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 {
		return se.Offset - 1
	}
	return start
}

// looksLikeHTML reports whether a text field holds HTML markup.
func looksLikeHTML(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "</p>") || strings.Contains(l, "<p>") || strings.Contains(l, "<br") ||
		strings.Contains(l, "</div>") || strings.Contains(l, "<p ")
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
			continue
		}
		break
	}
	return off
}

func skipSpaceComma(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
			continue
		}
		break
	}
	return off
}

// hasMoreJSON reports whether data holds more than white space.
func hasMoreJSON(data []byte) bool { return len(bytes.TrimSpace(data)) > 0 }

// lineCounter turns byte offsets, asked for in increasing order, into line numbers.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (c *lineCounter) at(off int64) int {
	if c.line == 0 {
		c.line = 1
	}
	off = min(max(off, 0), int64(len(c.data)))
	if off < c.off {
		return c.line
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}
