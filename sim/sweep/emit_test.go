package sweep

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

func emitOptions() EmitOptions {
	return EmitOptions{
		Scenario: "/home/ada/sweep.yaml",
		Name:     "sweep-small",
		Hash:     "e96d2e03d3fb74f1",
		Shards:   4,
		Workers:  2,
		Out:      "/scratch/ada/out",
		Binary:   "/usr/local/bin/connact",
	}
}

func emitText(t *testing.T, f func(io.Writer, EmitOptions) error, o EmitOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func hasLines(t *testing.T, text string, lines ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		have[l] = true
	}
	for _, l := range lines {
		if !have[l] {
			t.Errorf("no line %q in:\n%s", l, text)
		}
	}
}

func TestEmitSlurmLines(t *testing.T) {
	o := emitOptions()
	o.Memory, o.Time = "2G", "01:00:00"
	s := emitText(t, EmitSlurm, o)
	if !strings.HasPrefix(s, "#!/bin/bash\n#SBATCH ") {
		t.Errorf("the script does not start with #!/bin/bash and #SBATCH lines:\n%s", s)
	}
	hasLines(t, s,
		"#SBATCH --job-name=connact-sweep-small",
		"#SBATCH --array=0-3",
		"#   sbatch --array=1 connact-sweep-small.sbatch",
		"#SBATCH --ntasks=1",
		"#SBATCH --cpus-per-task=2",
		"#SBATCH --mem=2G",
		"#SBATCH --time=01:00:00",
		"#SBATCH --output=connact-sweep-small-%A_%a.out",
		"# Scenario hash: e96d2e03d3fb74f1",
		"set -euo pipefail",
		"mkdir -p /scratch/ada/out",
		`exec /usr/local/bin/connact sweep /home/ada/sweep.yaml --shard "${SLURM_ARRAY_TASK_ID}/4" --workers "${SLURM_CPUS_PER_TASK:-2}" \`,
		`	--out /scratch/ada/out/"shard-${SLURM_ARRAY_TASK_ID}" --resume`,
		"#   /usr/local/bin/connact merge /scratch/ada/out/shard-* --out /scratch/ada/out/merged",
		"#   jid=$(sbatch --parsable connact-sweep-small.sbatch)",
		"#   sbatch --dependency=afterok:$jid --job-name=connact-sweep-small-merge --output=connact-sweep-small-merge-%j.out --wrap '/usr/local/bin/connact merge /scratch/ada/out/shard-* --out /scratch/ada/out/merged'",
	)
	// sbatch reads #SBATCH lines only before the first command.
	seenCommand := false
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(l, "#SBATCH"):
			if seenCommand {
				t.Errorf("#SBATCH line after a command: %q", l)
			}
		case l != "" && !strings.HasPrefix(l, "#"):
			seenCommand = true
		}
	}
	// Optional lines are left out.
	s = emitText(t, EmitSlurm, emitOptions())
	if strings.Contains(s, "--mem") || strings.Contains(s, "--time") {
		t.Errorf("--mem or --time without Memory or Time:\n%s", s)
	}
}

func TestEmitSlurmBashSyntax(t *testing.T) {
	bash := lookBash(t)
	for _, o := range []EmitOptions{emitOptions(), awkwardOptions(t.TempDir())} {
		path := filepath.Join(t.TempDir(), "job.sbatch")
		if err := os.WriteFile(path, []byte(emitText(t, EmitSlurm, o)), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v\n%s", err, out)
		}
	}
}

func lookBash(t *testing.T) string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash:", err)
	}
	return bash
}

// awkwardOptions puts spaces, quotes and shell characters in every path,
// under dir.
func awkwardOptions(dir string) EmitOptions {
	o := emitOptions()
	o.Binary = filepath.Join(dir, "bin dir", `it's "con$nact"`)
	o.Scenario = filepath.Join(dir, "scen arios", "a;b $(x) `y`.yaml")
	o.Out = filepath.Join(dir, "out put's", "*[x]")
	return o
}

// stubBinary writes a connact stand-in at o.Binary that records its
// arguments, one per line, in the file named by $ARGS_FILE.
func stubBinary(t *testing.T, o EmitOptions) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(o.Binary), 0o755); err != nil {
		t.Fatal(err)
	}
	stub := "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGS_FILE\"\n"
	if err := os.WriteFile(o.Binary, []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
}

func recorded(t *testing.T, argsFile string) []string {
	t.Helper()
	b, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func sameArgs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("%s ran with\n%q\nwant\n%q", what, got, want)
	}
}

