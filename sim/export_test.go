package sim

import (
	"testing"

	"github.com/connact/connact/sim/scenario"
)

// Hooks for the tests of package sim_test, which run models through
// sim/runner and so cannot be inside package sim.

// SetShareWords cuts sharing into spans of w words, each with its own
// random stream, as populations above one span are (share).
func SetShareWords(m *Model, w int) { m.shareWords = w }

// BuildTestRun builds run i of l as the tests inside package sim do
// (testRuns).
func BuildTestRun(tb testing.TB, l *scenario.Loaded, i int) *Model {
	return newTestRuns(tb, l).Model(tb, i)
}

// ShippedScenarios are the scenario files of scenarios/ and its folders.
var ShippedScenarios = shippedScenarios
