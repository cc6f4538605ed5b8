package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzMerge writes arbitrary bytes as the manifest.json of one of two
// shard folders, and may cut one of its files short: Merge never panics or
// hangs, fails only with a MergeError and then writes nothing, and succeeds
// only with a merge byte-identical to the whole sweep (manifest included),
// since only a manifest that describes the shard and its files exactly
// passes every check.
func FuzzMerge(f *testing.F) {
	whole, ref := reference(f, f.TempDir())
	valid := [2][]byte{}
	for i, d := range ref {
		b, err := os.ReadFile(filepath.Join(d, ManifestFile))
		if err != nil {
			f.Fatal(err)
		}
		valid[i] = b
		f.Add(b, uint8(i), uint8(0), uint16(0))
		f.Add(b, uint8(i), uint8(0), uint16(10)) // the tester's truncate -s -10 runs.csv
		f.Add(b, uint8(i), uint8(1), uint16(300))
		f.Add(b, uint8(i), uint8(3), uint16(1))
	}
	for _, edit := range [][2]string{
		{`"index": 1`, `"index": 7`}, {`"index": 1`, `"index": -1`}, {`"count": 2`, `"count": 0`},
		{`"count": 2`, `"count": 9223372036854775807`}, {`"connact_version": "`, `"connact_version": "0.0.9-`},
		{`"files"`, `"old_files"`}, {`"points": 6`, `"points": 1e400`}, {`"shard_runs": 18`, `"shard_runs": 19`},
	} {
		f.Add(bytes.Replace(valid[1], []byte(edit[0]), []byte(edit[1]), 1), uint8(1), uint8(0), uint16(0))
	}
	for _, s := range []string{"", "{}", "null", "[]", `{"shard":{"index":7,"count":2}}`, `{"connact_version":"x","scenario_hash":"y","complete":true,"shard":{"count":1},"conditions":["a"],"replicates":1,"points":1,"runs":1,"shard_points":1,"shard_runs":1,"files":{}}`} {
		f.Add([]byte(s), uint8(0), uint8(0), uint16(0))
	}
	names := []string{RunsFile, PointsFile, TimeseriesFile, ScenarioFile}
	// Copies of the shards that each input changes and restores: copying
	// them for every input would cost more than the merge.
	work := copyShards(f, ref, f.TempDir())
	f.Fuzz(func(t *testing.T, manifest []byte, which, file uint8, cut uint16) {
		d := work[which%2]
		restore := map[string][]byte{ManifestFile: valid[which%2]}
		defer func() {
			for name, b := range restore {
				if err := os.WriteFile(filepath.Join(d, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}()
		if err := os.WriteFile(filepath.Join(d, ManifestFile), manifest, 0o644); err != nil {
			t.Fatal(err)
		}
		if cut > 0 {
			name := names[file%uint8(len(names))]
			b, err := os.ReadFile(filepath.Join(ref[which%2], name))
			if err != nil {
				t.Fatal(err)
			}
			restore[name] = b
			if err := os.WriteFile(filepath.Join(d, name), b[:max(len(b)-int(cut), 0)], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		base := t.TempDir()
		out := filepath.Join(base, "merged")
		_, err := Merge(work, out, false, nil)
		if err != nil {
			if !errors.As(err, new(*MergeError)) {
				t.Fatalf("Merge failed with %T, not a MergeError: %v", err, err)
			}
			if ents, _ := os.ReadDir(base); len(ents) != 0 {
				t.Fatalf("a failed merge (%v) left %d entries", err, len(ents))
			}
			return
		}
		if cut > 0 {
			t.Fatalf("Merge accepted %s cut by %d bytes", names[file%uint8(len(names))], cut)
		}
		sameFiles(t, "merged with a fuzzed manifest", whole, out)
	})
}

// fuzzEmitSeeds adds the tester's hostile values, in every string field.
func fuzzEmitSeeds(f *testing.F) {
	o := emitOptions()
	add := func(o EmitOptions) {
		f.Add(o.Scenario, o.Name, o.Hash, o.Out, o.Binary, o.Memory, o.Time, o.Image, o.ClaimName, o.Shards, o.Workers)
	}
	add(o)
	add(awkwardOptions("/tmp/x"))
	hostile := []string{
		"x\u2028---\u2028apiVersion: v1\u2028kind: ConfigMap\u2028metadata: {name: pwned}",
		"/a\u2029b", "/a\u0085b", "/a\nb", "/a\r\nkind: ConfigMap", "/a'b\"c", "/$(touch pwned)", "/`touch pwned`",
		"/a/${SLURM_ARRAY_TASK_ID}", "/a/$(CONNACT_SHARD_INDEX)", "/a/$$(X)", "/a #b: c", "/a\tb", "/\ufeffa", "/a\xffb",
	}
	for i, h := range hostile {
		p := o
		switch i % 4 {
		case 0:
			p.Name, p.Out = h, h
		case 1:
			p.Scenario, p.Image = h, h
		case 2:
			p.Binary, p.Hash = h, h
		case 3:
			p.Out, p.ClaimName, p.Memory, p.Time = h, h, h, h
		}
		add(p)
	}
	p := o
	p.Memory, p.Time, p.Image, p.ClaimName, p.Shards, p.Workers = "2G", "1-00:30", "registry.example/connact:1", "my.claim", 1, 0
	add(p)
}

// fuzzEmitOptions builds EmitOptions from fuzzed fields, with at most 64
// shards to keep every input quick.
func fuzzEmitOptions(scen, name, hash, out, bin, mem, tim, image, claim string, shards, workers int) EmitOptions {
	if shards > 64 || shards < -64 {
		shards %= 65
	}
	return EmitOptions{Scenario: scen, Name: name, Hash: hash, Out: out, Binary: bin, Memory: mem, Time: tim,
		Image: image, ClaimName: claim, Shards: shards, Workers: workers}
}

// printableOptions reports whether every string of o is valid UTF-8 and
// printable: the emitters must refuse any other.
func printableOptions(o EmitOptions) bool {
	for _, v := range []string{o.Scenario, o.Name, o.Hash, o.Out, o.Binary, o.Memory, o.Time, o.Image, o.ClaimName} {
		if !utf8.ValidString(v) || strings.IndexFunc(v, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
			return false
		}
	}
	return true
}

// FuzzEmitSlurm: for any options, EmitSlurm either refuses them or writes a
// script that bash accepts, whose every line is a comment, a fixed line or
// one of the two commands, and whose commands give every value as one
// shell-quoted word, expanding nothing but Slurm's variables.
func FuzzEmitSlurm(f *testing.F) {
	fuzzEmitSeeds(f)
	bash, _ := exec.LookPath("bash")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, scen, name, hash, out, bin, mem, tim, image, claim string, shards, workers int) {
		o := fuzzEmitOptions(scen, name, hash, out, bin, mem, tim, image, claim, shards, workers)
		var b bytes.Buffer
		if err := EmitSlurm(&b, o); err != nil {
			if b.Len() > 0 {
				t.Fatalf("EmitSlurm wrote %d bytes despite %v", b.Len(), err)
			}
			return
		}
		if !printableOptions(o) {
			t.Fatalf("EmitSlurm accepted a non-printable value: %#v", o)
		}
		script := b.String()
		checkSlurmScript(t, script, o)
		if bash != "" {
			path := filepath.Join(dir, fmt.Sprintf("job-%d.sbatch", os.Getpid()))
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
				t.Fatalf("bash -n: %v\n%s\n%s", err, out, script)
			}
		}
	})
}

// slurmFixed are the script's lines that hold no value.
var slurmFixed = map[string]bool{
	"#!/bin/bash": true, "": true, "set -euo pipefail": true,
	`if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then`:                                                               true,
	"\techo \"this script runs one shard of a connact sweep per Slurm array task: submit it with sbatch\" >&2": true,
	"\texit 2": true, "fi": true,
}

// exp marks an expansion in the words of shellWords.
func exp(s string) string { return "\x00" + s + "\x00" }

func checkSlurmScript(t *testing.T, script string, o EmitOptions) {
	t.Helper()
	workers := max(o.Workers, 1)
	outDir := filepath.Clean(o.Out)
	allowed := []string{"${SLURM_ARRAY_TASK_ID}", fmt.Sprintf("${SLURM_CPUS_PER_TASK:-%d}", workers)}
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	commands := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case slurmFixed[l]:
		case strings.HasPrefix(l, "#SBATCH "):
			if !sbatchLine.MatchString(l) {
				t.Fatalf("line %d %q is not a plain #SBATCH option\n%s", i+1, l, script)
			}
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "mkdir "):
			commands++
			sameWords(t, l, allowed, []string{"mkdir", "-p", outDir})
		case strings.HasPrefix(l, "exec ") && i+1 < len(lines):
			commands++
			l += "\n" + lines[i+1]
			i++
			sameWords(t, l, allowed, []string{"exec", o.Binary, "sweep", o.Scenario,
				"--shard", exp("${SLURM_ARRAY_TASK_ID}") + "/" + strconv.Itoa(o.Shards),
				"--workers", exp(allowed[1]), "--out", outDir + "/shard-" + exp("${SLURM_ARRAY_TASK_ID}"), "--resume"})
		default:
			t.Fatalf("line %d %q is not a line of the script\n%s", i+1, l, script)
		}
	}
	if commands != 2 {
		t.Fatalf("%d commands, want mkdir and exec\n%s", commands, script)
	}
}

