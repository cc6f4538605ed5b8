package analyse

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/scenario"
	"github.com/connact/connact/sim/sweep"
)

// FolderError reports a folder that is not a finished sweep folder that
// can be analysed, or whose files do not hold what its manifest and
// scenario say: a mistake in what the user gave (exit code 2). Problems
// name the file, and the line and column where there is one.
type FolderError struct {
	Dir      string
	Problems []string
}

func (e *FolderError) Error() string {
	return fmt.Sprintf("%s cannot be analysed: %s", e.Dir, strings.Join(e.Problems, "; "))
}

// Sweep is a finished sweep folder read back for a sensitivity analysis:
// its design, rebuilt from its scenario.yaml, and the mean of every metric
// over the replicates of each point and condition.
type Sweep struct {
	Dir      string
	Manifest sweep.Manifest
	Loaded   *scenario.Loaded // the folder's scenario.yaml
	Plan     *scenario.Plan   // its design, as the sweep ran it
	// Parameters are the parameters' column names, Paths their fields.
	Parameters, Paths []string
	Conditions        []string
	// Contrasts, when the folder was read with them (Options.Contrasts),
	// name the paired differences of every condition after the first
	// from the first, "B vs A" (ContrastName). They follow the
	// conditions on the condition axis of Means, Noise and PairNoise:
	// index len(Conditions)+i is Contrasts[i], whose runs are the
	// differences B − A of the runs of one replicate at one point.
	Contrasts []string
	// Metrics are the per-run metrics of runs.csv: its numeric columns
	// that are neither identifiers nor parameters, in its order.
	Metrics []string
	// X[p][k] is parameter k at point p as a number; NaN where the value
	// is not one (a distribution or a word, in a grid design).
	X [][]float64
	// Means[m][c][p] is the mean of metric m over the replicates of point
	// p under condition c that have a value, NaN when none has.
	Means [][][]float64
	// Noise[m][c] summarises the spread of metric m between the
	// replicates of each point under condition c.
	Noise [][]Noise
	// PairNoise[m][c][k][j] is, for a sobol or morris design, the noise
	// in a difference that the estimators of parameter k take: the
	// variance of the difference of two point means that replicate noise
	// makes, estimated as the sample variance over replicates of the
	// paired differences of their runs, over the number of pairs (NaN
	// below two pairs). The two points are row j of A and of A_B^k (sobol)
	// or the two points of trajectory j that parameter k's step joins
	// (morris). Replicate r of every point meets the same population on
	// the same network (sim.PairedSeed), so these common random numbers
	// make the noise of a difference smaller than twice a mean's, and
	// smallest where the two points differ only in a parameter without
	// effect. Nil for other designs.
	PairNoise [][][][]float64
	// DiffSD[m][i][p] and DiffN[m][i][p] are the standard deviation and
	// the number of the paired differences of contrast i at point p
	// (NaN below two), from which its interval at the point comes.
	DiffSD [][][]float64
	DiffN  [][][]int
}

// ContrastName names the paired difference of condition b from a.
func ContrastName(b, a string) string { return b + " vs " + a }

// analysed returns the names on the condition axis: the conditions, then
// the contrasts.
func (s *Sweep) analysed() []string { return slices.Concat(s.Conditions, s.Contrasts) }

// Noise is the spread of one metric between the replicates of a point,
// pooled over the points, under one condition.
type Noise struct {
	Runs int // run values (NA left out)
	// Within is the pooled variance between the replicates of a point,
	// Σ_p Σ_r (y_pr − ȳ_p)² / Σ_p (n_p − 1), NaN when no point has two
	// values.
	Within float64
	// InvReplicates is the mean of 1/n_p over the points with a value:
	// Within times it is the variance that replicate noise adds to a
	// point's mean.
	InvReplicates float64
	// Complete counts the points with a value in every replicate; over
	// them, Residual is the residual variance of the two-way layout
	// y_pr = μ + α_p + β_r + ε_pr (points × replicates, no replication
	// within a cell; Scheffé 1959, The Analysis of Variance, ch. 4) and
	// MeansVar the variance of their means (divisor P − 1). Replicate r
	// of every point meets the same population on the same network
	// (sim.PairedSeed): β_r is that shared part of the noise, which
	// cancels between points, and ε the part that does not. NaN below two
	// complete points or two replicates.
	Complete           int
	Residual, MeansVar float64
}

