// Package web is `kg serve`: a JSON API over a kg store and the explorer UI
// (a single page with its scripts and styles embedded with go:embed, the
// Cytoscape.js graph library vendored under static/vendor). Every asset is
// served by kg itself: the page makes no request to another host.
//
// The server only reads. It opens the store read-only when a request comes
// and closes it again after a short idle time (Options.IdleClose), so that
// `kg ingest`, which needs the store for itself, can run while the explorer
// is open and idle; a request that comes while an ingest holds the store is
// answered at once with 503 and "store_busy", never left waiting.
//
// Everything that comes from articles is sent as JSON and put on the page
// as text (textContent), never as markup; responses carry a strict
// Content-Security-Policy (no inline scripts, nothing from other origins).
// Requests are bounded (URL, body, parameters, concurrent work, query time)
// and refused with a JSON error that says what was wrong.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"kg/store"
)

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// DB is the store directory.
	DB string
	// Verbose lets the store log to stderr.
	Verbose bool
	// IdleClose closes the store after this long without a request, so that
	// a writer (kg ingest) can take it; 0 means DefaultIdleClose, a
	// negative value keeps the store open until Close.
	IdleClose time.Duration
	// QueryTimeout bounds a Cypher query (0: DefaultQueryTimeout).
	QueryTimeout time.Duration
	// Loopback restricts the Host header to loopback names (localhost,
	// 127.0.0.1, [::1]), which defeats DNS rebinding: set it when the
	// server listens on a loopback address.
	Loopback bool
	// MaxConcurrent bounds the API requests worked on at once (0: 4).
	MaxConcurrent int
	// Log receives one line per failed request; nil discards.
	Log *log.Logger
}

// Defaults.
const (
	DefaultIdleClose    = 2 * time.Second
	DefaultQueryTimeout = 10 * time.Second
	maxURL              = 8 << 10
	maxBody             = 64 << 10
)

// ContentSecurityPolicy is sent with every response: scripts, styles and
// data only from kg itself, no inline script or style, no plugins, no
// framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Server serves the API and the UI.
type Server struct {
	opts  Options
	store *storeHandle
	sem   chan struct{}
	mux   *http.ServeMux
}

// New returns a server over the store in opts.DB. It opens the store once
// to check that it is there and readable.
func New(opts Options) (*Server, error) {
	if opts.IdleClose == 0 {
		opts.IdleClose = DefaultIdleClose
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = DefaultQueryTimeout
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 4
	}
	s := &Server{opts: opts, store: &storeHandle{dir: opts.DB, verbose: opts.Verbose, idle: opts.IdleClose},
		sem: make(chan struct{}, opts.MaxConcurrent)}
	_, release, err := s.store.acquire()
	if err != nil {
		return nil, err
	}
	release()
	s.routes()
	return s, nil
}

// Close closes the store; requests after it fail.
func (s *Server) Close() error { return s.store.close() }

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.guard(s.mux) }

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	files := http.FileServerFS(static)
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(files)))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery) > 0 {
			writeError(w, http.StatusBadRequest, "bad_request", "the page takes no query parameters")
			return
		}
		b, err := staticFS.ReadFile("static/index.html")
		if err != nil {
			writeError(w, http.StatusInternalServerError, "internal", err.Error())
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(b)
	})
	m.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	api := func(pattern string, h apiFunc) {
		m.Handle(pattern, s.api(h))
		method, path, _ := strings.Cut(pattern, " ")
		m.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s takes %s requests, not %s", r.URL.Path, method, r.Method))
		})
	}
	api("GET /api/stats", s.handleStats)
	api("GET /api/search", s.handleSearch)
	api("GET /api/entity/{id}", s.handleEntity)
	api("GET /api/event/{id}", s.handleEvent)
	api("GET /api/neighbors/{id}", s.handleNeighbors)
	api("GET /api/edge", s.handleEdge)
	api("GET /api/events", s.handleEvents)
	api("GET /api/path", s.handlePath)
	api("GET /api/document/{id}", s.handleDocument)
	api("POST /api/query", s.handleQuery)
	api("POST /api/export", s.handleExport)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no API endpoint %s %s; see the README's kg serve section", r.Method, r.URL.Path))
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("nothing at %s", r.URL.Path))
	})
	s.mux = m
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "vendor/") {
			w.Header().Set("Cache-Control", "public, max-age=86400")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		h.ServeHTTP(w, r)
	})
}

// guard sets the security headers and refuses requests that are too big,
// aimed at another host, or sent cross-origin.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if len(r.RequestURI) > maxURL {
			writeError(w, http.StatusRequestURITooLong, "uri_too_long", fmt.Sprintf("the request URL is %d bytes; the most is %d", len(r.RequestURI), maxURL))
			return
		}
		if s.opts.Loopback && !loopbackHost(r.Host) {
			writeError(w, http.StatusMisdirectedRequest, "bad_host",
				fmt.Sprintf("host %q is not this server's: it answers on localhost only (start kg serve with --addr to listen elsewhere)", r.Host))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
				writeError(w, http.StatusForbidden, "cross_origin", "requests from another origin are refused")
				return
			}
			if sf := r.Header.Get("Sec-Fetch-Site"); sf != "" && sf != "same-origin" && sf != "none" {
				writeError(w, http.StatusForbidden, "cross_origin", "requests from another site are refused")
				return
			}
		}
		if r.ContentLength > maxBody {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is %d bytes; the most is %d", r.ContentLength, maxBody))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func sameOrigin(origin, host string) bool {
	for _, scheme := range []string{"http://", "https://"} {
		if strings.HasPrefix(origin, scheme) {
			return strings.EqualFold(strings.TrimPrefix(origin, scheme), host)
		}
	}
	return false
}

