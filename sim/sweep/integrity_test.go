package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connact/connact/sim"
)

// reference runs testdata/small.yaml's whole sweep and its two shards
// under base.
func reference(t testing.TB, base string) (whole string, shards []string) {
	t.Helper()
	whole = filepath.Join(base, "whole")
	if _, err := Run(context.Background(), study(t), Options{Dir: whole, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		d := filepath.Join(base, "shard-"+string(rune('0'+i)))
		if _, err := Run(context.Background(), study(t), Options{Dir: d, Workers: 2, Shard: Shard{i, 2}}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, d)
	}
	return whole, shards
}

// copyShards copies shards under base.
func copyShards(t testing.TB, shards []string, base string) []string {
	t.Helper()
	var out []string
	for _, s := range shards {
		d := filepath.Join(base, filepath.Base(s))
		copyDir(t, s, d)
		out = append(out, d)
	}
	return out
}

// editManifest rewrites dir's manifest.json after edit changed its fields.
func editManifest(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func shardOf(index, count int) func(map[string]any) {
	return func(m map[string]any) { m["shard"] = map[string]any{"index": index, "count": count} }
}

// editFile rewrites a file of dir.
func editFile(t *testing.T, dir, name string, edit func([]byte) []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edit(b), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dropLines removes n lines after the header.
func dropLines(n int) func([]byte) []byte {
	return func(b []byte) []byte {
		lines := strings.SplitAfter(string(b), "\n")
		return []byte(strings.Join(append(lines[:1], lines[1+n:]...), ""))
	}
}

// TestMergeRefusesDamage: a merge of shards whose manifest or files are
// damaged is a MergeError naming the file, and writes nothing; the tester's
// cases of issue 12 first.
func TestMergeRefusesDamage(t *testing.T) {
	whole, ref := reference(t, t.TempDir())
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, shards []string)
		file   string // in shard 1, named by the error
		want   string
	}{
		{"runs.csv truncated by 10 bytes", func(t *testing.T, s []string) {
			editFile(t, s[1], RunsFile, func(b []byte) []byte { return b[:len(b)-10] })
		}, RunsFile, "bytes, but the shard completed with"},
		{"5 rows removed from points.csv", func(t *testing.T, s []string) { editFile(t, s[1], PointsFile, dropLines(5)) }, PointsFile, "bytes, but the shard completed with"},
		{"a digit changed in point_timeseries.csv", func(t *testing.T, s []string) {
			editFile(t, s[1], TimeseriesFile, func(b []byte) []byte {
				i := strings.LastIndexAny(string(b), "12345678")
				b[i] = '9'
				return b
			})
		}, TimeseriesFile, "does not match its SHA-256"},
		{"a comma made a newline in runs.csv", func(t *testing.T, s []string) {
			editFile(t, s[1], RunsFile, func(b []byte) []byte {
				b[strings.LastIndexByte(string(b), ',')] = '\n'
				return b
			})
		}, RunsFile, "rows, but the shard completed with"},
		{"points.csv missing", func(t *testing.T, s []string) { os.Remove(filepath.Join(s[1], PointsFile)) }, PointsFile, "is missing"},
		{"points.csv empty", func(t *testing.T, s []string) {
			editFile(t, s[1], PointsFile, func([]byte) []byte { return nil })
		}, PointsFile, "is empty"},
		{"shard index 7", func(t *testing.T, s []string) { editManifest(t, s[1], shardOf(7, 2)) }, ManifestFile, "gives shard index 7 of 2; it must be in 0..1"},
		{"shard index -1", func(t *testing.T, s []string) { editManifest(t, s[1], shardOf(-1, 2)) }, ManifestFile, "gives shard index -1 of 2"},
		{"shard count 0", func(t *testing.T, s []string) { editManifest(t, s[1], shardOf(0, 0)) }, ManifestFile, "gives shard count 0; it must be at least 1"},
		{"shard count -5", func(t *testing.T, s []string) { editManifest(t, s[1], shardOf(0, -5)) }, ManifestFile, "gives shard count -5"},
		{"shard count MaxInt", func(t *testing.T, s []string) { editManifest(t, s[1], shardOf(1, math.MaxInt)) }, ManifestFile, "does not add up"},
		{"every shard of count MaxInt", func(t *testing.T, s []string) {
			for i, d := range s {
				editManifest(t, d, func(m map[string]any) {
					shardOf(i, math.MaxInt)(m)
					m["shard_points"], m["shard_runs"] = 1, 6
				})
			}
		}, "", "missing shard(s) 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 9223372036854775795 more of 9223372036854775807"},
		{"points beyond int", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { m["points"], m["runs"] = math.MaxInt/2, math.MaxInt })
		}, ManifestFile, "more runs than connact can count"},
		{"points that do not add up", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { m["points"], m["runs"] = 1000, 6000 })
		}, ManifestFile, "gives shard 1/2 3 points and 18 runs, but it has 500 points and 3000 runs"},
		{"another connact version", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { m["connact_version"] = "0.0.9" })
		}, "", "was written by connact 0.0.9, but"},
		{"another sweep's replicates", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { m["replicates"], m["runs"], m["shard_runs"] = 1, 12, 6 })
		}, ManifestFile, "describes another sweep"},
		{"a manifest from before checksums", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { delete(m, "files") })
		}, ManifestFile, "records no sizes or checksums of its files"},
		{"a manifest without runs.csv's sum", func(t *testing.T, s []string) {
			editManifest(t, s[1], func(m map[string]any) { delete(m["files"].(map[string]any), RunsFile) })
		}, ManifestFile, "records no checksum of runs.csv"},
		{"a manifest that is not JSON", func(t *testing.T, s []string) {
			editFile(t, s[1], ManifestFile, func(b []byte) []byte { return b[:len(b)/2] })
		}, "", "is not a sweep folder"},
		{"a manifest of no sweep", func(t *testing.T, s []string) {
			editFile(t, s[1], ManifestFile, func([]byte) []byte { return []byte("{}") })
		}, ManifestFile, "no connact_version or scenario_hash"},
		{"scenario.yaml missing", func(t *testing.T, s []string) { os.Remove(filepath.Join(s[1], ScenarioFile)) }, ScenarioFile, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			shards := copyShards(t, ref, base)
			tc.damage(t, shards)
			out := filepath.Join(base, "merged")
			_, err := Merge(shards, out, false, nil)
			var me *MergeError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%s: merge gave %v, want a MergeError with %q", tc.name, err, tc.want)
			}
			if tc.file != "" && !strings.Contains(err.Error(), filepath.Join(shards[1], tc.file)) {
				t.Errorf("%s: %v does not name %s", tc.name, err, filepath.Join(shards[1], tc.file))
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s: a refused merge wrote %s", tc.name, out)
			}
			if ents, _ := os.ReadDir(base); len(ents) != len(shards) {
				t.Errorf("%s: a refused merge left %d entries beside the shards", tc.name, len(ents)-len(shards))
			}
		})
	}
	// Undamaged, the copies merge into the whole sweep, manifest and all.
	base := t.TempDir()
	out := filepath.Join(base, "merged")
	if _, err := Merge(copyShards(t, ref, base), out, false, nil); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "merged copies", whole, out)
}