// id columns of runs.csv, around the parameters'.
var idColumns = []string{"point", "condition", "replicate", "seed"}

// ReadSweep reads the finished sweep folder dir: it checks that its
// manifest.json says the sweep is complete and whole (not one shard of
// several), rebuilds the design from its scenario.yaml (which must be the
// scenario the manifest names by its hash), and reads runs.csv, which must
// hold every run of the design in run order with the parameter values of
// the design and the SHA-256 the manifest recorded. What is wrong is a
// *FolderError naming the file, line and column.
func ReadSweep(dir string) (*Sweep, error) { return readSweep(dir, false) }

// readSweep is ReadSweep, with the contrasts when asked.
func readSweep(dir string, contrasts bool) (*Sweep, error) {
	dir = filepath.Clean(dir)
	bad := func(format string, args ...any) error {
		return &FolderError{Dir: dir, Problems: []string{fmt.Sprintf(format, args...)}}
	}
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, bad("%v", err)
	case !fi.IsDir():
		return nil, bad("it is not a folder")
	}
	s := &Sweep{Dir: dir}
	mpath := filepath.Join(dir, sweep.ManifestFile)
	b, err := os.ReadFile(mpath)
	if errors.Is(err, fs.ErrNotExist) {
		what := "it has no " + sweep.ManifestFile + ": it is not a sweep folder (connact sweep writes one)"
		if _, err := os.Stat(filepath.Join(dir, output.SummaryFile)); err == nil {
			what = "it is a run folder (it has " + output.SummaryFile + " but no " + sweep.ManifestFile + "); a sensitivity analysis takes the folder of a sweep"
		}
		return nil, bad("%s", what)
	} else if err != nil {
		return nil, bad("%v", err)
	}
	if err := json.Unmarshal(b, &s.Manifest); err != nil {
		return nil, bad("%s: %v", mpath, err)
	}
	m := &s.Manifest
	var problems []string
	switch {
	case m.Version == "" || m.ScenarioHash == "":
		problems = append(problems, mpath+" names no connact_version or scenario_hash: it is not a connact sweep manifest")
	case m.Shard.Count > 1:
		problems = append(problems, fmt.Sprintf("it holds shard %s of a sweep, not the whole sweep: merge the shards first (connact merge SHARD_DIR... --out DIR) and analyse the merged folder", m.Shard))
	case !m.Complete:
		problems = append(problems, fmt.Sprintf("the sweep is not finished (%s says complete: false): finish it with connact sweep --resume, then analyse it", sweep.ManifestFile))
	}
	for _, name := range []string{sweep.ScenarioFile, sweep.RunsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			problems = append(problems, fmt.Sprintf("%s is missing", name))
		}
	}
	if problems != nil {
		return nil, &FolderError{Dir: dir, Problems: problems}
	}
	if err := s.plan(); err != nil {
		return nil, err
	}
	if err := s.readRuns(contrasts); err != nil {
		return nil, err
	}
	return s, nil
}

