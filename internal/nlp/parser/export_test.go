package parser

// SetRejoin turns off (and on) ending a searched path where it rejoins the
// greedy one.
func SetRejoin(on bool) { rejoin = on }
