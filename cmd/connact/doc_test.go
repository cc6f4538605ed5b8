package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocExamples runs every example command line of doc.go (lines that
// start with a tab and "connact "), as cmd/benchstat's doc test does, from
// the repository root on its shipped scenarios. Runs get --out into a
// temporary folder and few replicates and steps, so the test stays quick and
// writes nothing into the repository.
func TestDocExamples(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^\tconnact (run|plot|validate) ([^\[\n]+)$`)
	examples := re.FindAllStringSubmatch(string(src), -1)
	if len(examples) < 4 {
		t.Fatalf("found %d examples in doc.go", len(examples))
	}
	tmp := t.TempDir()
	wd, _ := os.Getwd()
	t.Chdir(filepath.Join(wd, "..", ".."))
	// plot examples need the folders the run examples would have made.
	for _, name := range []string{"collective", "connective"} {
		if _, stderr, code := connact(t, "run", "scenarios/"+name+".yaml", "--out", filepath.Join(tmp, "results", name),
			"--replicates", "2", "--set", "steps=10"); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, ex := range examples {
		args := append([]string{ex[1]}, strings.Fields(ex[2])...)
		switch ex[1] {
		case "run":
			args = append(args, "--replicates", "2", "--set", "steps=10", "--out", filepath.Join(tmp, "run", strings.Join(args, "_")))
			args = dropFlag(args, "--out", 1)
			args = append(args, "--out", filepath.Join(tmp, "run", filepath.Base(args[1])+"-"+strings.Join(strings.Fields(ex[2])[1:], "")))
		case "plot":
			for i, a := range args {
				if strings.HasPrefix(a, "results/") {
					args[i] = filepath.Join(tmp, a)
				}
			}
		}
		if _, stderr, code := connact(t, args...); code != 0 {
			t.Errorf("connact %s: exit %d: %s", ex[2], code, stderr)
		}
	}
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