// TestResumeFromAnyKillPoint: a retry with --resume continues what a kill
// at any moment leaves, even before the first checkpoint or on a full
// disk, and ends byte-identical to an uninterrupted sweep; a folder with
// anything connact did not write is refused and left as it was.
func TestResumeFromAnyKillPoint(t *testing.T) {
	whole, _ := reference(t, t.TempDir())
	resolved := study(t).Loaded.Resolved()
	// stopped is a sweep stopped after 7 runs, with its checkpoint.
	stopped := func(t *testing.T, dir string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := Run(ctx, study(t), Options{Dir: dir, Workers: 1, Progress: func(done, _ int) {
			if done == 7 {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopping the sweep: %v", err)
		}
	}
	write := func(t *testing.T, dir, name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		make    func(t *testing.T, dir string)
		note    string // "" when the resume says nothing
		refused string // the ResumeError, if refused
		kept    string // a file that must be left as it was
	}{
		{"an empty folder", func(t *testing.T, dir string) { os.Mkdir(dir, 0o755) }, "", "", ""},
		{"killed after scenario.yaml", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			write(t, dir, ScenarioFile, resolved)
		}, "", "", ""},
		{"disk full in scenario.yaml", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			write(t, dir, ScenarioFile, resolved[:len(resolved)/3])
			write(t, dir, ManifestFile+".tmp", []byte(`{"connact_ver`))
		}, "", "", ""},
		{"killed before the first checkpoint", func(t *testing.T, dir string) {
			stopped(t, dir)
			os.Remove(filepath.Join(dir, ProgressFile))
		}, "no usable checkpoint", "", ""},
		{"disk full: empty progress.json", func(t *testing.T, dir string) {
			stopped(t, dir)
			write(t, dir, ProgressFile, nil)
		}, "no usable checkpoint", "", ""},
		{"disk full: cut progress.json", func(t *testing.T, dir string) {
			stopped(t, dir)
			b, _ := os.ReadFile(filepath.Join(dir, ProgressFile))
			write(t, dir, ProgressFile, b[:len(b)/2])
		}, "no usable checkpoint", "", ""},
		{"progress.json counting 999 runs", func(t *testing.T, dir string) {
			stopped(t, dir)
			write(t, dir, ProgressFile, []byte(`{"scenario_hash":"`+study(t).Loaded.Hash()+`","done":999,"sizes":{}}`))
		}, "counts 999 runs done, not in 0..36", "", ""},
		{"progress.json cutting runs.csv's header", func(t *testing.T, dir string) {
			stopped(t, dir)
			write(t, dir, ProgressFile, []byte(`{"scenario_hash":"`+study(t).Loaded.Hash()+`","done":0,"sizes":{"runs.csv":3,"points.csv":3,"point_timeseries.csv":3}}`))
		}, "no size of at least its header", "", ""},
		{"progress.json without accumulators mid-point", func(t *testing.T, dir string) {
			stopped(t, dir)
			editFile(t, dir, ProgressFile, func(b []byte) []byte {
				var pr map[string]any
				json.Unmarshal(b, &pr)
				delete(pr, "metrics")
				b, _ = json.Marshal(pr)
				return b
			})
		}, "metric and", "", ""},
		{"a foreign file, no manifest", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			write(t, dir, "notes.txt", []byte("mine"))
		}, "", "is not a sweep folder to resume (it has no manifest.json): it holds notes.txt", "notes.txt"},
		{"a scenario.yaml of the user's, no manifest", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			write(t, dir, ScenarioFile, []byte("name: mine\n"))
		}, "", "it holds scenario.yaml, which is not this sweep's", ScenarioFile},
		{"a foreign file, no checkpoint", func(t *testing.T, dir string) {
			stopped(t, dir)
			os.Remove(filepath.Join(dir, ProgressFile))
			write(t, dir, "notes.txt", []byte("mine"))
		}, "", "cannot be started over: it holds notes.txt, which connact did not write", "notes.txt"},
		{"another connact version", func(t *testing.T, dir string) {
			stopped(t, dir)
			editManifest(t, dir, func(m map[string]any) { m["connact_version"] = "0.0.9" })
		}, "", "holds a sweep written by connact 0.0.9, and this is connact " + sim.Version, ProgressFile},
		{"a manifest of no sweep", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			write(t, dir, ManifestFile, []byte(`{"points": 3}`))
		}, "", "names no connact_version or scenario_hash", ManifestFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "s")
			tc.make(t, dir)
			var kept []byte
			if tc.kept != "" {
				kept, _ = os.ReadFile(filepath.Join(dir, tc.kept))
			}
			var notes []string
			rep, err := Run(context.Background(), study(t), Options{Dir: dir, Workers: 2, Resume: true,
				Note: func(msg string) { notes = append(notes, msg) }})
			if tc.refused != "" {
				var re *ResumeError
				if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.refused) || !strings.Contains(err.Error(), dir) {
					t.Fatalf("%s: resume gave %v, want a ResumeError naming %s with %q", tc.name, err, dir, tc.refused)
				}
				if b, err := os.ReadFile(filepath.Join(dir, tc.kept)); err != nil || string(b) != string(kept) {
					t.Errorf("%s: the refused resume changed %s (%v)", tc.name, tc.kept, err)
				}
				return
			}
			if err != nil || !rep.Complete || rep.Done != 36 {
				t.Fatalf("%s: resume gave %+v, %v", tc.name, rep, err)
			}
			if got := strings.Join(notes, "\n"); tc.note == "" && got != "" || !strings.Contains(got, tc.note) {
				t.Errorf("%s: notes %q, want %q", tc.name, got, tc.note)
			}
			sameFiles(t, tc.name, whole, dir)
		})
	}
}

