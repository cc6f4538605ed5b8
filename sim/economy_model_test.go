package sim

import (
	"math"
	"strings"
	"testing"
)

// economyScenario is a union of stable membership (no contact needed: no
// fading, no dues, no income) whose budget runs out on overhead and
// incentives within a few steps.
const economyScenario = `
name: economy
seed: 11
steps: 5
replicates: 1
population: {size: 2000, income: 0, threshold: {dist: beta, a: 2, b: 8}}
network: {model: erdos_renyi, mean_degree: 10}
decision: {social: 0.5, efficacy_ref: 2}
organisations:
  - {name: union, position: 0.5, tolerance: 0.3, budget: 10, reach: 0, contact_cost: 0, dues: 0, members: 0.3, incentive: 0.4, cost: 0, half_life: 0,
     incentive_cost: 0.01, overhead: 1}
`

// TestIncentivesPaidProRata: each step the union pays its overhead, then
// c_I per member as far as its budget goes; its members receive the
// incentive I·π with π the share of the bill it paid, and the accounts
// record both payments.
func TestIncentivesPaidProRata(t *testing.T) {
	m := model(t, economyScenario)
	o := &m.orgs[0]
	budget := 10.0
	for step := 1; step <= 4; step++ {
		n := float64(m.ag.Members(0))
		m.StepOnce()
		if got := float64(m.ag.Members(0)); got != n {
			t.Fatalf("step %d: members moved from %v to %v; the test needs a stable membership", step, n, got)
		}
		overhead := math.Min(1, budget)
		budget -= overhead
		bill := 0.01 * n
		pi := math.Min(1, budget/bill)
		paid := math.Min(bill, budget)
		budget -= paid
		obs := m.Observations()
		if obs.Overhead[0][step] != overhead || math.Abs(obs.Incentives[0][step]-paid) > 1e-12 || math.Abs(o.budget-budget) > 1e-12 {
			t.Errorf("step %d: overhead %v, incentives %v, budget %v; want %v, %v, %v", step, obs.Overhead[0][step], obs.Incentives[0][step], o.budget, overhead, paid, budget)
		}
		if math.Abs(o.incentive-0.4*pi) > 1e-12 {
			t.Errorf("step %d: incentive %v, want 0.4·%v", step, o.incentive, pi)
		}
	}
	if o.incentive != 0 || o.budget != 0 {
		t.Errorf("a broke union pays an incentive of %v (budget %v)", o.incentive, o.budget)
	}
}

// TestAllocationOrder: with outreach first, the step's contacts are paid
// before the incentives, which then fall short; with incentives first,
// the incentives are paid in full and the contacts get what is left.
func TestAllocationOrder(t *testing.T) {
	for _, tc := range []struct {
		allocation string
		contacts   int // contacts paid in step 1
	}{{"incentives_first", 0}, {"contacts_first", 10}} {
		m := model(t, economyScenario)
		o := &m.orgs[0]
		cfg := *o.cfg
		cfg.Allocation, cfg.Reach, cfg.ContactCost = tc.allocation, 10, 0.5
		o.cfg = &cfg
		n := float64(m.ag.Members(0))
		bill := 0.01 * n
		// 10 − 1 overhead: incentives first leave 9 − bill for contacts.
		contacts := tc.contacts
		if tc.allocation == "incentives_first" {
			contacts = min(10, int(math.Floor((9-bill)/0.5)))
		}
		m.StepOnce()
		wantPaid := math.Min(bill, 9-float64(contacts)*0.5)
		if got := m.Observations().Incentives[0][1]; math.Abs(got-wantPaid) > 1e-12 {
			t.Errorf("%s: incentives paid %v, want %v (bill %v, %d contacts)", tc.allocation, got, wantPaid, bill, contacts)
		}
		if want := 0.4 * math.Min(1, wantPaid/bill); math.Abs(o.incentive-want) > 1e-12 {
			t.Errorf("%s: incentive %v, want %v", tc.allocation, o.incentive, want)
		}
	}
}

// TestChurn: members due a contact whom the union does not reach (reach
// 0) leave with probability churn each step: all of them with churn 1,
// none with 0. With a half-life of 1 every member is due at step 2.
func TestChurn(t *testing.T) {
	for _, churn := range []float64{0, 1} {
		m := model(t, strings.Replace(economyScenario, "half_life: 0", "half_life: 1", 1))
		cfg := *m.orgs[0].cfg
		cfg.Churn = churn
		m.orgs[0].cfg = &cfg
		m.StepOnce()
		n := int64(m.ag.Members(0))
		if c := m.Observations().Churned[0][1]; c != 0 {
			t.Errorf("churn %v: %d members left at step 1, when none was due a contact", churn, c)
		}
		m.StepOnce()
		if got, want := m.Observations().Churned[0][2], int64(churn)*n; got != want {
			t.Errorf("churn %v: %d of %d members left at step 2, want %d", churn, got, n, want)
		}
	}
}

// TestConversionPaysFromTheBudget: an organisation converts its frame's
// active sharers within its tolerance while its budget covers the cost of
// a conversion, and they join it as members.
func TestConversionPaysFromTheBudget(t *testing.T) {
	m := model(t, `
name: convert
seed: 12
steps: 5
replicates: 1
population: {size: 2000, threshold: {dist: beta, a: 2, b: 8}}
network: {model: erdos_renyi, mean_degree: 10}
organisations:
  - {name: ngo, position: 0.5, tolerance: 0.5, budget: 1, reach: 0, contact_cost: 0, dues: 0, convert: 1, convert_cost: 0.25}
frames:
  - {name: push, sponsor: ngo, seed_share: 0.05, amplify: 10, width: 0.3}
`)
	m.StepOnce()
	if got := m.Observations().Converted[0][1]; got != 4 || m.orgs[0].budget != 0 || m.ag.Members(0) != 4 {
		t.Errorf("converted %d, budget %v, members %d; want 4 conversions paid by the budget of 1", got, m.orgs[0].budget, m.ag.Members(0))
	}
	for j := range m.ag.Members(0) {
		// Converted as active sharers; the decision of the same step may
		// have ended their participation, not their frame.
		if i := m.ag.MemberAt(0, j); m.ag.Held(i) != m.frames[0] {
			t.Errorf("member %d does not hold the frame", i)
		}
	}
}
