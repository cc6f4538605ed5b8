package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestProfile: --profile PREFIX on run and sweep writes a CPU and a heap
// profile (gzip-compressed protocol buffers, as go tool pprof reads them),
// refuses to replace existing ones without --force, and writes none after
// a mistake in the input.
func TestProfile(t *testing.T) {
	base := t.TempDir()
	prefix := filepath.Join(base, "prof")
	profiles := []string{prefix + ".cpu.pprof", prefix + ".mem.pprof"}
	checkProfiles := func(what string) {
		t.Helper()
		for _, p := range profiles {
			b, err := os.ReadFile(p)
			if err != nil || len(b) < 2 || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
				t.Errorf("%s: %s is not a gzip-compressed profile (%d bytes, %v)", what, p, len(b), err)
			}
		}
	}
	// entries lists base, which must hold no temporary file.
	entries := func() []string {
		ents, _ := os.ReadDir(base)
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}

	run1 := filepath.Join(base, "run1")
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", run1, "--profile", prefix); code != 0 {
		t.Fatalf("run --profile: exit %d: %s", code, stderr)
	}
	checkProfiles("run")
	want := []string{"prof.cpu.pprof", "prof.mem.pprof", "run1"}
	if got := entries(); !slices.Equal(got, want) {
		t.Errorf("folder holds %q, want %q", got, want)
	}

	// Existing profiles are refused before anything runs, with exit 2.
	run2 := filepath.Join(base, "run2")
	_, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", run2, "--profile", prefix)
	if code != 2 || !strings.Contains(stderr, prefix+".cpu.pprof already exists") || !strings.Contains(stderr, "--force") {
		t.Errorf("existing profiles: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(run2); !os.IsNotExist(err) {
		t.Error("a refused --profile still ran")
	}
	// --force replaces them (and the run folder).
	old, _ := os.ReadFile(profiles[0])
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--out", run1, "--profile", prefix, "--force"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	checkProfiles("run --force")
	if b, _ := os.ReadFile(profiles[0]); bytes.Equal(b, old) {
		t.Error("--force did not replace the CPU profile")
	}
	// but not a file that is not a profile (TestForceCanary has more).
	os.WriteFile(profiles[0], []byte("mine"), 0o644)
	_, stderr, code = connact(t, "run", "testdata/tiny.yaml", "--out", run1, "--profile", prefix, "--force")
	if b, _ := os.ReadFile(profiles[0]); code != 2 || string(b) != "mine" || !strings.Contains(stderr, "not a profile file connact wrote") {
		t.Errorf("--force over a file that is not a profile: exit %d, %q; file now %q", code, stderr, b)
	}
	os.WriteFile(profiles[0], old, 0o644) // a profile again, for the cases below

	// A mistake in the input writes no profile and no temporary file.
	for _, args := range [][]string{
		{"run", "testdata/negative_size.yaml"},
		{"run", "testdata/tiny.yaml", "--out", run1}, // the run folder exists
		{"sweep", "testdata/tiny.yaml"},              // no sweep section
	} {
		p := filepath.Join(base, "bad")
		_, stderr, code := connact(t, append(args, "--profile", p)...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr)
		}
		if got := entries(); !slices.Equal(got, want) {
			t.Errorf("%q: folder holds %q, want %q", args, got, want)
		}
	}
	if _, stderr, code := connact(t, "run", "testdata/tiny.yaml", "--profile", filepath.Join(base, "no-such-folder", "p")); code != 2 || !strings.Contains(stderr, "--profile") {
		t.Errorf("--profile in a missing folder: exit %d, %q", code, stderr)
	}

	// An interrupted command (exit 130) still writes its profiles.
	iprefix := filepath.Join(base, "interrupted")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errb bytes.Buffer
	err := run(ctx, io.Discard, &errb, []string{"run", "testdata/tiny.yaml", "--out", filepath.Join(base, "never"), "--profile", iprefix})
	if code := exitCode(&errb, err); code != 130 {
		t.Errorf("interrupted: exit %d, %q", code, errb.String())
	}
	profiles = []string{iprefix + ".cpu.pprof", iprefix + ".mem.pprof"}
	checkProfiles("interrupted run")

	// sweep takes the same flag.
	sw := filepath.Join(base, "sweep")
	sprefix := filepath.Join(base, "sweep-prof")
	if _, stderr, code := connact(t, "sweep", "testdata/sweep.yaml", "--out", sw, "--profile", sprefix,
		"--set", "sweep.replicates=1", "--set", "population.size=200", "--set", "steps=10"); code != 0 {
		t.Fatalf("sweep --profile: exit %d: %s", code, stderr)
	}
	profiles = []string{sprefix + ".cpu.pprof", sprefix + ".mem.pprof"}
	checkProfiles("sweep")
}
