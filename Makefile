# 政务服务移动门户 — see README.md. Every target works on a fresh clone.
SHELL := /bin/bash
# Go 1.27.3 (from the Go module proxy, about 10 s the first time): Go 1.26.8's standard library has 13 advisories reachable
# from the portal (crypto/x509, net/http, net/textproto, crypto/tls, html/template; make vulncheck). The machine's own Go
# is GOTOOLCHAIN=local, so the choice is made here and in .ci/run, not by a toolchain line in go.mod.
export GOTOOLCHAIN ?= go1.27.3
GO ?= go
PKGS := ./...

.PHONY: run build test test-pg e2e generate lint bench check-generated

## run: start the portal on :8080 with the embedded SQLite database and demo data
run: generate
	$(GO) run ./cmd/portal serve

## build: compile bin/portal
build: generate
	$(GO) build -trimpath -o bin/portal ./cmd/portal

## test: every unit, integration and relevance test (PostgreSQL tests also run when TEST_DATABASE_URL is set)
test: generate
	$(GO) test -count=1 $(PKGS)
	@$(GO) test -count=1 -run '^TestRelevance$$' -v ./models/search | grep -m1 'precision@3'

## e2e: headless Chromium + axe-core over every page type (needs: npm ci, /usr/bin/chromium); failures leave screenshots in e2e-artifacts/
e2e: generate
	$(GO) vet -tags e2e ./handlers/e2e/...
	$(GO) test -count=1 -tags e2e -timeout 45m ./handlers/e2e/...

## generate: regenerate templ views and copy the browser libraries pinned in package.json into the build
generate: js-libs
	$(GO) tool templ generate -log-level error

