package scenario

import (
	"fmt"
	"strings"
	"testing"
)

// bigScenario is a scenario with frames frames and conds conditions, each
// condition enabling one frame and, every other one, setting a field.
func bigScenario(frames, conds int) []byte {
	var b strings.Builder
	b.WriteString("name: big\npopulation: {size: 100}\nframes:\n")
	for i := range frames {
		fmt.Fprintf(&b, "  - {name: f%d, seeds: 1}\n", i)
	}
	b.WriteString("conditions:\n")
	for i := range conds {
		if i%2 == 0 {
			fmt.Fprintf(&b, "  - {name: c%d, mechanisms: [f%d]}\n", i, i%frames)
		} else {
			fmt.Fprintf(&b, "  - {name: c%d, set: {decision.cost: %d}}\n", i, i%3)
		}
	}
	return []byte(b.String())
}

// TestLoadLinear loads a scenario with 1000 frames and 1000 conditions,
// the limits: linear validation takes a fraction of a second (it took
// minutes when every condition revalidated every frame). The time is not
// asserted; BenchmarkLoadFramesConditions measures it.
func TestLoadLinear(t *testing.T) {
	l, err := Parse("big.yaml", bigScenario(maxFrames, maxConditions), ".")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.ConditionNames()); n != maxConditions {
		t.Fatalf("%d conditions", n)
	}
	for _, i := range []int{0, 1, maxConditions - 1} {
		sc, err := l.Condition(i)
		if err != nil {
			t.Fatalf("condition %d: %v", i, err)
		}
		if want := float64(i % 3); i%2 == 1 && sc.Decision.Cost != want {
			t.Errorf("condition %d: decision.cost %v, want %v", i, sc.Decision.Cost, want)
		}
	}
	if len(l.Resolved()) < 1000*20 {
		t.Errorf("resolved scenario of %d bytes", len(l.Resolved()))
	}
}

// BenchmarkLoadFramesConditions loads scenarios of n frames and n
// conditions and reports the time per frame·condition, which falls as n
// grows when loading is linear in the file's size.
func BenchmarkLoadFramesConditions(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := bigScenario(n, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse("big.yaml", data, "."); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n*n), "ns/frame·condition")
		})
	}
}