func sameWords(t *testing.T, line string, allowed, want []string) {
	t.Helper()
	got, err := shellWords(line, allowed)
	if err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	if strings.Join(got, "\x01") != strings.Join(want, "\x01") {
		t.Fatalf("%q is the words\n%q, want\n%q", line, got, want)
	}
}

// shellWords splits a command line into its words as the shell does, for
// what the Slurm script may hold: characters that need no quoting,
// '...', \x, "..." holding only the allowed parameter expansions (given in
// the word between two NUL bytes, see exp), and backslash-newline. Any
// other character that the shell treats specially is an error.
func shellWords(s string, allowed []string) ([]string, error) {
	var words []string
	var w strings.Builder
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if in {
				words, in = append(words, w.String()), false
				w.Reset()
			}
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2
		case c == '\\' && i+1 < len(s): // an escaped character, as in ShellQuote's '\''
			w.WriteByte(s[i+1])
			i, in = i+2, true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' at %d", i)
			}
			w.WriteString(s[i+1 : i+1+j])
			i, in = i+j+2, true
		case c == '"':
			i++
			for {
				if i >= len(s) {
					return nil, fmt.Errorf("unterminated \"")
				}
				if s[i] == '"' {
					i++
					break
				}
				if s[i] == '$' {
					ok := false
					for _, a := range allowed {
						if strings.HasPrefix(s[i:], a) {
							w.WriteString(exp(a))
							i += len(a)
							ok = true
							break
						}
					}
					if !ok {
						return nil, fmt.Errorf("expansion %.20q in double quotes", s[i:])
					}
					continue
				}
				if s[i] == '`' || s[i] == '\\' {
					return nil, fmt.Errorf("%q in double quotes", s[i])
				}
				w.WriteByte(s[i])
				i++
			}
			in = true
		case shellSafe.MatchString(string(c)):
			w.WriteByte(c)
			i, in = i+1, true
		default:
			return nil, fmt.Errorf("unquoted %q at %d", c, i)
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words, nil
}