// apiError is an error with an HTTP status and a short code for the UI.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &apiError{status: http.StatusBadRequest, code: "bad_request", msg: fmt.Sprintf(format, a...)}
}

func notFound(format string, a ...any) error {
	return &apiError{status: http.StatusNotFound, code: "not_found", msg: fmt.Sprintf(format, a...)}
}

// request is what an API handler gets: the HTTP request, a snapshot of the
// store, and the query parameters it has read (to refuse unknown ones).
type request struct {
	*http.Request
	ctx    context.Context
	r      *store.Reader
	st     *store.Store
	params map[string]bool
}

type apiFunc func(q *request) (any, error)

// api wraps a handler: it bounds concurrency, opens a store snapshot,
// checks that only known parameters were given, and writes the result or
// the error as JSON.
func (s *Server) api(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		wait := time.NewTimer(10 * time.Second)
		select {
		case s.sem <- struct{}{}:
			wait.Stop()
		case <-wait.C:
			writeError(w, http.StatusServiceUnavailable, "busy", "the server is busy with other requests; try again")
			return
		case <-ctx.Done():
			wait.Stop()
			return
		}
		defer func() { <-s.sem }()
		if err := r.ParseForm(); err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", "malformed query string: "+err.Error())
			return
		}
		st, release, err := s.store.acquire()
		if err != nil {
			if errors.Is(err, store.ErrInUse) {
				w.Header().Set("Retry-After", "5")
				writeError(w, http.StatusServiceUnavailable, "store_busy",
					"the store is being written by another kg process (kg ingest); the explorer reads it again when that finishes: "+err.Error())
				return
			}
			writeError(w, http.StatusInternalServerError, "store", err.Error())
			return
		}
		defer release()
		rd := st.Reader()
		defer rd.Close()
		q := &request{Request: r, ctx: ctx, r: rd, st: st, params: map[string]bool{}}
		v, err := h(q)
		if err == nil {
			err = q.unknownParams()
		}
		if err != nil {
			var ae *apiError
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &ae):
				writeError(w, ae.status, ae.code, ae.msg)
			case errors.As(err, &mbe):
				writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is over %d bytes", maxBody))
			case errors.Is(err, store.ErrNotFound):
				writeError(w, http.StatusNotFound, "not_found", err.Error())
			case errors.Is(err, context.Canceled):
				return
			default:
				if s.opts.Log != nil {
					s.opts.Log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
				}
				writeError(w, http.StatusInternalServerError, "internal", err.Error())
			}
			return
		}
		switch b := v.(type) {
		case *download:
			w.Header().Set("Content-Type", b.contentType)
			w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", b.name))
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(b.body)
		default:
			writeJSON(w, http.StatusOK, v)
		}
	})
}

// download is a handler result sent as a file.
type download struct {
	name, contentType string
	body              []byte
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(map[string]any{"error": "encode response: " + err.Error(), "code": "internal", "status": status})
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
	_, _ = w.Write([]byte("\n"))
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": msg, "code": code, "status": status})
}

// storeHandle opens the store read-only on demand and closes it when it
// has been idle for a while, so that a writer can take it in between.
type storeHandle struct {
	dir     string
	verbose bool
	idle    time.Duration

	mu     sync.Mutex
	st     *store.Store
	stats  *store.Stats // counted once per opening of the store
	users  int
	gen    int // bumped on every release, so an old idle timer does nothing
	closed bool
}

var errClosed = errors.New("the server is shutting down")

func (h *storeHandle) acquire() (*store.Store, func(), error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, errClosed
	}
	if h.st == nil {
		st, err := store.Open(h.dir, store.Options{ReadOnly: true, Verbose: h.verbose})
		if err != nil {
			return nil, nil, err
		}
		h.st = st
		h.stats = nil
	}
	h.users++
	h.gen++
	st := h.st
	var once sync.Once
	return st, func() { once.Do(h.release) }, nil
}

func (h *storeHandle) release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.users--
	h.gen++
	if h.users > 0 || h.idle < 0 {
		return
	}
	gen := h.gen
	time.AfterFunc(h.idle, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.gen == gen && h.users == 0 && h.st != nil {
			_ = h.st.Close()
			h.st = nil
		}
	})
}

// cachedStats returns the counts of the store st, computing them with
// count the first time after each opening.
func (h *storeHandle) cachedStats(st *store.Store, count func() (*store.Stats, error)) (*store.Stats, error) {
	h.mu.Lock()
	if h.st == st && h.stats != nil {
		defer h.mu.Unlock()
		return h.stats, nil
	}
	h.mu.Unlock()
	v, err := count()
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	if h.st == st {
		h.stats = v
	}
	h.mu.Unlock()
	return v, nil
}

// isOpen reports whether the store is open now (for tests).
func (h *storeHandle) isOpen() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.st != nil
}

func (h *storeHandle) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	if h.st == nil {
		return nil
	}
	err := h.st.Close()
	h.st = nil
	return err
}
