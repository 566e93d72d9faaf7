# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := ffmpeg espeak-ng sox

.PHONY: setup system-deps demo test lint typecheck bench clean

system-deps:
	@missing=""; for t in ffmpeg ffprobe espeak-ng sox; do command -v $$t >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing $(APT_PACKAGES)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ required"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: system-deps $(STAMP)

demo: setup
	$(BIN)/callvault redact samples/sample-call.wav --out-dir out/demo
	@$(BIN)/python -m callvault.evaluation.summary out/demo/sample-call.json
	$(BIN)/python -m callvault.demo --dir out/demo-vault

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py --minutes 5

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