// FuzzEmitK8s: for any options, EmitK8s either refuses them or writes YAML
// that holds exactly one document, the Job, with only the fields the
// emitter means (decoded strictly), and whose merge Job, once uncommented,
// is one Job too; every value comes back exactly, after Kubernetes'
// expansion of $$ and $(NAME) in commands and arguments.
func FuzzEmitK8s(f *testing.F) {
	fuzzEmitSeeds(f)
	f.Fuzz(func(t *testing.T, scen, name, hash, out, bin, mem, tim, img, cl string, shards, wk int) {
		o := fuzzEmitOptions(scen, name, hash, out, bin, mem, tim, img, cl, shards, wk)
		var b bytes.Buffer
		if err := EmitK8s(&b, o); err != nil {
			if b.Len() > 0 {
				t.Fatalf("EmitK8s wrote %d bytes despite %v", b.Len(), err)
			}
			return
		}
		if !printableOptions(o) {
			t.Fatalf("EmitK8s accepted a non-printable value: %#v", o)
		}
		text := b.String()
		image, claim := o.Image, o.ClaimName
		if image == "" {
			image = DefaultImage
		}
		if claim == "" {
			claim = DefaultClaimName
		}
		outDir := filepath.Clean(o.Out)
		n := strconv.Itoa(o.Shards)
		workers := strconv.Itoa(max(o.Workers, 1))

		jobs := decodeJobs(t, text)
		if len(jobs) != 1 {
			t.Fatalf("%d YAML documents, want the Job alone\n%s", len(jobs), text)
		}
		j := jobs[0]
		checkJob(t, j, o, image, claim, outDir)
		if j.Spec.CompletionMode != "Indexed" || j.Spec.Completions == nil || *j.Spec.Completions != o.Shards {
			t.Fatalf("completionMode %q, completions %v; want Indexed, %d", j.Spec.CompletionMode, j.Spec.Completions, o.Shards)
		}
		if got := j.Metadata.Annotations["connact/scenario-hash"]; got != o.Hash || len(j.Metadata.Annotations) > 1 {
			t.Fatalf("annotations %q; want the hash %q alone", j.Metadata.Annotations, o.Hash)
		}
		c := j.Spec.Template.Spec.Containers[0]
		if len(c.Env) != 2 || c.Env[0].Name != "CONNACT_SHARDS" || c.Env[0].Value != n || c.Env[1].Name != "CONNACT_SHARD_INDEX" || c.Env[1].ValueFrom == nil {
			t.Fatalf("env %+v", c.Env)
		}
		env := map[string]string{"CONNACT_SHARDS": n, "CONNACT_SHARD_INDEX": "7"}
		sameArgs(t, "the sweep pod", kubeExpandAll(append(c.Command, c.Args...), env), []string{o.Binary, "sweep", o.Scenario,
			"--shard", "auto", "--shards", n, "--workers", workers, "--out", outDir + "/shard-7", "--resume"})
		if c.Resources.Requests["cpu"] != workers {
			t.Fatalf("cpu %q, want %s", c.Resources.Requests["cpu"], workers)
		}
		var deadline int64
		if o.Time != "" {
			deadline, _ = timeSeconds(o.Time)
		}
		if j.Spec.Template.Spec.ActiveDeadlineSeconds != deadline {
			t.Fatalf("activeDeadlineSeconds %d, want %d", j.Spec.Template.Spec.ActiveDeadlineSeconds, deadline)
		}

		merge := decodeJobs(t, mergeDoc(text))
		if len(merge) != 1 {
			t.Fatalf("%d merge documents, want 1\n%s", len(merge), text)
		}
		m := merge[0]
		checkJob(t, m, o, image, claim, outDir)
		if m.Metadata.Name != j.Metadata.Name+"-merge" || m.Spec.Completions != nil || len(m.Metadata.Annotations) != 0 {
			t.Fatalf("merge Job %q, completions %v, annotations %v", m.Metadata.Name, m.Spec.Completions, m.Metadata.Annotations)
		}
		want := []string{o.Binary, "merge"}
		for i := range o.Shards {
			want = append(want, outDir+"/shard-"+strconv.Itoa(i))
		}
		mc := m.Spec.Template.Spec.Containers[0]
		sameArgs(t, "the merge pod", kubeExpandAll(append(mc.Command, mc.Args...), nil), append(want, "--out", outDir+"/merged"))
	})
}

