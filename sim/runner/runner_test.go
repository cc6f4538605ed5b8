package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"testing"

	"github.com/connact/connact/sim/observable"
	"github.com/connact/connact/sim/scenario"
)

func TestSummarise(t *testing.T) {
	s := Summarise([]float64{1, 2, 3, 4, math.NaN()}, []float64{0, 0.25, 0.5, 1})
	// mean 2.5, sd = sqrt(5/3); t_{0.975,3} = 3.182446305.
	half := 3.182446305284263 * math.Sqrt(5.0/3) / 2
	if s.N != 4 || s.Mean != 2.5 || math.Abs(s.SD-math.Sqrt(5.0/3)) > 1e-12 ||
		math.Abs(s.Lo-(2.5-half)) > 1e-9 || math.Abs(s.Hi-(2.5+half)) > 1e-9 {
		t.Errorf("Summarise = %+v", s)
	}
	// Hyndman & Fan type 7, as R's quantile(1:4): 1, 1.75, 2.5, 4.
	for k, want := range []float64{1, 1.75, 2.5, 4} {
		if s.Quantiles[k] != want {
			t.Errorf("quantile %d = %g, want %g", k, s.Quantiles[k], want)
		}
	}
	one := Summarise([]float64{7}, nil)
	if one.Mean != 7 || !math.IsNaN(one.SD) || !math.IsNaN(one.Lo) {
		t.Errorf("one value: %+v", one)
	}
	if c := Summarise([]float64{0.1, 0.1, 0.1}, nil); c.SD != 0 || c.Mean != 0.1 {
		t.Errorf("constant values: %+v", c)
	}
}

func TestOrderedParallel(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		var got []int
		err := OrderedParallel(context.Background(), 100, workers, func(i int) (int, error) { return i * i, nil },
			func(i, v int) error {
				if v != i*i {
					t.Fatalf("emit(%d, %d)", i, v)
				}
				got = append(got, i)
				return nil
			})
		if err != nil || len(got) != 100 {
			t.Fatalf("workers %d: %v, %d results", workers, err, len(got))
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("workers %d: out of order at %d", workers, i)
			}
		}
	}
	boom := errors.New("boom")
	var emitted int
	err := OrderedParallel(context.Background(), 1000, 4, func(i int) (int, error) {
		if i == 10 {
			return 0, boom
		}
		return i, nil
	}, func(i, v int) error { emitted++; return nil })
	if !errors.Is(err, boom) || emitted > 10 {
		t.Errorf("error run: %v, %d emitted", err, emitted)
	}
}

// TestEstimateMemory compares EstimateMemory with the heap a run really
// holds (200,000 agents, mean degree 10; and with an audience layer of
// mean degree 20 over them): the estimate must not be below what is used,
// nor more than twice it.
func TestEstimateMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200,000-agent model")
	}
	// The last case adds a repertoire of actions (skills, roles, what
	// each has done, organisers' counts).
	const actions = "actions: [{name: a, skill: {dist: uniform, min: -0.1, max: 0.1}}, {name: b, effect: organise, amount: 0.1}, {name: c}, {name: d}]\n"
	for _, tc := range []struct{ nw, extra string }{
		{"{model: erdos_renyi, mean_degree: 10}", ""},
		{"{model: erdos_renyi, mean_degree: 10, audience: {model: gnm, mean_degree: 20}}", ""},
		{"{model: erdos_renyi, mean_degree: 10}", actions},
	} {
		nw := tc.nw
		y := `
name: mem
steps: 5
replicates: 1
population: {size: 200000}
network: ` + nw + `
frames: [{name: f, seeds: 10}]
` + tc.extra
		st := study(t, y)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, _, err := st.Model(0)
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		runtime.GC()
		runtime.ReadMemStats(&after)
		used := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		est := EstimateMemory(st.Conditions[0].Scenario, 0, 0)
		t.Logf("network %s: estimate %s, live heap after the run %s", nw, FormatBytes(est), FormatBytes(used))
		if est < used || est > 2*used+(1<<20) {
			t.Errorf("network %s: estimate %d bytes for %d used", nw, est, used)
		}
		runtime.KeepAlive(m)
	}
}