## js-libs: copy pdf.js and the WeChat JS-SDK from node_modules (npm ci) into their git-ignored dist/ folders; third-party code is never committed. Without node_modules the PDF viewer offers downloads only.
PDFJS := node_modules/pdfjs-dist
PDFJS_DIST := views/viewer/pdfjs/dist
WXSDK_DIST := views/share/wxsdk/dist
.PHONY: js-libs
js-libs:
	@if [ -d $(PDFJS) ] && [ -d node_modules/weixin-js-sdk ]; then \
		mkdir -p $(PDFJS_DIST)/cmaps && \
		cp -u $(PDFJS)/legacy/build/pdf.min.mjs $(PDFJS)/legacy/build/pdf.worker.min.mjs $(PDFJS)/LICENSE $(PDFJS_DIST)/ && \
		cp -u $(PDFJS)/cmaps/*GB*.bcmap $(PDFJS_DIST)/cmaps/ && \
		cp -u node_modules/weixin-js-sdk/index.js $(WXSDK_DIST)/jweixin.js && \
		cp -u node_modules/weixin-js-sdk/LICENSE $(WXSDK_DIST)/LICENSE; \
	else echo "js-libs: node_modules missing (run npm ci): the build has no pdf.js reader and no WeChat JS-SDK"; fi

## check-generated: fail when committed templ output is stale
check-generated: generate
	@git diff --exit-code -- '*_templ.go' || { echo "templ output is stale: run make generate and commit"; exit 1; }

## lint: go vet, gofmt and templ fmt
lint:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@$(GO) tool templ fmt -fail . >/dev/null || { echo "templ fmt needed: run go tool templ fmt ."; exit 1; }

## bench: start bin/portal on a loopback port and print requests/s, p50/p95/p99 for / and /healthz and the home page weight (more: BENCH_FLAGS="-db postgres://… -duration 30s -conns 64")
bench: build
	$(GO) run ./cmd/loadgen -bin bin/portal -paths /healthz,/ $(BENCH_FLAGS)

## bench-search: issue 4's engine figures over 1,000,000 synthetic items (SEARCH_BENCH_DOCS overrides): index build rate and memory, then queries (every one evaluated, and through the result cache) and suggestions on 2 cores; GOMEMLIMIT as in docs/deploy.md. Over a seeded database: BENCH_DATABASE_URL=… go test ./models/catalog -run '^$$' -bench 'IndexBuildFromDatabase|SearchFromDatabase' -benchtime 1x
.PHONY: bench-search
bench-search:
	GOMEMLIMIT=1800MiB $(GO) test ./models/search -run '^$$' -bench '^BenchmarkBuild$$' -benchtime 1x -timeout 30m
	GOMEMLIMIT=1800MiB $(GO) test ./models/search -run '^$$' -bench '^Benchmark(Search|SearchCached|Suggest)$$' -benchtime 3000x -cpu 2 -timeout 30m

## fuzz: run every fuzz target for FUZZTIME each (issue 13: ≥ 60 s, outside CI's time); seeds run in make test
FUZZTIME ?= 60s
.PHONY: fuzz
fuzz:
	@for t in 'FuzzSearch ./models/search' 'FuzzMask ./models/fuzz' 'FuzzSignatureHeaders ./models/fuzz' 'FuzzFormPosts ./handlers/fuzz' 'FuzzPageQueries ./handlers/fuzz' 'FuzzOFD ./models/ofd' 'FuzzParseAXML ./models/filing' 'FuzzBlobCheck ./models/blob'; do \
		set -- $$t; echo "== $$1"; $(GO) test -run '^$$' -fuzz "^$$1\$$" -fuzztime $(FUZZTIME) $$2 || exit 1; done

## bench-pg: the issue-13 table on PostgreSQL (BENCH_DB=postgres://…, needs psql): migrate; seed the demo data, then items, cases and consultations up to BENCH_ITEMS, BENCH_CASES, BENCH_CONSULTATIONS when fewer exist; build; start the portal with cmd/loadgen and print one markdown table (BENCH_URL=http://127.0.0.1:PORT measures a portal already running instead: see go doc ./cmd/loadgen)
BENCH_DB ?=
BENCH_URL ?=
BENCH_ITEMS ?= 1000000
BENCH_CASES ?= 1000000
BENCH_CONSULTATIONS ?= 100000
BENCH_DURATION ?= 10s
BENCH_CONNS ?= 64
BENCH_SEARCH := /search?q=身份证|/search?q=shenfenzheng|/search?q=结婚|/search?q=hukou&scope=natural|/search?q=营业执照
BENCH_FINDER := /matters?type=01|/matters?audience=natural|/matters?type=07&audience=natural|/matters?theme_n=999|/matters?sort=popular
.PHONY: bench-pg
bench-pg: build
	@set -euo pipefail; test -n "$(BENCH_DB)" || { echo "bench-pg: set BENCH_DB=postgres://…"; exit 1; }; \
	export DATABASE_URL='$(BENCH_DB)'; count() { psql "$$DATABASE_URL" -Atqc "SELECT COUNT(*) FROM $$1"; }; \
	bin/portal migrate; bin/portal seed demo >/dev/null; \
	n=$$(count matter_items); if [ "$$n" -lt $(BENCH_ITEMS) ]; then bin/portal seed scale --items $$(( $(BENCH_ITEMS) - n )); fi; \
	c=$$(count cases); k=$$(count consultations); \
	if [ "$$c" -lt $(BENCH_CASES) ] || [ "$$k" -lt $(BENCH_CONSULTATIONS) ]; then \
		bin/portal seed scale --cases $$(( $(BENCH_CASES) > c ? $(BENCH_CASES) - c : 0 )) \
			--consultations $$(( $(BENCH_CONSULTATIONS) > k ? $(BENCH_CONSULTATIONS) - k : 0 )); fi; \
	echo "bench-pg: $$(count matter_items) items, $$(count cases) cases, $$(count consultations) consultations" >&2; \
	guides=$$(psql "$$DATABASE_URL" -Atqc "SELECT string_agg('/matters/' || code, '|') FROM (SELECT code FROM matter_items \
		WHERE status = 'published' AND id % GREATEST(1, (SELECT MAX(id) FROM matter_items) / 20) = 0 ORDER BY id LIMIT 20) g"); \
	where=(-db "$$DATABASE_URL" -ready-timeout 30m); if [ -n "$(BENCH_URL)" ]; then where+=(-url '$(BENCH_URL)'); fi; \
	$(GO) run ./cmd/loadgen -bin bin/portal "$${where[@]}" -markdown -duration $(BENCH_DURATION) -conns $(BENCH_CONNS) \
		-paths "home=/,guide=$$guides,finder=/matters,finder filtered=$(BENCH_FINDER),search=/search?q=身份证,search rotating=$(BENCH_SEARCH),suggestions=/api/v1/search/suggest?q=shen,user center=login:/me|/me/cases,JSSDK exchange=jssdk:,gateway signed=gateway:sm2,gateway whitelist=gateway:whitelist"

## soak: SOAK_DURATION (default 10m) of mixed load, 16 connections, on the built portal over its own scratch PostgreSQL database (needs TEST_DATABASE_URL); fails on any request error, RSS growth ≥ 10 % after a 1-minute warm-up, or a goroutine leak
SOAK_DURATION ?= 10m
.PHONY: soak
soak:
	@test -n "$$TEST_DATABASE_URL" || { echo "make soak needs TEST_DATABASE_URL=postgres://…"; exit 1; }
	SOAK_DURATION=$(SOAK_DURATION) $(GO) test -count=1 -run '^TestSoak$$' -v -timeout 3h ./cmd/portal

## gosec: static security analysis, pinned (issue 13); every finding is fixed or carries `// #nosec Gxxx -- why` on its line
GOSEC_VERSION ?= v2.30.0
.PHONY: gosec
gosec:
	$(GO) run github.com/securego/gosec/v2/cmd/gosec@$(GOSEC_VERSION) -quiet -fmt text ./...

## vulncheck: govulncheck, pinned. vuln.go.dev is not reachable from every machine, so by default (VULNDB=proxy) the
## database is the Go module proxy's copy of golang.org/x/vulndb (its data/osv; the version printed is its date);
## VULNDB=https://vuln.go.dev uses the live one
GOVULNCHECK_VERSION ?= v1.9.0
VULNDB ?= proxy
.PHONY: vulncheck
vulncheck:
	@db='$(VULNDB)'; if [ "$$db" = proxy ]; then \
		dir=$$(cd "$${TMPDIR:-/tmp}" && $(GO) mod download -json golang.org/x/vulndb@latest | sed -n 's/.*"Dir": "\([^"]*\)".*/\1/p'); \
		test -d "$$dir/data/osv" || { echo "vulncheck: golang.org/x/vulndb not served by the module proxy" >&2; exit 1; }; \
		echo "vulncheck: database golang.org/x/vulndb@$${dir##*@}"; db="file://$$dir/data/osv"; fi; \
	$(GO) run golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION) -db "$$db" ./...
