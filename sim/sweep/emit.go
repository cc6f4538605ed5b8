package sweep

// Job scripts for running a sweep's shards on a cluster (connact sweep
// --emit slurm|k8s): a Slurm job array and a Kubernetes Indexed Job. Shard i
// of N writes Out/shard-<i>; the merge of all shards writes Out/merged.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EmitOptions describes the job that EmitSlurm and EmitK8s write.
type EmitOptions struct {
	Scenario string // absolute path of the scenario file
	Name     string // scenario name: the job is named "connact-<name>"
	Hash     string // scenario hash, written in a comment (optional)
	Shards   int    // number of shards N ≥ 1: one array task or pod each
	Workers  int    // CPUs per task and connact's --workers (0 means 1)
	Out      string // absolute output folder: shard i writes Out/shard-<i>, the merge Out/merged
	Binary   string // absolute path of the connact binary (in the container, for k8s)
	// Memory per task in Slurm's notation: a whole number with an optional
	// unit K, M (the default), G or T, all powers of 1024, e.g. "2G"
	// (optional). Kubernetes gets the same amount ("2Gi").
	Memory string
	// Time limit per task in Slurm's notation: "minutes", "minutes:seconds",
	// "hours:minutes:seconds", "days-hours", "days-hours:minutes" or
	// "days-hours:minutes:seconds", e.g. "01:00:00" (optional). Kubernetes
	// gets it as each pod's activeDeadlineSeconds.
	Time string
	// Image is the container image of the Kubernetes pods (default
	// "connact:latest"); it must hold Binary and Scenario at those paths.
	Image string
	// ClaimName is the PersistentVolumeClaim mounted at Out in every pod
	// (default "connact-results").
	ClaimName string
}

// Defaults and limits of EmitOptions.
const (
	DefaultImage     = "connact:latest"
	DefaultClaimName = "connact-results"
	MaxEmitShards    = 100000
)

func notPrint(r rune) bool { return !unicode.IsPrint(r) }

var (
	slurmMemory = regexp.MustCompile(`^([1-9][0-9]{0,14})([KMGT]?)$`)
	slurmTime   = regexp.MustCompile(`^(?:([0-9]+)-([0-9]+)(?::([0-9]+)(?::([0-9]+))?)?|([0-9]+)(?::([0-9]+)(?::([0-9]+))?)?)$`)
	dnsSubdom   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)
	shellSafe   = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)
)

// check validates o and returns it with its defaults filled in.
func (o EmitOptions) check() (EmitOptions, error) {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for _, f := range []struct{ field, v string }{
		{"Scenario", o.Scenario}, {"Name", o.Name}, {"Hash", o.Hash}, {"Out", o.Out}, {"Binary", o.Binary},
		{"Memory", o.Memory}, {"Time", o.Time}, {"Image", o.Image}, {"ClaimName", o.ClaimName},
	} {
		// Only printable characters: a newline, a carriage return or a
		// Unicode line or paragraph separator (U+2028, U+2029, U+0085, which
		// YAML takes for line breaks) would end a comment or a quoted value
		// and let the rest of the value be read as script or manifest.
		if !utf8.ValidString(f.v) {
			bad("%s %q is not valid UTF-8, which a job script cannot hold", f.field, f.v)
		} else if i := strings.IndexFunc(f.v, notPrint); i >= 0 {
			r, _ := utf8.DecodeRuneInString(f.v[i:])
			bad("%s %q contains the non-printable character %U (a control character such as a newline, or a line separator), which a job script cannot hold", f.field, f.v, r)
		}
	}
	for _, f := range []struct{ field, what, v string }{
		{"Scenario", "scenario file", o.Scenario}, {"Out", "output folder", o.Out}, {"Binary", "connact binary", o.Binary},
	} {
		switch {
		case f.v == "":
			bad("%s: the %s is missing", f.field, f.what)
		case !filepath.IsAbs(f.v):
			bad("%s: the %s %q is not an absolute path (the job runs in another folder, maybe on another machine)", f.field, f.what, f.v)
		}
	}
	if o.Out != "" && filepath.IsAbs(o.Out) {
		o.Out = filepath.Clean(o.Out)
		if o.Out == string(filepath.Separator) {
			bad("Out: the output folder cannot be the root folder /")
		}
	}
	switch {
	case o.Shards < 1:
		bad("Shards: %d shards; a sweep needs at least 1", o.Shards)
	case o.Shards > MaxEmitShards:
		bad("Shards: %d shards; at most %d (an Indexed Job's limit, and the merge Job lists every shard)", o.Shards, MaxEmitShards)
	}
	switch {
	case o.Workers < 0:
		bad("Workers: %d workers; give at least 1 CPU per task", o.Workers)
	case o.Workers == 0:
		o.Workers = 1
	}
	if o.Memory != "" && !slurmMemory.MatchString(o.Memory) {
		bad("Memory: %q is not an amount of memory such as 500M, 2G or 2048 (megabytes)", o.Memory)
	}
	if o.Time != "" {
		if _, err := timeSeconds(o.Time); err != nil {
			bad("Time: %v", err)
		}
	}
	if o.Name == "" && o.Scenario != "" {
		o.Name = strings.TrimSuffix(filepath.Base(o.Scenario), filepath.Ext(o.Scenario))
	}
	if o.Image == "" {
		o.Image = DefaultImage
	}
	if o.ClaimName == "" {
		o.ClaimName = DefaultClaimName
	}
	if len(o.ClaimName) > 253 || !dnsSubdom.MatchString(o.ClaimName) {
		bad("ClaimName: %q is not a Kubernetes object name (lower-case letters, digits, '-' and '.')", o.ClaimName)
	}
	if len(errs) > 0 {
		return o, errors.New("cannot write the job: " + strings.Join(errs, "; "))
	}
	return o, nil
}

