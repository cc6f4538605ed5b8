package network_test

import (
	"fmt"
	"log"
	"math/rand/v2"
	"strings"

	"github.com/connact/connact/sim/network"
)

// A ring lattice is the β = 0 Watts–Strogatz graph: every degree is k and the
// clustering is 3(k-2)/(4(k-1)) = 0.6 for k = 6.
func ExampleRingLattice() {
	g, err := network.RingLattice(12, 6)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("neighbours of 0:", g.Neighbours(0))
	st := network.ComputeStats(g, nil)
	fmt.Printf("nodes %d, edges %d, <k> %.1f, sd %.1f\n", st.Nodes, st.Edges, st.MeanDegree, st.SDDegree)
	fmt.Printf("giant %d (%.0f%%), clustering %.3f, local %.3f, exact %v\n",
		st.GiantComponent, 100*st.GiantShare, st.Clustering, st.AvgLocalClustering, st.ClusteringExact)
	// Output:
	// neighbours of 0: [1 2 3 9 10 11]
	// nodes 12, edges 36, <k> 6.0, sd 0.0
	// giant 12 (100%), clustering 0.600, local 0.600, exact true
}

// Reading a small CSV with a header, a comment, a weight column, a self loop
// and a repeated edge.
func ExampleReadEdgeList() {
	const csv = `# who talks to whom
from,to,weight
ana,ben,3
ben,cat,1
cat,cat,2
ben,ana,1
cat,dan,5
`
	// The header line is text like the labels, so auto-detection cannot
	// tell it from data: say so.
	g, info, err := network.ReadEdgeList(strings.NewReader(csv), network.ReadOptions{Name: "talk.csv", Header: network.HeaderYes})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("labels:", info.Labels)
	fmt.Printf("nodes %d, edges %d, self loops %d, duplicates %d, lines %d\n",
		g.N(), g.Edges(), info.SelfLoops, info.Duplicates, info.Lines)
	for _, v := range g.Neighbours(1) {
		fmt.Println("ben -", info.Labels[v])
	}

	_, _, err = network.ReadEdgeList(strings.NewReader("1,2\n3\n"), network.ReadOptions{Name: "bad.csv"})
	fmt.Println(err)
	// Output:
	// labels: [ana ben cat dan]
	// nodes 4, edges 3, self loops 1, duplicates 1, lines 7
	// ben - ana
	// ben - cat
	// bad.csv:2: need two fields, got 1
}

// Generators take their random source explicitly, so a seed fixes the graph.
func ExampleBarabasiAlbert() {
	rnd := rand.New(rand.NewPCG(1, 2))
	g, err := network.BarabasiAlbert(10000, 3, rnd)
	if err != nil {
		log.Fatal(err)
	}
	st := network.ComputeStats(g, rand.New(rand.NewPCG(3, 4)))
	// Seed clique K4 (6 edges) plus 3 edges for each of the other 9996 nodes.
	fmt.Printf("edges %d, min degree %d, <k> %.3f\n", st.Edges, st.MinDegree, st.MeanDegree)
	// Output:
	// edges 29994, min degree 3, <k> 5.999
}

// Homophily is the expected share of ties inside a group; with four equal
// groups, 0.25 is no preference.
func ExampleStochasticBlock() {
	groups := make([]int32, 40000)
	for i := range groups {
		groups[i] = int32(i % 4)
	}
	g, err := network.StochasticBlock(groups, 4, 8, 0.75, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		log.Fatal(err)
	}
	var inside, all int
	for u := range int32(g.N()) {
		for _, v := range g.Neighbours(u) {
			all++
			if groups[u] == groups[v] {
				inside++
			}
		}
	}
	fmt.Printf("<k> %.1f, share inside %.2f\n", 2*float64(g.Edges())/float64(g.N()), float64(inside)/float64(all))

	_, err = network.StochasticBlock(groups[:100], 4, 30, 0.9, rand.New(rand.NewPCG(5, 6)))
	fmt.Println(err)
	// Output:
	// <k> 8.0, share inside 0.75
	// network: infeasible block model: meanDegree=30 homophily=0.9 needs p_in=1.125 > 1 in group 0 of size 25
}

// A node table gives the nodes of an edge list their groups and numbers,
// matched by label; columns that are not asked for (note) are ignored.
func ExampleReadNodeTable() {
	_, info, err := network.ReadEdgeList(strings.NewReader("ann,bob\nbob,cy\n"), network.ReadOptions{Name: "edges.csv", Header: network.HeaderNo})
	if err != nil {
		panic(err)
	}
	table := "id,group,position,note\ncy,right,0.9,x\nann,left,0.1,y\nbob,left,0.4,z\n"
	t, err := network.ReadNodeTable(strings.NewReader(table), network.NodeTableOptions{Name: "nodes.csv", Labels: info.Labels, Numeric: []string{"position"}})
	if err != nil {
		panic(err)
	}
	for id, label := range info.Labels {
		fmt.Println(label, t.Group[id], t.Numbers["position"][id])
	}
	_, err = network.ReadNodeTable(strings.NewReader("id,group\nann,left\nbob,left\n"), network.NodeTableOptions{Name: "nodes.csv", Labels: info.Labels})
	fmt.Println(err)
	// Output:
	// ann left 0.1
	// bob left 0.4
	// cy right 0.9
	// nodes.csv: node "cy" of the edge list has no row (1 node(s) missing in all): give every node of the network a row
}

// A power-law configuration model has a spread of k-cores, where a
// Barabási–Albert graph gives every node the core number m: here the
// nodes of each shell, from the periphery in (the 5 at core 1 lost ties
// to erasure).
func ExamplePowerLawConfiguration() {
	g, err := network.PowerLawConfiguration(20000, 2, 2.5, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	shells := map[int32]int{}
	maxCore := int32(0)
	for _, c := range network.CoreNumbers(g) {
		shells[c]++
		maxCore = max(maxCore, c)
	}
	for k := int32(1); k <= maxCore; k++ {
		fmt.Printf("core %d: %d\n", k, shells[k])
	}
	ba, _ := network.BarabasiAlbert(20000, 2, rand.New(rand.NewPCG(1, 2)))
	baCores := map[int32]int{}
	for _, c := range network.CoreNumbers(ba) {
		baCores[c]++
	}
	fmt.Println("Barabási–Albert, m = 2:", baCores)
	// Output:
	// core 1: 5
	// core 2: 14438
	// core 3: 3505
	// core 4: 1231
	// core 5: 518
	// core 6: 163
	// core 7: 77
	// core 8: 62
	// Barabási–Albert, m = 2: map[2:20000]
}