// plan loads scenario.yaml, rebuilds its design and checks it against the
// manifest.
func (s *Sweep) plan() error {
	path := filepath.Join(s.Dir, sweep.ScenarioFile)
	l, err := scenario.Load(path)
	if err != nil {
		return &FolderError{Dir: s.Dir, Problems: []string{err.Error()}}
	}
	m := &s.Manifest
	if h := l.Hash(); h != m.ScenarioHash {
		return &FolderError{Dir: s.Dir, Problems: []string{fmt.Sprintf("%s is not the scenario of the sweep (its hash is %.12s, %s names %.12s): it was changed after the sweep", path, h, sweep.ManifestFile, m.ScenarioHash)}}
	}
	p, err := l.Plan()
	if err != nil {
		return &FolderError{Dir: s.Dir, Problems: []string{err.Error()}}
	}
	s.setPlan(l, p)
	var names []string
	for _, q := range m.Parameters {
		names = append(names, q.Name)
	}
	if p.Points() != m.Points || !slices.Equal(s.Conditions, m.Conditions) || p.Replicates != m.Replicates || !slices.Equal(s.Parameters, names) {
		return &FolderError{Dir: s.Dir, Problems: []string{fmt.Sprintf("%s gives %d points, conditions %v, %d replicates and parameters %v, but %s's design has %d points, conditions %v, %d replicates and parameters %v",
			sweep.ManifestFile, m.Points, m.Conditions, m.Replicates, names, sweep.ScenarioFile, p.Points(), s.Conditions, p.Replicates, s.Parameters)}}
	}
	return nil
}

// setPlan sets the scenario, its design and the parameters' values.
func (s *Sweep) setPlan(l *scenario.Loaded, p *scenario.Plan) {
	s.Loaded, s.Plan = l, p
	s.Parameters, s.Paths, s.Conditions = p.Names, p.Paths, p.ConditionNames()
	s.X = make([][]float64, p.Points())
	for i := range s.X {
		s.X[i] = make([]float64, len(s.Parameters))
		for k, v := range p.Values(i) {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(x, 0) {
				x = math.NaN()
			}
			s.X[i][k] = x
		}
	}
}

// layout is what runs.csv must hold: its columns and, in run order, which
// run each row is.
type layout struct {
	params     []string
	conditions []string
	points     int
	replicates int
	values     func(point int) []string // the design's parameter values
	skip       map[string]bool          // columns that are not numbers (datapackage.json)
	// pairs, when not nil, pairs point p with an earlier point q for
	// parameter k as pair j (q < 0: none; see Sweep.PairNoise), and keep
	// reports whether point p is a q of a later point (of several, with
	// reuse, else of one); npairs pairs for each of nparams parameters.
	pairs           func(p int) (q, k, j int)
	keep            func(p int) bool
	reuse           bool
	nparams, npairs int
	// contrasts adds, after the conditions, the paired differences of
	// each later condition from the first (Sweep.Contrasts).
	contrasts bool
}

// readRuns reads runs.csv into Means and Noise, checking it against the
// design and, when the manifest recorded them, its size and SHA-256.
func (s *Sweep) readRuns(contrasts bool) error {
	path := filepath.Join(s.Dir, sweep.RunsFile)
	lay := layout{params: s.Parameters, conditions: s.Conditions, points: s.Plan.Points(),
		replicates: s.Plan.Replicates, values: s.Plan.Values, skip: stringColumns(s.Dir),
		contrasts: contrasts && len(s.Conditions) > 1}
	designPairs(&lay, s.Plan)
	sum, ok := s.Manifest.Files[sweep.RunsFile]
	r, err := readRunsFile(path, lay, func(digest string, size int64) error {
		if ok && (size != sum.Bytes || digest != sum.SHA256) {
			return fmt.Errorf("%s is not what the sweep wrote (%d bytes and its SHA-256 recorded in %s; it has %d bytes and another SHA-256): it was changed or cut short", path, sum.Bytes, sweep.ManifestFile, size)
		}
		return nil
	})
	if err != nil {
		return &FolderError{Dir: s.Dir, Problems: []string{err.Error()}}
	}
	s.Metrics, s.Means, s.Noise, s.PairNoise = r.metrics, r.means, r.noise, r.pairs
	s.DiffSD, s.DiffN = r.diffSD, r.diffN
	if lay.contrasts {
		for _, b := range s.Conditions[1:] {
			s.Contrasts = append(s.Contrasts, ContrastName(b, s.Conditions[0]))
		}
	}
	return nil
}