// timeSeconds parses a Slurm time limit; "UNLIMITED" and "INFINITE" give 0.
func timeSeconds(s string) (int64, error) {
	if s == "UNLIMITED" || s == "INFINITE" {
		return 0, nil
	}
	m := slurmTime.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a Slurm time limit such as 90 (minutes), 01:30:00 or 2-12:00:00", s)
	}
	n := func(i int) int64 {
		if m[i] == "" {
			return 0
		}
		v, err := strconv.ParseInt(m[i], 10, 64)
		if err != nil || v > 1e7 {
			return -1
		}
		return v
	}
	var sec int64
	if m[1] != "" { // days-hours[:minutes[:seconds]]
		sec = n(1)*86400 + n(2)*3600 + n(3)*60 + n(4)
		if n(1) < 0 || n(2) < 0 || n(3) < 0 || n(4) < 0 {
			sec = -1
		}
	} else { // minutes, minutes:seconds or hours:minutes:seconds
		a, b, c := n(5), n(6), n(7)
		switch {
		case a < 0 || b < 0 || c < 0:
			sec = -1
		case m[7] != "":
			sec = a*3600 + b*60 + c
		default:
			sec = a*60 + b
		}
	}
	if sec <= 0 {
		return 0, fmt.Errorf("%q is not a positive time limit", s)
	}
	return sec, nil
}

// k8sMemory turns Slurm's memory notation (units of 1024, megabytes by
// default) into a Kubernetes quantity.
func k8sMemory(s string) string {
	m := slurmMemory.FindStringSubmatch(s)
	unit := m[2]
	if unit == "" {
		unit = "M"
	}
	return m[1] + unit + "i"
}

// jobSlug keeps letters, digits, '.', '_' and '-' of a name, for Slurm job and log names.
func jobSlug(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-') {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		s = "sweep"
	}
	return s
}

