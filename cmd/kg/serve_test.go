package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kg/store"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// kg serve answers on the address it prints, refuses other Host names on
// loopback, warns when it listens elsewhere, and stops cleanly when its
// context ends (as on SIGINT).
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, tc := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {"localhost:0", false}} {
		ctx, cancel := context.WithCancel(context.Background())
		var out, errw syncBuffer
		done := make(chan error, 1)
		go func() { done <- runServe(ctx, &globals{db: db}, &serveOpts{addr: tc.addr}, &out, &errw) }()
		re := regexp.MustCompile(`explorer on (http://\S+)`)
		var url string
		for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if m := re.FindStringSubmatch(out.String()); m != nil {
				url = m[1]
			}
			select {
			case err := <-done:
				t.Fatalf("serve %s stopped: %v %s", tc.addr, err, errw.String())
			default:
			}
		}
		if url == "" {
			t.Fatalf("serve %s printed no address: %q", tc.addr, out.String())
		}
		resp, err := http.Get(url + "/api/stats")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"documents":0`) {
			t.Errorf("%s/api/stats: %d %s", url, resp.StatusCode, body)
		}
		req, _ := http.NewRequest("GET", url+"/", nil)
		req.Host = "rebound.example"
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 421 {
			t.Errorf("%s with another Host: status %d, want 421", tc.addr, resp.StatusCode)
		}
		if got := strings.Contains(errw.String(), "warning"); got != tc.warn {
			t.Errorf("%s: warning %v, want %v (%q)", tc.addr, got, tc.warn, errw.String())
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve %s: %v", tc.addr, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("serve %s did not stop", tc.addr)
		}
	}
	if _, _, code := kg(t, db, "", "serve", "--addr", "nonsense"); code == 0 {
		t.Error("serve --addr nonsense succeeded")
	}
}

// Which addresses are loopback (no warning) and how they are shown. The
// test does not listen beyond loopback.
func TestServeAddresses(t *testing.T) {
	for _, tc := range []struct {
		host     string
		loopback bool
	}{{"127.0.0.1", true}, {"127.0.0.2", true}, {"::1", true}, {"localhost", true}, {"", false}, {"0.0.0.0", false}, {"192.0.2.7", false}, {"example.org", false}} {
		if got := isLoopback(tc.host); got != tc.loopback {
			t.Errorf("isLoopback(%q) = %v", tc.host, got)
		}
	}
	if got := displayAddr("[::]:8080", ""); got != "localhost:8080" {
		t.Errorf("displayAddr of a wildcard: %s", got)
	}
	if got := displayAddr("127.0.0.1:8080", "127.0.0.1"); got != "127.0.0.1:8080" {
		t.Errorf("displayAddr: %s", got)
	}
}
