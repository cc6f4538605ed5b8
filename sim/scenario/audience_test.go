package scenario

import (
	"strings"
	"testing"
)

// TestAudienceDefaultsAndSet: absent, the audience leaves the resolved
// scenario (and so its hash) as it was; given, its fields default as the
// network's do (attach from its own mean_degree); --set can add it, change
// one of its fields (a sweep's path) or remove it, as a condition can.
func TestAudienceDefaultsAndSet(t *testing.T) {
	src := "name: x\npopulation: {size: 100}\nframes: [{name: f}]\nnetwork: {model: configuration, exponent: 2.3, min_degree: 3}\n"
	l, err := Parse("s.yaml", []byte(src), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	plain := string(l.Resolved())
	if strings.Contains(plain, "audience") || l.Scenario.Network.Audience != nil {
		t.Fatalf("a scenario without an audience resolves with one:\n%s", plain)
	}
	if err := ApplySet(l, []string{"network.audience.mean_degree=20"}); err != nil {
		t.Fatal(err)
	}
	a := l.Scenario.Network.Audience
	if a == nil || *a != (Network{Model: NetworkErdosRenyi, MeanDegree: 20, Rewire: 0.1, Attach: 10, Homophily: 0.8, Exponent: 2.5, MinDegree: 2}) {
		t.Fatalf("network.audience.mean_degree=20 gave %+v", a)
	}
	res := string(l.Resolved())
	if want := "  audience:\n    model: erdos_renyi\n    mean_degree: 20\n    rewire: 0.1\n    attach: 10\n    homophily: 0.8\n"; !strings.Contains(res, want) {
		t.Errorf("resolved audience: want\n%s\nin\n%s", want, res)
	}
	back, err := Parse("r.yaml", []byte(res), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Resolved()) != res {
		t.Errorf("the resolved scenario does not read back the same")
	}
	if err := ApplySet(l, []string{"network.audience.mean_degree=30"}); err != nil {
		t.Fatal(err)
	}
	if a := l.Scenario.Network.Audience; a.MeanDegree != 30 || a.Attach != 15 {
		t.Errorf("attach does not follow the audience's mean_degree: %+v", a)
	}
	if l.Scenario.Network.Attach != 5 {
		t.Errorf("the network's attach changed with the audience's: %d", l.Scenario.Network.Attach)
	}
	if err := ApplySet(l, []string{"network.audience=null"}); err != nil {
		t.Fatal(err)
	}
	if got := string(l.Resolved()); got != plain {
		t.Errorf("network.audience=null does not give back the scenario without one:\n%s", got)
	}
	// A condition may add or remove the layer.
	l, err = Parse("s.yaml", []byte(src+"conditions:\n  - {name: one}\n  - {name: two, set: {network.audience: {model: barabasi_albert, attach: 3}}}\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.Condition(1)
	if err != nil {
		t.Fatal(err)
	}
	if a := c.Network.Audience; a == nil || a.Model != NetworkBarabasiAlbert || a.Attach != 3 || a.MeanDegree != 10 {
		t.Errorf("condition two's audience: %+v", a)
	}
	if l.Scenario.Network.Audience != nil {
		t.Errorf("a condition's audience leaked into the scenario")
	}
}
