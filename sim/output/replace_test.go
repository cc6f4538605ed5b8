package output

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readTree maps every file under dir to its bytes.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[strings.TrimPrefix(p, dir)] = string(b)
		}
		return err
	})
	return m
}

// TestInstallRestoresOld: when the new folder cannot be renamed into place,
// the old folder, already moved aside, is put back intact and nothing else
// is left beside it.
func TestInstallRestoresOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "small")
	writeRun(t, dir, 1)
	before := readTree(t, dir)
	td, err := NewTempDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer td.Remove()
	os.WriteFile(filepath.Join(td.Path, MetaFile), []byte("new"), 0o644)
	failed := errors.New("rename failed")
	rename = func(from, to string) error { return failed }
	defer func() { rename = os.Rename }()
	if err := td.Install(dir, true); !errors.Is(err, failed) {
		t.Fatalf("Install: %v, want the rename's error", err)
	}
	after := readTree(t, dir)
	if len(after) != len(before) {
		t.Errorf("the old folder holds %d files after a failed replacement, want %d", len(after), len(before))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed by a failed replacement", name)
		}
	}
	ents, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range ents {
		if strings.Contains(e.Name(), oldInfix) {
			t.Errorf("a failed replacement left %s", e.Name())
		}
	}
}

// TestCheckDir: what CheckDir accepts and refuses, and why.
func TestCheckDir(t *testing.T) {
	base := t.TempDir()
	run := filepath.Join(base, "run")
	writeRun(t, run, 1)
	meta, _ := os.ReadFile(filepath.Join(run, MetaFile))
	hash := strings.Repeat("ab", 32)
	mk := func(name string, files map[string]string) string {
		d := filepath.Join(base, name)
		os.MkdirAll(d, 0o755)
		for f, s := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(d, f)), 0o755)
			os.WriteFile(filepath.Join(d, f), []byte(s), 0o644)
		}
		return d
	}
	manifest := `{"connact_version": "1", "scenario_hash": "` + hash + `", "points": 3, "shard": {"index": 0, "count": 1}}`
	for _, tc := range []struct {
		dir   string
		force bool
		want  string // "" accepted; else in the error
	}{
		{filepath.Join(base, "new"), false, ""},
		{run, true, ""},
		{run, false, "already exists; choose another --out or pass --force"},
		{mk("sweep", map[string]string{"manifest.json": manifest, "runs.csv": "", "progress.json": "{}", "participation.svg": "<svg>", "sweep_peak_share_by_x.pdf": "%PDF-1.4", "runs.parquet": "PAR1"}), true, ""},
		{mk("unfinished-sweep", map[string]string{"manifest.json": manifest, "manifest.json.tmp": "", "runs.csv": ""}), true, ""},
		{mk("thesis", map[string]string{"meta.json": string(meta), "thesis.tex": "x"}), true, "holds thesis.tex, which connact did not write"},
		{mk("many", map[string]string{"meta.json": string(meta), "a": "", "b": "", "c": "", "d": ""}), true, "holds a, b, c and 1 more"},
		{mk("sub", map[string]string{"meta.json": string(meta), "drafts/x": ""}), true, "holds the folder drafts"},
		{mk("fake-chart", map[string]string{"meta.json": string(meta), "participation.pdf": "my paper"}), true, "holds participation.pdf"},
		{mk("fake-parquet", map[string]string{"manifest.json": manifest, "runs.parquet": "rows"}), true, "holds runs.parquet"},
		{mk("plain", map[string]string{"essay.md": "x"}), true, "is not a folder connact wrote (no meta.json or manifest.json)"},
		{mk("plain2", map[string]string{"essay.md": "x"}), false, "already exists and is not a folder connact wrote"},
		{mk("empty", nil), true, "no meta.json or manifest.json"},
		{mk("bad-meta", map[string]string{"meta.json": `{"connact_version": "1"}`}), true, "meta.json is not connact's"},
		{mk("bad-json", map[string]string{"meta.json": `{`}), true, "meta.json is not connact's"},
		{mk("bad-manifest", map[string]string{"manifest.json": `{"connact_version": "1", "scenario_hash": "xyz", "points": 1, "shard": {}}`}), true, "manifest.json is not connact's"},
		{mk("meta-dir", map[string]string{"meta.json/x": ""}), true, "no meta.json or manifest.json"},
		{mk("file-parent", map[string]string{"f": "x"}) + "/f", true, "is a file, not a folder"},
	} {
		err := CheckDir(tc.dir, tc.force)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s (force %v): %v, want accepted", tc.dir, tc.force, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s (force %v): %v, want an error with %q", tc.dir, tc.force, err, tc.want)
		}
	}
}

// TestRemoveLeftovers: which folders beside an output RemoveLeftovers
// removes, puts back or leaves, and what it says.
func TestRemoveLeftovers(t *testing.T) {
	base := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mk := func(name string, files map[string]string) string {
		d := filepath.Join(base, name)
		os.MkdirAll(d, 0o755)
		for f, s := range files {
			os.WriteFile(filepath.Join(d, f), []byte(s), 0o644)
		}
		os.Chtimes(d, old, old)
		return d
	}
	held := mk(".held.tmp-7", map[string]string{"runs.csv": "x"})
	lock, err := lockDir(held)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	mk("kept", map[string]string{"meta.json": "{}"})
	young := filepath.Join(base, ".young.tmp-9")
	os.Mkdir(young, 0o755)
	os.Symlink(filepath.Join(base, "kept"), filepath.Join(base, ".link.tmp-5"))
	mk(".run.tmp-123", map[string]string{"timeseries.csv": strings.Repeat("x", 2048), "chart.svg": "<svg"})
	mk(".prof.tmp-4", map[string]string{"cpu.pprof": "\x1f\x8b..", "mem.pprof": "\x1f\x8b"})
	mk(".empty.tmp-1", nil)
	mk(".kept.old-1a2b3c4d", map[string]string{"meta.json": "{}"})
	mk(".lost.old-99aa", map[string]string{"meta.json": "{}"})
	mk(".thesis.tmp-2", map[string]string{"thesis.tex": "mine"})
	mk(".notsvg.tmp-3", map[string]string{"chart.svg": "not a chart"})
	mk(".pprof.tmp-6", map[string]string{"cpu.pprof": "text"})
	mk(".other.tmpx", map[string]string{"runs.csv": ""})
	mk("plain.tmp-3", map[string]string{"runs.csv": ""})
	var out bytes.Buffer
	RemoveLeftovers(base, &out)
	got := out.String()
	for _, tc := range []struct {
		path, back, report string
		gone               bool
	}{
		{filepath.Join(base, ".run.tmp-123"), "", "removed the leftover temporary folder %s (2.0 KiB) of an interrupted run", true},
		{filepath.Join(base, ".prof.tmp-4"), "", "removed the leftover temporary folder %s (6 B)", true},
		{filepath.Join(base, ".empty.tmp-1"), "", "removed the leftover temporary folder %s (0 B)", true},
		{filepath.Join(base, ".kept.old-1a2b3c4d"), "", "removed the leftover old folder %s", true},
		{filepath.Join(base, ".lost.old-99aa"), "lost", "put back " + filepath.Join(base, "lost") + " from %s", true},
		{filepath.Join(base, ".thesis.tmp-2"), "", "left %s, named like a temporary folder of connact's, as it is: it holds thesis.tex", false},
		{filepath.Join(base, ".notsvg.tmp-3"), "", "it holds chart.svg", false},
		{filepath.Join(base, ".pprof.tmp-6"), "", "it holds cpu.pprof", false},
		{held, "", "", false},
		{young, "", "", false},
		{filepath.Join(base, ".other.tmpx"), "", "", false},
		{filepath.Join(base, "plain.tmp-3"), "", "", false},
		{filepath.Join(base, ".link.tmp-5"), "", "", false},
	} {
		_, err := os.Lstat(tc.path)
		if gone := os.IsNotExist(err); gone != tc.gone {
			t.Errorf("%s: gone %v, want %v", tc.path, gone, tc.gone)
		}
		if tc.back != "" {
			if _, err := os.Stat(filepath.Join(base, tc.back, MetaFile)); err != nil {
				t.Errorf("%s: not put back as %s: %v", tc.path, tc.back, err)
			}
		}
		switch want := strings.Replace(tc.report, "%s", tc.path, 1); {
		case tc.report == "" && strings.Contains(got, tc.path+" "):
			t.Errorf("%s: reported, want left alone silently: %q", tc.path, got)
		case tc.report != "" && !strings.Contains(got, want):
			t.Errorf("%s: report lacks %q:\n%s", tc.path, want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(base, "kept", MetaFile)); err != nil {
		t.Errorf("the folder beside a removed .old folder is gone: %v", err)
	}
}
