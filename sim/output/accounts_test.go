package output

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAccountColumns: a run folder in which one condition gives an
// organisation an economy writes its account columns for every condition
// (0 where the condition has none), and only for that organisation.
func TestAccountColumns(t *testing.T) {
	src, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	y := strings.Replace(string(src), "  - {name: mixed}\n",
		"  - {name: mixed, set: {\"organisations[0].incentive_cost\": 0.01, \"organisations[0].overhead\": 0.2}}\n", 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "economy.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	if _, err := WriteRun(context.Background(), loadStudy(t, path), RunOptions{Dir: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, TimeseriesFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	want := []string{"members_union", "budget_union", "members_ngo", "budget_ngo", "incentives_union", "overhead_union", "converted_union", "churned_union"}
	if got := head[len(head)-len(want):]; !slices.Equal(got, want) {
		t.Fatalf("last columns %v, want %v", got, want)
	}
	col := func(name string) int { return slices.Index(head, name) }
	spent := map[string]bool{}
	for _, r := range rows[1:] {
		if r[col("overhead_union")] != "0" {
			spent[r[col("condition")]] = true
		}
	}
	if !spent["mixed"] || spent["collective"] {
		t.Errorf("overhead paid in conditions %v, want in mixed only", spent)
	}
}
