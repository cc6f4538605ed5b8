package analyse

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/connact/connact/sim/runner"
)

// TestContrasts analyses a sweep of three conditions with common random
// numbers: "same" is the first condition again, so its difference from
// it is 0 in every run and has no sign anywhere; "dear" makes acting cost
// 2 a day, which lowers cumulative participation wherever the frame
// spreads, so its difference must be negative at a third of the points or
// more (where the cheap frame spreads) and positive at none. The contrasts'
// means must be the differences of the conditions' means.
func TestContrasts(t *testing.T) {
	dir := sweepFolder(t, "sweep.sample.method=lhs", "sweep.sample.points=12", "replicates=3", "common_random_numbers=true",
		"conditions=[{name: cheap, mechanisms: [tag]}, {name: same, mechanisms: [tag]}, {name: dear, mechanisms: [tag], set: {frames.0.cost: 2}}]")
	s, err := readSweep(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"same vs cheap", "dear vs cheap"}; !slices.Equal(s.Contrasts, want) {
		t.Fatalf("contrasts %q, want %q", s.Contrasts, want)
	}
	m := slices.Index(s.Metrics, "cumulative_share")
	for p := range s.Plan.Points() {
		for i, c := range []int{1, 2} {
			got, want := s.Means[m][3+i][p], s.Means[m][c][p]-s.Means[m][0][p]
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("point %d: %s mean %v, want %v", p, s.Contrasts[i], got, want)
			}
		}
		if s.DiffSD[m][0][p] != 0 || s.DiffN[m][0][p] != 3 {
			t.Errorf("point %d: same vs cheap has sd %v over %d pairs, want 0 over 3", p, s.DiffSD[m][0][p], s.DiffN[m][0][p])
		}
	}
	_, rows := analyseWith(t, dir, filepath.Join(t.TempDir(), "c"), Options{Contrasts: true, Metrics: []string{"cumulative_share"}})
	get := func(cond, stat string) Row {
		for _, r := range rows {
			if r.Condition == cond && r.Statistic == stat {
				return r
			}
		}
		t.Fatalf("no %s row for %s", stat, cond)
		return Row{}
	}
	if pos, neg := get("same vs cheap", StatPositive), get("same vs cheap", StatNegative); pos.Estimate != 0 || neg.Estimate != 0 || pos.N != 12 {
		t.Errorf("same vs cheap: positive %v, negative %v over %d points; want 0 and 0 over 12", pos.Estimate, neg.Estimate, pos.N)
	}
	pos, neg := get("dear vs cheap", StatPositive), get("dear vs cheap", StatNegative)
	if pos.Estimate != 0 || !(neg.Estimate >= 1.0/3) || !(neg.Lo < neg.Estimate && neg.Estimate <= neg.Hi) {
		t.Errorf("dear vs cheap: positive %v, negative %v [%v, %v]; want 0 and at least 1/3 inside its interval", pos.Estimate, neg.Estimate, neg.Lo, neg.Hi)
	}
	// The contrast is analysed like a condition: its rank statistics are
	// there too, and cost (not in the design) cannot be among them.
	if r := get("dear vs cheap", StatPRCC); r.Parameter == "" {
		t.Errorf("dear vs cheap: PRCC row without a parameter")
	}
	// Without the option the folder reads as before.
	plain, err := ReadSweep(dir)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Contrasts != nil || len(plain.Means[m]) != 3 {
		t.Errorf("without contrasts: %q and %d entries on the condition axis, want none and 3", plain.Contrasts, len(plain.Means[m]))
	}
}

// TestWilson checks the Wilson interval against Newcombe (1998, Stat.
// Med. 17:857–872), table I: 81 of 263 gives [0.2553, 0.3662] at 95%.
func TestWilson(t *testing.T) {
	lo, hi := runner.Wilson(263, 81.0/263, 1.959963984540054)
	if math.Abs(lo-0.2553) > 5e-5 || math.Abs(hi-0.3662) > 5e-5 {
		t.Errorf("Wilson(263, 81/263) = [%.4f, %.4f], want [0.2553, 0.3662]", lo, hi)
	}
}
