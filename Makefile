# egov-exporter: `make run` and `make test` do all the set-up on a fresh Debian machine.
SWIFT      ?= swift
DB         ?= data/egov.sqlite
UNIT       ?= 05587
PERIOD     ?= 2024-Q1
BIN        := .build/debug/egov-exporter
SYSTEM_PKGS := libsqlite3-dev sqlite3 zlib1g-dev libxlsxwriter-dev libyajl-dev
# make test: curl and python3 drive the daemon, promtool and the real Prometheus server come
# from prometheus, amtool from prometheus-alertmanager, systemd-analyze from systemd, unzip
# reads the snapshot workbooks back, prlimit (util-linux) caps the daemon's descriptors, openssl
# makes the test certificates, postgresql runs the throwaway servers of scripts/postgres-test.sh.
TEST_PKGS  := curl python3 procps util-linux openssl prometheus prometheus-alertmanager systemd unzip postgresql
# make bench: wrk loads /metrics, nginx serves the same bytes for comparison.
BENCH_PKGS := time bc curl python3 procps nginx wrk openssl postgresql

.PHONY: all deps build run release test bench fuzz appendix-pdf clean

all: build

deps:
	@scripts/ensure-packages.sh $(SYSTEM_PKGS)

# One set of build flags for everything: `swift build` and `swift build --build-tests` compile
# the modules differently (testability), and switching between them rebuilds it all.
build: deps
	$(SWIFT) build --build-tests

$(DB): | build
	@mkdir -p $(dir $(DB))
	$(BIN) demo $(DB) --scale small

LISTEN     ?= 127.0.0.1:8466

## Builds, creates the demo database if it is missing, prints xã Bình Yên's 2024-Q1 report,
## then serves the metrics of every unit until Ctrl-C.
run: build $(DB)
	$(BIN) report --db $(DB) --unit $(UNIT) --period $(PERIOD)
	@echo
	@echo "egov-exporter: serving http://$(LISTEN)/ and http://$(LISTEN)/metrics (Ctrl-C stops)"
	$(BIN) serve --db $(DB) --listen $(LISTEN)

## A release binary with the Swift runtime linked in: needs only libsqlite3-0, zlib1g and libstdc++6.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-release

## What CI runs: every test target (XCTest and Swift Testing), then the end-to-end scripts:
## the CLI, promtool and systemd-analyze, the daemon process, a real Prometheus scraping it.
test: deps
	@scripts/ensure-packages.sh $(TEST_PKGS)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/cli-test.sh $(BIN)
	scripts/import-test.sh $(BIN)
	scripts/snapshot-test.sh $(BIN)
	scripts/check-metrics.sh $(BIN)
	scripts/serve-test.sh $(BIN)
	scripts/page-screenshots.sh $(BIN)
	scripts/security-test.sh $(BIN)
	scripts/e2e-prometheus.sh $(BIN)
	scripts/monitoring-test.sh $(BIN)
	scripts/postgres-test.sh $(BIN)
	scripts/postgres-import-test.sh $(BIN)
	scripts/fuzz.sh 3

## libFuzzer (swiftc -sanitize=fuzzer) over the timestamp parser, the Accept /
## Accept-Encoding negotiation, the configuration decoder and the web-configuration decoder,
## 60 s each; a crash fails with the input saved in .build-fuzz. The decoders need the Yams
## checkout of `swift build` (resolved first when missing).
fuzz:
	scripts/fuzz.sh 60

## Province-scale benchmarks (a benchmark, not a test): report and refresh against the sqlite3
## CLI, /metrics under load against nginx serving the same bytes, peak memory; importing 1 M
## dossiers as payload files against the sqlite3 CLI's .import of the same rows; /metrics over
## TLS with basic auth against plain HTTP; the officers' pages (`/`, a unit page with 1,000 overdue
## dossiers) and /metrics beside them against /metrics alone; a refresh on PostgreSQL (the
## province demo in a throwaway server) against psql running the same statements and SQLite.
bench:
	@scripts/ensure-packages.sh $(SYSTEM_PKGS) $(BENCH_PKGS)
	scripts/bench.sh
	scripts/bench-pages.sh
	scripts/bench-import.sh
	scripts/bench-tls.sh
	scripts/bench-postgres.sh

## The snapshot workbook as LibreOffice prints it (a look, not part of `make test`): xã Bình Yên,
## huyện Định Hóa and the province for $(PERIOD), taken into a temporary state database, each
## exported as XLSX, converted to PDF and printed with pdftotext. OUT=DIR keeps the files.
APPENDIX_UNITS ?= 05587 164 19
# fonts-liberation2: Liberation Serif has Times New Roman's metrics, so the pages break as an
# office's would.
APPENDIX_PKGS  := libreoffice-calc poppler-utils fonts-liberation2
appendix-pdf: build $(DB)
	@scripts/ensure-packages.sh $(APPENDIX_PKGS)
	scripts/appendix-pdf.sh $(BIN) $(DB) $(PERIOD) $(APPENDIX_UNITS)

clean:
	rm -rf .build .build-* data
