package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveScenarios is the explorer's own test folder: small scenarios, and
// one long enough to be stopped half-way.
const serveScenarios = "../../sim/serve/testdata/scenarios"

// syncBuffer is a bytes.Buffer safe for the server's goroutine to write
// while the test reads.
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

// startServe runs connact serve with args (and --addr 127.0.0.1:0 unless
// args give an address) until stop is called, which interrupts it as
// Ctrl-C does and returns its exit code and stderr. It returns the
// server's URL, read from the line serve prints.
func startServe(t *testing.T, args ...string) (base string, stop func() (int, string)) {
	t.Helper()
	if !strings.Contains(strings.Join(args, " "), "--addr") {
		args = append(args, "--addr", "127.0.0.1:0")
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	codec := make(chan int, 1)
	go func() {
		err := run(ctx, pw, stderr, append([]string{"serve"}, args...))
		pw.Close()
		codec <- exitCode(stderr, err)
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		cancel()
		t.Fatalf("connact serve %q printed no address: exit %d: %s", args, <-codec, stderr.String())
	}
	i, j := strings.Index(line, "http://"), strings.Index(line, "/ (")
	if i < 0 || j < i {
		t.Fatalf("connact serve printed %q", line)
	}
	stopped := false
	stop = func() (int, string) {
		if !stopped {
			stopped = true
			cancel()
		}
		select {
		case code := <-codec:
			codec <- code
			return code, stderr.String()
		case <-time.After(10 * time.Second):
			t.Fatal("connact serve did not stop within 10 s of Ctrl-C")
		}
		return 0, ""
	}
	t.Cleanup(func() { stop() })
	return line[i:j], stop
}

// serveExample runs the manual's example of connact serve (args), on a
// free port, and checks that it serves the page and the scenarios of its
// folder, then stops on Ctrl-C.
func serveExample(t *testing.T, args []string) {
	t.Helper()
	base, stop := startServe(t, append(args[1:], "--addr", "127.0.0.1:0")...)
	resp, err := http.Get(base + "/api/scenarios")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "comparison.yaml") {
		t.Errorf("connact %s: GET /api/scenarios = %d %s", strings.Join(args, " "), resp.StatusCode, b)
	}
	if code, stderr := stop(); code != 130 {
		t.Errorf("connact %s: exit %d after Ctrl-C, want 130: %s", strings.Join(args, " "), code, stderr)
	}
}

// runEvents runs scenario name with the overrides set through the server
// at base and returns the data of its done event, failing on a problem.
func runEvents(t *testing.T, base, name string, set ...string) map[string]json.RawMessage {
	t.Helper()
	q := url.Values{"scenario": {name}, "set": set}
	resp, err := http.Get(base + "/api/run?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<24)
	event := ""
	for sc.Scan() {
		l := sc.Text()
		if e, ok := strings.CutPrefix(l, "event: "); ok {
			event = e
		}
		d, ok := strings.CutPrefix(l, "data: ")
		if !ok {
			continue
		}
		switch event {
		case "problem":
			t.Fatalf("run %s %q: %s", name, set, d)
		case "done":
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(d), &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("run %s %q: the stream ended without done", name, set)
	return nil
}

// TestServeYAMLReproduces: connact run on the resolved scenario.yaml that
// the explorer offers for download writes the same CSV files, byte for
// byte, as the explorer's run.
func TestServeYAMLReproduces(t *testing.T) {
	base, _ := startServe(t, "--scenarios", serveScenarios)
	done := runEvents(t, base, "tiny.yaml", "frames[0].width=0.5", "population.size=250", "seed=8")
	id := string(done["id"])
	download := func(f string) []byte {
		resp, err := http.Get(base + "/api/runs/" + id + "/" + f)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", f, resp.StatusCode, b)
		}
		return b
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "downloaded.yaml")
	if err := os.WriteFile(file, download("scenario.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	if _, stderr, code := connact(t, "run", file, "--out", out, "--workers", "2"); code != 0 {
		t.Fatalf("connact run on the downloaded scenario: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"summary.csv", "timeseries.csv", "groups.csv", "aggregate.csv", "summary_aggregate.csv", "scenario.yaml"} {
		want, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(download(f), want) {
			t.Errorf("%s: the explorer's differs from connact run's on its scenario.yaml", f)
		}
	}
}

// TestServeStopsRuns: Ctrl-C stops the server with a run in progress,
// within seconds, with the exit status of an interruption.
func TestServeStopsRuns(t *testing.T) {
	base, stop := startServe(t, "--scenarios", serveScenarios)
	resp, err := http.Get(base + "/api/run?scenario=more/long.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "event: step") {
	}
	start := time.Now()
	if code, stderr := stop(); code != 130 {
		t.Errorf("exit %d, want 130: %s", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v with a run going", d)
	}
}

func TestServeWarnsNonLoopback(t *testing.T) {
	for _, c := range []struct {
		addr string
		warn bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
		{":0", true},
	} {
		_, stop := startServe(t, "--scenarios", serveScenarios, "--addr", c.addr)
		_, stderr := stop()
		if got := strings.Contains(stderr, "warning: serving on"); got != c.warn {
			t.Errorf("--addr %s: warning %v, want %v: %q", c.addr, got, c.warn, stderr)
		}
	}
}

func TestServeUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "scenarios"}, "serve takes no arguments"},
		{[]string{"serve", "--addr", "8080"}, "--addr \"8080\""},
		{[]string{"serve", "--scenarios", filepath.Join(t.TempDir(), "none")}, "--scenarios: scenarios folder"},
		{[]string{"serve", "--scenarios", "serve_test.go"}, "is not a folder"},
	} {
		_, stderr, code := connact(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("connact %s: exit %d %q, want 2 and %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}