// TestEmitSlurmRuns runs the script as an array task would, with paths full
// of spaces and shell characters, and checks what connact receives.
func TestEmitSlurmRuns(t *testing.T) {
	bash := lookBash(t)
	dir := t.TempDir()
	o := awkwardOptions(dir)
	stubBinary(t, o)
	script := filepath.Join(dir, "job.sbatch")
	if err := os.WriteFile(script, []byte(emitText(t, EmitSlurm, o)), 0o644); err != nil {
		t.Fatal(err)
	}
	argsFile := filepath.Join(dir, "args")
	cmd := exec.Command(bash, script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ARGS_FILE="+argsFile, "SLURM_ARRAY_TASK_ID=2", "SLURM_CPUS_PER_TASK=3")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("task 2: %v\n%s", err, out)
	}
	sameArgs(t, "task 2", recorded(t, argsFile), []string{
		"sweep", o.Scenario, "--shard", "2/4", "--workers", "3", "--out", o.Out + "/shard-2", "--resume",
	})
	if fi, err := os.Stat(o.Out); err != nil || !fi.IsDir() {
		t.Errorf("the script did not create the output folder: %v", err)
	}

	// Without SLURM_CPUS_PER_TASK, --workers is Workers.
	cmd = exec.Command(bash, script)
	cmd.Env = append(os.Environ(), "ARGS_FILE="+argsFile, "SLURM_ARRAY_TASK_ID=0", "SLURM_CPUS_PER_TASK=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("task 0: %v\n%s", err, out)
	}
	sameArgs(t, "task 0", recorded(t, argsFile), []string{
		"sweep", o.Scenario, "--shard", "0/4", "--workers", "2", "--out", o.Out + "/shard-0", "--resume",
	})

	// Outside Slurm it refuses to run.
	cmd = exec.Command(bash, script)
	cmd.Env = append(os.Environ(), "ARGS_FILE="+argsFile, "SLURM_ARRAY_TASK_ID=")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "sbatch") {
		t.Errorf("run outside Slurm: %v, %s; want exit status 2 and a hint to use sbatch", err, out)
	}
}

