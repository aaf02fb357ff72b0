# polycloud.ops: developer and CI entry points. `make help` lists them; `make test` is what CI runs.
#
# Everything that runs ansible-test, ansible-doc or pytest runs against a staged copy of the
# collection in .build/ansible_collections/polycloud/ops (ansible-test needs that path, and a
# symlink does not do: research C.4.1), with ANSIBLE_COLLECTIONS_PATH=.build. The helpers in
# tools/ do one job each; their headers say how.
#
# Integration targets (tests/integration/targets/<name>/aliases) hold `context/controller` and
# `gather_facts/no`, and never `cloud/*`, `unsupported`, `disabled`, `unstable` or `destructive`:
# ansible-test then runs them here on the controller, against the emulator on 127.0.0.1, with no
# cloud plugin. tests/integration/README.md says why.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT      := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
VENV      := $(ROOT)/.venv
VENV216   := $(ROOT)/.venv-core216
BUILD     := $(ROOT)/.build
STAGED    := $(BUILD)/ansible_collections/polycloud/ops
CACHE     := $(ROOT)/.cache
TEST_HOME := $(CACHE)/home
WHEELS    := $(CACHE)/pip-bootstrap
TOOLS     := $(ROOT)/tools

# ansible-test sanity options. --venv: ansible-test's own venvs (bootstrapped offline by
# tools/ansible_test_pip_shim.py); no --python: the compile and import tests run on every
# target Python found (3.9+ per tests/config.yml), the rest on the controller's 3.12.
SANITY_ARGS ?= --venv
# Integration targets to run (default: all). Example: make integration TARGETS=emulator_smoke
TARGETS ?=

.PHONY: help venv stage pip-shims sanity sanity-core221 sanity-core216 units emulator-tests \
        integration test demo bench bench-smoke clean distclean lint docs docs-check package-tests reliability

help:
	@echo "make venv            .venv (py3.12, ansible-core 2.21, requests, jsonschema, tests/requirements.txt)"
	@echo "                     and .venv-core216 (py3.12, ansible-core 2.16, for sanity); fast when up to date"
	@echo "make stage           copy the collection to .build/ansible_collections/polycloud/ops"
	@echo "make sanity          ansible-test sanity under core 2.21 and core 2.16 (sanity-core221, sanity-core216)"
	@echo "make units           pytest tests/unit in the staged copy"
	@echo "make emulator-tests  pytest tests/emulator_sdk in the staged copy (the official SDKs against the emulator)"
	@echo "make integration     ansible-test integration against the emulator (TARGETS=... for some)"
	@echo "make reliability     pytest tests/reliability: fault matrix, fuzzed input, secret scan, TLS, clock skew,"
	@echo "                     20 concurrent writers, the emulator as a server (a few minutes; prints summary tables)"
	@echo "make lint            ansible-lint, production profile (roles, demo, AWX playbook, role targets)"
	@echo "make docs            regenerate docs/modules/ (antsibull-docs, from the modules' and roles' own docs)"
	@echo "                     and docs/troubleshooting.md (from the error catalogs)"
	@echo "make docs-check      fail when those are stale; antsibull-docs lint-collection-docs"
	@echo "make package-tests   pytest tests/packaging: EXAMPLES, ad-hoc, galaxy artifact, ansible-builder, AWX runner job"
	@echo "make test            all of the above in order, stopping at the first failure (CI: .ci/run)"
	@echo "make demo            the demo playbook against the emulator: --check --diff, then twice for real"
	@echo "make bench           benchmarks against the emulator (under 10 min): prints one table, writes docs/performance.md"
	@echo "make bench-smoke     the benchmarks' API call counts only, asserted (part of make test)"
	@echo "make clean           remove .build and tests/output; make distclean also removes venvs and .cache"

venv:
	@$(TOOLS)/make_venv $(VENV) $(ROOT)/requirements.txt $(TOOLS)/requirements-core221.txt $(ROOT)/tests/requirements.txt
	@$(TOOLS)/make_venv $(VENV216) $(TOOLS)/requirements-core216.txt

stage:
	@$(TOOLS)/stage $(ROOT) $(STAGED)

# get_pip shims in .cache/home/.ansible/test/cache, serving pip wheels from .cache/pip-bootstrap
# (research C.2): ansible-test's own download of get-pip.py cannot work offline.
pip-shims: venv
	@$(VENV)/bin/python $(TOOLS)/ansible_test_pip_shim.py $(WHEELS) $(TEST_HOME)
	@$(VENV216)/bin/python $(TOOLS)/ansible_test_pip_shim.py $(WHEELS) $(TEST_HOME)

sanity: sanity-core221 sanity-core216

sanity-core221: venv stage pip-shims
	$(TOOLS)/run_ansible_test $(VENV) sanity $(SANITY_ARGS)

sanity-core216: venv stage pip-shims
	$(TOOLS)/run_ansible_test $(VENV216) sanity $(SANITY_ARGS)

units: venv stage
	$(TOOLS)/run_pytest $(VENV) tests/unit

emulator-tests: venv stage
	$(TOOLS)/run_pytest $(VENV) tests/emulator_sdk

integration: venv stage
	$(TOOLS)/with_emulator $(STAGED) $(VENV)/bin/python $(TOOLS)/run_integration $(VENV) $(TARGETS)

# The suite starts its own emulators (in process and as subprocesses) and runs modules through
# ansible / ansible-playbook subprocesses; -rfEs lists what failed or was skipped, and why.
reliability: venv stage
	$(TOOLS)/run_pytest $(VENV) tests/reliability -rfEs

test:
	@$(TOOLS)/timed "venv" $(MAKE) --no-print-directory venv
	@$(TOOLS)/timed "stage" $(MAKE) --no-print-directory stage
	@$(TOOLS)/timed "sanity, ansible-core 2.21" $(MAKE) --no-print-directory sanity-core221
	@$(TOOLS)/timed "sanity, ansible-core 2.16" $(MAKE) --no-print-directory sanity-core216
	@$(TOOLS)/timed "units" $(MAKE) --no-print-directory units
	@$(TOOLS)/timed "emulator-tests" $(MAKE) --no-print-directory emulator-tests
	@$(TOOLS)/timed "integration" $(MAKE) --no-print-directory integration
	@$(TOOLS)/timed "reliability" $(MAKE) --no-print-directory reliability
	@$(TOOLS)/timed "lint" $(MAKE) --no-print-directory lint
	@$(TOOLS)/timed "docs-check" $(MAKE) --no-print-directory docs-check
	@$(TOOLS)/timed "package-tests" $(MAKE) --no-print-directory package-tests
	@$(TOOLS)/timed "bench-smoke" $(MAKE) --no-print-directory bench-smoke
	@echo "make test: every stage passed"

lint: venv
	$(TOOLS)/run_lint $(VENV)

docs: venv
	$(TOOLS)/gen_docs $(VENV)

docs-check: venv
	$(TOOLS)/gen_docs $(VENV) --check

package-tests: venv
	$(TOOLS)/run_package_tests $(VENV)

demo: venv stage
	$(TOOLS)/with_emulator $(STAGED) $(VENV)/bin/python $(TOOLS)/run_demo $(VENV) $(STAGED)

bench: venv
	$(TOOLS)/run_bench $(VENV) --output $(ROOT)/docs/performance.md

bench-smoke: venv
	$(TOOLS)/run_bench $(VENV) --smoke

clean:
	rm -rf $(BUILD) $(ROOT)/tests/output

distclean: clean
	rm -rf $(VENV) $(VENV216) $(CACHE)
