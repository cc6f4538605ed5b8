// The package documentation, doc.go, is connact's manual. Its list of
// commands, their synopses and their flags are made from the commands
// defined here by go generate; TestManualUpToDate checks them. (No package
// comment here: it would be appended to the manual.)

//go:generate go test -run=^TestManualUpToDate$ -fixdoc

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/analyse"
	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// command is one subcommand, after cmd/go's base.Command, except that its
// flags are not package variables: every invocation makes its own options
// and its own flag set (newCommand, flagSet), as benchstat's main does, so
// that two invocations in one process — the tests call run many times —
// share no flag values and nothing needs to be reset by hand.
type command struct {
	Name      string
	UsageLine string
	Short     string
	Long      string
	// bind makes fresh options for one invocation, registers them as
	// flags on fs and returns the command bound to those options.
	bind func(fs *flag.FlagSet) func(ctx context.Context, e *env, args []string) error
}

// newCommand completes c with the options type O: each invocation makes a
// new O, register (nil for a command without flags) registers its fields
// as flags on that invocation's flag set, and run gets it once the command
// line is parsed.
func newCommand[O any](c command, register func(o *O, fs *flag.FlagSet), run func(ctx context.Context, e *env, o *O, args []string) error) *command {
	c.bind = func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		o := new(O)
		if register != nil {
			register(o, fs)
		}
		return func(ctx context.Context, e *env, args []string) error { return run(ctx, e, o, args) }
	}
	return &c
}

// noOptions are the options of a command without flags.
type noOptions struct{}

// flagSet makes the flag set of one invocation of c, which reports its
// parse errors to w, and the command bound to its options. Its Usage does
// nothing: run prints the command's usage itself, on stdout when asked
// for and on stderr after a mistake.
func (c *command) flagSet(w io.Writer) (*flag.FlagSet, func(context.Context, *env, []string) error) {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {}
	return fs, c.bind(fs)
}

// env is what a command sees of the world: its output streams and its
// invocation's flag set (to tell which flags were given).
type env struct {
	stdout, stderr io.Writer
	flags          *flag.FlagSet
}

var commands []*command // filled in init to break the reference cycle with help

func init() {
	commands = []*command{cmdRun, cmdSweep, cmdMerge, cmdAnalyse, cmdFit, cmdPlot, cmdServe, cmdValidate, cmdVersion, cmdHelp}
}

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	os.Exit(exitCode(os.Stderr, err))
}

// exitCode reports err on stderr and maps it to the exit status: 0 success,
// 2 a mistake in what the user gave (command line, scenario, an existing
// output folder), 3 a crash (a bug: reportCrash), 1 any other failure.
func exitCode(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	if code, ok := reportCrash(stderr, err); ok {
		return code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if errors.Is(err, errInterrupted) { // sweep has said what it kept
		return 130
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "connact: interrupted; nothing was written")
		return 130
	}
	fmt.Fprintln(stderr, "connact:", err)
	if isUserMistake(err) {
		return 2
	}
	return 1
}

// isUserMistake reports whether err is a mistake in what the user gave:
// the command line, the scenario, the network file, or an existing output
// that may not be replaced.
func isUserMistake(err error) bool {
	var ue *usageError
	var ee *output.ExistsError
	var re *output.RefusedError // an output path connact will not write or replace
	var fe *analyse.FolderError // not a finished sweep folder
	var oe *analyse.OptionError
	var no *output.OptionError // plot --network: a condition or replicate the folder lacks
	return errors.As(err, &ue) || errors.As(err, &ee) || errors.As(err, &re) || errors.As(err, &fe) || errors.As(err, &oe) || errors.As(err, &no) || scenario.IsUserError(err)
}