// designPairs sets lay's pairs for a sobol or morris design: row j of
// A_B^k with row j of A; the step of trajectory j that moves parameter k
// with the point before it.
func designPairs(lay *layout, p *scenario.Plan) {
	k := len(p.Names)
	switch p.Design() {
	case methodSobol:
		n := p.SampleSize()
		lay.nparams, lay.npairs, lay.reuse = k, n, true
		lay.keep = func(q int) bool { return q < n }
		lay.pairs = func(q int) (int, int, int) {
			if q < 2*n {
				return -1, 0, 0
			}
			return q % n, q/n - 2, q % n
		}
	case methodMorris:
		d := p.Morris()
		lay.nparams, lay.npairs = k, d.R
		lay.keep = func(q int) bool { return (q+1)%(k+1) != 0 }
		lay.pairs = func(q int) (int, int, int) {
			t, s := q/(k+1), q%(k+1)
			if s == 0 {
				return -1, 0, 0
			}
			return q - 1, d.Factor[t*k+s-1], t
		}
	}
}

// stringColumns are the columns of runs.csv that datapackage.json
// describes as strings (none when it is missing: every metric column is
// then read as a number).
func stringColumns(dir string) map[string]bool {
	out := map[string]bool{}
	b, err := os.ReadFile(filepath.Join(dir, sweep.DataPackageFile))
	if err != nil {
		return out
	}
	var pkg output.DataPackage
	if json.Unmarshal(b, &pkg) != nil {
		return out
	}
	for _, r := range pkg.Resources {
		if r.Path != sweep.RunsFile {
			continue
		}
		for _, f := range r.Schema.Fields {
			if f.Type == output.TypeString {
				out[f.Name] = true
			}
		}
	}
	return out
}

// runs is runs.csv read: the metric columns, Means, Noise and PairNoise
// as in Sweep.
type runs struct {
	metrics []string
	means   [][][]float64
	noise   [][]Noise
	pairs   [][][][]float64
	diffSD  [][][]float64
	diffN   [][][]int
}

// welford accumulates a mean and a sum of squared deviations (Welford
// 1962, Technometrics 4:419-420): stable for values far from 0.
type welford struct {
	n        int
	mean, m2 float64
}

func (w *welford) add(x float64) {
	w.n++
	d := x - w.mean
	w.mean += d / float64(w.n)
	w.m2 += d * (x - w.mean)
}

// spread accumulates the noise of one metric under one condition, point
// by point (see Noise).
type spread struct {
	runs        int
	points      int     // with a value
	inv, m2, df float64 // Σ 1/n_p, Σ squared deviations from ȳ_p, Σ (n_p − 1)
	// The sums of the two-way layout over complete points, of the values
	// less shift (the first value seen, so that the sums of squares keep
	// their precision): Σ z, Σ z², Σ_p (Σ_r z_pr)² and Σ_p z_pr by r.
	complete       int
	shift          float64
	sum, sq, rowSq float64
	cols           []float64
	shifted        bool
}

// add takes the replicate values of the next point (NaN for none) and
// returns their mean, NaN when none has a value.
func (s *spread) add(vals []float64) float64 {
	var w welford
	for _, x := range vals {
		if !math.IsNaN(x) {
			w.add(x)
		}
	}
	s.runs += w.n
	if w.n == 0 {
		return math.NaN()
	}
	s.points++
	s.inv += 1 / float64(w.n)
	s.m2 += w.m2
	s.df += float64(w.n - 1)
	if w.n == len(vals) {
		if !s.shifted {
			s.shift, s.shifted = vals[0], true
			s.cols = make([]float64, len(vals))
		}
		s.complete++
		var row float64
		for r, x := range vals {
			z := x - s.shift
			s.sum += z
			s.sq += z * z
			s.cols[r] += z
			row += z
		}
		s.rowSq += row * row
	}
	return w.mean
}

