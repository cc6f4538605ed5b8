package scenario_test

import (
	"fmt"

	"github.com/connact/connact/sim/scenario"
)

func ExampleParse() {
	src := []byte(`
name: example
population: {size: 1000, income: 0.2}
network: {model: watts_strogatz, mean_degree: 6}
frames:
  - name: hashtag
conditions:
  - name: narrow
    set:
      frames[0].width: 0.1
  - name: wide
    set: {"frames[0].width": 0.9}  # in flow style, quote keys with [i]
`)
	l, err := scenario.Parse("example.yaml", src, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := l.Scenario
	fmt.Println("attach:", s.Network.Attach, "seeds:", s.Frames[0].Seeds, "income:", s.Population.Income.Kind, s.Population.Income.Value)
	for i, name := range l.ConditionNames() {
		c, _ := l.Condition(i)
		fmt.Println(name, c.Frames[0].Width)
	}

	_, err = scenario.Parse("bad.yaml", []byte("name: bad\npopulation: {size: -5, treshold: 0.3}\n"), ".")
	fmt.Println(err, scenario.IsUserError(err))
	// Output:
	// attach: 3 seeds: 10 income: constant 0.2
	// narrow 0.1
	// wide 0.9
	// bad.yaml:2:24: population: unknown key "treshold" (did you mean "threshold"?) true
}

func ExampleApplySet() {
	l, err := scenario.Parse("s.yaml", []byte("name: s\npopulation: {size: 100}\nframes: [{name: f}]\n"), ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	err = scenario.ApplySet(l, []string{"population.size=5000", "frames[0].widht=0.8"})
	fmt.Println(err)
	err = scenario.ApplySet(l, []string{"population.size=5000", "frames[0].width=0.8"})
	fmt.Println(err, l.Scenario.Population.Size, l.Scenario.Frames[0].Width)
	// Output:
	// --set frames[0].widht=0.8: unknown field "widht" (did you mean "width"?)
	// <nil> 5000 0.8
}
