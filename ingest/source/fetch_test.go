package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestReadURL(t *testing.T) {
	feed, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	agents := map[string]string{}
	mux := http.NewServeMux()
	serve := func(path, contentType string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents[path] = r.UserAgent()
			mu.Unlock()
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body)
		})
	}
	serve("/feed", "application/rss+xml; charset=utf-8", feed)
	serve("/news/ferry", "text/html; charset=utf-8", article)
	serve("/export", "application/x-ndjson", []byte("{\"text\": \"one\"}\n{\"text\": \"two\"}\n"))
	serve("/data.jsonl", "text/plain", []byte("{\"text\": \"one\"}\n"))
	serve("/notes", "text/plain; charset=iso-8859-1", []byte("Caf\xe9 notes."))
	serve("/unknown", "application/octet-stream", []byte("<rss version=\"2.0\"><channel><item><description>Sniffed.</description></item></channel></rss>"))
	serve("/untyped", "", []byte("Plain words, no type."))
	serve("/big", "text/plain", []byte(strings.Repeat("x", 9000)))
	mux.HandleFunc("/streamed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 10 { // no Content-Length: the limit must still hold
			_, _ = w.Write([]byte(strings.Repeat("y", 1000)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		path    string
		sources []string // "!" marks an error
		url     string   // Doc.URL of the first item
		text    string   // part of the first item's text or error
	}{
		{"/feed", []string{"/feed#1", "/feed#2", "!/feed#3"}, "https://gazette.example.net/2021/05/dam-inspection", "Korin dam"},
		{"/news/ferry", []string{"/news/ferry"}, "/news/ferry", "The harbor council voted on Tuesday"},
		{"/export", []string{"/export:1", "/export:2"}, "", "one"}, // records have their own URLs
		{"/data.jsonl", []string{"/data.jsonl:1"}, "", "one"},
		{"/notes", []string{"/notes"}, "/notes", "Café notes."},
		{"/unknown", []string{"/unknown#1"}, "", "Sniffed."},
		{"/untyped", []string{"/untyped"}, "/untyped", "Plain words"},
		{"/missing", []string{"!/missing"}, "", "download: HTTP 404 Not Found"},
		{"/big", []string{"!/big"}, "", "too large: 8.8 KiB, more than the 8 KiB limit"},
		{"/streamed", []string{"!/streamed"}, "", "too large: more than the 8 KiB limit"},
		{"/slow", []string{"!/slow"}, "", "download timed out"},
	}
	client := &http.Client{Timeout: 300 * time.Millisecond}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			items := readItems(t, []string{srv.URL + tt.path}, Options{HTTPClient: client, MaxBytes: 8192})
			var got []string
			for _, s := range sources(items) {
				got = append(got, strings.Replace(s, srv.URL, "", 1))
			}
			if strings.Join(got, " ") != strings.Join(tt.sources, " ") {
				t.Fatalf("sources %q, want %q (%+v)", got, tt.sources, items)
			}
			first := items[0]
			if first.Err != nil {
				if !strings.Contains(first.Err.Error(), tt.text) {
					t.Errorf("error %q, want %q", first.Err, tt.text)
				}
				return
			}
			if u := strings.Replace(first.Doc.URL, srv.URL, "", 1); u != tt.url {
				t.Errorf("URL %q, want %q", u, tt.url)
			}
			if !strings.Contains(first.Doc.Text, tt.text) {
				t.Errorf("text %q, want %q", first.Doc.Text, tt.text)
			}
		})
	}
	if ua := agents["/feed"]; ua != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", ua, DefaultUserAgent)
	}
	if big := items(t, srv.URL+"/big", Options{HTTPClient: client, MaxBytes: 8192}); !errors.Is(big.Err, ErrTooLarge) {
		t.Errorf("/big: %v is not ErrTooLarge", big.Err)
	}
}

// items reads one path and returns its first item.
func items(t *testing.T, path string, opts Options) Item {
	t.Helper()
	its := readItems(t, []string{path}, opts)
	if len(its) == 0 {
		t.Fatalf("%s: no items", path)
	}
	return its[0]
}

func TestReadURLUserAgentAndBadURL(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		_, _ = w.Write([]byte("Text."))
	}))
	defer srv.Close()
	if it := items(t, srv.URL+"/x.txt", Options{UserAgent: "test-agent/1"}); it.Err != nil || ua != "test-agent/1" {
		t.Errorf("item %+v, User-Agent %q", it, ua)
	}
	if it := items(t, "http://", Options{}); it.Err == nil || !strings.Contains(it.Err.Error(), "bad URL") {
		t.Errorf("http://: %v, want a bad URL error", it.Err)
	}
}

func TestReadURLCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := Read(ctx, []string{srv.URL}, Options{}, func(it Item) error {
		t.Errorf("unexpected item %+v", it)
		return nil
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Read = %v, want context.DeadlineExceeded", err)
	}
}
