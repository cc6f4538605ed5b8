package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"

	"github.com/connact/connact/sim"
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
// that its in-use figures are what is still live. Both are written under
// temporary names and renamed into place at the end, like a run folder: an
// existing profile is never replaced without --force, and a mistake in
// the input (exit status 2) leaves nothing, not even a half profile.
type profile struct {
	prefix string
	force  bool
	cpu    *os.File // the CPU profile, under a temporary name
}

// startProfile refuses existing profile files (unless force) and starts
// the CPU profile.
func startProfile(prefix string, force bool) (*profile, error) {
	dir, base := filepath.Split(prefix)
	if base == "" {
		return nil, usagef("--profile: PREFIX must end in a file name, as in out/connact, got %q", prefix)
	}
	if dir == "" {
		dir = "." // not os.CreateTemp's default, the system's temporary folder: the rename must stay on one file system
	}
	if err := profilesFree(prefix, force); err != nil {
		return nil, err
	}
	cpu, err := os.CreateTemp(dir, "."+base+cpuProfileSuffix+".tmp-*")
	if err != nil {
		return nil, usagef("--profile: %v", err)
	}
	cpu.Chmod(0o644) // as the run folder's files, not CreateTemp's 0600
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		os.Remove(cpu.Name())
		return nil, fmt.Errorf("--profile: %w", err)
	}
	return &profile{prefix: prefix, force: force, cpu: cpu}, nil
}

// startCommand checks what run and sweep share — one scenario file, at
// least one worker — and starts --profile when a prefix is given. The
// command ends with stop(its result), which ends the profile.
func startCommand(name string, args []string, workers int, prefix string, force bool) (stop func(error) error, err error) {
	if len(args) != 1 {
		return nil, usagef("%s: need exactly one scenario file, got %d arguments", name, len(args))
	}
	if workers < 1 || workers > sim.MaxWorkers {
		return nil, usagef("-workers must be in 1..%d, got %d", sim.MaxWorkers, workers)
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
// may not be replaced.
func profilesFree(prefix string, force bool) error {
	if force {
		return nil
	}
	for _, suffix := range []string{cpuProfileSuffix, memProfileSuffix} {
		if _, err := os.Lstat(prefix + suffix); err == nil {
			return usagef("--profile: %s already exists (choose another PREFIX, or --force to replace it)", prefix+suffix)
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
	tmp := p.cpu.Name()
	err := p.cpu.Close()
	if isUserMistake(cmdErr) {
		os.Remove(tmp)
		return cmdErr
	}
	var mem bytes.Buffer
	if err == nil {
		runtime.GC()
		err = pprof.Lookup("heap").WriteTo(&mem, 0)
	}
	if err == nil {
		err = profilesFree(p.prefix, p.force) // made by someone else while the command ran
	}
	if err == nil {
		err = writeRenamed(p.prefix+memProfileSuffix, mem.Bytes())
	}
	if err == nil {
		err = os.Rename(tmp, p.prefix+cpuProfileSuffix)
	}
	if err != nil {
		os.Remove(tmp)
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

// writeRenamed writes data to a temporary file beside path and renames it
// into place, so that path is never a half-written file.
func writeRenamed(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	f.Chmod(0o644)
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
