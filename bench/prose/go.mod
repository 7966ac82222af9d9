module github.com/sitrep/sitrep/bench/prose

go 1.26.8

require (
	github.com/jdkato/prose/v2 v2.0.0
	github.com/sitrep/sitrep v0.0.0
)

require (
	github.com/deckarep/golang-set v1.7.1 // indirect
	github.com/klauspost/compress v1.20.0 // indirect
	github.com/mingrammer/commonregex v1.0.1 // indirect
	golang.org/x/sys v0.50.0 // indirect
	gonum.org/v1/gonum v0.7.0 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)

replace github.com/sitrep/sitrep => ../..
