# 政务服务移动门户 — see README.md. Every target works on a fresh clone.
SHELL := /bin/bash
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

## fuzz: run every fuzz target for FUZZTIME each (issue 13: ≥ 60 s, outside CI's time); seeds run in make test
FUZZTIME ?= 60s
.PHONY: fuzz
fuzz:
	@for t in 'FuzzSearch ./models/search' 'FuzzMask ./models/fuzz' 'FuzzSignatureHeaders ./models/fuzz' 'FuzzFormPosts ./handlers/fuzz' 'FuzzPageQueries ./handlers/fuzz'; do \
		set -- $$t; echo "== $$1"; $(GO) test -run '^$$' -fuzz "^$$1\$$" -fuzztime $(FUZZTIME) $$2 || exit 1; done
