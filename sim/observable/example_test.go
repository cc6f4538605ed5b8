package observable_test

import (
	"fmt"

	"github.com/connact/connact/sim/observable"
)

// The series of a run with an organisation (union) and a frame (tag): the
// totals, then each mechanism's and each organisation's columns.
func ExampleSeriesOf() {
	for _, s := range observable.SeriesOf([]string{"union", "tag"}, []string{"union"})[12:] {
		fmt.Printf("%-18s %-23s %s\n", s.Name, s.Unit, s.Description)
	}
	// Output:
	// cumulative_share   share of the initial population cumulative / initial population
	// active_union       agents                  agents participating through mechanism union
	// active_share_union share of alive agents   active_union / alive
	// aware_union        agents                  agents made aware through mechanism union
	// active_tag         agents                  agents participating through mechanism tag
	// active_share_tag   share of alive agents   active_tag / alive
	// aware_tag          agents                  agents made aware through mechanism tag
	// members_union      agents                  members of organisation union
	// budget_union       budget units            budget left to organisation union
}

// A metric's label names it on a chart, with its unit; {units} is the
// scenario's time unit.
func ExampleMetricNamed() {
	for _, name := range []string{"peak_step", "cascade", "members_end_union"} {
		m, _ := observable.MetricNamed(name)
		fmt.Printf("%s (%s, binary %v): %s\n", m.Name, m.Unit, m.Binary, m.Label)
	}
	// Output:
	// peak_step (steps, binary false): Time of peak ({units})
	// cascade (share of runs, binary true): Share of runs with a cascade
	// members_end_union (agents, binary false): Members of union at the end (people)
}
