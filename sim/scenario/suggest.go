package scenario

import (
	"fmt"
	"strings"
)

// suggest returns the allowed word the user most likely meant by got: the
// closest one within edit distance 2 (see editDistance; ignoring case), counting
// only words at most half changed so that "jpg" does not suggest "svg"), or
// else the only allowed word that starts with got. It returns "" when there is
// no such word.
func suggest(got string, allowed []string) string {
	best, bestD := "", 3
	lower := strings.ToLower(got)
	for _, a := range allowed {
		d := editDistance(lower, strings.ToLower(a))
		if d < bestD && 2*d <= len(got) && d < len(a) {
			best, bestD = a, d
		}
	}
	if best != "" {
		return best
	}
	prefixed := ""
	for _, a := range allowed {
		if got != "" && strings.HasPrefix(strings.ToLower(a), lower) {
			if prefixed != "" {
				return ""
			}
			prefixed = a
		}
	}
	return prefixed
}

// unknownMsg says that got is not one of allowed: with a suggestion when one
// is close, or else with the whole list.
func unknownMsg(what, got string, allowed []string) string {
	if s := suggest(got, allowed); s != "" {
		return fmt.Sprintf("unknown %s %q (did you mean %q?)", what, got, s)
	}
	return fmt.Sprintf("unknown %s %q (allowed: %s)", what, got, strings.Join(allowed, ", "))
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein with transpositions of adjacent letters, "nog" → "ngo" costing
// 1), in bytes. Keys are short, so the quadratic cost does not matter;
// inputs are cut at 64 bytes so that a hostile key cannot make it matter.
func editDistance(a, b string) int {
	if len(a) > 64 {
		a = a[:64]
	}
	if len(b) > 64 {
		b = b[:64]
	}
	// d[i][j] is the distance between a[:i] and b[:j]; three rows suffice.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