// dnsLabel turns a name into a lower-case RFC 1123 label of at most max characters.
func dnsLabel(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// ShellQuote quotes s as one word for the POSIX shell, when it needs it.
func ShellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// yamlQuote quotes s as a YAML double-quoted scalar (JSON's string syntax is valid YAML).
func yamlQuote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// k8sArg escapes '$' in a container argument, where Kubernetes would
// otherwise expand $(NAME) references.
func k8sArg(s string) string { return strings.ReplaceAll(s, "$", "$$") }

// commentf writes one '#' comment line.
func commentf(b *strings.Builder, format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	if line == "" {
		b.WriteString("#\n")
		return
	}
	b.WriteString("# " + line + "\n")
}

// EmitSlurm writes a Slurm batch script that runs the sweep as a job array
// of o.Shards tasks: task i runs shard i/N with connact sweep --resume into
// Out/shard-<i>. Its comments show how to submit it, rerun a task, and merge
// the shards, also as a job that depends on the array.
//
// Each task's log goes to the folder sbatch is run from: Slurm opens the log
// before the script starts and does not create folders, so a log under Out
// would make every task fail silently until someone ran mkdir. The shard is
// given as "$SLURM_ARRAY_TASK_ID/N" rather than --shard auto, because auto
// derives N from the array's size, which is wrong when a subset of tasks is
// submitted again (sbatch --array=3 script: auto would see shard 0 of 1).
func EmitSlurm(w io.Writer, o EmitOptions) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	name := "connact-" + jobSlug(o.Name)
	out, bin := ShellQuote(o.Out), ShellQuote(o.Binary)
	script := name + ".sbatch"
	merge := fmt.Sprintf("%s merge %s/shard-* --out %s", bin, out, ShellQuote(o.Out+"/merged"))

	var b strings.Builder
	b.WriteString("#!/bin/bash\n")
	fmt.Fprintf(&b, "#SBATCH --job-name=%s\n", name)
	fmt.Fprintf(&b, "#SBATCH --array=0-%d\n", o.Shards-1)
	b.WriteString("#SBATCH --ntasks=1\n")
	fmt.Fprintf(&b, "#SBATCH --cpus-per-task=%d\n", o.Workers)
	if o.Memory != "" {
		fmt.Fprintf(&b, "#SBATCH --mem=%s\n", o.Memory)
	}
	if o.Time != "" {
		fmt.Fprintf(&b, "#SBATCH --time=%s\n", o.Time)
	}
	fmt.Fprintf(&b, "#SBATCH --output=%s-%%A_%%a.out\n", name)
	commentf(&b, "")
	commentf(&b, "connact sweep of scenario %q as a Slurm job array of %d shard(s), one per array task.", o.Name, o.Shards)
	commentf(&b, "Scenario: %s", o.Scenario)
	if o.Hash != "" {
		commentf(&b, "Scenario hash: %s", o.Hash)
	}
	commentf(&b, "Written by `connact sweep --emit slurm`; the commands below assume it was saved as %s.", script)
	commentf(&b, "")
	commentf(&b, "Submit it from any folder. Each task's log is written there, as %s-<job>_<task>.out,", name)
	commentf(&b, "because Slurm opens the log before this script starts, and does not create folders:")
	commentf(&b, "  sbatch %s", script)
	commentf(&b, "Task i runs shard i of %d and writes %s/shard-i. Tasks resume what is already there, so a", o.Shards, o.Out)
	commentf(&b, "task that failed or ran out of time can be submitted again on its own (here task %d):", min(1, o.Shards-1))
	commentf(&b, "  sbatch --array=%d %s", min(1, o.Shards-1), script)
	commentf(&b, "When every task has succeeded, merge the shards into what one `connact sweep` writes:")
	commentf(&b, "  %s", merge)
	commentf(&b, "or let Slurm run the merge as soon as the whole array has succeeded:")
	commentf(&b, "  jid=$(sbatch --parsable %s)", script)
	commentf(&b, "  sbatch --dependency=afterok:$jid --job-name=%s-merge --output=%s-merge-%%j.out --wrap %s",
		name, name, ShellQuote(merge))
	b.WriteString("\nset -euo pipefail\n\n")
	b.WriteString("if [ -z \"${SLURM_ARRAY_TASK_ID:-}\" ]; then\n")
	b.WriteString("\techo \"this script runs one shard of a connact sweep per Slurm array task: submit it with sbatch\" >&2\n")
	b.WriteString("\texit 2\n")
	b.WriteString("fi\n")
	fmt.Fprintf(&b, "mkdir -p %s\n", out)
	fmt.Fprintf(&b, "exec %s sweep %s --shard \"${SLURM_ARRAY_TASK_ID}/%d\" --workers \"${SLURM_CPUS_PER_TASK:-%d}\" \\\n",
		bin, ShellQuote(o.Scenario), o.Shards, o.Workers)
	fmt.Fprintf(&b, "\t--out %s/\"shard-${SLURM_ARRAY_TASK_ID}\" --resume\n", out)
	_, err = io.WriteString(w, b.String())
	return err
}

