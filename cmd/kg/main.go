// Command kg turns news articles into a knowledge graph and answers
// questions about it. See `kg --help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	restoreSignals = stop
	root := newRootCmd()
	if err := root.ExecuteContext(ctx); err != nil {
		var ee exitError
		if !errors.As(err, &ee) || ee.msg != "" {
			fmt.Fprintln(os.Stderr, "kg:", err)
		}
		code := 1
		if errors.As(err, &ee) {
			code = ee.code
		}
		stop()
		os.Exit(code)
	}
}

// restoreSignals gives SIGINT and SIGTERM their default action back (the
// process ends at once). Commands that stop cleanly on a cancelled context
// say so with the annotation interruptible; the others call it before they
// run, so that Ctrl-C stops a training or an evaluation too.
var restoreSignals func()

// interruptible is the annotation of the commands that watch their context
// and stop cleanly on SIGINT or SIGTERM (an ingest commits its batch).
const interruptible = "interruptible"

// exitError ends kg with a code; an empty message prints nothing more.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }
