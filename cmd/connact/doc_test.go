package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/scenario"
	"go.yaml.in/yaml/v4"
)

// TestDocExamples runs every example command line of the manual, doc.go —
// the lines of its preformatted blocks that start with "connact " and are
// no synopsis (which have [ or <) — in order, as cmd/benchstat's doc test
// does, in a temporary folder holding a copy of the shipped scenarios, and
// checks what each wrote (see exampleRunner.check). Runs and sweeps get
// fewer replicates and steps (exampleRunner.smaller), so that the test
// stays quick; a merge is checked against the whole sweep of its shards
// with the same settings.
func TestDocExamples(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	x := newExampleRunner(t)
	ran := map[string]int{}
	for _, l := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(l, "\tconnact ") || strings.ContainsAny(l, "[<") {
			continue
		}
		args := strings.Fields(l)[1:]
		x.run(args, "")
		ran[args[0]]++
	}
	for _, c := range commands {
		if ran[c.Name] == 0 && c != cmdHelp {
			t.Errorf("doc.go has no example of connact %s", c.Name)
		}
	}
}

// TestReadmeExamples runs the connact command lines of the README's sh
// blocks (connact ... or go run ./cmd/connact ...) as TestDocExamples runs
// the manual's, in order and in a temporary folder that also holds
// study.yaml, the README's stand-in for a user's sweep (here a copy of
// testdata/sweep.yaml). A "> FILE" redirects the command's stdout to FILE,
// a word with * is expanded as the shell would, and a line that runs shard
// 0/N stands, as its comment says, for all N shards, one per machine: it
// is run for I = 0..N-1, the 0 that ends its --out replaced by I.
func TestReadmeExamples(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	study, err := os.ReadFile("testdata/sweep.yaml")
	if err != nil {
		t.Fatal(err)
	}
	x := newExampleRunner(t)
	if err := os.WriteFile("study.yaml", study, 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(src), -1) {
		for _, l := range strings.Split(block[1], "\n") {
			if i := strings.Index(l, " #"); i >= 0 {
				l = l[:i]
			}
			l = strings.TrimSpace(strings.Replace(l, "go run ./cmd/connact ", "connact ", 1))
			if !strings.HasPrefix(l, "connact ") {
				continue // go test, sbatch: not connact
			}
			args, redirect := strings.Fields(l)[1:], ""
			if i := slices.Index(args, ">"); i >= 0 && i == len(args)-2 {
				args, redirect = args[:i], args[i+1]
			}
			args = expandGlobs(t, args)
			n++
			i := slices.Index(args, "--shard")
			if i < 0 || i+1 == len(args) || !strings.HasPrefix(args[i+1], "0/") {
				x.run(args, redirect)
				continue
			}
			var shards int
			if _, err := fmt.Sscanf(args[i+1], "0/%d", &shards); err != nil {
				t.Fatalf("%q: %v", args, err)
			}
			out := slices.Index(args, "--out")
			if out < 0 || !strings.HasSuffix(args[out+1], "0") {
				t.Fatalf("%q: a shard 0/N line must end its --out in 0", args)
			}
			for s := range shards {
				a := slices.Clone(args)
				a[i+1] = fmt.Sprintf("%d/%d", s, shards)
				a[out+1] = strings.TrimSuffix(args[out+1], "0") + fmt.Sprint(s)
				x.run(a, redirect)
			}
		}
	}
	if n < 5 {
		t.Errorf("ran %d command lines of the README; it has more", n)
	}
}

