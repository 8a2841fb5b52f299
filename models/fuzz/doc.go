// Package fuzz holds go test -fuzz targets over models packages whose inputs
// come from outside (issue 13 item 5): masking of personal data and the
// signature headers of an embedded app's web-service call. Each target has a
// committed seed corpus in testdata/fuzz/<Target>; run one for a minute with
//
//	go test -run '^$' -fuzz '^FuzzMask$' -fuzztime 60s ./models/fuzz
//
// Plain go test runs the seeds only. Search query parsing is fuzzed beside
// the engine (models/search FuzzSearch) and form decoding through the whole
// router (handlers/fuzz). The package has no non-test code.
package fuzz
