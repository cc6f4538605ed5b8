package agents

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/connact/connact/sim/network"
)

// inputs is what an agent's decision reads of its own state (package sim,
// decide and motivation): the frame it holds and its attention to it, its
// membership, resources, remaining ties and active neighbours.
type inputs struct {
	attention float32
	held      int16
	centre    float32
	member    int16
	resources float32
	aliveDeg  int32
	activeNbr int32
	commit    float32
	backlash  float32
	did       uint16
	orgNbr    int32
}

func (s *State) inputsOf(i int32) inputs {
	return inputs{s.attention[i], s.held[i], s.centre[i], s.member[i], s.resources[i], s.aliveDeg[i], s.activeNbr[i], s.Commitment(i), s.Backlash(i), s.Did(i), s.OrgNbr(i)}
}

// testState is a state of n agents on a random graph, with two
// organisations and three mechanisms: organisation 0's frame (not
// fading), organisation 1's (fading) and a peer frame (fading, seen set 0).
func testState(t testing.TB, n int, rnd *rand.Rand) *State {
	g, err := network.ErdosRenyiGNP(n, 6/float64(n-1), rnd)
	if err != nil {
		t.Fatal(err)
	}
	group := make([]int32, n)
	res, inc, capa := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range n {
		group[i] = int32(rnd.IntN(3))
		capa[i] = 2
		res[i] = float32(rnd.Float64())
		if rnd.IntN(2) == 0 {
			inc[i] = 0.1
		}
	}
	s := new(State)
	s.Init(Config{
		Group: group, Groups: 3, Resources: res, Income: inc, Cap: capa, Net: g,
		Fades: []bool{false, true, true}, Frame: []int{-1, -1, 0}, Frames: 1, Organisations: 2,
		Commitment: true, Renews: []bool{true}, Backlash: true, Actions: 3, Organises: []bool{false, false, true},
	})
	return s
}

// TestTransitionsMark: after any transition, every agent still deciding
// (aware, not gone) whose inputs to the decision changed is marked for its
// next decision. Random sequences of every transition on a small network;
// the marks are taken off before each, as a decision does.
// TestMutationsCaught shows that this test fails when any mark in a
// transition is taken out.
func TestTransitionsMark(t *testing.T) {
	const n = 60
	for seed := range uint64(20) {
		rnd := rand.New(rand.NewPCG(seed, 1))
		s := testState(t, n, rnd)
		tl := NewTally(3, 3)
		before := make([]inputs, n)
		for step := range 3000 {
			for i := range int32(n) {
				s.Undirty(i)
				before[i] = s.inputsOf(i)
			}
			i := int32(rnd.IntN(n))
			op := randomTransition(s, &tl, i, rnd)
			for j := range int32(n) {
				if s.Aware(j) && !s.Gone(j) && s.inputsOf(j) != before[j] && !s.Dirty(j) {
					t.Fatalf("seed %d step %d: %s of agent %d changed agent %d's inputs %+v -> %+v without marking it",
						seed, step, op, i, j, before[j], s.inputsOf(j))
				}
			}
		}
		recount(t, s, &tl)
	}
}

// randomTransition applies one transition, chosen at random among those
// that apply to agent i, and names it.
func randomTransition(s *State, tl *Tally, i int32, rnd *rand.Rand) string {
	switch rnd.IntN(16) {
	case 0, 1:
		if !s.Gone(i) {
			s.Hold(&tl.count, i, rnd.IntN(3), float32(rnd.Float64()))
			return "Hold"
		}
	case 2:
		if !s.Active(i) {
			s.Forget(&tl.count, i)
			return "Forget"
		}
	case 3:
		if s.Aware(i) && !s.Active(i) && !s.Gone(i) {
			s.Start(tl, i, 1)
			return "Start"
		}
	case 4:
		if s.Active(i) {
			s.Lapse(tl, i, rnd.IntN(4) != 0)
			return "Lapse"
		}
	case 5:
		if s.Aware(i) && !s.Gone(i) {
			s.Seed(i, 1)
			return "Seed"
		}
	case 6:
		s.AddActiveNbr(i, int32(rnd.IntN(3)-1))
		return "AddActiveNbr"
	case 7:
		if s.Member(i) < 0 && !s.Removed(i) {
			s.Join(i, rnd.IntN(2))
			return "Join"
		}
		s.Leave(i)
		return "Leave"
	case 8:
		r := s.Resources(i)
		if rnd.IntN(2) == 0 {
			r = float32(rnd.Float64() * 2)
		}
		s.SetResources(i, r)
		return "SetResources"
	case 9:
		if s.fading.has(i) {
			s.Decay(i, 0.8)
			return "Decay"
		}
	case 10:
		if rnd.IntN(10) == 0 {
			s.Remove(i)
			return "Remove"
		}
	case 11:
		if !s.Removed(i) {
			k := float32(0)
			if rnd.IntN(3) != 0 {
				k = float32(rnd.Float64())
			}
			s.Commit(i, k)
			return "Commit"
		}
	case 12:
		if !s.Gone(i) {
			s.Renew(&tl.count, i, 2, float32(rnd.Float64()), float32(rnd.Float64()))
			return "Renew"
		}
	case 13:
		s.Aggrieve(i, float32(rnd.IntN(3)-1)*0.25)
		return "Aggrieve"
	case 14:
		if s.Aware(i) && !s.Gone(i) {
			s.Choose(i, rnd.IntN(3), rnd.IntN(2) == 0)
			return "Choose"
		}
	case 15:
		s.AddOrgNbr(i, int32(rnd.IntN(3)-1))
		return "AddOrgNbr"
	}
	return "nothing"
}

