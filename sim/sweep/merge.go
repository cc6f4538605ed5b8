package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
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
// It checks that every folder is a complete shard of the same sweep (by its
// scenario hash, connact version and shape) and of the same shard count,
// reports missing and duplicated shards, and verifies every file it merges
// against the size, rows and SHA-256 that the shard's manifest recorded
// when it completed, so that a truncated or changed file is refused rather
// than merged. Shards written before connact recorded checksums are
// refused: their files cannot be verified. Every such problem is a
// MergeError. out is written beside and renamed into place; an existing out
// is replaced only with force.
func Merge(dirs []string, out string, force bool, formats []string) (*MergeReport, error) {
	var problems []string
	var ms []Manifest
	var good []string // the folders of ms
	for _, d := range dirs {
		var m Manifest
		if err := readJSON(filepath.Join(d, ManifestFile), &m); err != nil {
			problems = append(problems, fmt.Sprintf("%s is not a sweep folder (%v)", d, err))
			continue
		}
		if p := m.check(); p != "" {
			problems = append(problems, filepath.Join(d, ManifestFile)+" "+p)
			continue
		}
		if !m.Complete {
			problems = append(problems, fmt.Sprintf("%s is not complete (shard %s: resume it with connact sweep --resume)", d, m.Shard))
		}
		ms, good = append(ms, m), append(good, d)
	}
	if len(problems) > 0 || len(ms) == 0 {
		if len(ms) == 0 && len(problems) == 0 {
			problems = append(problems, "no folders given")
		}
		return nil, &MergeError{problems}
	}
	first := ms[0]
	n := first.Shard.Count
	byIndex := map[int][]int{} // positions in ms; not a slice of n: a manifest may claim any count
	for i, m := range ms {
		switch {
		case m.Version != first.Version:
			problems = append(problems, fmt.Sprintf("%s was written by connact %s, but %s by connact %s: shards of two versions are not byte-identical to any one sweep; run them with one version", good[i], m.Version, good[0], first.Version))
			continue
		case m.ScenarioHash != first.ScenarioHash:
			problems = append(problems, fmt.Sprintf("%s is a sweep of another scenario (hash %.12s, %s has %.12s)", good[i], m.ScenarioHash, good[0], first.ScenarioHash))
			continue
		case m.Shard.Count != n:
			problems = append(problems, fmt.Sprintf("%s is shard %s, but %s is one of %d shards", good[i], m.Shard, good[0], n))
			continue
		case !m.sameSweep(first):
			problems = append(problems, fmt.Sprintf("%s/%s describes another sweep than %s/%s (points, conditions, replicates, parameters or metric differ)", good[i], ManifestFile, good[0], ManifestFile))
			continue
		}
		byIndex[m.Shard.Index] = append(byIndex[m.Shard.Index], i)
	}
	var missing []string
	absent := n - len(byIndex)
	for i := 0; i < n && len(missing) < 10 && len(missing) < absent; i++ {
		if len(byIndex[i]) == 0 {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	for _, i := range slices.Sorted(maps.Keys(byIndex)) {
		if at := byIndex[i]; len(at) > 1 {
			var ds []string
			for _, k := range at {
				ds = append(ds, good[k])
			}
			problems = append(problems, fmt.Sprintf("shard %d/%d is given twice (%s): its runs would be duplicated", i, n, strings.Join(ds, ", ")))
		}
	}
	if absent > 0 {
		list := strings.Join(missing, ", ")
		if absent > len(missing) {
			list += fmt.Sprintf(" and %d more", absent-len(missing))
		}
		problems = append(problems, fmt.Sprintf("missing shard(s) %s of %d: their points' runs are missing", list, n))
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}
	shardDirs := make([]string, n)
	shardMs := make([]Manifest, n)
	for i := range n {
		shardDirs[i], shardMs[i] = good[byIndex[i][0]], ms[byIndex[i][0]]
	}
	names := []string{RunsFile, PointsFile, TimeseriesFile}
	if first.RunSeries && allRunSeries(ms) {
		names = append(names, RunTimeseriesFile)
	}
	// Every file to merge, as its shard completed it.
	for i, d := range shardDirs {
		problems = append(problems, verifyFiles(d, shardMs[i], names)...)
	}
	if len(problems) > 0 {
		return nil, &MergeError{problems}
	}
	// The same resolved scenario in every shard.
	scen, err := os.ReadFile(filepath.Join(shardDirs[0], ScenarioFile))
	if err != nil {
		return nil, &MergeError{[]string{err.Error()}}
	}
	for _, d := range shardDirs[1:] {
		b, err := os.ReadFile(filepath.Join(d, ScenarioFile))
		if err != nil {
			return nil, &MergeError{[]string{err.Error()}}
		}
		if !bytes.Equal(b, scen) {
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
	perPoint := len(first.Conditions) * first.Replicates // checked: no overflow
	sums := map[string]FileSum{}
	for _, name := range names {
		sum, err := interleave(tmp, shardDirs, name, first.Points, n, perPoint)
		if err != nil {
			return nil, err
		}
		sums[name] = sum
	}
	m := first
	m.Shard, m.ShardPoints, m.ShardRuns, m.Complete = Shard{0, 1}, first.Points, first.Runs, true
	m.RunSeries = slices.Contains(names, RunTimeseriesFile)
	m.Files = sums
	rep := &MergeReport{Dir: out, Shards: n, Points: first.Points, Runs: first.Runs}
	if err := writeJSON(filepath.Join(tmp, ManifestFile), m); err != nil {
		return nil, err
	}
	if err := mergeDataPackage(shardDirs[0], tmp, names); err != nil {
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

// check reports what makes a manifest unfit for a merge ("" if nothing):
// a shard outside 0 ≤ index < count, or counts that do not add up (checked
// without overflow), which would have the merge loop over points that no
// file holds.
func (m *Manifest) check() string {
	sh := m.Shard
	switch {
	case m.Version == "" || m.ScenarioHash == "":
		return "names no connact_version or scenario_hash: it is not a connact sweep manifest"
	case sh.Count < 1:
		return fmt.Sprintf("gives shard count %d; it must be at least 1", sh.Count)
	case sh.Index < 0 || sh.Index >= sh.Count:
		return fmt.Sprintf("gives shard index %d of %d; it must be in 0..%d", sh.Index, sh.Count, sh.Count-1)
	case len(m.Conditions) < 1 || m.Replicates < 1 || m.Points < 0:
		return fmt.Sprintf("gives %d points, %d conditions and %d replicates; a sweep has at least one condition and replicate", m.Points, len(m.Conditions), m.Replicates)
	}
	perPoint, ok := mul(len(m.Conditions), m.Replicates)
	runs, ok2 := mul(m.Points, perPoint)
	if !ok || !ok2 {
		return fmt.Sprintf("gives %d points × %d conditions × %d replicates: more runs than connact can count", m.Points, len(m.Conditions), m.Replicates)
	}
	if int64(runs) != m.Runs {
		return fmt.Sprintf("does not add up: it gives %d runs, but %d points × %d conditions × %d replicates make %d", m.Runs, m.Points, len(m.Conditions), m.Replicates, runs)
	}
	var shardPts int
	if sh.Index < m.Points {
		shardPts = (m.Points-sh.Index-1)/sh.Count + 1
	}
	if shardRuns := shardPts * perPoint; shardPts != m.ShardPoints || int64(shardRuns) != m.ShardRuns { // ≤ runs: no overflow
		return fmt.Sprintf("does not add up: it gives shard %s %d points and %d runs, but it has %d points and %d runs", sh, m.ShardPoints, m.ShardRuns, shardPts, shardRuns)
	}
	return ""
}

// mul multiplies two non-negative ints, reporting overflow.
func mul(a, b int) (int, bool) {
	if a != 0 && b > math.MaxInt/a {
		return 0, false
	}
	return a * b, true
}

// sameSweep reports whether two shards' manifests describe the same sweep.
func (m *Manifest) sameSweep(o Manifest) bool {
	return m.Scenario == o.Scenario && m.Points == o.Points && slices.Equal(m.Conditions, o.Conditions) &&
		m.Replicates == o.Replicates && m.Runs == o.Runs && slices.Equal(m.Parameters, o.Parameters) && m.Metric == o.Metric
}

// verifyFiles checks the files names of shard folder d against its
// manifest m, and lists what does not match.
func verifyFiles(d string, m Manifest, names []string) []string {
	if m.Files == nil {
		return []string{fmt.Sprintf("%s/%s records no sizes or checksums of its files (it was written by connact %s, before merges were verified), so a truncated or changed file could not be found: merge it with the connact that wrote it, or run the shard again with this one", d, ManifestFile, m.Version)}
	}
	var problems []string
	for _, name := range names {
		path := filepath.Join(d, name)
		want, ok := m.Files[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s/%s records no checksum of %s", d, ManifestFile, name))
			continue
		}
		if name == RunsFile && want.Rows != m.ShardRuns {
			problems = append(problems, fmt.Sprintf("%s/%s gives %s %d rows, but the shard has %d runs", d, ManifestFile, name, want.Rows, m.ShardRuns))
			continue
		}
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, fmt.Sprintf("%s is missing (the shard completed with %d bytes in it): copy it again from where the shard ran, or run the shard again", path, want.Bytes))
			continue
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %v", path, err))
			continue
		case !fi.Mode().IsRegular():
			problems = append(problems, fmt.Sprintf("%s is not a file", path))
			continue
		case fi.Size() == 0:
			problems = append(problems, fmt.Sprintf("%s is empty (the shard completed with %d bytes in it): copy it again from where the shard ran, or run the shard again", path, want.Bytes))
			continue
		case fi.Size() != want.Bytes:
			problems = append(problems, fmt.Sprintf("%s has %d bytes, but the shard completed with %d: it was cut short or changed; copy it again, or run the shard again", path, fi.Size(), want.Bytes))
			continue
		}
		got, err := sumFile(path)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %v", path, err))
		case got.Rows != want.Rows:
			problems = append(problems, fmt.Sprintf("%s has %d rows, but the shard completed with %d: it was changed; copy it again, or run the shard again", path, got.Rows, want.Rows))
		case got.SHA256 != want.SHA256:
			problems = append(problems, fmt.Sprintf("%s does not match its SHA-256 in %s: it was changed since the shard completed; copy it again, or run the shard again", path, ManifestFile))
		}
	}
	return problems
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
// point must have exactly perPoint rows. It returns the written file's sum,
// which equals a single-machine sweep's since the bytes do.
func interleave(dst string, shards []string, name string, points, n, perPoint int) (FileSum, error) {
	bad := func(format string, args ...any) (FileSum, error) {
		return FileSum{}, &MergeError{[]string{fmt.Sprintf(format, args...)}}
	}
	readers := make([]*bufio.Reader, n)
	var header []byte
	for i, d := range shards {
		path := filepath.Join(d, name)
		f, err := os.Open(path)
		if err != nil {
			return bad("%v", err)
		}
		defer f.Close()
		readers[i] = bufio.NewReaderSize(f, 1<<16)
		h, err := readers[i].ReadBytes('\n')
		if err != nil {
			return bad("%s has no header line", path)
		}
		if i == 0 {
			header = h
		} else if !bytes.Equal(h, header) {
			return bad("%s has other columns than %s", path, filepath.Join(shards[0], name))
		}
	}
	out, err := os.Create(filepath.Join(dst, name))
	if err != nil {
		return FileSum{}, err
	}
	defer out.Close() // again after the Close below: harmless
	sum := newSummer()
	w := bufio.NewWriterSize(io.MultiWriter(out, sum), 1<<16)
	w.Write(header)
	pending := make([][]byte, n) // a row read ahead, belonging to a later point
	for p := 0; p < points; p++ {
		s := p % n
		r := readers[s]
		path := filepath.Join(shards[s], name)
		rows := 0
		for {
			line := pending[s]
			pending[s] = nil
			if line == nil {
				line, err = r.ReadBytes('\n')
				if err == io.EOF && len(line) == 0 {
					break
				}
				if err == io.EOF {
					return bad("%s ends in a row cut short", path)
				}
				if err != nil {
					return FileSum{}, err
				}
			}
			comma := bytes.IndexByte(line, ',')
			pt, perr := strconv.Atoi(string(line[:max(comma, 0)]))
			if perr != nil {
				return bad("%s: a row does not start with a point number", path)
			}
			if pt != p {
				pending[s] = line
				break
			}
			w.Write(line)
			rows++
		}
		if name == RunsFile && rows != perPoint {
			return bad("%s: point %d has %d runs, expected %d", path, p, rows, perPoint)
		}
	}
	for s := range readers {
		if pending[s] != nil {
			return bad("%s has rows of a point it should not hold", filepath.Join(shards[s], name))
		}
		if extra, _ := readers[s].Peek(1); len(extra) > 0 {
			return bad("%s has rows beyond the sweep's points", filepath.Join(shards[s], name))
		}
	}
	if err := w.Flush(); err != nil {
		return FileSum{}, err
	}
	if err := out.Sync(); err != nil {
		return FileSum{}, err
	}
	return sum.sum(), out.Close()
}

// mergeDataPackage writes the merged folder's datapackage.json: the first
// shard's, which every shard of the sweep writes alike, with the resources
// of the files merged (names). Written by the same code as the shard's, it
// is byte-identical to the one of a sweep run on one machine. Shards of a
// connact that wrote none give none.
func mergeDataPackage(shard, dir string, names []string) error {
	b, err := os.ReadFile(filepath.Join(shard, DataPackageFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var pkg output.DataPackage
	if err := json.Unmarshal(b, &pkg); err != nil {
		return &MergeError{[]string{fmt.Sprintf("%s: %v", filepath.Join(shard, DataPackageFile), err)}}
	}
	pkg.Resources = slices.DeleteFunc(pkg.Resources, func(r output.Resource) bool { return !slices.Contains(names, r.Path) })
	if b, err = pkg.JSON(); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, DataPackageFile), b)
}
