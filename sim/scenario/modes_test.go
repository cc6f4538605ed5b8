package scenario

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

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

// TestModesDocumented checks that doc.go lists the words of every mode
// table, and states each rule for exactly the modes whose rows have it: a
// mode added to a table but not to the manual, or given a rule the manual
// does not state, fails here.
func TestModesDocumented(t *testing.T) {
	doc := docProse(t)
	models := words(NetworkModels())
	network := func(has func(networkModelRow) bool) string {
		return prose(rowsWhere(networkModelTable, networkModelRow.key, has), "and")
	}
	for _, want := range []string{
		"network.model one of " + strings.Join(models, ", ") + ".",
		"model: watts_strogatz # " + strings.Join(models, " "),
		"for " + network(func(r networkModelRow) bool { return r.degreeBelowSize }) + ", < population.size;",
		network(func(r networkModelRow) bool { return r.evenDegree }) + " need an even integer mean_degree >= 2.",
		"attach >= 1, and < population.size for " + network(func(r networkModelRow) bool { return r.attachBelowSize }) + ".",
		"min_degree >= 1, and < population.size (which must be >= 2) for " + network(func(r networkModelRow) bool { return r.minDegreeBelowSize }) + ",",
		"social_mode " + prose(words(SocialModes()), "or") + ";",
		"family one of " + strings.Join(words(DistKinds()), ", ") + ";",
		"draw " + prose(drawModes, "or") + ".",
		"expression " + prose(expressions, "or") + ";",
		"seeding " + prose(seedings, "or") + ";",
		"sponsor " + Crowd + " or an organisation;",
		"sweep.sample: method " + prose(words(SampleMethods()), "or") + ";",
		"levels is for " + gridMethods + " only.",
		"or a " + startingEvents + " event;",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("doc.go does not say %q", want)
		}
	}
	// The events rule names each type, with its fields, in table order.
	start, end := strings.Index(doc, "- events:"), strings.Index(doc, "- conditions:")
	var named []string
	for _, m := range regexp.MustCompile(`(?:one of |\), )([a-z_]+) \(`).FindAllStringSubmatch(doc[start:end], -1) {
		named = append(named, m[1])
	}
	if want := words(EventTypes()); !slices.Equal(named, want) {
		t.Errorf("doc.go's events rule names %v, the table %v", named, want)
	}
}

// TestExpectedEdges checks each edge rule on 100 nodes, and that a model
// outside the table counts as given by its mean degree, as EstimateMemory
// always counted it.
func TestExpectedEdges(t *testing.T) {
	want := map[NetworkModel]float64{
		NetworkErdosRenyi: 500, NetworkGNM: 500, NetworkWattsStrogatz: 500, NetworkBlock: 500, NetworkRing: 500,
		NetworkBarabasiAlbert: 300, NetworkComplete: 4950, NetworkFile: 0, "": 500,
		// 100·E[K]/2 for the drawn law P(k) ∝ k^-2.5, 2 ≤ k ≤ 99: the
		// direct sum Σ k·P(K = k) gives 201.69270787187 (network's
		// TestExpectedPowerLawDegree checks the sum itself).
		NetworkConfiguration: 201.6927078718754,
	}
	if len(want) != len(NetworkModels())+1 {
		t.Fatalf("want lists %d models, the table %d: add the new model here", len(want)-1, len(NetworkModels()))
	}
	for m, w := range want {
		nw := Network{Model: m, MeanDegree: 10, Attach: 3, Exponent: 2.5, MinDegree: 2}
		if got := nw.ExpectedEdges(100); got != w {
			t.Errorf("%q: ExpectedEdges(100) = %g, want %g", m, got, w)
		}
	}
}

// TestModeTablesUnique checks that no table lists a mode twice.
func TestModeTablesUnique(t *testing.T) {
	for _, list := range [][]string{
		words(NetworkModels()), words(SocialModes()), words(DistKinds()), words(EventTypes()), words(SampleMethods()),
	} {
		seen := map[string]bool{}
		for _, w := range list {
			if seen[w] {
				t.Errorf("%s is listed twice", w)
			}
			seen[w] = true
		}
	}
}

// TestConfigurationResolved: the configuration model's exponent and
// min_degree are written in the resolved scenario for that model, or when
// given away from their defaults, and left out otherwise, so that every
// scenario without them keeps its resolved text and hash.
func TestConfigurationResolved(t *testing.T) {
	for _, tc := range []struct {
		network string
		want    []string // substrings present
		absent  []string
	}{
		{"{model: erdos_renyi}", nil, []string{"\n  exponent:", "\n  min_degree:"}},
		{"{model: configuration}", []string{"\n  exponent: 2.5", "\n  min_degree: 2"}, nil},
		{"{model: erdos_renyi, exponent: 2.2}", []string{"\n  exponent: 2.2"}, []string{"\n  min_degree:"}},
	} {
		l, err := Parse("s.yaml", []byte("name: x\npopulation: {size: 100}\nnetwork: "+tc.network+"\nframes: [{name: f}]\n"), t.TempDir())
		if err != nil {
			t.Fatalf("%s: %v", tc.network, err)
		}
		r := string(l.Resolved())
		for _, w := range tc.want {
			if !strings.Contains(r, w) {
				t.Errorf("%s: resolved scenario lacks %q:\n%s", tc.network, w, r)
			}
		}
		for _, w := range tc.absent {
			if strings.Contains(r, w) {
				t.Errorf("%s: resolved scenario has %q:\n%s", tc.network, w, r)
			}
		}
		again, err := Parse("s.yaml", l.Resolved(), t.TempDir())
		if err != nil || again.Scenario.Network != l.Scenario.Network {
			t.Errorf("%s: the resolved scenario reads back as %+v (%v), want %+v", tc.network, again.Scenario.Network, err, l.Scenario.Network)
		}
	}
}