// noise is what s has accumulated.
func (s *spread) noise() Noise {
	nan := math.NaN()
	nz := Noise{Runs: s.runs, Within: nan, InvReplicates: nan, Complete: s.complete, Residual: nan, MeansVar: nan}
	if s.df > 0 {
		nz.Within = s.m2 / s.df
	}
	if s.points > 0 {
		nz.InvReplicates = s.inv / float64(s.points)
	}
	p, r := float64(s.complete), float64(len(s.cols))
	if s.complete < 2 || len(s.cols) < 2 {
		return nz
	}
	c := s.sum * s.sum / (p * r)
	total := s.sq - c
	points := s.rowSq/r - c
	var reps float64
	for _, col := range s.cols {
		reps += col * col / p
	}
	reps -= c
	// Rounding can leave a residual of exact data a hair below 0.
	nz.Residual = max(0, total-points-reps) / ((p - 1) * (r - 1))
	nz.MeansVar = max(0, points) / r / (p - 1)
	return nz
}

// pairNoise is the variance that replicate noise gives the difference of
// the means of two points whose replicates a and b are paired (NaN for no
// value): the sample variance of the paired differences over their
// number; NaN below two pairs.
func pairNoise(a, b []float64) float64 {
	var d welford
	for r, x := range a {
		if !math.IsNaN(x) && !math.IsNaN(b[r]) {
			d.add(x - b[r])
		}
	}
	if d.n < 2 {
		return math.NaN()
	}
	return d.m2 / float64(d.n-1) / float64(d.n)
}

