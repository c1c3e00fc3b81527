package policy

import (
	"math/rand/v2"
	"testing"
)

// TestLongerCoverAgreesWithPairs checks the linear "inside a longer match" against the
// definition, pair by pair, on random matches.
func TestLongerCoverAgreesWithPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 500; round++ {
		n := 1 + rng.IntN(12)
		var all []phraseMatch
		for k := rng.IntN(8); k >= 0; k-- {
			s := rng.IntN(n)
			all = append(all, phraseMatch{start: s, end: s + 1 + rng.IntN(n-s)})
		}
		c := newLongerCover(all, n)
		for _, m := range all {
			want := false
			for _, o := range all {
				want = want || o.start <= m.start && o.end >= m.end && o.end-o.start > m.end-m.start
			}
			if got := c.inside(m); got != want {
				t.Fatalf("matches %v: inside(%v) = %v, want %v", all, m, got, want)
			}
		}
	}
}