// TestEmitSlurmMergeCommands runs the two merge commands that the script's
// comments show, the second with a stand-in sbatch that runs --wrap.
func TestEmitSlurmMergeCommands(t *testing.T) {
	bash := lookBash(t)
	dir := t.TempDir()
	o := awkwardOptions(dir)
	stubBinary(t, o)
	for i := range o.Shards {
		if err := os.MkdirAll(filepath.Join(o.Out, "shard-"+string(rune('0'+i))), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sbatch := filepath.Join(dir, "path", "sbatch")
	if err := os.MkdirAll(filepath.Dir(sbatch), 0o755); err != nil {
		t.Fatal(err)
	}
	stub := "#!/bin/bash\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --wrap ]; then exec sh -c \"$2\"; fi; shift; done\nexit 9\n"
	if err := os.WriteFile(sbatch, []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	var direct, wrapped string
	for _, l := range strings.Split(emitText(t, EmitSlurm, o), "\n") {
		l = strings.TrimPrefix(l, "#   ")
		switch {
		case strings.HasPrefix(l, ShellQuote(o.Binary)+" merge "):
			direct = l
		case strings.HasPrefix(l, "sbatch --dependency=afterok:$jid "):
			wrapped = strings.Replace(l, "$jid", "123", 1)
		}
	}
	if direct == "" || wrapped == "" {
		t.Fatal("the script shows no merge command, or no dependent merge job")
	}
	want := []string{"merge", o.Out + "/shard-0", o.Out + "/shard-1", o.Out + "/shard-2", o.Out + "/shard-3",
		"--out", o.Out + "/merged"}
	argsFile := filepath.Join(dir, "args")
	for _, c := range []string{direct, wrapped} {
		os.Remove(argsFile)
		cmd := exec.Command(bash, "-c", c)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "ARGS_FILE="+argsFile, "PATH="+filepath.Dir(sbatch)+":"+os.Getenv("PATH"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c, err, out)
		}
		sameArgs(t, c, recorded(t, argsFile), want)
	}
}

// The parts of a Kubernetes Job that the manifest uses; decoding with
// KnownFields rejects any other (misspelt) field.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name        string            `yaml:"name"`
		Labels      map[string]string `yaml:"labels"`
		Annotations map[string]string `yaml:"annotations"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    *int   `yaml:"completions"`
		Parallelism    *int   `yaml:"parallelism"`
		BackoffLimit   *int   `yaml:"backoffLimit"`
		Template       struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec struct {
				RestartPolicy         string `yaml:"restartPolicy"`
				ActiveDeadlineSeconds int64  `yaml:"activeDeadlineSeconds"`
				Containers            []struct {
					Name    string   `yaml:"name"`
					Image   string   `yaml:"image"`
					Command []string `yaml:"command"`
					Args    []string `yaml:"args"`
					Env     []struct {
						Name      string `yaml:"name"`
						Value     string `yaml:"value"`
						ValueFrom *struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					Resources struct {
						Requests map[string]string `yaml:"requests"`
						Limits   map[string]string `yaml:"limits"`
					} `yaml:"resources"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name                  string `yaml:"name"`
					PersistentVolumeClaim struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// decodeJobs decodes every YAML document of text strictly.
func decodeJobs(t *testing.T, text string) []k8sJob {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	var jobs []k8sJob
	for {
		var j k8sJob
		err := dec.Decode(&j)
		if err == io.EOF {
			return jobs
		}
		if err != nil {
			t.Fatalf("invalid YAML: %v\n%s", err, text)
		}
		jobs = append(jobs, j)
	}
}

// mergeDoc returns the commented-out merge Job, as the manifest's sed command extracts it.
func mergeDoc(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(l, "#| "); ok {
			b.WriteString(rest + "\n")
		}
	}
	return b.String()
}

func TestEmitK8s(t *testing.T) {
	o := emitOptions()
	o.Memory, o.Time = "2G", "1-00:30"
	text := emitText(t, EmitK8s, o)
	jobs := decodeJobs(t, text)
	if len(jobs) != 1 {
		t.Fatalf("%d YAML documents, want 1 (the merge Job is commented out)", len(jobs))
	}
	j := jobs[0]
	if j.APIVersion != "batch/v1" || j.Kind != "Job" || j.Metadata.Name != "connact-sweep-small" {
		t.Errorf("apiVersion %q, kind %q, name %q; want batch/v1, Job, connact-sweep-small", j.APIVersion, j.Kind, j.Metadata.Name)
	}
	if j.Metadata.Annotations["connact/scenario-hash"] != o.Hash {
		t.Errorf("annotations %v lack the scenario hash", j.Metadata.Annotations)
	}
	s := j.Spec
	if s.CompletionMode != "Indexed" || s.Completions == nil || *s.Completions != 4 || s.Parallelism == nil || *s.Parallelism != 4 {
		t.Errorf("completionMode %q, completions %v, parallelism %v; want Indexed, 4, 4", s.CompletionMode, s.Completions, s.Parallelism)
	}
	p := s.Template.Spec
	if p.RestartPolicy != "Never" || p.ActiveDeadlineSeconds != 86400+1800 {
		t.Errorf("restartPolicy %q, activeDeadlineSeconds %d; want Never, 88200", p.RestartPolicy, p.ActiveDeadlineSeconds)
	}
	if len(p.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(p.Containers))
	}
	c := p.Containers[0]
	if c.Image != DefaultImage {
		t.Errorf("image %q, want %q", c.Image, DefaultImage)
	}
	sameArgs(t, "the sweep pod", append(c.Command, c.Args...), []string{
		o.Binary, "sweep", o.Scenario, "--shard", "auto", "--shards", "4", "--workers", "2",
		"--out", o.Out + "/shard-$(CONNACT_SHARD_INDEX)", "--resume",
	})
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
		if e.ValueFrom != nil {
			env[e.Name] = "from " + e.ValueFrom.FieldRef.FieldPath
		}
	}
	if env["CONNACT_SHARDS"] != "4" || env["CONNACT_SHARD_INDEX"] != "from metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("env %v", env)
	}
	if c.Resources.Requests["cpu"] != "2" || c.Resources.Requests["memory"] != "2Gi" || c.Resources.Limits["memory"] != "2Gi" {
		t.Errorf("resources %+v; want 2 CPUs and 2Gi", c.Resources)
	}
	if len(c.VolumeMounts) != 1 || c.VolumeMounts[0].MountPath != o.Out || len(p.Volumes) != 1 ||
		p.Volumes[0].Name != c.VolumeMounts[0].Name || p.Volumes[0].PersistentVolumeClaim.ClaimName != DefaultClaimName {
		t.Errorf("volumes %+v mounted as %+v; want claim %s at %s", p.Volumes, c.VolumeMounts, DefaultClaimName, o.Out)
	}

	// The merge Job.
	jobs = decodeJobs(t, mergeDoc(text))
	if len(jobs) != 1 {
		t.Fatalf("%d merge Jobs, want 1", len(jobs))
	}
	m := jobs[0]
	if m.Kind != "Job" || m.Metadata.Name != "connact-sweep-small-merge" || m.Spec.CompletionMode != "" || m.Spec.Completions != nil {
		t.Errorf("merge Job: kind %q, name %q, completionMode %q", m.Kind, m.Metadata.Name, m.Spec.CompletionMode)
	}
	mc := m.Spec.Template.Spec.Containers[0]
	sameArgs(t, "the merge pod", append(mc.Command, mc.Args...), []string{o.Binary, "merge",
		o.Out + "/shard-0", o.Out + "/shard-1", o.Out + "/shard-2", o.Out + "/shard-3", "--out", o.Out + "/merged"})
	if mc.VolumeMounts[0].MountPath != o.Out || m.Spec.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName != DefaultClaimName {
		t.Errorf("merge Job volumes %+v", m.Spec.Template.Spec.Volumes)
	}
	if strings.Contains(text, "\t") {
		t.Error("the manifest contains a tab, which YAML does not allow for indentation")
	}
}

