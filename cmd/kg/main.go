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

// exitError ends kg with a code; an empty message prints nothing more.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }
