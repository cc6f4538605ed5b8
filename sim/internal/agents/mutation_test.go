package agents

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMutationsCaught: taking out any one mark of a transition (a line
// `s.dirty.set(…)` in agents.go, except Mark's own, which is by definition
// a mark beyond the inputs) makes TestTransitionsMark fail. Each mutant is
// built with go test -overlay, which replaces agents.go for one build and
// leaves the file alone. This is the mutation check that a forgotten mark
// is caught; that no code outside this package can forget one (it cannot
// write the state) is TestNothingWritesAround's.
func TestMutationsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("builds one test binary per mark")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	src, err := filepath.Abs("agents.go")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	marks := 0
	for n, line := range lines {
		if strings.TrimSpace(line) != "s.dirty.set(i)" && strings.TrimSpace(line) != "s.dirty.set(j)" {
			continue
		}
		if strings.HasPrefix(lines[n-1], "func (s *State) Mark(") {
			continue
		}
		marks++
		mutant := append(append(append([]string{}, lines[:n]...), "// mark taken out"), lines[n+1:]...)
		dir := t.TempDir()
		file := filepath.Join(dir, "agents.go")
		if err := os.WriteFile(file, []byte(strings.Join(mutant, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {src: file}})
		ov := filepath.Join(dir, "overlay.json")
		if err := os.WriteFile(ov, overlay, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(goTool, "test", "-count=1", "-run", "^TestTransitionsMark$", "-overlay", ov, ".")
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Errorf("agents.go:%d: without its mark TestTransitionsMark still passes", n+1)
		} else if !strings.Contains(string(out), "without marking it") {
			t.Errorf("agents.go:%d: the mutant failed for another reason:\n%s", n+1, out)
		}
	}
	if marks < 7 {
		t.Errorf("found %d marks in agents.go; the test looks for lines s.dirty.set(i) and s.dirty.set(j)", marks)
	}
	t.Logf("%d mutants, each caught", marks)
}