// checkJob checks what both Jobs share: kind, labels, one container with
// the image, one volume of the claim mounted at the output folder.
func checkJob(t *testing.T, j k8sJob, o EmitOptions, image, claim, outDir string) {
	t.Helper()
	if j.APIVersion != "batch/v1" || j.Kind != "Job" || !dnsSubdom.MatchString(j.Metadata.Name) || len(j.Metadata.Name) > 63 {
		t.Fatalf("apiVersion %q, kind %q, name %q", j.APIVersion, j.Kind, j.Metadata.Name)
	}
	for _, l := range []map[string]string{j.Metadata.Labels, j.Spec.Template.Metadata.Labels} {
		if len(l) != 3 || l["app.kubernetes.io/name"] != "connact" || l["app.kubernetes.io/instance"] != strings.TrimSuffix(j.Metadata.Name, "-merge") {
			t.Fatalf("labels %q", l)
		}
	}
	p := j.Spec.Template.Spec
	if p.RestartPolicy != "Never" || len(p.Containers) != 1 || len(p.Volumes) != 1 || p.Volumes[0].PersistentVolumeClaim.ClaimName != claim {
		t.Fatalf("pod spec %+v", p)
	}
	c := p.Containers[0]
	if c.Image != image || len(c.Command) != 1 || len(c.VolumeMounts) != 1 || c.VolumeMounts[0].MountPath != outDir || c.VolumeMounts[0].Name != p.Volumes[0].Name {
		t.Fatalf("container %+v; want image %q, the claim at %q", c, image, outDir)
	}
	wantRes := 1
	if o.Memory != "" {
		wantRes = 2
		if c.Resources.Requests["memory"] != k8sMemory(o.Memory) || len(c.Resources.Limits) != 1 || c.Resources.Limits["memory"] != k8sMemory(o.Memory) {
			t.Fatalf("resources %+v, memory %q", c.Resources, o.Memory)
		}
	} else if c.Resources.Limits != nil {
		t.Fatalf("limits %v without Memory", c.Resources.Limits)
	}
	if len(c.Resources.Requests) != wantRes {
		t.Fatalf("requests %v", c.Resources.Requests)
	}
}

// kubeExpand expands a container command or argument as Kubernetes does:
// $$ is $, $(NAME) is the variable's value when env declares it and is
// kept otherwise, and any other $ is kept.
func kubeExpand(s string, env map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '$':
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 {
				b.WriteByte('$')
				continue
			}
			name := s[i+2 : i+2+end]
			if v, ok := env[name]; ok {
				b.WriteString(v)
			} else {
				b.WriteString("$(" + name + ")")
			}
			i += 2 + end
		default:
			b.WriteByte('$')
		}
	}
	return b.String()
}

func kubeExpandAll(args []string, env map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = kubeExpand(a, env)
	}
	return out
}

// sbatchLine is an #SBATCH option whose value holds no space or quote.
var sbatchLine = regexp.MustCompile(`^#SBATCH --[a-z-]+=[A-Za-z0-9_.%:-]+$`)