func TestEmitK8sQuoting(t *testing.T) {
	o := awkwardOptions("/tmp/x")
	o.Out = "/data/$(HOME) out: #1"
	o.Name = "Sweep: Großer Test_2 " + strings.Repeat("x", 80)
	o.Image, o.ClaimName = "registry.example.org/connact:v1.2", "my.claim"
	o.Shards = 1000
	jobs := decodeJobs(t, emitText(t, EmitK8s, o))
	j := jobs[0]
	if n := j.Metadata.Name; len(n)+len("-999") > 63 || !dnsSubdom.MatchString(n) || strings.Contains(n, ".") {
		t.Errorf("job name %q is not a DNS label that leaves room for the pod index", n)
	}
	c := j.Spec.Template.Spec.Containers[0]
	if c.Command[0] != strings.ReplaceAll(o.Binary, "$", "$$") || c.Args[1] != strings.ReplaceAll(o.Scenario, "$", "$$") ||
		c.Args[9] != "/data/$$(HOME) out: #1/shard-$(CONNACT_SHARD_INDEX)" {
		t.Errorf("command %q, args %q: '$' must be doubled so that Kubernetes keeps it", c.Command, c.Args)
	}
	if c.VolumeMounts[0].MountPath != o.Out || c.Image != o.Image || j.Spec.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName != "my.claim" {
		t.Errorf("mount %q, image %q", c.VolumeMounts[0].MountPath, c.Image)
	}
	if *j.Spec.Completions != 1000 {
		t.Errorf("completions %d", *j.Spec.Completions)
	}
	m := decodeJobs(t, mergeDoc(emitText(t, EmitK8s, o)))[0]
	if n := m.Metadata.Name; len(n) > 63 || !strings.HasSuffix(n, "-merge") {
		t.Errorf("merge job name %q", n)
	}
	if args := m.Spec.Template.Spec.Containers[0].Args; len(args) != 1+1000+2 || args[1000] != "/data/$$(HOME) out: #1/shard-999" {
		t.Errorf("merge args: %d, last shard %q", len(args), args[1000])
	}
}