// readRunsFile reads the runs.csv at path, which must hold lay's runs in
// run order (point, then condition, then replicate), and passes its
// SHA-256 and size to check once it has read it all.
func readRunsFile(path string, lay layout, check func(digest string, size int64) error) (*runs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := &counter{h: sha256.New()}
	cr := csv.NewReader(bufio.NewReaderSize(io.TeeReader(f, h), 1<<20))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	header = slices.Clone(header)
	col := map[string]int{}
	for j, name := range header {
		col[name] = j
	}
	var missing []string
	for _, name := range append(slices.Clone(idColumns), lay.params...) {
		if _, ok := col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if missing != nil {
		return nil, fmt.Errorf("%s:1: no column %s (the header is %s)", path, strings.Join(missing, ", "), strings.Join(header, ","))
	}
	r := &runs{}
	var mcols []int
	for j, name := range header {
		if !slices.Contains(idColumns, name) && !slices.Contains(lay.params, name) && !lay.skip[name] {
			r.metrics = append(r.metrics, name)
			mcols = append(mcols, j)
		}
	}
	nc, np := len(lay.conditions), lay.points
	// na is the length of the condition axis: the conditions, then with
	// lay.contrasts the nc − 1 differences from the first.
	na := nc
	if lay.contrasts {
		na += nc - 1
		r.diffSD, r.diffN = make([][][]float64, len(mcols)), make([][][]int, len(mcols))
	}
	base := make([][]float64, len(mcols)) // the first condition's replicates at the point
	diff := make([]float64, lay.replicates)
	r.means = make([][][]float64, len(mcols))
	r.noise = make([][]Noise, len(mcols))
	acc := make([][]spread, len(mcols))
	cur := make([][]float64, len(mcols)) // the replicates of the point and condition being read
	for m := range mcols {
		r.means[m] = make([][]float64, na)
		for c := range na {
			r.means[m][c] = make([]float64, np)
		}
		r.noise[m] = make([]Noise, na)
		acc[m] = make([]spread, na)
		cur[m] = make([]float64, lay.replicates)
		base[m] = make([]float64, lay.replicates)
		if lay.contrasts {
			r.diffSD[m], r.diffN[m] = make([][]float64, nc-1), make([][]int, nc-1)
			for i := range nc - 1 {
				r.diffSD[m][i], r.diffN[m][i] = make([]float64, np), make([]int, np)
			}
		}
	}
	// kept[m][c][q]: the replicates of point q, for the later points
	// paired with it.
	var kept [][]map[int][]float64
	if lay.pairs != nil {
		r.pairs = make([][][][]float64, len(mcols))
		kept = make([][]map[int][]float64, len(mcols))
		for m := range mcols {
			r.pairs[m] = make([][][]float64, na)
			kept[m] = make([]map[int][]float64, na)
			for c := range na {
				r.pairs[m][c] = make([][]float64, lay.nparams)
				for k := range lay.nparams {
					r.pairs[m][c][k] = make([]float64, lay.npairs)
					for j := range lay.npairs {
						r.pairs[m][c][k][j] = math.NaN()
					}
				}
				kept[m][c] = map[int][]float64{}
			}
		}
	}
	pcol, ccol, rcol := col["point"], col["condition"], col["replicate"]
	var values []string
	runsPerPoint := nc * lay.replicates
	for k := 0; ; k++ {
		line := k + 2
		rec, err := cr.Read()
		if err == io.EOF {
			if want := np * runsPerPoint; k != want {
				return nil, fmt.Errorf("%s has %d runs, but the sweep has %d (%d points × %d conditions × %d replicates)", path, k, want, np, nc, lay.replicates)
			}
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if k >= np*runsPerPoint {
			return nil, fmt.Errorf("%s:%d: more runs than the sweep's %d", path, line, np*runsPerPoint)
		}
		p, c, rep := k/runsPerPoint, k/lay.replicates%nc, k%lay.replicates
		if rec[pcol] != strconv.Itoa(p) || rec[ccol] != lay.conditions[c] || rec[rcol] != strconv.Itoa(rep) {
			return nil, fmt.Errorf("%s:%d: run of point %s, condition %s, replicate %s where the sweep's run order has point %d, condition %s, replicate %d", path, line, rec[pcol], rec[ccol], rec[rcol], p, lay.conditions[c], rep)
		}
		if k%runsPerPoint == 0 {
			values = lay.values(p)
		}
		for j, name := range lay.params {
			if v := rec[col[name]]; v != values[j] {
				return nil, fmt.Errorf("%s:%d: column %d (%s) holds %s, but point %d of the design has %s", path, line, col[name]+1, name, v, p, values[j])
			}
		}
		for m, j := range mcols {
			x, err := output.ParseNumber(rec[j])
			if err != nil || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s:%d: column %d (%s): %q is not a number", path, line, j+1, header[j], rec[j])
			}
			cur[m][rep] = x
		}
		if rep < lay.replicates-1 {
			continue
		}
		q, pk, j := -1, 0, 0
		if lay.pairs != nil {
			q, pk, j = lay.pairs(p)
		}
		// finish takes the replicates vals of point p on the condition
		// axis at a (a condition or a contrast) for metric m.
		finish := func(m, a int, vals []float64) {
			r.means[m][a][p] = acc[m][a].add(vals)
			if lay.pairs == nil {
				return
			}
			if q >= 0 {
				r.pairs[m][a][pk][j] = pairNoise(vals, kept[m][a][q])
			}
			if lay.keep(p) {
				kept[m][a][p] = slices.Clone(vals)
			}
			if q >= 0 && !lay.reuse {
				delete(kept[m][a], q)
			}
		}
		for m := range mcols {
			finish(m, c, cur[m])
			if !lay.contrasts {
				continue
			}
			if c == 0 {
				copy(base[m], cur[m])
				continue
			}
			// Replicate r of every condition meets the same people on
			// the same network (and, with common_random_numbers, the
			// same draws): the runs pair by replicate.
			var w welford
			for rr, x := range cur[m] {
				diff[rr] = x - base[m][rr] // NaN when either is NA
				if !math.IsNaN(diff[rr]) {
					w.add(diff[rr])
				}
			}
			i := c - 1
			r.diffN[m][i][p], r.diffSD[m][i][p] = w.n, math.NaN()
			if w.n >= 2 {
				r.diffSD[m][i][p] = math.Sqrt(w.m2 / float64(w.n-1))
			}
			finish(m, nc+i, diff)
		}
	}
	for m := range mcols {
		for c := range na {
			r.noise[m][c] = acc[m][c].noise()
		}
	}
	if err := check(hex.EncodeToString(h.h.Sum(nil)), h.n); err != nil {
		return nil, err
	}
	return r, nil
}

// counter hashes and counts what is written through it.
type counter struct {
	h hash.Hash
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	c.h.Write(b) // a hash never fails
	c.n += int64(len(b))
	return len(b), nil
}
