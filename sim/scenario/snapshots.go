package scenario

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The formats of agent snapshots (outputs.agents.format): agents.csv, the
// default, or agents.parquet (the same table, zstd-compressed Parquet).
const (
	AgentsCSV     = "csv"
	AgentsParquet = "parquet"
)

// FinalStep stands for a run's last step in a list of snapshot steps.
const FinalStep = -1

// ParseSnapshotSteps reads snapshot steps (each a whole number from 0 to
// steps, or final, the run's last step) and returns them sorted without
// repeats, FinalStep last; a number equal to steps is FinalStep. The
// error names the bad entry by its index.
func ParseSnapshotSteps(list []SnapshotStep, steps int) ([]int, error) {
	if len(list) == 0 {
		return nil, &StepError{Index: -1, Msg: "at least one step is required, e.g. [0, 10, final]"}
	}
	out := make([]int, 0, len(list))
	for i, f := range list {
		text := strings.TrimSpace(string(f))
		if text == "final" {
			out = append(out, FinalStep)
			continue
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > steps {
			what := "is not a whole step"
			if err == nil {
				what = "is beyond the run's length"
				if n < 0 {
					what = "is negative"
				}
			}
			return nil, &StepError{Index: i, Msg: fmt.Sprintf("%q %s: a snapshot step is a whole number from 0 to %d (steps) or final", text, what, steps)}
		}
		if n == steps {
			n = FinalStep
		}
		out = append(out, n)
	}
	// FinalStep sorts after every step.
	slices.SortFunc(out, func(a, b int) int { return cmp.Compare(uint(a), uint(b)) })
	return slices.Compact(out), nil
}

// StepError is a bad entry of a list of snapshot steps: Index is its
// place in the list (-1 for the list as a whole).
type StepError struct {
	Index int
	Msg   string
}

func (e *StepError) Error() string { return e.Msg }
