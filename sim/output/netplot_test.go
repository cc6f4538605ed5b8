package output

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDrawNetwork: plot --network's library half. On a run folder of
// testdata/small.yaml (300 agents, every state: members, removals) the
// network figure is drawn, the same SVG byte for byte when drawn again
// (seeded layout, the same run again); each state's colour appears in
// it; the degree charts are drawn with --degree; options the folder does
// not have are OptionErrors, a user mistake.
func TestDrawNetwork(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if _, err := WriteRun(context.Background(), loadStudy(t, "testdata/small.yaml"), RunOptions{Dir: dir, Workers: 2, Formats: []string{}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	draw := func(opt NetworkPlotOptions) []string {
		t.Helper()
		out := t.TempDir()
		files, err := DrawNetwork(ctx, dir, out, []string{"svg"}, opt)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	opt := NetworkPlotOptions{StepsText: "0,9,final"}
	a, b := draw(opt), draw(opt)
	if len(a) != 1 || filepath.Base(a[0]) != NetworkChart+".svg" {
		t.Fatalf("files %v, want %s.svg", a, NetworkChart)
	}
	sa, _ := os.ReadFile(a[0])
	sb, _ := os.ReadFile(b[0])
	if len(sa) == 0 || !bytes.Equal(sa, sb) {
		t.Error("the network figure differs when drawn again")
	}
	for _, want := range []string{"day 0", "day 9", "day 15 (last)", "removed", "member",
		"fill:#D55E00", // vermillion: active agents are drawn
	} {
		if !bytes.Contains(sa, []byte(want)) {
			t.Errorf("the figure lacks %q", want)
		}
	}
	group := draw(NetworkPlotOptions{Colour: "group", Condition: "mixed", Replicate: 2})
	sg, _ := os.ReadFile(group[0])
	if !bytes.Contains(sg, []byte("active, b")) || !bytes.Contains(sg, []byte("mixed, replicate 2")) {
		t.Error("--colour group: no legend entry per group, or not the run asked for")
	}
	deg := draw(NetworkPlotOptions{Degree: true})
	if len(deg) != 2 || !strings.HasPrefix(filepath.Base(deg[0]), DegreeChart) || !strings.HasPrefix(filepath.Base(deg[1]), CoreChart) {
		t.Errorf("--degree drew %v", deg)
	}
	for _, bad := range []NetworkPlotOptions{{Condition: "nope"}, {Replicate: 3}, {Colour: "degree"}, {StepsText: "0,99"}} {
		_, err := DrawNetwork(ctx, dir, t.TempDir(), []string{"svg"}, bad)
		var oe *OptionError
		if !errors.As(err, &oe) {
			t.Errorf("%+v: %v, want an OptionError", bad, err)
		}
	}
}