// TestShardBounds: shard arithmetic neither overflows nor accepts a shard
// outside 0 ≤ index < count.
func TestShardBounds(t *testing.T) {
	st := study(t) // 6 points of 6 runs
	for _, tc := range []struct {
		shard  Shard
		points int
	}{
		{Shard{0, 0}, 6}, {Shard{0, 1}, 6}, {Shard{0, 4}, 2}, {Shard{1, 4}, 2}, {Shard{2, 4}, 1}, {Shard{5, 6}, 1},
		{Shard{6, 7}, 0}, {Shard{0, math.MaxInt}, 1}, {Shard{5, math.MaxInt}, 1}, {Shard{6, math.MaxInt}, 0},
		{Shard{math.MaxInt - 1, math.MaxInt}, 0},
	} {
		p := newPlan(st, tc.shard)
		if p.shardPts != tc.points || p.shardRuns != tc.points*6 {
			t.Errorf("shard %v: %d points, %d runs; want %d points", tc.shard, p.shardPts, p.shardRuns, tc.points)
		}
		for k := range p.shardRuns {
			if g := p.global(k); g < 0 || g >= 36 {
				t.Errorf("shard %v: run %d is run %d of the sweep, not in 0..35", tc.shard, k, g)
			}
		}
	}
	for _, tc := range []struct {
		shard Shard
		want  string
	}{
		{Shard{3, 2}, "shard 3/2: the index must be in 0..1"},
		{Shard{-1, 4}, "shard -1/4: the index must be in 0..3"},
		{Shard{5, 1}, "shard 5/1: the index must be in 0..0"},
		{Shard{2, 0}, "shard 2/0: the count must be at least 1"},
		{Shard{0, -3}, "shard 0/-3: the count must be at least 1"},
	} {
		dir := filepath.Join(t.TempDir(), "s")
		if _, err := Run(context.Background(), st, Options{Dir: dir, Workers: 1, Shard: tc.shard}); err == nil || err.Error() != tc.want {
			t.Errorf("shard %v: %v, want %q", tc.shard, err, tc.want)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("shard %v: a refused shard wrote %s", tc.shard, dir)
		}
	}
	// Shard 0 of MaxInt runs point 0, as the whole sweep does.
	whole := filepath.Join(t.TempDir(), "whole")
	run(t, whole, Options{})
	dir := filepath.Join(t.TempDir(), "s")
	rep := run(t, dir, Options{Shard: Shard{0, math.MaxInt}})
	if rep.Points != 1 || rep.Runs != 6 {
		t.Fatalf("shard 0/MaxInt: %+v", rep)
	}
	got, _ := os.ReadFile(filepath.Join(dir, RunsFile))
	want, _ := os.ReadFile(filepath.Join(whole, RunsFile))
	if lines := strings.SplitAfter(string(want), "\n"); string(got) != strings.Join(lines[:7], "") {
		t.Errorf("shard 0/MaxInt's runs.csv is not the whole sweep's header and point 0:\n%s", got)
	}
}
