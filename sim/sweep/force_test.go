package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim/output"
)

// TestCreateInTemp: a sweep's folder appears only once its first files are
// complete, so a sweep interrupted while starting leaves nothing; a sweep
// being written is locked against another's Force; Force over a finished
// sweep folder gives the same files as a fresh sweep and leaves nothing
// beside them.
func TestCreateInTemp(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "s")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, study(t), Options{Dir: dir, Workers: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted at start: %v, want context.Canceled", err)
	}
	if ents, _ := os.ReadDir(base); len(ents) != 0 {
		t.Fatalf("a sweep interrupted at start left %v", ents)
	}

	var second error
	run(t, dir, Options{Workers: 1, Progress: func(done, _ int) {
		if done == 1 {
			_, second = Run(context.Background(), study(t), Options{Dir: dir, Workers: 1, Force: true})
		}
	}})
	var re *output.RefusedError
	if !errors.As(second, &re) || !strings.Contains(second.Error(), "being written by a running connact") {
		t.Errorf("Force over a sweep being written: %v, want a RefusedError", second)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	run(t, fresh, Options{})
	sameFiles(t, "the sweep another tried to replace", dir, fresh)

	run(t, dir, Options{Force: true})
	sameFiles(t, "Force", dir, fresh)
	if ents, _ := os.ReadDir(base); len(ents) != 1 {
		t.Errorf("Force left %d entries beside the folder, want 1", len(ents))
	}
}

// TestOwnedNames: package output, which decides what --force, resume's
// start-over and the leftover cleaner may remove, knows every file a sweep
// folder holds (it cannot import this package's names, so they are
// written twice; this keeps them in step).
func TestOwnedNames(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{RunsFile, PointsFile, TimeseriesFile, RunTimeseriesFile, ManifestFile, ProgressFile,
		ScenarioFile, MetaFile, DataPackageFile, ManifestFile + ".tmp", ProgressFile + ".tmp", DataPackageFile + ".tmp"} {
		if !output.IsOwned(dir, name) {
			t.Errorf("%s: not a file connact writes, says package output", name)
		}
	}
	if output.IsOwned(dir, "notes.txt") {
		t.Error("notes.txt: owned, says package output")
	}
}
