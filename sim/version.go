package sim

import (
	"runtime"
	"runtime/debug"
)

// Version is connact's release version.
const Version = "0.1.0"

// BuildInfo describes the binary that produced a result: connact's version,
// the VCS revision it was built from (when the build recorded one), and the
// Go version, written into every meta.json.
type BuildInfo struct {
	Version       string `json:"connact_version"`
	Revision      string `json:"vcs_revision,omitempty"`
	RevisionAt    string `json:"vcs_time,omitempty"`
	Modified      bool   `json:"vcs_modified,omitempty"`
	GoVersion     string `json:"go_version"`
	ModuleVersion string `json:"module_version,omitempty"`
}

// Build reads the build information of the running binary
// (debug.ReadBuildInfo). The VCS fields are there only when the build
// stamped them: go build and go install in a git checkout do (-buildvcs
// defaults to auto); go run and go test do not.
func Build() BuildInfo {
	b := BuildInfo{Version: Version, GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.ModuleVersion = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.RevisionAt = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	return b
}
