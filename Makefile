# The two set-up commands of the README (and `make bench`). Everything else lives in CMake.
SHELL := /bin/bash
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)
PORTAL_ADDR ?= 127.0.0.1:8080

.PHONY: run test bench deps build
deps:
	@src/tools/install-deps.sh

build: deps
	cmake --preset native >/dev/null && cmake --build --preset native -j $(JOBS)
	cmake --preset wasm >/dev/null && cmake --build --preset wasm -j $(JOBS)

# Starts the portal on the embedded defaults: SQLite under var/, mail to var/outbox/, demo data.
run: build
	exec build/native/src/server/portal-server --listen $(PORTAL_ADDR) --web-root build/wasm/web

# Every suite: native engine + server + browser tests, then the WASM engine tests under node.
test: build
	ctest --preset native -j 2
	ctest --preset wasm -j 2

bench: build
	build/native/tests/bench/portal-bench
	node build/wasm/tests/bench/portal-bench.js
