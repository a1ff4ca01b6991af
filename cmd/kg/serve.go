package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"kg/web"
)

type serveOpts struct {
	addr      string
	open      bool
	idleClose time.Duration
}

func newServeCmd(g *globals) *cobra.Command {
	o := &serveOpts{}
	cmd := &cobra.Command{
		Use:         "serve [--addr 127.0.0.1:8080] [--open]",
		Annotations: map[string]string{interruptible: "yes"},
		Short:       "Explore the graph in a web browser",
		Long: `serve starts the explorer: a web page with a search box, the network of an
entity's neighbourhood, its events on a timeline, the sentences behind every
fact, Cypher queries and exports, and the JSON API it runs on (/api/...).

It listens on the loopback address unless --addr says otherwise (then it
warns: the explorer has no login). It only reads the store. It opens the
store when a request comes and closes it after --idle-close without one, so
that kg ingest can run while the explorer is idle; a request made while an
ingest holds the store is answered "store busy" at once. Stop it with Ctrl-C.`,
		Example: `  kg serve
  kg serve --db reuters.db --addr 127.0.0.1:9000 --open`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, g, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	cmd.Flags().BoolVar(&o.open, "open", false, "open the explorer in the default web browser")
	cmd.Flags().DurationVar(&o.idleClose, "idle-close", web.DefaultIdleClose, "close the store after this long without a request, so kg ingest can run (negative: keep it open)")
	return cmd
}

func runServe(ctx context.Context, g *globals, o *serveOpts, out, errw io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return fmt.Errorf("--addr %q: want host:port, such as 127.0.0.1:8080", o.addr)
	}
	loopback := isLoopback(host)
	idle := o.idleClose
	if idle == 0 {
		idle = -1 // 0 on the command line means: never close
	}
	srv, err := web.New(web.Options{DB: g.db, Verbose: g.verbose, IdleClose: idle, Loopback: loopback,
		Log: log.New(errw, "kg serve: ", log.LstdFlags)})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another kg serve running? try --addr 127.0.0.1:8081)", o.addr, err)
	}
	if !loopback {
		fmt.Fprintf(errw, "kg: warning: listening on %s, not a loopback address: anyone who can reach this machine can read the whole store (the explorer has no login)\n", ln.Addr())
	}
	url := "http://" + displayAddr(ln.Addr().String(), host)
	fmt.Fprintf(out, "kg: explorer on %s (store %s); Ctrl-C stops it\n", url, g.db)
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if o.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(errw, "kg: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(errw, "kg: stopping the explorer")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		_ = hs.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return srv.Close()
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr is the address to show: a wildcard host is shown as localhost.
func displayAddr(addr, host string) string {
	h, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || net.ParseIP(h).IsUnspecified() {
		h = "localhost"
	}
	return net.JoinHostPort(h, port)
}

func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