// run is main without the process: testable. A panic on its goroutine
// (or passed on to it from sim's) is returned as a *runner.PanicError, after
// the commands' deferred clean-up has run.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = crashed(v)
		}
	}()
	if len(args) == 0 {
		printUsage(stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name { // what users type first; help to stdout, exit 0
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands {
		if c.Name != name {
			continue
		}
		fs, cmd := c.flagSet(stderr)
		pos, err := parseInterleaved(fs, args[1:])
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandUsage(stdout, c)
				return nil
			}
			printCommandUsage(stderr, c)
			return usagef("%s: %v", c.Name, err)
		}
		return cmd(ctx, &env{stdout: stdout, stderr: stderr, flags: fs}, pos)
	}
	printUsage(stderr)
	return usagef("unknown command %q", name)
}

// parseInterleaved parses flags that may come before or after the
// positional arguments (connact run FILE --out DIR), as users type them.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "connact simulates collective and connective action on social networks.")
	fmt.Fprintln(w, "\nusage: connact <command> [arguments]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.Name, c.Short)
	}
	fmt.Fprintln(w, "\nUse \"connact help <command>\" for more about a command.")
}

var cmdHelp = newCommand(command{
	Name:      "help",
	UsageLine: "help [command]",
	Short:     "show help for a command",
	Long:      "Help shows the usage of connact or of one command.",
}, nil, func(ctx context.Context, e *env, _ *noOptions, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	for _, c := range commands {
		if c.Name == args[0] {
			printCommandUsage(e.stdout, c)
			return nil
		}
	}
	return usagef("help: unknown command %q", args[0])
})

// printCommandUsage writes c's usage line, manual text and flags to w; the
// flags, from a flag set of c's own, as flag.PrintDefaults lists them.
func printCommandUsage(w io.Writer, c *command) {
	fs, _ := c.flagSet(w)
	fmt.Fprintf(w, "usage: connact %s\n\n%s\n", c.UsageLine, strings.TrimSpace(c.Long))
	if hasFlags(fs) {
		fmt.Fprintln(w, "\nflags:")
		fs.PrintDefaults()
	}
}

// hasFlags reports whether fs defines any flag.
func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

var cmdVersion = newCommand(command{
	Name:      "version",
	UsageLine: "version",
	Short:     "print connact's version, Go version and VCS revision",
	Long: `
Version prints connact's version, the Go version that built it and, when
the build recorded it, the VCS revision (with "(modified)" for a build from
uncommitted changes), one per line. go build and go install in a git
checkout stamp the revision; go run and go test do not (Go's -buildvcs
default), so results meant to be traced to a commit should come from a
built binary. meta.json records the same.`,
}, nil, func(ctx context.Context, e *env, _ *noOptions, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments, got %q", args[0])
	}
	b := sim.Build()
	fmt.Fprintf(e.stdout, "connact %s\n%s\n", b.Version, b.GoVersion)
	switch {
	case b.Revision == "":
		fmt.Fprintln(e.stdout, "revision unknown (built without VCS information: go build stamps it, go run does not)")
	case b.Modified:
		fmt.Fprintf(e.stdout, "revision %s (modified)\n", b.Revision)
	default:
		fmt.Fprintf(e.stdout, "revision %s\n", b.Revision)
	}
	return nil
})

// listFlag collects a repeatable flag such as --set.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// renamedFlag is the value of a flag that has an old name still accepted:
// newVal, or oldVal when only the old name was given; both given with
// different values is a mistake.
func renamedFlag(fs *flag.FlagSet, newName, newVal, oldName, oldVal string) (string, error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case given[oldName] && given[newName] && oldVal != newVal:
		return "", usagef("--%s is the old name of --%s: give one of them, not both (%q and %q)", oldName, newName, oldVal, newVal)
	case given[oldName]:
		return oldVal, nil
	}
	return newVal, nil
}

// chartFormats reads the chart formats of this invocation: --charts, or
// its old name --format (run and plot).
func chartFormats(fs *flag.FlagSet, charts, format string) ([]string, error) {
	c, err := renamedFlag(fs, "charts", charts, "format", format)
	if err != nil {
		return nil, err
	}
	return parseFormats(c)
}

