# canon's everyday targets. `make kb` and `make test` are the two the
# README starts with; CI runs `make test` through .ci/run.

GO      ?= go
BIN     ?= bin/canon
CORPUS  ?= testdata/corpus
OUT     ?= out

.PHONY: all build kb test vet fmt bench bench-micro clean golden browser-check

all: build

# CGO_ENABLED=0: canon needs no cgo (only pflag's import of net links it),
# and a static binary starts a few ms sooner (docs/performance.md).
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/canon

# Build the knowledge base from the bundled corpus into $(OUT)/.
kb: build
	./$(BIN) build -o $(OUT) $(CORPUS)

# What CI runs: formatting, vet, and every test under the race detector.
test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -timeout 30m ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# End-to-end benchmarks as a table: lint, fix and build on 1 and 10 MB of
# generated corpus (BENCH_LARGE=1 adds 100 MB), and lint of each corpus
# file with process start-up; each row is the best of BENCH_COUNT runs.
BENCH_COUNT ?= 3
bench: SHELL := /bin/bash
bench:
	set -o pipefail; CANON_BENCH_LARGE=$(BENCH_LARGE) $(GO) test -run '^$$' -bench 'CLI|Startup' \
		-count $(BENCH_COUNT) -timeout 2h ./cmd/canon | $(GO) run ./scripts/benchtable

# The packages' own micro-benchmarks (segmenter, mojibake, rules, dedupe).
bench-micro:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(OUT)

# Rewrite the committed build of the corpus (testdata/golden/kb) after a
# change that alters the knowledge base; review the diff before committing.
golden:
	$(GO) test ./cmd/canon -run TestGoldenKB -update

# Check the --html site in headless Chromium (installed with apt if
# missing); kept out of `make test`, which must not need a browser.
browser-check:
	scripts/browser-check.sh
