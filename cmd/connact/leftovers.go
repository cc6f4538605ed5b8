package main

import (
	"path/filepath"

	"github.com/connact/connact/sim/output"
)

// removeLeftovers removes the temporary folders that killed connact
// processes left beside out, and tells each on stderr (see
// output.RemoveLeftovers: a folder a running connact holds is left alone).
func removeLeftovers(e *env, out string) {
	parent := filepath.Dir(filepath.Clean(out))
	if filepath.Dir(parent) == parent {
		return // the root folder: --out / is refused, and nothing of ours lives there
	}
	output.RemoveLeftovers(parent, e.stderr)
}