// parseFormats checks a comma-separated list of chart formats.
func parseFormats(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "svg", "png", "pdf":
			out = append(out, f)
		default:
			return nil, usagef("unknown chart format %q (allowed: svg, png, pdf)", f)
		}
	}
	return out, nil
}

// noteNetworkFile tells, on stderr, what the edge-list reader dropped from
// the scenario's network file: the model's graph is simple, so self loops
// and repeated edges are dropped (see network.ReadEdgeList), and a user
// should know that the network run is not line for line the file given.
func noteNetworkFile(w io.Writer, st *runner.Study) {
	info := st.NetworkFileInfo()
	if info.SelfLoops == 0 && info.Duplicates == 0 {
		return
	}
	fmt.Fprintf(w, "connact: note: %s: dropped %d self loop(s) and %d repeated edge(s) (the network is a simple graph)\n",
		st.Scenario.Network.File, info.SelfLoops, info.Duplicates)
}

// openStudy prepares the study of l (its sweep with sweep) and checks its
// memory with checkMemory twice: before the network file is read, with the
// network estimated from the file's size, so that a huge edge list is
// refused before it is read; and after, with the file's own counts.
func openStudy(l *scenario.Loaded, sweep bool, workers int, maxMemory string) (*runner.Study, error) {
	agg := runner.KeepReplicates
	if sweep {
		agg = runner.StreamPoints
	}
	st, err := runner.OpenStudy(l, sweep)
	if err != nil {
		return nil, err
	}
	if err := checkMemory(st, workers, maxMemory, agg); err != nil {
		return nil, err
	}
	if l.Scenario.Network.Model != "file" {
		return st, nil
	}
	if err := st.ReadNetwork(); err != nil {
		return nil, err
	}
	if err := checkMemory(st, workers, maxMemory, agg); err != nil {
		return nil, err
	}
	return st, nil
}

// checkMemory refuses, before anything is allocated, a study whose runs
// would need more memory than the machine has available (or than
// --max-memory allows), so that an absurd scenario gets a message and exit
// code 2 instead of the kernel's OOM killer.
func checkMemory(st *runner.Study, workers int, maxMemory string, agg runner.Aggregation) error {
	limit, what := runner.AvailableMemory(), "this machine has"
	if maxMemory != "" {
		var err error
		if limit, err = runner.ParseBytes(maxMemory); err != nil {
			return usagef("--max-memory: %v", err)
		}
		what = "--max-memory allows"
	}
	m, err := st.MemoryNeed(workers, agg)
	if err != nil {
		return err
	}
	if limit > 0 && m.Total > limit {
		return usagef("the scenario needs about %s of memory (%s); %s %s: use a smaller population, mean degree, steps or replicates, fewer --workers, or --max-memory to override",
			runner.FormatBytes(m.Total), memoryParts(m, agg), what, runner.FormatBytes(limit))
	}
	// The estimate counts live memory; Go's collector lets the heap grow to
	// twice the live data by default (GOGC=100). A soft memory limit at
	// the allowed size makes it collect harder instead, so a study that
	// passes the check also stays under the limit (unless the user set
	// GOMEMLIMIT, which wins).
	if limit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
	return nil
}

// memoryParts names the parts of a memory estimate.
func memoryParts(m runner.Memory, agg runner.Aggregation) string {
	parts := []string{fmt.Sprintf("%s for each of %d run(s) at once", runner.FormatBytes(m.PerRun), m.Parallel)}
	if m.Results > 0 {
		parts = append(parts, runner.FormatBytes(m.Results)+" for finished runs waiting to be written")
	}
	if m.Store > 0 {
		what := "the values of every replicate of a condition, kept for its quantiles"
		if agg == runner.StreamPoints {
			what = "the running means per step of a point"
		}
		parts = append(parts, runner.FormatBytes(m.Store)+" for "+what)
	}
	if m.Network > 0 {
		what := "the network file"
		if m.FromFileSize {
			what += ", estimated from its size before reading it"
		}
		parts = append(parts, runner.FormatBytes(m.Network)+" for "+what)
	}
	return strings.Join(parts, ", ")
}
