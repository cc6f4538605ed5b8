package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// small makes testdata/sweep.yaml quick for the tests of this file.
var small = []string{"--set", "population.size=200", "--set", "steps=10", "--workers", "2"}

// copyTree copies the files of a folder.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// setManifest changes one field of a folder's manifest.json.
func setManifest(t *testing.T, dir, key string, v any) {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m[key] = v
	b, _ = json.Marshal(m)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMergeDamagedShardsExit2: the tester's damaged shards make connact
// merge exit with status 2 and a message naming the damaged file, and write
// nothing.
func TestMergeDamagedShardsExit2(t *testing.T) {
	base := t.TempDir()
	var shards []string
	for _, s := range []string{"0/2", "1/2"} {
		d := filepath.Join(base, "shard"+s[:1])
		if _, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", d, "--shard", s}, small...)...); code != 0 {
			t.Fatalf("shard %s: %s", s, stderr)
		}
		shards = append(shards, d)
	}
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, d string) // of shard 1's copy
		file   string
		want   string
	}{
		{"truncate -s -10 runs.csv", func(t *testing.T, d string) {
			p := filepath.Join(d, "runs.csv")
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()-10)
		}, "runs.csv", "bytes, but the shard completed with"},
		{"5 rows removed from points.csv", func(t *testing.T, d string) {
			p := filepath.Join(d, "points.csv")
			b, _ := os.ReadFile(p)
			lines := strings.SplitAfter(string(b), "\n")
			os.WriteFile(p, []byte(strings.Join(append(lines[:3], lines[8:]...), "")), 0o644)
		}, "points.csv", "bytes, but the shard completed with"},
		{"shard index 7", func(t *testing.T, d string) { setManifest(t, d, "shard", map[string]int{"index": 7, "count": 2}) }, "manifest.json", "shard index 7 of 2"},
		{"shard index -1", func(t *testing.T, d string) { setManifest(t, d, "shard", map[string]int{"index": -1, "count": 2}) }, "manifest.json", "shard index -1 of 2"},
		{"shard count 0", func(t *testing.T, d string) { setManifest(t, d, "shard", map[string]int{"index": 0, "count": 0}) }, "manifest.json", "shard count 0"},
		{"another version", func(t *testing.T, d string) { setManifest(t, d, "connact_version", "0.0.9") }, "", "written by connact 0.0.9"},
		{"points.csv missing", func(t *testing.T, d string) { os.Remove(filepath.Join(d, "points.csv")) }, "points.csv", "is missing"},
		{"points.csv empty", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, "points.csv"), nil, 0o644) }, "points.csv", "is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			d := filepath.Join(dir, "shard1")
			copyTree(t, shards[1], d)
			tc.damage(t, d)
			out := filepath.Join(dir, "merged")
			_, stderr, code := connact(t, "merge", shards[0], d, "--out", out)
			if code != 2 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, filepath.Join(d, tc.file)) || strings.Contains(stderr, "EOF") {
				t.Errorf("%s: exit %d, %q; want 2 naming %s with %q", tc.name, code, stderr, filepath.Join(d, tc.file), tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s: a refused merge wrote %s", tc.name, out)
			}
		})
	}
}

// TestSweepResumeRefusals: --resume of a folder of another connact version
// or of no sweep exits with status 2 and leaves it alone; --shard
// 0/9223372036854775807 runs the sweep's point 0.
func TestSweepResumeRefusals(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "s")
	if _, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", dir}, small...)...); code != 0 {
		t.Fatal(stderr)
	}
	setManifest(t, dir, "complete", false)
	setManifest(t, dir, "connact_version", "0.0.9")
	_, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", dir, "--resume"}, small...)...)
	if code != 2 || !strings.Contains(stderr, "written by connact 0.0.9") || !strings.Contains(stderr, "--force") {
		t.Errorf("resume of another version: exit %d, %q; want 2 and how to proceed", code, stderr)
	}
	foreign := filepath.Join(base, "mine")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	if _, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", foreign, "--resume"}, small...)...); code != 2 || !strings.Contains(stderr, "notes.txt") {
		t.Errorf("resume of a foreign folder: exit %d, %q", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("a refused resume changed notes.txt: %q %v", b, err)
	}
	stdout, stderr, code := connact(t, append([]string{"sweep", "testdata/sweep.yaml", "--out", filepath.Join(base, "big"), "--shard", "0/9223372036854775807"}, small...)...)
	if code != 0 || !strings.Contains(stdout, "of 1 points × 2 condition(s) × 4 replicate(s) = 8 runs") {
		t.Errorf("--shard 0/MaxInt: exit %d, %s %s", code, stdout, stderr)
	}
}