func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1000", 1000, true}, {"4G", 4 << 30, true}, {"512M", 512 << 20, true}, {"1.5K", 1536, true},
		{"2GiB", 2 << 30, true}, {"8gb", 8 << 30, true}, {"", 0, false}, {"-1G", 0, false}, {"10Q", 0, false},
		{".5K", 512, true}, {"4096P", 1 << 62, true}, {"4097P", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
		{"+Inf", 0, false}, {"1e400", 0, false}, {"1e3", 0, false}, {"0x1p10", 0, false}, {"+5", 0, false}, {"1.", 0, false},
	} {
		got, err := ParseBytes(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseBytes(%q) = %d, %v", tc.in, got, err)
		}
	}
}

// study parses an inline scenario and prepares it; the test fails on error.
func study(t *testing.T, yaml string) *Study {
	t.Helper()
	l, err := scenario.Parse("test.yaml", []byte(yaml), t.TempDir())
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	st, err := NewStudy(l)
	if err != nil {
		t.Fatalf("study: %v", err)
	}
	return st
}

// TestStoreCountsTheSeries: the memory estimate's series counts are those
// the writers declare (sim/observable): 13 besides 3 a mechanism and 2 an
// organisation in a run folder's timeseries.csv.
func TestStoreCountsTheSeries(t *testing.T) {
	base := len(observable.SeriesOf(nil, nil))
	one := len(observable.SeriesOf([]string{"org", "frame"}, []string{"org"}))
	if base != totalSeries || one != totalSeries+3*2+2 {
		t.Errorf("timeseries.csv has %d series, %d with an organisation and a frame; memory.go counts %d + 3 a mechanism + 2 an organisation", base, one, totalSeries)
	}
	if acct := len(observable.SeriesOf([]string{"org", "frame"}, []string{"org"}, "org")); acct != one+accountSeries {
		t.Errorf("timeseries.csv has %d series with an organisation keeping accounts, %d without; memory.go counts %d an account", acct, one, accountSeries)
	}
	if n := len(observable.SeriesFor(nil, nil, true)); n != totalSeries+1 {
		t.Errorf("timeseries.csv has %d series with commitment; memory.go counts %d + 1", n, totalSeries)
	}
}

// TestPopulationsPerPoint: by default replicate r of every sweep point
// meets the same population on the same network (common random numbers);
// with sweep.populations: per_point each point draws its own, as the
// independent simulations of a fit need.
func TestPopulationsPerPoint(t *testing.T) {
	src := "name: x\nseed: 4\nsteps: 3\npopulation: {size: 200}\nnetwork: {model: erdos_renyi, mean_degree: 6}\nframes: [{name: f}]\n" +
		"sweep: {replicates: 1, parameters: [{path: frames.0.width, values: [0.3, 0.5, 0.7]}]%s}\n"
	for _, tc := range []struct {
		extra string
		same  bool
	}{{"", true}, {", populations: shared", true}, {", populations: per_point", false}} {
		l, err := scenario.Parse("s.yaml", []byte(fmt.Sprintf(src, tc.extra)), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		st, err := NewSweepStudy(l)
		if err != nil {
			t.Fatal(err)
		}
		var edges []int64
		for i := range st.Runs() {
			res, err := st.Run(i)
			if err != nil {
				t.Fatal(err)
			}
			edges = append(edges, res.Network.Edges)
		}
		same := edges[0] == edges[1] && edges[1] == edges[2]
		if same != tc.same {
			t.Errorf("populations%q: edges of the three points %v; want the same network: %v", tc.extra, edges, tc.same)
		}
		if st.PairedSeed(1, 0) == st.PairedSeed(2, 0) == !tc.same {
			t.Errorf("populations%q: PairedSeed of points 1 and 2 equal: %v", tc.extra, !tc.same)
		}
	}
}