// EmitK8s writes a Kubernetes manifest: an Indexed Job of o.Shards
// completions whose pod i runs connact sweep --shard auto --shards N
// --resume into Out/shard-<i>, on the PersistentVolumeClaim o.ClaimName
// mounted at Out. After the Job, commented out with "#| ", comes a Job that
// merges the shards into Out/merged; its comments say how to apply it.
func EmitK8s(w io.Writer, o EmitOptions) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	var deadline int64
	if o.Time != "" {
		deadline, _ = timeSeconds(o.Time) // checked
	}
	// Pods of an Indexed Job are named <job>-<index>-<random>, and their
	// hostname is <job>-<index>, which must stay a 63-character label.
	room := min(63-1-len(strconv.Itoa(o.Shards-1)), 63-len("-merge")) - len("connact-")
	label := dnsLabel(o.Name, room)
	job := "connact"
	if label != "" {
		job += "-" + label
	}

	var b strings.Builder
	commentf(&b, "connact sweep of scenario %q as a Kubernetes Indexed Job of %d shard(s), one per completion index.", o.Name, o.Shards)
	commentf(&b, "Scenario: %s", o.Scenario)
	if o.Hash != "" {
		commentf(&b, "Scenario hash: %s", o.Hash)
	}
	commentf(&b, "Written by `connact sweep --emit k8s`; the commands below assume it was saved as %s.yaml.", job)
	commentf(&b, "")
	commentf(&b, "Before applying it:")
	commentf(&b, "- the image %s must hold connact at %s and the scenario at %s", o.Image, o.Binary, o.Scenario)
	commentf(&b, "  (with any network file it names), e.g. built from a Dockerfile such as")
	commentf(&b, "      FROM debian:stable-slim")
	commentf(&b, "      COPY [\"connact\", %s]", yamlQuote(o.Binary))
	commentf(&b, "      COPY [%s, %s]", yamlQuote(filepath.Base(o.Scenario)), yamlQuote(o.Scenario))
	commentf(&b, "  (connact is statically linked when built with CGO_ENABLED=0); or keep both on the volume, under %s;", o.Out)
	commentf(&b, "- the PersistentVolumeClaim %q must exist. Every pod mounts it at %s, so it must be", o.ClaimName, o.Out)
	commentf(&b, "  ReadWriteMany when the pods may run on different nodes.")
	commentf(&b, "Pod i runs shard i of %d and writes %s/shard-i. A failed pod is replaced by one that resumes", o.Shards, o.Out)
	commentf(&b, "the shard where it stopped. Lower parallelism to run fewer pods at once.")
	commentf(&b, "  kubectl apply -f %s.yaml", job)
	commentf(&b, "  kubectl wait --for=condition=complete --timeout=24h job/%s", job)
	commentf(&b, "Then merge the shards into %s/merged, which is what one `connact sweep` writes,", o.Out)
	commentf(&b, "with the Job at the end of this file:")
	commentf(&b, "  sed -n 's/^#| //p' %s.yaml | kubectl apply -f -", job)
	commentf(&b, "  kubectl wait --for=condition=complete --timeout=1h job/%s-merge", job)

	labels := func(b *strings.Builder, indent, component string) {
		fmt.Fprintf(b, "%slabels:\n", indent)
		fmt.Fprintf(b, "%s  app.kubernetes.io/name: connact\n", indent)
		fmt.Fprintf(b, "%s  app.kubernetes.io/instance: %s\n", indent, yamlQuote(job))
		fmt.Fprintf(b, "%s  app.kubernetes.io/component: %s\n", indent, component)
	}
	// podSpec writes the pod template's spec, shared by both Jobs.
	podSpec := func(b *strings.Builder, indent string, args []string, env [][2]string, cpu int, deadline int64) {
		fmt.Fprintf(b, "%srestartPolicy: Never\n", indent)
		if deadline > 0 {
			fmt.Fprintf(b, "%sactiveDeadlineSeconds: %d\n", indent, deadline)
		}
		fmt.Fprintf(b, "%scontainers:\n", indent)
		fmt.Fprintf(b, "%s  - name: connact\n", indent)
		in := indent + "    "
		fmt.Fprintf(b, "%simage: %s\n", in, yamlQuote(o.Image))
		fmt.Fprintf(b, "%scommand: [%s]\n", in, yamlQuote(k8sArg(o.Binary)))
		fmt.Fprintf(b, "%sargs:\n", in)
		for _, a := range args {
			fmt.Fprintf(b, "%s  - %s\n", in, yamlQuote(a))
		}
		if len(env) > 0 {
			fmt.Fprintf(b, "%senv:\n", in)
			for _, e := range env {
				fmt.Fprintf(b, "%s  - name: %s\n", in, e[0])
				if strings.HasPrefix(e[1], "metadata.") {
					fmt.Fprintf(b, "%s    valueFrom:\n%s      fieldRef:\n%s        fieldPath: %s\n", in, in, in, yamlQuote(e[1]))
				} else {
					fmt.Fprintf(b, "%s    value: %s\n", in, yamlQuote(e[1]))
				}
			}
		}
		fmt.Fprintf(b, "%sresources:\n", in)
		fmt.Fprintf(b, "%s  requests:\n", in)
		fmt.Fprintf(b, "%s    cpu: %s\n", in, yamlQuote(strconv.Itoa(cpu)))
		if o.Memory != "" {
			fmt.Fprintf(b, "%s    memory: %s\n", in, yamlQuote(k8sMemory(o.Memory)))
			fmt.Fprintf(b, "%s  limits:\n", in)
			fmt.Fprintf(b, "%s    memory: %s\n", in, yamlQuote(k8sMemory(o.Memory)))
		}
		fmt.Fprintf(b, "%svolumeMounts:\n", in)
		fmt.Fprintf(b, "%s  - name: results\n", in)
		fmt.Fprintf(b, "%s    mountPath: %s\n", in, yamlQuote(o.Out))
		fmt.Fprintf(b, "%svolumes:\n", indent)
		fmt.Fprintf(b, "%s  - name: results\n", indent)
		fmt.Fprintf(b, "%s    persistentVolumeClaim:\n", indent)
		fmt.Fprintf(b, "%s      claimName: %s\n", indent, yamlQuote(o.ClaimName))
	}

	n := strconv.Itoa(o.Shards)
	b.WriteString("apiVersion: batch/v1\nkind: Job\nmetadata:\n")
	fmt.Fprintf(&b, "  name: %s\n", yamlQuote(job))
	labels(&b, "  ", "sweep")
	if o.Hash != "" {
		fmt.Fprintf(&b, "  annotations:\n    connact/scenario-hash: %s\n", yamlQuote(o.Hash))
	}
	b.WriteString("spec:\n  completionMode: Indexed\n")
	fmt.Fprintf(&b, "  completions: %d\n", o.Shards)
	fmt.Fprintf(&b, "  parallelism: %d\n", o.Shards)
	// Failures are counted over the whole Job; each shard may fail a few
	// times (a node lost, a time limit) since the next pod resumes it.
	fmt.Fprintf(&b, "  backoffLimit: %d\n", max(6, 3*o.Shards))
	b.WriteString("  template:\n    metadata:\n")
	labels(&b, "      ", "sweep")
	b.WriteString("    spec:\n")
	podSpec(&b, "      ", []string{
		"sweep", k8sArg(o.Scenario), "--shard", "auto", "--shards", n, "--workers", strconv.Itoa(o.Workers),
		"--out", k8sArg(o.Out) + "/shard-$(CONNACT_SHARD_INDEX)", "--resume",
	}, [][2]string{
		// --shard auto reads JOB_COMPLETION_INDEX, which the Job controller
		// sets; the same index is declared here for the --out argument,
		// since Kubernetes expands $(NAME) only for declared variables.
		{"CONNACT_SHARDS", n},
		{"CONNACT_SHARD_INDEX", "metadata.annotations['batch.kubernetes.io/job-completion-index']"},
	}, o.Workers, deadline)

	// The merge Job, commented out: it lists the shard folders, since the
	// image may have no shell to expand a pattern.
	var m strings.Builder
	m.WriteString("apiVersion: batch/v1\nkind: Job\nmetadata:\n")
	fmt.Fprintf(&m, "  name: %s\n", yamlQuote(job+"-merge"))
	labels(&m, "  ", "merge")
	m.WriteString("spec:\n  backoffLimit: 0\n  template:\n    metadata:\n")
	labels(&m, "      ", "merge")
	m.WriteString("    spec:\n")
	args := []string{"merge"}
	for i := 0; i < o.Shards; i++ {
		args = append(args, k8sArg(o.Out)+"/shard-"+strconv.Itoa(i))
	}
	args = append(args, "--out", k8sArg(o.Out)+"/merged")
	podSpec(&m, "      ", args, nil, 1, 0)
	b.WriteString("#\n# The merge Job (apply it with the sed command above once the sweep Job is complete):\n")
	for _, line := range strings.SplitAfter(strings.TrimSuffix(m.String(), "\n"), "\n") {
		b.WriteString("#| " + line)
	}
	b.WriteString("\n")
	_, err = io.WriteString(w, b.String())
	return err
}
