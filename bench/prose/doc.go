// Package prose compares sitrep's language core with jdkato/prose v2, the only other
// offline Go option, on the same text in the same run: throughput on mixed news
// text and entity F1 on Universal NER's EWT test split. It is a module of its own so
// that prose never enters the product.
//
//	cd bench/prose && go test -run "^$" -bench . -benchtime 3x -cpu 1 -timeout 30m
//
// Scoring prose on the 2,077 test sentences takes several minutes: prose loads its
// model for every document.
package prose
