package scenario

import (
	"os"
	"strings"
	"testing"
)

// english joins words as prose: "a", "a and b", "a, b and c".
func english(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// docProse is doc.go's comment text with the comment markers and line
// breaks folded into single spaces, so that wrapped sentences can be
// searched.
func docProse(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(string(doc), "\n") {
		b.WriteString(strings.TrimPrefix(line, "//"))
		b.WriteByte(' ')
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestModesDocumented checks that doc.go lists the network models and
// social modes of the tables, and states each network rule for exactly the
// models whose rows have it: a model added to the table but not to the
// manual, or given a rule the manual does not state, fails here.
func TestModesDocumented(t *testing.T) {
	doc := docProse(t)
	models := words(NetworkModels())
	pick := func(has func(networkModelRow) bool) []string {
		var out []string
		for _, r := range networkModelTable {
			if has(r) {
				out = append(out, string(r.model))
			}
		}
		return out
	}
	for _, want := range []string{
		"network.model one of " + strings.Join(models, ", ") + ".",
		"model: watts_strogatz # " + strings.Join(models, " "),
		"for " + english(pick(func(r networkModelRow) bool { return r.degreeBelowSize })) + ", < population.size;",
		english(pick(func(r networkModelRow) bool { return r.evenDegree })) + " need an even integer mean_degree >= 2.",
		"attach >= 1, and < population.size for " + english(pick(func(r networkModelRow) bool { return r.attachBelowSize })) + ".",
		"social_mode " + strings.Join(words(SocialModes()), " or ") + ";",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("doc.go does not say %q", want)
		}
	}
}

// TestExpectedEdges checks each edge rule on 100 nodes, and that a model
// outside the table counts as given by its mean degree, as EstimateMemory
// always counted it.
func TestExpectedEdges(t *testing.T) {
	want := map[NetworkModel]float64{
		NetworkErdosRenyi: 500, NetworkGNM: 500, NetworkWattsStrogatz: 500, NetworkBlock: 500, NetworkRing: 500,
		NetworkBarabasiAlbert: 300, NetworkComplete: 4950, NetworkFile: 0, "": 500,
	}
	if len(want) != len(NetworkModels())+1 {
		t.Fatalf("want lists %d models, the table %d: add the new model here", len(want)-1, len(NetworkModels()))
	}
	for m, w := range want {
		nw := Network{Model: m, MeanDegree: 10, Attach: 3}
		if got := nw.ExpectedEdges(100); got != w {
			t.Errorf("%q: ExpectedEdges(100) = %g, want %g", m, got, w)
		}
	}
}

// TestModeTablesUnique checks that no table lists a mode twice.
func TestModeTablesUnique(t *testing.T) {
	for _, list := range [][]string{words(NetworkModels()), words(SocialModes())} {
		seen := map[string]bool{}
		for _, w := range list {
			if seen[w] {
				t.Errorf("%s is listed twice", w)
			}
			seen[w] = true
		}
	}
}
