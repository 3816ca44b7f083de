# egov-exporter: `make run` and `make test` do all the set-up on a fresh Debian machine.
SWIFT      ?= swift
DB         ?= data/egov.sqlite
UNIT       ?= 05587
PERIOD     ?= 2024-Q1
BIN        := .build/debug/egov-exporter
SYSTEM_PKGS := libsqlite3-dev sqlite3 zlib1g-dev

.PHONY: all deps build run test bench clean

all: build

deps:
	@scripts/ensure-packages.sh $(SYSTEM_PKGS)

build: deps
	$(SWIFT) build

$(DB): | build
	@mkdir -p $(dir $(DB))
	$(BIN) demo $(DB) --scale small

## Builds, creates the demo database if it is missing, prints xã Bình Yên's 2024-Q1 report.
run: build $(DB)
	$(BIN) report --db $(DB) --unit $(UNIT) --period $(PERIOD)

## What CI runs: every test target (XCTest and Swift Testing).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/cli-test.sh $(BIN)

## Province-scale benchmark against the sqlite3 CLI (a benchmark, not a test).
bench:
	@scripts/ensure-packages.sh $(SYSTEM_PKGS) time bc
	scripts/bench.sh

clean:
	rm -rf .build .build-* data
