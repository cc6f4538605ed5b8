package network

// CoreNumbers returns each node's core number: the largest k such that the
// node belongs to the k-core, the maximal subgraph in which every node has
// at least k neighbours (Seidman 1983). It peels nodes in order of degree
// in O(N + E) with bucket sort (Batagelj & Zaversnik 2003); isolated nodes
// have core number 0. It allocates 4 arrays of N int32.
func CoreNumbers(g *Graph) []int32 {
	n := g.N()
	deg := make([]int32, n)
	maxDeg := int32(0)
	for i := range n {
		deg[i] = int32(g.Degree(int32(i)))
		maxDeg = max(maxDeg, deg[i])
	}
	// bin[d]: start of the nodes of degree d in vert; pos[v]: v's place.
	bin := make([]int32, maxDeg+2)
	for _, d := range deg {
		bin[d+1]++
	}
	for d := int32(1); d <= maxDeg+1; d++ {
		bin[d] += bin[d-1]
	}
	vert, pos := make([]int32, n), make([]int32, n)
	next := make([]int32, maxDeg+1)
	copy(next, bin)
	for v := range n {
		d := deg[v]
		pos[v] = next[d]
		vert[pos[v]] = int32(v)
		next[d]++
	}
	for i := range n {
		v := vert[i]
		for _, u := range g.Neighbours(v) {
			if du := deg[u]; du > deg[v] {
				// Move u to the front of its bin, then shrink its degree.
				pu, pw := pos[u], bin[du]
				w := vert[pw]
				if u != w {
					vert[pu], vert[pw] = w, u
					pos[u], pos[w] = pw, pu
				}
				bin[du]++
				deg[u]--
			}
		}
	}
	return deg
}
