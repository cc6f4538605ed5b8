package analyse

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/connact/connact/sim"
	"github.com/connact/connact/sim/output"
)

// Files of an analysis folder.
const (
	// DefaultFolder is the analysis folder's name inside the sweep folder.
	DefaultFolder = output.AnalysisFolder
	// CSVFile is the tidy table of every statistic.
	CSVFile = output.SensitivityFile
	// AnalysisKind marks meta.json as an analysis folder's.
	AnalysisKind = "sensitivity"
)

// Options choose what Analyse computes and where it writes.
type Options struct {
	// Out is the analysis folder; "" means DIR/sensitivity.
	Out string
	// Force replaces an existing Out, if it is an analysis folder that
	// connact wrote and holds nothing else.
	Force bool
	// Formats of the charts (svg, png, pdf); nil means the scenario's
	// outputs.formats, empty none.
	Formats []string
	// Metrics to analyse; nil means every metric of runs.csv.
	Metrics []string
	// Resamples of the bootstraps (0: DefaultResamples) and the level of
	// the confidence intervals (0: DefaultLevel).
	Resamples int
	Level     float64
	// Contrasts analyses, besides each condition, the paired difference
	// of each condition after the first from the first (Sweep.Contrasts):
	// every statistic of it, and the shares of the points at which it is
	// positive or negative (method contrast).
	Contrasts bool
}

// Report says what Analyse wrote.
type Report struct {
	Dir     string   // the analysis folder
	Design  string   // of the sweep: grid, random, lhs, sobol or morris
	Metrics []string // analysed
	Rows    int      // of sensitivity.csv
	Charts  []string // paths
}

// Meta is the analysis folder's meta.json: what it analysed and how. It
// is also the mark by which connact knows the folder as its own (see
// Options.Force). It holds no time: the folder is byte-identical for the
// same sweep folder, options and connact.
type Meta struct {
	sim.BuildInfo
	Analysis     string   `json:"analysis"` // AnalysisKind
	Source       string   `json:"source"`   // the sweep folder, absolute
	Scenario     string   `json:"scenario"`
	ScenarioHash string   `json:"scenario_hash"`
	ScenarioSeed uint64   `json:"scenario_seed"`
	Design       string   `json:"design"`
	Metrics      []string `json:"metrics"`
	Resamples    int      `json:"bootstrap_resamples"`
	Level        float64  `json:"confidence_level"`
	Contrasts    bool     `json:"contrasts,omitempty"`
}

// Analyse reads the finished sweep folder dir (ReadSweep), computes the
// sensitivity statistics of its metrics (Sweep.Indices) and writes them,
// with their charts, to a new analysis folder: sensitivity.csv (tidy, one
// statistic a row), datapackage.json describing it, meta.json, and per
// metric and condition a dot-and-whisker chart of the indices
// (indices_<metric>[_<condition>]: S1 and ST for a sobol design, PRCC for
// the others) and, for a morris design, the μ*–σ plane
// (morris_<metric>[_<condition>]). The folder is written beside its place
// and renamed into it when complete. An existing folder is refused
// (*output.ExistsError, *output.RefusedError), unless opt.Force is set
// and it is an analysis folder connact wrote, holding only its files.
//
// A folder that is not a finished sweep is a *FolderError, a bad option
// an *OptionError; both are the user's to fix.
func Analyse(dir string, opt Options) (*Report, error) {
	if opt.Resamples == 0 {
		opt.Resamples = DefaultResamples
	}
	if opt.Level == 0 {
		opt.Level = DefaultLevel
	}
	for _, f := range opt.Formats {
		if f != "svg" && f != "png" && f != "pdf" {
			return nil, &OptionError{Option: "format", Msg: fmt.Sprintf("unknown chart format %q (allowed: svg, png, pdf)", f)}
		}
	}
	s, err := readSweep(dir, opt.Contrasts)
	if err != nil {
		return nil, err
	}
	if opt.Metrics == nil {
		opt.Metrics = s.Metrics
	}
	if _, err := s.metricIndices(opt.Metrics); err != nil {
		return nil, err
	}
	out := opt.Out
	if out == "" {
		out = filepath.Join(s.Dir, DefaultFolder)
	}
	out = filepath.Clean(out)
	if err := output.CheckDir(out, opt.Force); err != nil {
		return nil, err
	}
	rows, err := s.Indices(opt.Metrics, opt.Resamples, opt.Level)
	if err != nil {
		return nil, err
	}
	if opt.Formats == nil {
		opt.Formats = s.Loaded.Scenario.Outputs.Formats
	}
	td, err := output.NewTempDir(out)
	if err != nil {
		return nil, err
	}
	defer td.Remove()
	rep := &Report{Dir: out, Design: s.Plan.Design(), Metrics: opt.Metrics, Rows: len(rows)}
	if err := writeCSV(filepath.Join(td.Path, CSVFile), rows); err != nil {
		return nil, err
	}
	if err := output.WriteJSON(filepath.Join(td.Path, output.DataPackageFile), s.dataPackage(opt.Level)); err != nil {
		return nil, err
	}
	src, err := filepath.Abs(s.Dir)
	if err != nil {
		return nil, err
	}
	meta := Meta{BuildInfo: sim.Build(), Analysis: AnalysisKind, Source: src, Scenario: s.Loaded.Scenario.Name,
		ScenarioHash: s.Manifest.ScenarioHash, ScenarioSeed: s.Loaded.Scenario.Seed, Design: rep.Design,
		Metrics: opt.Metrics, Resamples: opt.Resamples, Level: opt.Level, Contrasts: opt.Contrasts}
	if err := output.WriteJSON(filepath.Join(td.Path, output.MetaFile), meta); err != nil {
		return nil, err
	}
	charts, err := s.charts(rows, opt.Metrics, opt.Level)
	if err != nil {
		return nil, err
	}
	for _, ch := range charts {
		for _, f := range opt.Formats {
			name := ch.base + "." + f
			if err := ch.chart.Save(filepath.Join(td.Path, name), 0, 0); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(out, name), err)
			}
			rep.Charts = append(rep.Charts, filepath.Join(out, name))
		}
	}
	// An analysis folder is connact's by its meta.json (output knows it),
	// and replacing one is the same as replacing a run folder.
	if err := td.Install(out, opt.Force); err != nil {
		return nil, err
	}
	return rep, nil
}

