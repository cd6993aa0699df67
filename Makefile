# numc - the human entry point. Two commands get a newcomer going:
#   make run    install what is missing, build, run the demo workload
#   make test   build and run every test (C and Python)
# Other targets: make asan (C tests under ASan+UBSan), make bench, make clean,
# make conformance ARRAY_API_TESTS_DIR=... (the Array API test suite).
#
# System packages come from Debian (apt-get, installed when missing); Python
# packages go into .venv at the repository root.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
MESON := $(VENV)/bin/meson
BUILD := build
ASAN_BUILD := build-asan
APT_PKGS := build-essential pkg-config python3-dev python3-venv \
            libopenblas-dev liblapacke-dev libsleef-dev libcmocka-dev \
            librandom123-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# meson-python (pip install -e .) looks for meson and ninja on PATH
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: all run test test-c test-python asan bench deps sysdeps venv build \
        python clean conformance

all: build

# --- dependencies ------------------------------------------------------------
sysdeps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get install -y --no-install-recommends $$missing || \
	  { $(SUDO) apt-get update && \
	    $(SUDO) apt-get install -y --no-install-recommends $$missing; }; \
	fi

$(VENV)/.stamp: requirements-dev.txt | sysdeps
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.stamp
deps: sysdeps venv

# --- C library ---------------------------------------------------------------
$(BUILD)/build.ninja: | deps
	$(MESON) setup $(BUILD) --buildtype=release -Dwerror=true

build: $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

test-c: build
	$(MESON) test -C $(BUILD) --print-errorlogs

$(ASAN_BUILD)/build.ninja: | deps
	$(MESON) setup $(ASAN_BUILD) --buildtype=debug -Dwerror=true \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dsimd=true

asan: $(ASAN_BUILD)/build.ninja
	$(MESON) compile -C $(ASAN_BUILD)
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ASAN_OPTIONS=detect_leaks=1 \
	  $(MESON) test -C $(ASAN_BUILD) --print-errorlogs

# --- Python package ------------------------------------------------------------
python: deps
	$(VPY) -m pip install --quiet --no-build-isolation -e .

test-python: python
	$(VPY) -m pytest -q tests/python

test: test-c test-python

run: build python
	$(VPY) examples/demo.py

$(VENV)/.bench-stamp: requirements-bench.txt | venv
	$(VPY) -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: build python $(VENV)/.bench-stamp
	$(VPY) bench/run.py

# --- Array API conformance (data-apis/array-api-tests) --------------------------
# Runs a local checkout of the suite against numc; clones nothing (it runs in
# that directory, so test ids match docs/array-api-xfails.txt). Example:
#   make conformance ARRAY_API_TESTS_DIR=/path/to/array-api-tests
# See docs/array_api_conformance.md for the expected counts.
ARRAY_API_TESTS_DIR ?=
ARRAY_API_MAX_EXAMPLES ?= 100
conformance:
	@if [ -z "$(ARRAY_API_TESTS_DIR)" ] || \
	    [ ! -d "$(ARRAY_API_TESTS_DIR)/array_api_tests" ]; then \
	  echo "conformance: skipped (set ARRAY_API_TESTS_DIR to a checkout of" \
	       "https://github.com/data-apis/array-api-tests)"; \
	else \
	  $(MAKE) --no-print-directory python && \
	  $(VPY) -m pip install --quiet -r $(ARRAY_API_TESTS_DIR)/requirements.txt && \
	  cd $(ARRAY_API_TESTS_DIR) && \
	  ARRAY_API_TESTS_MODULE=numc ARRAY_API_TESTS_VERSION=2025.12 \
	  $(CURDIR)/$(VPY) -m pytest array_api_tests -q -rfE \
	    -p no:cacheprovider --max-examples=$(ARRAY_API_MAX_EXAMPLES) \
	    --disable-extension fft \
	    --xfails-file $(CURDIR)/docs/array-api-xfails.txt; \
	fi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-* .pytest_cache .hypothesis
	find . -name __pycache__ -prune -exec rm -rf {} +
