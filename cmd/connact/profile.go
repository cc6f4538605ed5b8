package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
)

// Suffixes of the files that --profile PREFIX writes.
const (
	cpuProfileSuffix = ".cpu.pprof"
	memProfileSuffix = ".mem.pprof"
)

// profileUsage is the flag's help; flag.PrintDefaults shows `PREFIX` as its argument.
const profileUsage = "write a CPU profile of the whole command to `PREFIX`.cpu.pprof and a heap profile at its end to PREFIX.mem.pprof (for go tool pprof)"

// profile is --profile PREFIX of run and sweep: a CPU profile of the whole
// command, and a heap profile at its end, after a garbage collection, so
// that its in-use figures are what is still live. Both are written into a
// locked temporary folder beside PREFIX (output.TempDir) and renamed into
// place at the end, like a run folder: an existing profile is never
// replaced without --force, --force replaces only a regular file that is a
// profile (gzip-compressed; never a link, a device or anything else), and
// a mistake in the input (exit status 2) leaves nothing, not even a half
// profile.
type profile struct {
	prefix string
	force  bool
	tmp    *output.TempDir
	cpu    *os.File // the CPU profile, in tmp
}

// Names of the profiles inside the temporary folder.
const (
	cpuTemp = "cpu.pprof"
	memTemp = "mem.pprof"
)

// startProfile refuses existing profile files (unless force, and then
// only profiles) and starts the CPU profile.
func startProfile(prefix string, force bool) (*profile, error) {
	dir, base := filepath.Split(prefix)
	if base == "" || base == "." || base == ".." {
		return nil, usagef("--profile: PREFIX must end in a file name, as in out/connact, got %q", prefix)
	}
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, usagef("--profile: %s is not a folder (PREFIX's folder must exist)", dir)
	}
	if err := profilesFree(prefix, force); err != nil {
		return nil, err
	}
	tmp, err := output.NewTempDir(prefix)
	if err != nil {
		return nil, usagef("--profile: %v", err)
	}
	cpu, err := os.OpenFile(filepath.Join(tmp.Path, cpuTemp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		tmp.Remove()
		return nil, fmt.Errorf("--profile: %w", err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		tmp.Remove()
		return nil, fmt.Errorf("--profile: %w", err)
	}
	return &profile{prefix: prefix, force: force, tmp: tmp, cpu: cpu}, nil
}

// startCommand checks what run and sweep share — one scenario file, at
// least one worker — and starts --profile when a prefix is given. The
// command ends with stop(its result), which ends the profile.
func startCommand(name string, args []string, workers int, prefix string, force bool) (stop func(error) error, err error) {
	if len(args) != 1 {
		return nil, usagef("%s: need exactly one scenario file, got %d arguments", name, len(args))
	}
	if workers < 1 || workers > runner.MaxWorkers {
		return nil, usagef("-workers must be in 1..%d, got %d", runner.MaxWorkers, workers)
	}
	if prefix == "" {
		return func(err error) error { return err }, nil
	}
	p, err := startProfile(prefix, force)
	if err != nil {
		return nil, err
	}
	return p.stop, nil
}

// withSeed checks --seed and adds it to the overrides in set.
func withSeed(set []string, seed string) ([]string, error) {
	if seed == "" {
		return set, nil
	}
	if _, err := strconv.ParseUint(seed, 10, 64); err != nil {
		return nil, usagef("-seed must be an integer in [0, 2^64), got %q", seed)
	}
	return append(set, "seed="+seed), nil
}

// profilesFree reports, as a usage error, a profile file that exists and
// may not be replaced (output.CheckFile).
func profilesFree(prefix string, force bool) error {
	for _, suffix := range []string{cpuProfileSuffix, memProfileSuffix} {
		if err := output.CheckFile(prefix+suffix, force, "profile", output.IsProfile); err != nil {
			return usagef("--profile: %v", err)
		}
	}
	return nil
}

// stop ends the profiles, given the command's result cmdErr, and returns
// the error the command ends with: cmdErr first, else the profiles' own.
// After a mistake in the input nothing is written; after success, an
// interruption or a failure both profiles are, since a profile of a slow
// or failing command is what one wants.
func (p *profile) stop(cmdErr error) error {
	pprof.StopCPUProfile()
	defer p.tmp.Remove()
	err := p.cpu.Close()
	if isUserMistake(cmdErr) {
		return cmdErr
	}
	var mem bytes.Buffer
	if err == nil {
		runtime.GC()
		err = pprof.Lookup("heap").WriteTo(&mem, 0)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(p.tmp.Path, memTemp), mem.Bytes(), 0o644)
	}
	if err == nil {
		err = profilesFree(p.prefix, p.force) // made by someone else while the command ran
	}
	if err == nil {
		err = p.tmp.InstallFile(memTemp, p.prefix+memProfileSuffix, p.force, "profile", output.IsProfile)
	}
	if err == nil {
		err = p.tmp.InstallFile(cpuTemp, p.prefix+cpuProfileSuffix, p.force, "profile", output.IsProfile)
	}
	switch {
	case cmdErr != nil:
		return cmdErr
	case isUserMistake(err):
		return err
	case err != nil:
		return fmt.Errorf("--profile: %w", err)
	}
	return nil
}