// writeCSV writes rows as sensitivity.csv, with output's one CSV writer.
func writeCSV(path string, rows []Row) error {
	t, err := output.CreateTable(path, output.FieldNames(csvFields(DefaultLevel)))
	if err != nil {
		return err
	}
	for _, r := range rows {
		t.Begin()
		for _, v := range []string{r.Metric, r.Condition, r.Method, r.Parameter, r.Statistic} {
			t.Text(v)
		}
		for _, v := range []float64{r.Estimate, r.Lo, r.Hi} {
			t.Number(v, false)
		}
		t.Int(r.N)
		t.Text(r.Note)
		if err := t.End(); err != nil {
			t.Abort()
			return err
		}
	}
	return t.Close()
}

// csvFields describe the columns of sensitivity.csv, for intervals at
// level.
func csvFields(level float64) []output.Field {
	pct := strconv.FormatFloat(100*level, 'g', -1, 64) + "%"
	return []output.Field{
		{Name: "metric", Type: output.TypeString, Description: "per-run metric analysed: a column of the sweep's runs.csv, averaged over each point's replicates (missing values left out); its unit is that column's"},
		{Name: "condition", Type: output.TypeString, Description: "condition (scenario.conditions[].name; default when there are none): each is analysed on its own; with --contrasts also \"B vs A\", the paired difference B − A of the runs of one replicate of conditions B and A at a point (A the first condition)"},
		{Name: "method", Type: output.TypeString, Description: "sobol: variance-based indices from the Saltelli design (S1, ST, ST_noise); morris: elementary effects of the Morris trajectories (mu_star, mu, sigma, mu_star_noise); rank: rank correlation and regression over the points, any design (prcc, srrc, srrc_r2); replicates: the noise between a point's replicates (replicate_noise, replicate_noise_means); contrast: where a paired difference has a sign (positive_share, negative_share)"},
		{Name: "parameter", Type: output.TypeString, Description: "sweep parameter (a column of runs.csv); empty for a statistic of the metric as a whole (srrc_r2, replicate_noise, replicate_noise_means)"},
		{Name: "statistic", Type: output.TypeString, Description: "S1: first-order Sobol' index (Saltelli et al. 2010); ST: total Sobol' index (Jansen 1999); ST_noise: the ST that replicate noise alone gives the parameter, from its paired runs (an ST near it cannot be told from noise); " +
			"mu_star, mu, sigma: mean absolute, mean and standard deviation of the elementary effects (Morris 1991; Campolongo et al. 2007); mu_star_noise: the mu_star that replicate noise alone gives the parameter; " +
			"prcc: partial rank correlation coefficient (Marino et al. 2008); srrc: standardised rank regression coefficient; srrc_r2: r² of that regression (srrc means little below about 0.7); " +
			"replicate_noise: share of the variance of the runs that lies between the replicates of a point (one-way random-effects estimate, 0 deterministic, 1 pure noise); replicate_noise_means: share of the variance of the point means that replicate noise makes (the residual of points × replicates over the replicates, over the variance of the means); " +
			"positive_share, negative_share (a contrast B vs A): share of the points at which the paired difference's t interval at the analysis's level lies above 0 (B higher) or below 0 (B lower); the rest are undecided"},
		{Name: "estimate", Type: output.TypeNumber, Description: "the statistic: indices, correlations and shares have no unit; mu_star, mu, sigma and mu_star_noise are in the metric's unit per the parameter's whole range (from..to, on its scale); NA where it cannot be computed (see note)"},
		{Name: "ci_lo", Type: output.TypeNumber, Description: "lower end of the " + pct + " confidence interval: bootstrap percentile interval over base rows (S1, ST) or trajectories (mu_star); Fisher z interval (prcc); Wilson score interval over the points (positive_share, negative_share); NA for the other statistics"},
		{Name: "ci_hi", Type: output.TypeNumber, Description: "upper end of the " + pct + " confidence interval (as ci_lo)"},
		{Name: "n", Type: output.TypeInteger, Description: "what the estimate is computed from: base rows (sobol), trajectories (morris), points (rank), runs (replicate_noise), points with a value in every replicate (replicate_noise_means) or points with two paired replicates (positive_share, negative_share)"},
		{Name: "note", Type: output.TypeString, Description: "why the estimate is NA, or what was left out; empty otherwise"},
	}
}

// dataPackage describes sensitivity.csv.
func (s *Sweep) dataPackage(level float64) output.DataPackage {
	return output.NewDataPackage(s.Loaded.Scenario.Name, "connact sensitivity analysis of the sweep folder "+filepath.Base(s.Dir)+": indices per metric, condition and parameter",
		[]output.Resource{output.CSVResource(CSVFile, csvFields(level))})
}
