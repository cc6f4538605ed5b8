package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// startConnact starts bin with args in a new process, its stderr kept.
func startConnact(t *testing.T, bin string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// waitExit waits up to limit for cmd to exit and returns its exit status
// and how long it took; a process still running at the limit is killed
// and the test fails.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), time.Since(start)
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%q still running after %v", cmd.Args, limit)
		return 0, 0
	}
}

// noOutput fails when the folder base holds anything: an interrupted or
// refused command writes nothing, not even a temporary folder.
func noOutput(t *testing.T, base string) {
	t.Helper()
	ents, _ := os.ReadDir(base)
	for _, e := range ents {
		t.Errorf("left %s in %s", e.Name(), base)
	}
}

// TestSpecialFiles: a scenario or network file that is not a regular file
// — a named pipe with no writer (which blocked open(2), and with it
// Ctrl-C, for ever), a character device (/dev/zero was read until the size
// limit), a folder, a socket — is refused at once, in a real process, with
// exit status 2 and a message naming the file and what it is.
func TestSpecialFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildConnact(t)
	special := t.TempDir()
	fifo := filepath.Join(special, "scenario.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(special, "scenario.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	edges := "testdata/edgelists/scenario.yaml"
	for _, tc := range []struct {
		name string
		args []string
		want string // regexp on stderr
	}{
		{"FIFO as the scenario (run)", []string{"run", fifo}, `^connact: ` + regexp.QuoteMeta(fifo) + `: is a named pipe \(FIFO\), not a scenario file$`},
		{"FIFO as the scenario (validate)", []string{"validate", fifo}, regexp.QuoteMeta(fifo) + `: is a named pipe \(FIFO\), not a scenario file$`},
		{"FIFO as the scenario (sweep)", []string{"sweep", fifo}, regexp.QuoteMeta(fifo) + `: is a named pipe \(FIFO\), not a scenario file$`},
		{"/dev/zero as the scenario", []string{"run", "/dev/zero"}, `^connact: /dev/zero: is a character device, not a scenario file$`},
		{"folder as the scenario", []string{"run", special}, regexp.QuoteMeta(special) + `: is a folder, not a scenario file$`},
		{"socket as the scenario", []string{"run", sock}, regexp.QuoteMeta(sock) + `: is a socket, not a scenario file$`},
		{"FIFO as the network file", []string{"run", edges, "--set", "network.file=" + fifo},
			`network\.file: ` + regexp.QuoteMeta(fifo) + ` is a named pipe \(FIFO\), not an edge-list file$`},
		{"/dev/zero as the network file", []string{"run", edges, "--set", "network.file=/dev/zero"},
			`network\.file: /dev/zero is a character device, not an edge-list file$`},
		{"folder as the network file", []string{"run", edges, "--set", "network.file=" + special},
			`network\.file: ` + regexp.QuoteMeta(special) + ` is a folder, not an edge-list file$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			args := append(tc.args, "--out", filepath.Join(base, "out"))
			if tc.args[0] == "validate" {
				args = tc.args
			}
			cmd, stderr := startConnact(t, bin, args...)
			code, took := waitExit(t, cmd, 5*time.Second)
			got := strings.TrimSpace(stderr.String())
			if code != 2 || !regexp.MustCompile(tc.want).MatchString(got) {
				t.Errorf("exit %d after %v, stderr %q; want 2 and %q", code, took, got, tc.want)
			}
			noOutput(t, base)
		})
	}
}

// TestInterruptRealProcess: SIGINT stops a real connact process promptly
// (exit 130, within a second on an idle machine; 5 s is allowed for a
// loaded one) wherever it is, and nothing is written: during the steps of
// one long run (a minute to its end), while a run of many steps writes its
// rows or draws its charts, while a big network is generated for a run,
// and while a big edge list is read. Each case prints the time it
// measured.
func TestInterruptRealProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts long runs")
	}
	bin := buildConnact(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Steps of 3·10^5 agents: a minute in the model's steps.
	wide := write("wide.yaml", `name: wide
steps: 20000
replicates: 1
population: {size: 300000}
network: {model: gnm, mean_degree: 8}
frames:
  - {name: f, seeds: 300, share: 0.3, width: 0.5}
`)
	// 4·10^5 quick steps: seconds of steps, then seconds of rows to write
	// and charts to draw.
	long := write("long.yaml", `name: long
steps: 400000
replicates: 1
population: {size: 3000}
network: {model: gnm, mean_degree: 8}
frames:
  - {name: f, seeds: 30, share: 0.3, width: 0.5}
`)
	bigNet := write("bignet.yaml", `name: bignet
steps: 1000
replicates: 1
population: {size: 4000000}
network: {model: gnm, mean_degree: 10}
frames:
  - {name: f, seeds: 30, share: 0.3, width: 0.5}
`)
	var el strings.Builder
	for i := range 2_000_000 {
		fmt.Fprintf(&el, "%d,%d\n", i*7919%1_000_003, i*104729%1_000_003)
	}
	write("big.csv", el.String())
	bigEdges := write("bigedges.yaml", `name: bigedges
steps: 10
replicates: 1
network: {model: file, file: big.csv}
frames:
  - {name: f, seeds: 30}
`)
	for _, tc := range []struct {
		name  string
		args  []string
		after time.Duration // SIGINT this long after the start
	}{
		{"one long run, in its steps", []string{"run", wide, "--workers", "1"}, 1500 * time.Millisecond},
		{"one long run, 2 workers on it", []string{"run", wide, "--workers", "2"}, 1500 * time.Millisecond},
		{"a run of many steps, at 2 s", []string{"run", long, "--workers", "1"}, 2 * time.Second},
		{"a run of many steps, at 6 s", []string{"run", long, "--workers", "1"}, 6 * time.Second},
		{"a run of many steps, at 9 s", []string{"run", long, "--workers", "1"}, 9 * time.Second},
		{"a run generating a big network", []string{"run", bigNet, "--workers", "2"}, 700 * time.Millisecond},
		{"reading a big edge list (run)", []string{"run", bigEdges}, 300 * time.Millisecond},
		{"reading a big edge list (validate)", []string{"validate", bigEdges}, 300 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			args := tc.args
			if args[0] != "validate" {
				args = append(args, "--out", filepath.Join(base, "out"))
			}
			cmd, stderr := startConnact(t, bin, args...)
			time.Sleep(tc.after)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatalf("the command ended before SIGINT: %v (%s)", err, stderr)
			}
			code, took := waitExit(t, cmd, 5*time.Second)
			t.Logf("exit %d %v after SIGINT", code, took)
			if code != 130 || !strings.Contains(stderr.String(), "connact: interrupted; nothing was written") {
				t.Errorf("exit %d, stderr %q; want 130 and the interruption", code, stderr)
			}
			noOutput(t, base)
		})
	}
}

// crashCommands are commands that panic, registered by TestCrash only:
// in the command's own goroutine, in a worker goroutine of
// runner.OrderedParallel (as a run or a sweep writer would), in a fan-out of
// the loading goroutine, and with values that look like a user's mistake
// or an interruption.
var crashCommands = []*command{
	crashCommand("crash-main", func(ctx context.Context) error {
		var m map[string]int
		m["x"]++ // assignment to entry in nil map
		return nil
	}),
	crashCommand("crash-worker", func(ctx context.Context) error {
		return runner.OrderedParallel(ctx, 8, 2, func(i int) (int, error) {
			if i == 5 {
				var s []int
				return s[i], nil // index out of range
			}
			return i, nil
		}, func(int, int) error { return nil })
	}),
	crashCommand("crash-loading", func(ctx context.Context) error {
		_, err := interruptible(ctx, func() (*scenario.Loaded, error) { panic("loading broke") })
		return err
	}),
	crashCommand("crash-usage", func(ctx context.Context) error {
		panic(usagef("looks like a user's mistake"))
	}),
	crashCommand("crash-canceled", func(ctx context.Context) error {
		panic(context.Canceled)
	}),
}

// crashCommand is a command without flags or arguments that runs f.
func crashCommand(name string, f func(ctx context.Context) error) *command {
	return newCommand(command{Name: name}, nil, func(ctx context.Context, _ *env, _ *noOptions, _ []string) error { return f(ctx) })
}

// TestCrash: a panic anywhere in a command is a crash, exit status 3 —
// never 2, the status of a user's mistake (and of an unrecovered Go
// panic), nor 130 — reported with the panic, its stack and a line asking
// for a bug report.
func TestCrash(t *testing.T) {
	saved := commands
	commands = append(append([]*command{}, commands...), crashCommands...)
	t.Cleanup(func() { commands = saved })
	hint := "connact: this is a bug in connact " + sim.Version + ", not a mistake in the input; " + crashHint
	for _, tc := range []struct{ cmd, panic, frame string }{
		{"crash-main", "assignment to entry in nil map", "signals_test.go"},
		{"crash-worker", "index out of range [5] with length 0", "signals_test.go"},
		{"crash-loading", "loading broke", "signals_test.go"},
		{"crash-usage", "looks like a user's mistake", "signals_test.go"},
		{"crash-canceled", "context canceled", "signals_test.go"},
	} {
		_, stderr, code := connact(t, tc.cmd)
		if code != 3 {
			t.Errorf("%s: exit %d, want 3\n%s", tc.cmd, code, stderr)
		}
		if !strings.HasPrefix(stderr, "connact: panic: ") || !strings.Contains(stderr, tc.panic) {
			t.Errorf("%s: stderr does not start with the panic %q:\n%s", tc.cmd, tc.panic, stderr)
		}
		if !strings.Contains(stderr, "goroutine ") || !strings.Contains(stderr, tc.frame) {
			t.Errorf("%s: stderr has no stack through %s:\n%s", tc.cmd, tc.frame, stderr)
		}
		if lines := strings.Split(strings.TrimSpace(stderr), "\n"); lines[len(lines)-1] != hint {
			t.Errorf("%s: last line %q, want %q", tc.cmd, lines[len(lines)-1], hint)
		}
		if strings.Contains(stderr, "interrupted") {
			t.Errorf("%s: a crash reported as an interruption:\n%s", tc.cmd, stderr)
		}
	}
}
