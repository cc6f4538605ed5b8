package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/connact/connact/sim/serve"
)

// serveOptions are the flags of one invocation of serve.
type serveOptions struct {
	addr      string
	scenarios string
}

var cmdServe = newCommand(command{
	Name:      "serve",
	UsageLine: "serve [--addr 127.0.0.1:8080] [--scenarios DIR]",
	Short:     "explore scenarios in the browser: change parameters, run, watch the cascade",
	Long: `
Serve starts a local web server for exploring the scenarios under DIR
(./scenarios by default, recursively) in the browser: the page shows the
chosen scenario's key parameters as controls (the --set paths, checked by
the same rules, with the same messages), runs it on demand and streams the
share active at each step while it runs, then the mean and 95% confidence
interval across replicates. For populations up to 2,000 agents it draws
the network and animates the cascade step by step. Earlier runs stay on
the chart, faded, with their parameter differences listed. Each run's CSV
files, its resolved scenario.yaml (connact run on it reproduces the run)
and its charts (SVG and PNG, drawn as connact plot draws them) can be
downloaded.

It listens on 127.0.0.1 only unless --addr says otherwise, and warns on
stderr when the address is not a loopback one: anyone who can reach it can
run scenarios. A request is capped at 20,000 agents, 200 runs (conditions
× replicates) and 5,000 steps, and 2 run at once; a further one is refused
with a message. A run stops when its page or stream closes. Nothing outside
DIR is read and nothing is written to it; finished runs live in a
temporary folder, removed when the server stops (Ctrl-C, exit status
130 as for every command interrupted).`,
}, (*serveOptions).register, runServe)

// register defines serve's flags on fs, into o.
func (o *serveOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (a non-loopback host is reachable from other machines)")
	fs.StringVar(&o.scenarios, "scenarios", "scenarios", "folder of scenario files to explore (read only)")
}

// runServe is serve, with the options f of this invocation: it serves
// until ctx is done (Ctrl-C), then shuts down, cancelling the runs.
func runServe(ctx context.Context, e *env, f *serveOptions, args []string) error {
	if len(args) > 0 {
		return usagef("serve takes no arguments, got %q (the scenarios folder is --scenarios DIR)", args[0])
	}
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return usagef("--addr %q: %v (expected host:port, e.g. 127.0.0.1:8080)", f.addr, err)
	}
	local := serve.IsLoopback(host)
	srv, err := serve.New(serve.Options{Dir: f.scenarios, LoopbackHost: local})
	if err != nil {
		return usagef("--scenarios: %v", err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", f.addr, err)
	}
	if !local {
		fmt.Fprintf(e.stderr, "connact: warning: serving on %s, which is not a loopback address: anyone who can reach it can run scenarios on this machine\n", ln.Addr())
	}
	fmt.Fprintf(e.stdout, "connact explorer: http://%s/ (scenarios from %s; Ctrl-C stops)\n", ln.Addr(), f.scenarios)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		// Runs are the requests': cancelled when the server stops.
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	// Interrupted, as every command is by Ctrl-C: exit status 130, and
	// indeed nothing was written (the runs' folders went with Close).
	return ctx.Err()
}