func TestEmitOptionErrors(t *testing.T) {
	for _, c := range []struct {
		edit func(*EmitOptions)
		want string
	}{
		{func(o *EmitOptions) { o.Shards = 0 }, "Shards: 0 shards"},
		{func(o *EmitOptions) { o.Workers = -1 }, "Workers: -1"},
		{func(o *EmitOptions) { o.Scenario = "" }, "Scenario: the scenario file is missing"},
		{func(o *EmitOptions) { o.Scenario = "sweep.yaml" }, `Scenario: the scenario file "sweep.yaml" is not an absolute path`},
		{func(o *EmitOptions) { o.Out = "results/x" }, `Out: the output folder "results/x" is not an absolute path`},
		{func(o *EmitOptions) { o.Out = "/" }, "root folder"},
		{func(o *EmitOptions) { o.Binary = "" }, "Binary: the connact binary is missing"},
		{func(o *EmitOptions) { o.Binary = "connact" }, `Binary: the connact binary "connact" is not an absolute path`},
		{func(o *EmitOptions) { o.Out = "/a\nb" }, "Out \"/a\\nb\" contains the non-printable character U+000A"},
		{func(o *EmitOptions) { o.Name = "x\u2028---\u2028kind: ConfigMap" }, "Name \"x\\u2028---\\u2028kind: ConfigMap\" contains the non-printable character U+2028"},
		{func(o *EmitOptions) { o.Scenario = "/s\u2029.yaml" }, "Scenario \"/s\\u2029.yaml\" contains the non-printable character U+2029"},
		{func(o *EmitOptions) { o.Binary = "/bin/\u0085connact" }, "Binary \"/bin/\\u0085connact\" contains the non-printable character U+0085"},
		{func(o *EmitOptions) { o.Image = "img\ufeff" }, "Image \"img\\ufeff\" contains the non-printable character U+FEFF"},
		{func(o *EmitOptions) { o.Memory = "2G\r" }, "Memory \"2G\\r\" contains the non-printable character U+000D"},
		{func(o *EmitOptions) { o.Time = "1\t" }, "Time \"1\\t\" contains the non-printable character U+0009"},
		{func(o *EmitOptions) { o.Hash = "ab\x00" }, "Hash \"ab\\x00\" contains the non-printable character U+0000"},
		{func(o *EmitOptions) { o.ClaimName = "c\u00a0" }, "ClaimName \"c\\u00a0\" contains the non-printable character U+00A0"},
		{func(o *EmitOptions) { o.Out = "/a\xffb" }, "Out \"/a\\xffb\" is not valid UTF-8"},
		{func(o *EmitOptions) { o.Shards = MaxEmitShards + 1 }, "Shards: 100001 shards; at most 100000"},
		{func(o *EmitOptions) { o.Memory = "2GB" }, `Memory: "2GB" is not an amount of memory`},
		{func(o *EmitOptions) { o.Memory = "0" }, `Memory: "0"`},
		{func(o *EmitOptions) { o.Time = "1h" }, `Time: "1h" is not a Slurm time limit`},
		{func(o *EmitOptions) { o.Time = "0:00" }, `Time: "0:00" is not a positive time limit`},
		{func(o *EmitOptions) { o.ClaimName = "My_Claim" }, `ClaimName: "My_Claim"`},
	} {
		o := emitOptions()
		c.edit(&o)
		for name, f := range map[string]func(io.Writer, EmitOptions) error{"EmitSlurm": EmitSlurm, "EmitK8s": EmitK8s} {
			var b bytes.Buffer
			err := f(&b, o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s(%+v) = %v, want an error containing %q", name, o, err, c.want)
			}
			if b.Len() > 0 {
				t.Errorf("%s wrote %d bytes despite an error", name, b.Len())
			}
		}
	}
	// All mistakes are reported at once.
	err := EmitSlurm(io.Discard, EmitOptions{})
	for _, want := range []string{"Scenario:", "Out:", "Binary:", "Shards:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("EmitSlurm(zero options) = %v, want it to mention %s", err, want)
		}
	}
}

func TestEmitDefaults(t *testing.T) {
	o := emitOptions()
	o.Name, o.Workers = "", 0
	s := emitText(t, EmitSlurm, o)
	hasLines(t, s, "#SBATCH --job-name=connact-sweep", "#SBATCH --cpus-per-task=1")
	o.Name, o.Shards = "my sweep/1", 1
	hasLines(t, emitText(t, EmitSlurm, o), "#SBATCH --job-name=connact-my_sweep_1", "#SBATCH --array=0-0",
		"#   sbatch --array=0 connact-my_sweep_1.sbatch")
}

func TestEmitTimeAndMemory(t *testing.T) {
	for in, want := range map[string]int64{
		"90": 5400, "90:30": 5430, "01:00:00": 3600, "2-12": 2*86400 + 12*3600,
		"2-12:30": 2*86400 + 12*3600 + 1800, "1-00:00:05": 86405, "UNLIMITED": 0,
	} {
		if got, err := timeSeconds(in); err != nil || got != want {
			t.Errorf("timeSeconds(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1h", "1:2:3:4", "-5", "1-", "1-2:3:4:5", "99999999999999999999"} {
		if got, err := timeSeconds(in); err == nil {
			t.Errorf("timeSeconds(%q) = %d, want an error", in, got)
		}
	}
	for in, want := range map[string]string{"2G": "2Gi", "500M": "500Mi", "2048": "2048Mi", "1T": "1Ti", "64K": "64Ki"} {
		if got := k8sMemory(in); got != want {
			t.Errorf("k8sMemory(%q) = %q, want %q", in, got, want)
		}
	}
}
