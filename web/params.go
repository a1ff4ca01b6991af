package web

import (
	"encoding/json"
	"fmt"
	"mime"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"kg/graph"
)

// Query parameters. Each reader marks its parameter as known; after the
// handler ran, any other parameter is refused, so that a misspelt filter
// never silently does nothing.

func (q *request) str(name string, maxLen int) (string, error) {
	q.params[name] = true
	vs := q.URL.Query()[name]
	switch {
	case len(vs) == 0:
		return "", nil
	case len(vs) > 1:
		return "", badRequest("parameter %q is given %d times; give it once", name, len(vs))
	case len(vs[0]) > maxLen:
		return "", badRequest("parameter %q is %d bytes long; the most is %d", name, len(vs[0]), maxLen)
	}
	return strings.TrimSpace(vs[0]), nil
}

func (q *request) integer(name string, def, lo, hi int) (int, error) {
	s, err := q.str(name, 20)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("parameter %q is %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

func (q *request) boolean(name string, def bool) (bool, error) {
	s, err := q.str(name, 10)
	if err != nil || s == "" {
		return def, err
	}
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, badRequest("parameter %q is %q: want true or false", name, s)
}

var datePattern = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

func (q *request) date(name string) (string, error) {
	s, err := q.str(name, 10)
	if err != nil || s == "" {
		return "", err
	}
	if !datePattern.MatchString(s) {
		return "", badRequest("parameter %q is %q: want a date YYYY, YYYY-MM or YYYY-MM-DD", name, s)
	}
	return s, nil
}

// window reads from and to.
func (q *request) window() (from, to string, err error) {
	if from, err = q.date("from"); err != nil {
		return
	}
	if to, err = q.date("to"); err != nil {
		return
	}
	if from != "" && to != "" && from > to && !strings.HasPrefix(from, to) {
		err = badRequest("the date window is empty: from %s is after to %s", from, to)
	}
	return
}

// pathID reads an id from the URL path.
func (q *request) pathID(what string) (string, error) {
	id := q.PathValue("id")
	if !graph.IsID(id) {
		return "", badRequest("%q is not a %s id: want 16 hexadecimal digits", id, what)
	}
	return id, nil
}

func (q *request) id(name string, required bool) (string, error) {
	s, err := q.str(name, 64)
	if err != nil {
		return "", err
	}
	if s == "" {
		if required {
			return "", badRequest("parameter %q is missing", name)
		}
		return "", nil
	}
	if !graph.IsID(s) {
		return "", badRequest("parameter %q is %q: want an id of 16 hexadecimal digits", name, s)
	}
	return s, nil
}

// kinds reads a comma-separated list of node kinds (entity kinds and
// "event"); nil when absent.
func (q *request) kinds(name string, allowEvent bool) (map[graph.Kind]bool, error) {
	s, err := q.str(name, 200)
	if err != nil || s == "" {
		return nil, err
	}
	out := map[graph.Kind]bool{}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if allowEvent && p == "event" {
			out[graph.EventKind] = true
			continue
		}
		k, ok := graph.ParseEntityKind(p)
		if !ok {
			want := "person, organization, place"
			if allowEvent {
				want += ", event"
			}
			return nil, badRequest("parameter %q: unknown type %q; want some of %s", name, p, want)
		}
		out[k] = true
	}
	return out, nil
}

func (q *request) unknownParams() error {
	var bad []string
	for k := range q.URL.Query() {
		if !q.params[k] {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	known := make([]string, 0, len(q.params))
	for k := range q.params {
		known = append(known, k)
	}
	sort.Strings(known)
	takes := "no parameters"
	if len(known) > 0 {
		takes = strings.Join(known, ", ")
	}
	return badRequest("unknown parameter %s; %s takes %s", strings.Join(bad, ", "), q.URL.Path, takes)
}

// decodeBody reads a JSON request body into v, refusing other content
// types, unknown fields and trailing data.
func (q *request) decodeBody(v any) error {
	ct := q.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return &apiError{status: 415, code: "unsupported_media_type", msg: fmt.Sprintf("send the request body as application/json (got %q)", ct)}
	}
	dec := json.NewDecoder(q.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if strings.Contains(err.Error(), "http: request body too large") {
			return &apiError{status: 413, code: "too_large", msg: fmt.Sprintf("the request body is over %d bytes", maxBody)}
		}
		return badRequest("malformed JSON body: %v", err)
	}
	if dec.More() {
		return badRequest("malformed JSON body: more than one JSON value")
	}
	return nil
}
