package parser

// SetShortcuts turns off (and on) ending a searched path where it rejoins the
// greedy one or can no longer win.
func SetShortcuts(on bool) { shortcuts = on }
