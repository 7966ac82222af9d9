package perceptron

// Sums kept per word. A tagger's features that read one word alone (its form,
// affixes, shape, classes), as the word tagged or as the neighbour of the word
// tagged, change with the word, not with its sentence. A caller may add up their
// weights once per distinct word, by group (GroupSums), and score each word from
// its own and its neighbours' sums and its other features (ScoreWord). Weights
// add up in whole quantisation steps, so the scores are those of all the
// features together, to the bit.

// The groups of a word's kept sums: as the word scored, as the word before the
// word scored, and as the word after it.
const (
	Own = iota
	Prev
	Next
	Groups
)

// GroupSums returns the sums of the weights of each group's features
// (Groups × Width): features(g, f) appends group g's features to f.
func (m *Model) GroupSums(features func(group int, f []uint64) []uint64) []int32 {
	var f [batch]uint64
	var rows [batch]uint32
	var marks [Groups]int
	feats := f[:0]
	for g := range Groups {
		marks[g] = len(feats)
		feats = features(g, feats)
	}
	w := m.Width()
	out := make([]int32, Groups*w)
	found, _ := m.find(feats, rows[:], marks[:])
	for g := range Groups {
		end := found
		if g+1 < Groups {
			end = marks[g+1]
		}
		m.AddRows(rows[marks[g]:end], out[g*w:(g+1)*w])
	}
	return out
}

// ScoreWord writes into scores (zeroed) the scores of word i of a sentence
// whose words' kept sums (GroupSums) are sums, with its other features feats
// (at most MaxFind): its own sums, the Prev sums of the word before it, the
// Next sums of the word after it, and feats. edges hold the kept sums of the
// places before and after the sentence.
func (m *Model) ScoreWord(feats []uint64, sums [][]int32, edges [2][]int32, i int, scores []float32) {
	w := m.Width()
	var sum [256]int32
	acc := sum[:w]
	copy(acc, sums[i][Own*w:(Own+1)*w])
	prev, next := edges[0], edges[1]
	if i > 0 {
		prev = sums[i-1]
	}
	if i+1 < len(sums) {
		next = sums[i+1]
	}
	for c, v := range prev[Prev*w : (Prev+1)*w] {
		acc[c] += v
	}
	for c, v := range next[Next*w : (Next+1)*w] {
		acc[c] += v
	}
	var rows [batch]uint32
	found, _ := m.find(feats, rows[:], nil)
	m.AddRows(rows[:found], acc)
	clear(scores)
	m.Finish(acc, scores)
}
