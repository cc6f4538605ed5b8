package sweep

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/output"
)

// MergeError lists what keeps shard folders from being merged; a user
// mistake (exit code 2).
type MergeError struct{ Problems []string }

func (e *MergeError) Error() string {
	return "cannot merge: " + strings.Join(e.Problems, "; ")
}

// MergeReport describes a merge.
type MergeReport struct {
	Dir    string
	Shards int
	Points int
	Runs   int64
	Charts []string
}

// Merge combines the shard folders of one sweep into out, which then holds
// exactly what a single-machine sweep writes (byte-identical CSV files).
// It checks that every folder is a complete shard of the same scenario (by
// its hash) and of the same shard count, and reports missing and duplicated
// shards and runs. out is written beside and renamed into place; an
// existing out is replaced only with force.
func Merge(dirs []string, out string, force bool, formats []string) (*MergeReport, error) {
	var problems []string
	var ms []Manifest
	for _, d := range dirs {
		var m Manifest
		if err := readJSON(filepath.Join(d, ManifestFile), &m); err != nil {
			problems = append(problems, fmt.Sprintf("%s is not a sweep folder (%v)", d, err))
			continue
		}
		if !m.Complete {
			problems = append(problems, fmt.Sprintf("%s is not complete (shard %s: resume it with connact sweep --resume)", d, m.Shard))
		}
		ms = append(ms, m)
	}
	if len(problems) > 0 || len(ms) == 0 {
		if len(ms) == 0 && len(problems) == 0 {
			problems = append(problems, "no folders given")
		}
		return nil, &MergeError{problems}
	}
	first := ms[0]
	n := max(first.Shard.Count, 1)
	byIndex := make([][]string, n)
	for i, m := range ms {
		switch {
		case m.ScenarioHash != first.ScenarioHash:
			problems = append(problems, fmt.Sprintf("%s is a sweep of another scenario (hash %.12s, %s has %.12s)", dirs[i], m.ScenarioHash, dirs[0], first.ScenarioHash))
			continue
		case max(m.Shard.Count, 1) != n:
			problems = append(problems, fmt.Sprintf("%s is shard %s, but %s is one of %d shards", dirs[i], m.Shard, dirs[0], n))
			continue
		}
		byIndex[m.Shard.Index] = append(byIndex[m.Shard.Index], dirs[i])
	}
	var missing []string
	for i, ds := range byIndex {
		switch {
		case len(ds) == 0:
			missing = append(missing, strconv.Itoa(i))
		case len(ds) > 1:
			problems = append(problems, fmt.Sprintf("shard %d/%d is given twice (%s): its runs would be duplicated", i, n, strings.Join(ds, ", ")))
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing shard(s) %s of %d: their points' runs are missing", strings.Join(missing, ", "), n))
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}
	shardDirs := make([]string, n)
	for i := range byIndex {
		shardDirs[i] = byIndex[i][0]
	}
	// The same resolved scenario in every shard.
	scen, err := os.ReadFile(filepath.Join(shardDirs[0], ScenarioFile))
	if err != nil {
		return nil, err
	}
	for _, d := range shardDirs[1:] {
		b, err := os.ReadFile(filepath.Join(d, ScenarioFile))
		if err != nil || !bytes.Equal(b, scen) {
			return nil, &MergeError{[]string{fmt.Sprintf("%s/%s differs from %s/%s", d, ScenarioFile, shardDirs[0], ScenarioFile)}}
		}
	}
	out = filepath.Clean(out)
	if err := output.CheckDir(out, force); err != nil {
		return nil, err
	}
	td, err := output.NewTempDir(out)
	if err != nil {
		return nil, err
	}
	defer td.Remove() // unless installed; and the lock
	tmp := td.Path
	if err := os.WriteFile(filepath.Join(tmp, ScenarioFile), scen, 0o644); err != nil {
		return nil, err
	}
	names := []string{RunsFile, PointsFile, TimeseriesFile}
	if first.RunSeries && allRunSeries(ms) {
		names = append(names, RunTimeseriesFile)
	}
	perPoint := len(first.Conditions) * first.Replicates
	for _, name := range names {
		if err := interleave(tmp, shardDirs, name, first.Points, n, perPoint); err != nil {
			return nil, err
		}
	}
	m := first
	m.Shard, m.ShardPoints, m.ShardRuns, m.Complete = Shard{0, 1}, first.Points, first.Runs, true
	m.RunSeries = slices.Contains(names, RunTimeseriesFile)
	rep := &MergeReport{Dir: out, Shards: n, Points: first.Points, Runs: first.Runs}
	if err := writeJSON(filepath.Join(tmp, ManifestFile), m); err != nil {
		return nil, err
	}
	if formats != nil {
		charts, err := DrawSweep(tmp, tmp, formats, ChartOptions{})
		if err != nil {
			return nil, fmt.Errorf("drawing charts: %w", err)
		}
		for _, c := range charts {
			rep.Charts = append(rep.Charts, filepath.Join(out, filepath.Base(c)))
		}
	}
	meta := Meta{BuildInfo: sim.Build(), Scenario: m.Scenario, ScenarioHash: m.ScenarioHash, Shard: m.Shard,
		Finished: time.Now().UTC().Format(time.RFC3339Nano)}
	if err := writeJSON(filepath.Join(tmp, MetaFile), meta); err != nil {
		return nil, err
	}
	if err := td.Install(out, force); err != nil {
		return nil, err
	}
	return rep, nil
}

func allRunSeries(ms []Manifest) bool {
	for _, m := range ms {
		if !m.RunSeries {
			return false
		}
	}
	return true
}

// interleave writes file name of the merged folder: the header, then for
// every point p, in order, the rows of p from shard p mod n. Rows are copied
// as bytes; only their first field, the point, is read. For runs.csv each
// point must have exactly perPoint rows.
func interleave(dst string, shards []string, name string, points, n, perPoint int) error {
	readers := make([]*bufio.Reader, n)
	var header []byte
	for i, d := range shards {
		f, err := os.Open(filepath.Join(d, name))
		if err != nil {
			return err
		}
		defer f.Close()
		readers[i] = bufio.NewReaderSize(f, 1<<16)
		h, err := readers[i].ReadBytes('\n')
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(d, name), err)
		}
		if i == 0 {
			header = h
		} else if !bytes.Equal(h, header) {
			return &MergeError{[]string{fmt.Sprintf("%s has other columns than %s", filepath.Join(d, name), filepath.Join(shards[0], name))}}
		}
	}
	out, err := os.Create(filepath.Join(dst, name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<16)
	w.Write(header)
	pending := make([][]byte, n) // a row read ahead, belonging to a later point
	for p := 0; p < points; p++ {
		s := p % n
		r := readers[s]
		rows := 0
		for {
			line := pending[s]
			pending[s] = nil
			if line == nil {
				line, err = r.ReadBytes('\n')
				if err == io.EOF && len(line) == 0 {
					break
				}
				if err != nil && err != io.EOF {
					out.Close()
					return err
				}
			}
			comma := bytes.IndexByte(line, ',')
			pt, perr := strconv.Atoi(string(line[:max(comma, 0)]))
			if perr != nil {
				out.Close()
				return fmt.Errorf("%s: a row does not start with a point number", filepath.Join(shards[s], name))
			}
			if pt != p {
				pending[s] = line
				break
			}
			w.Write(line)
			rows++
		}
		if name == RunsFile && rows != perPoint {
			out.Close()
			return &MergeError{[]string{fmt.Sprintf("%s: point %d has %d runs, expected %d", filepath.Join(shards[s], name), p, rows, perPoint)}}
		}
	}
	for s := range readers {
		if pending[s] != nil {
			out.Close()
			return &MergeError{[]string{fmt.Sprintf("%s has rows of a point it should not hold", filepath.Join(shards[s], name))}}
		}
		if extra, _ := readers[s].Peek(1); len(extra) > 0 {
			out.Close()
			return &MergeError{[]string{fmt.Sprintf("%s has rows beyond the sweep's points", filepath.Join(shards[s], name))}}
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
