// Package fuzz holds go test -fuzz targets that drive the whole router
// (issue 13 item 5): form decoding of the public POST forms, and the query
// strings of the search and finder pages (search query parsing). Each has a
// committed seed corpus in testdata/fuzz/<Target>; run one for a minute with
//
//	go test -run '^$' -fuzz '^FuzzFormPosts$' -fuzztime 60s ./handlers/fuzz
//
// Plain go test runs the seeds only. The package has no non-test code.
package fuzz