// recount checks the counts kept as agents change against a count over
// every agent.
func recount(t *testing.T, s *State, tl *Tally) {
	t.Helper()
	var c Counts = NewCounts(3, 3)
	for i := range int32(s.n) {
		if s.removed[i] {
			continue
		}
		g := s.group[i]
		if k := s.held[i]; k >= 0 {
			c.aware[g]++
			c.awareBy[k]++
			if s.active.has(i) {
				c.active[g]++
				c.activeBy[k]++
			}
		}
		if s.member[i] >= 0 {
			c.members[g]++
		}
	}
	got := NewCounts(3, 3)
	got.Add(&s.tally.count)
	got.Add(&tl.count)
	// Members are counted in the state's own tally, the rest in tl.
	if !reflect.DeepEqual(got, c) {
		t.Errorf("counts %+v, counted %+v", got, c)
	}
	for k := range s.members {
		for j, i := range s.members[k] {
			if int(s.member[i]) != k || int(s.memberPos[i]) != j {
				t.Errorf("member list %d: agent %d at %d has member %d, position %d", k, i, j, s.member[i], s.memberPos[i])
			}
		}
	}
}

// TestNothingWritesAround: no field of the state can be written from
// outside this package. Its fields, and those of Counts and Tally, are
// unexported, and no exported method hands out a slice or a map that a
// caller could write into: every exported method is a reader returning a
// value, or a transition of the list that TestTransitionsMark exercises
// (adding a method here means adding it there).
func TestNothingWritesAround(t *testing.T) {
	transitions := []string{"Init", "Mark", "Undirty", "Hold", "Forget", "Start", "Seed", "Lapse",
		"AddActiveNbr", "AddOrgNbr", "Join", "Leave", "SetResources", "Decay", "Commit", "Renew", "Remove", "Aggrieve", "Merge"}
	for _, v := range []any{State{}, Counts{}, Tally{}, Seen{}} {
		ty := reflect.TypeOf(v)
		for f := range ty.NumField() {
			if fl := ty.Field(f); fl.IsExported() {
				t.Errorf("%s.%s is exported: code outside the package could write it", ty.Name(), fl.Name)
			}
		}
	}
	for _, v := range []any{&State{}, &Counts{}, &Tally{}, Seen{}} {
		ty := reflect.TypeOf(v)
		for m := range ty.NumMethod() {
			meth := ty.Method(m)
			for o := range meth.Type.NumOut() {
				switch k := meth.Type.Out(o).Kind(); k {
				case reflect.Slice, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
					t.Errorf("%s.%s returns a %s: a caller could write the state through it", ty, meth.Name, k)
				case reflect.Pointer:
					if e := meth.Type.Out(o).Elem(); e != reflect.TypeOf(Tally{}) && e != reflect.TypeOf(Counts{}) {
						t.Errorf("%s.%s returns a pointer to %s", ty, meth.Name, e)
					}
				}
			}
			// EachFading returns nothing but only reads: it hands each agent
			// to its callback.
			if ty == reflect.TypeOf(&State{}) && meth.Type.NumOut() == 0 && meth.Name != "EachFading" && !slices.Contains(transitions, meth.Name) {
				t.Errorf("State.%s returns nothing, so it changes the state, but is not a listed transition", meth.Name)
			}
		}
	}
}

// TestOnlyTheModelImports: package sim (the model) is the one user of the
// agents' state; no other package reaches into a run's agents.
func TestOnlyTheModelImports(t *testing.T) {
	const path = `"github.com/connact/connact/sim/internal/agents"`
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		dir := filepath.Dir(p)
		if dir == filepath.Join(root, "sim") || dir == filepath.Join(root, "sim", "internal", "agents") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), path) {
			t.Errorf("%s imports sim/internal/agents: only package sim may", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRenew: a re-exposure raises the attention of a holder of the frame
// by the novelty given, a ← a + (1−a)·gain, makes one who forgot it hold
// it again with attention gain, leaves one holding another frame alone,
// and counts every re-exposure.
func TestRenew(t *testing.T) {
	s := testState(t, 10, rand.New(rand.NewPCG(1, 2)))
	cnt := NewCounts(3, 3)
	s.Hold(&cnt, 0, 2, 0.5)
	s.Decay(0, 0.5)
	s.Renew(&cnt, 0, 2, 0.5, 0.5)
	if a := s.Attention(0); a != 0.75 {
		t.Errorf("renewed attention %v, want 0.5 + 0.5·0.5 = 0.75", a)
	}
	s.Forget(&cnt, 0)
	s.Undirty(0)
	s.Renew(&cnt, 0, 2, 0.4, 0.25)
	if s.Held(0) != 2 || s.Attention(0) != 0.25 || s.Centre(0) != 0.4 || !s.Dirty(0) {
		t.Errorf("after forgetting: held %d attention %v centre %v dirty %v, want 2, 0.25, 0.4, true", s.Held(0), s.Attention(0), s.Centre(0), s.Dirty(0))
	}
	s.Hold(&cnt, 0, 1, 0.5)
	s.Renew(&cnt, 0, 2, 0.5, 0.9)
	if s.Held(0) != 1 || s.Attention(0) != 1 {
		t.Errorf("holding another frame: held %d attention %v, want 1, 1", s.Held(0), s.Attention(0))
	}
	if n := s.Exposures(0, 0); n != 3 {
		t.Errorf("%d re-exposures counted, want 3", n)
	}
}
