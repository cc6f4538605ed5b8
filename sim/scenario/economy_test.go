package scenario

import (
	"strings"
	"testing"
)

// TestEconomyValidation: the organisations' economy fields are checked
// with messages naming the file, position and field.
func TestEconomyValidation(t *testing.T) {
	for _, tc := range []struct{ name, org, frames, want string }{
		{"negative incentive cost", "{name: u, incentive_cost: -1}", "",
			`s.yaml:3:43: organisations[0].incentive_cost: -1 is out of range (allowed: >= 0)`},
		{"negative overhead", "{name: u, overhead: -0.5}", "",
			`s.yaml:3:37: organisations[0].overhead: -0.5 is out of range (allowed: >= 0)`},
		{"churn above 1", "{name: u, churn: 1.5}", "",
			`s.yaml:3:34: organisations[0].churn: 1.5 is out of range (allowed: [0, 1])`},
		{"unknown allocation", "{name: u, allocation: contact_first}", "",
			`s.yaml:3:39: organisations[0].allocation: unknown allocation "contact_first" (did you mean "contacts_first"?)`},
		{"convert without a frame to convert from", "{name: u, convert: 0.1}", "",
			`s.yaml:3:36: organisations[0].convert: convert needs a frame sponsored by "u" with amplify > 0 (its sharers are who it converts)`},
		{"convert from a frame it does not amplify", "{name: u, convert: 0.1}", "frames: [{name: f, sponsor: u}]\n",
			`s.yaml:3:36: organisations[0].convert: convert needs a frame sponsored by "u" with amplify > 0 (its sharers are who it converts)`},
		{"convert without members", "{name: u, membership: false, convert: 0.1}", "frames: [{name: f, sponsor: u, amplify: 5}]\n",
			`s.yaml:3:55: organisations[0].convert: convert needs an organisation with members (membership is false)`},
		{"convert from an amplified frame", "{name: u, convert: 0.1, convert_cost: 0.5}", "frames: [{name: f, sponsor: u, amplify: 5}]\n", ""},
	} {
		src := "name: x\npopulation: {size: 100}\norganisations: [" + tc.org + "]\n" + tc.frames
		_, err := Parse("s.yaml", []byte(src), t.TempDir())
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, tc.want)
		}
	}
}

// TestEconomyResolvedOptIn: the resolved scenario shows the economy's
// fields only when they differ from their defaults, so that a scenario
// without an economy resolves (and hashes) as before the fields existed.
func TestEconomyResolvedOptIn(t *testing.T) {
	keys := []string{"incentive_cost", "overhead", "allocation", "churn", "convert", "convert_cost"}
	plain := "name: x\npopulation: {size: 100}\norganisations: [{name: u}]\n"
	l, err := Parse("s.yaml", []byte(plain), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	res := string(l.Resolved())
	for _, k := range keys {
		if strings.Contains(res, k+":") {
			t.Errorf("the resolved scenario without an economy shows %s:\n%s", k, res)
		}
	}
	explicit, err := Parse("s.yaml", []byte("name: x\npopulation: {size: 100}\norganisations: [{name: u, incentive_cost: 0, allocation: incentives_first}]\n"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if explicit.Hash() != l.Hash() {
		t.Error("giving the economy's defaults changes the hash")
	}
	on := "name: x\npopulation: {size: 100}\norganisations: [{name: u, incentive_cost: 0.03, overhead: 1, allocation: contacts_first, churn: 0.01, convert: 0.1, convert_cost: 0.2}]\n" +
		"frames: [{name: f, sponsor: u, amplify: 5}]\n"
	l, err = Parse("s.yaml", []byte(on), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	res = string(l.Resolved())
	for _, kv := range []string{"incentive_cost: 0.03", "overhead: 1", "allocation: contacts_first", "churn: 0.01", "convert: 0.1", "convert_cost: 0.2"} {
		if !strings.Contains(res, kv) {
			t.Errorf("the resolved scenario does not show %s:\n%s", kv, res)
		}
	}
	back, err := Parse("resolved.yaml", l.Resolved(), t.TempDir())
	if err != nil || back.Hash() != l.Hash() {
		t.Errorf("the resolved economy does not load back the same: %v", err)
	}
}