// expandGlobs replaces each word of args that holds a * by the files it
// names, sorted, as a shell would.
func expandGlobs(t *testing.T, args []string) []string {
	t.Helper()
	var out []string
	for _, a := range args {
		if !strings.Contains(a, "*") {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil || len(m) == 0 {
			t.Fatalf("%s names no file (%v)", a, err)
		}
		out = append(out, m...)
	}
	return out
}

// exampleRunner runs example command lines in a temporary folder holding
// a copy of the repository's scenarios, so that their relative paths
// (scenarios/..., results/...) work as written and nothing is written
// into the repository.
type exampleRunner struct {
	t     *testing.T
	tmp   string
	sweep map[string][]string // a sweep's folder: the command line that wrote it
	n     int                 // command lines run
}

func newExampleRunner(t *testing.T) *exampleRunner {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := os.CopyFS(filepath.Join(tmp, "scenarios"), os.DirFS(filepath.Join(wd, "..", "..", "scenarios"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(tmp)
	return &exampleRunner{t: t, tmp: tmp, sweep: map[string][]string{}}
}

// smaller returns args with fewer replicates and steps for run and sweep
// (the last --set of a field wins): the test checks what a command writes,
// not the science.
func (x *exampleRunner) smaller(args []string) []string {
	args = slices.Clone(args)
	switch {
	case args[0] == "run":
		return append(args, "--replicates", "2", "--set", "steps=10")
	case args[0] == "sweep" && !slices.Contains(args, "--emit"):
		return append(args, "--set", "sweep.replicates=2", "--set", "steps=10")
	case args[0] == "fit":
		args = append(args, "--set", "fit.particles=20", "--set", "fit.max_generations=2", "--set", "fit.predictive=5")
		if l, err := scenario.Load(args[1]); err == nil && l.Scenario.Fit != nil && len(l.Scenario.Fit.Observe.Shares) > 0 {
			// A fit by shares of runs runs replicates a proposal: fewer,
			// in a smaller population.
			args = append(args, "--set", "fit.observe.replicates=4", "--set", "population.size=300")
		}
		return args
	}
	return args
}

// run runs the example args (made smaller), which must succeed, writes
// its stdout to the file redirect if one is given, and checks what it
// wrote.
func (x *exampleRunner) run(args []string, redirect string) {
	t := x.t
	t.Helper()
	if args[0] == "serve" { // runs until stopped: serveExample stops it
		x.n++
		serveExample(t, args)
		return
	}
	args = x.smaller(args)
	x.n++
	t.Logf("connact %s", strings.Join(args, " "))
	stdout, stderr, code := connact(t, args...)
	if code != 0 {
		t.Fatalf("connact %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	if redirect != "" {
		if err := os.WriteFile(redirect, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.check(args, stdout); err != nil {
		t.Errorf("connact %s: %v", strings.Join(args, " "), err)
	}
}

// Files that the manual says each kind of folder holds.
var (
	runFiles   = []string{"timeseries.csv", "groups.csv", "summary.csv", "aggregate.csv", "summary_aggregate.csv", "scenario.yaml", "datapackage.json", "meta.json"}
	sweepFiles = []string{"runs.csv", "points.csv", "point_timeseries.csv", "scenario.yaml", "manifest.json", "meta.json", "datapackage.json"}
	fitFiles   = []string{"posterior.csv", "posterior_summary.csv", "generations.csv", "predictive.csv", "fit.json", "scenario.yaml"}
	// sweepTables are the files of a merged sweep that equal those of one
	// machine's sweep byte for byte.
	sweepTables = []string{"runs.csv", "points.csv", "point_timeseries.csv"}
)

// check checks what the command line args, which printed stdout, wrote:
// the folder it names after "results:" holds the files the manual says,
// every file in it and every chart and table it names parses (validFile),
// a merge equals one machine's sweep of its shards, validate's scenario
// validates again to the same hash, version prints three lines and a job
// script is one.
func (x *exampleRunner) check(args []string, stdout string) error {
	flags, _ := commandNamed(args[0]).flagSet(io.Discard)
	pos, err := parseInterleaved(flags, args[1:])
	if err != nil {
		return err
	}
	flagValue := func(name string) string { return flags.Lookup(name).Value.String() }
	var dir string
	var named []string // the files stdout names
	for _, l := range strings.Split(stdout, "\n") {
		if d, ok := strings.CutPrefix(l, "results: "); ok {
			dir = d
		}
		for _, p := range []string{"chart: ", "table: "} {
			if f, ok := strings.CutPrefix(l, p); ok {
				named = append(named, f)
			}
		}
	}
	for _, f := range named {
		if err := validFile(f); err != nil {
			return err
		}
	}
	switch args[0] {
	case "run":
		return validFolder(dir, runFiles)
	case "sweep":
		if emit := flagValue("emit"); emit != "" {
			return validJob(emit, flags.Lookup("shards").Value.(flag.Getter).Get().(int), stdout)
		}
		x.sweep[filepath.Clean(dir)] = args
		return validFolder(dir, sweepFiles)
	case "fit":
		return validFolder(dir, fitFiles)
	case "merge":
		if err := validFolder(dir, sweepFiles); err != nil {
			return err
		}
		return x.sameAsWholeSweep(pos, dir)
	case "plot":
		if len(named) == 0 {
			return fmt.Errorf("no chart drawn:\n%s", stdout)
		}
	case "validate":
		return x.validatesAgain(stdout)
	case "version":
		if lines := strings.Split(strings.TrimSpace(stdout), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "connact ") {
			return fmt.Errorf("version printed %q", stdout)
		}
	}
	return nil
}

// sameAsWholeSweep checks that the tables of merged, merged from the shard
// folders shards, equal those of the same sweep run whole, as the manual
// promises: the command line that wrote the first shard without --shard.
func (x *exampleRunner) sameAsWholeSweep(shards []string, merged string) error {
	args, ok := x.sweep[filepath.Clean(shards[0])]
	if !ok {
		return fmt.Errorf("%s: no example wrote this shard", shards[0])
	}
	whole := filepath.Join(x.tmp, fmt.Sprintf("whole-%d", x.n))
	a := append(dropFlag(dropFlag(args, "--shard", 1), "--out", 1), "--out", whole)
	if _, stderr, code := connact(x.t, a...); code != 0 {
		return fmt.Errorf("the whole sweep %q: exit %d: %s", a, code, stderr)
	}
	for _, f := range sweepTables {
		m, err1 := os.ReadFile(filepath.Join(merged, f))
		w, err2 := os.ReadFile(filepath.Join(whole, f))
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if !bytes.Equal(m, w) {
			return fmt.Errorf("%s differs from the whole sweep's", f)
		}
	}
	return nil
}

// validatesAgain checks validate's output: the resolved scenario, then
// lines starting with "# " that count its runs and give its hash. The
// scenario printed is fully resolved: validated in its turn, it prints
// itself, the same count and, but for a sweep (whose defaults made
// explicit change its hash, while its output folders keep it as written),
// the same hash.
func (x *exampleRunner) validatesAgain(stdout string) error {
	i := strings.Index(stdout, "\n# ")
	if i < 0 || !strings.Contains(stdout[i:], " runs of ") {
		return fmt.Errorf("no count of runs:\n%s", stdout)
	}
	hash := regexp.MustCompile(`scenario hash [0-9a-f]{64}`)
	count := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return hash.ReplaceAllString(l, "") }
	if hash.FindString(stdout[i:]) == "" {
		return fmt.Errorf("no scenario hash:\n%s", stdout[i:])
	}
	file := filepath.Join(x.tmp, fmt.Sprintf("resolved-%d.yaml", x.n))
	if err := os.WriteFile(file, []byte(stdout[:i+1]), 0o644); err != nil {
		return err
	}
	again, stderr, code := connact(x.t, "validate", file, "--no-estimate")
	j := strings.Index(again, "\n# ")
	switch {
	case code != 0 || j < 0:
		return fmt.Errorf("the resolved scenario does not validate: exit %d: %s", code, stderr)
	case again[:j] != stdout[:i]:
		return fmt.Errorf("the resolved scenario resolves to another:\n%s", lineDiff(stdout[:i], again[:j]))
	case count(again[j+1:]) != count(stdout[i+1:]):
		return fmt.Errorf("the resolved scenario counts %q, the scenario %q", count(again[j+1:]), count(stdout[i+1:]))
	case !strings.Contains(stdout, "\n# sweep:") && hash.FindString(again[j:]) != hash.FindString(stdout[i:]):
		return fmt.Errorf("the resolved scenario has %s, the scenario %s", hash.FindString(again[j:]), hash.FindString(stdout[i:]))
	}
	return nil
}

// validJob checks that stdout is the job --emit kind prints for shards
// tasks: a Slurm array script, or a Kubernetes Indexed Job in YAML.
func validJob(kind string, shards int, stdout string) error {
	switch kind {
	case "slurm":
		if !strings.HasPrefix(stdout, "#!") || !strings.Contains(stdout, fmt.Sprintf("\n#SBATCH --array=0-%d\n", shards-1)) {
			return fmt.Errorf("not a Slurm script of an array of %d tasks:\n%s", shards, stdout)
		}
	case "k8s":
		var job struct {
			Kind string
			Spec struct {
				CompletionMode string `yaml:"completionMode"`
				Completions    int
			}
		}
		if err := yaml.Unmarshal([]byte(stdout), &job); err != nil {
			return err
		}
		if job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || job.Spec.Completions != shards {
			return fmt.Errorf("not an Indexed Job of %d pods:\n%s", shards, stdout)
		}
	default:
		return fmt.Errorf("unknown job kind %q", kind)
	}
	return nil
}

// validFolder checks that dir holds the files want, that every file in it
// parses (validFile), and that its datapackage.json describes each CSV
// file it lists with the file's own columns.
func validFolder(dir string, want []string) error {
	if dir == "" {
		return errors.New(`no "results:" folder printed`)
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return validFile(p)
	})
	if err != nil {
		return err
	}
	var pkg struct {
		Resources []struct {
			Path   string
			Schema struct{ Fields []struct{ Name string } }
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return err
	}
	for _, r := range pkg.Resources {
		f, err := os.Open(filepath.Join(dir, r.Path))
		if err != nil {
			return fmt.Errorf("datapackage.json lists %s: %v", r.Path, err)
		}
		header, err := csv.NewReader(f).Read()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %v", r.Path, err)
		}
		var names []string
		for _, fd := range r.Schema.Fields {
			names = append(names, fd.Name)
		}
		if !slices.Equal(header, names) {
			return fmt.Errorf("datapackage.json describes %s as %q, its header is %q", r.Path, names, header)
		}
	}
	return nil
}

// validFile checks that the file p parses as what its extension says:
// CSV with a header and rows of one length, JSON, YAML, SVG (XML), PNG,
// PDF or Parquet (by their framing).
func validFile(p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	bad := func(err error) error { return fmt.Errorf("%s: %v", p, err) }
	switch filepath.Ext(p) {
	case ".csv":
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return bad(err)
		}
		if len(rows) == 0 {
			return bad(errors.New("no header"))
		}
	case ".json":
		if !json.Valid(b) {
			return bad(errors.New("not JSON"))
		}
	case ".yaml":
		var v any
		if err := yaml.Unmarshal(b, &v); err != nil {
			return bad(err)
		}
	case ".svg":
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return bad(err)
			}
		}
	case ".png":
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			return bad(err)
		}
	case ".pdf":
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-1024):], []byte("%%EOF")) {
			return bad(errors.New("not a PDF"))
		}
	case ".parquet":
		if len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
			return bad(errors.New("not a Parquet file"))
		}
	}
	return nil
}

// dropFlag removes every occurrence of flag and its n values.
func dropFlag(args []string, flag string, n int) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == flag {
			i += n
			continue
		}
		out = append(out, args[i])
	}
	return out
}
