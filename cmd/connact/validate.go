package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/connact/connact/sim/scenario"
)

var validateFlags struct{ set listFlag }

var cmdValidate = &command{
	Name:      "validate",
	UsageLine: "validate FILE [--set path=value]...",
	Short:     "check a scenario and print it fully resolved",
	Long: `
Validate checks the scenario in FILE (and any --set overrides) with the same
rules as run, and prints the fully resolved scenario, every default made
explicit, followed by the number of conditions, replicates and runs.
Mistakes are reported as FILE:LINE:COL: field.path: message, exit status 2.`,
	Flags: func(fs *flag.FlagSet) {
		fs.Var(&validateFlags.set, "set", "override a scenario field: path=value (repeatable)")
	},
	Run: func(ctx context.Context, e *env, args []string) error {
		set := validateFlags.set
		validateFlags.set = nil
		if len(args) != 1 {
			return usagef("validate: need exactly one scenario file, got %d arguments", len(args))
		}
		l, err := scenario.LoadWithSet(args[0], set)
		if err != nil {
			return err
		}
		e.stdout.Write(l.Resolved())
		n := len(l.ConditionNames())
		fmt.Fprintf(e.stdout, "# %d condition(s) × %d replicate(s) = %d runs of %d steps; scenario hash %s\n",
			n, l.Scenario.Replicates, n*l.Scenario.Replicates, l.Scenario.Steps, l.Hash())
		return nil
	},
}
