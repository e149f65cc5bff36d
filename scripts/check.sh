#!/usr/bin/env bash
# Sets up .venv (if needed) with the test and lint tools, then runs every check:
# ruff (lint + format), mypy strict on the code and on benchmarks/, scripts/ and tests/, and the
# whole pytest suite.
# Extra arguments go to pytest, e.g. `scripts/check.sh -k matching -x`.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"

echo "== ruff"
.venv/bin/ruff check bot handlers storage tests benchmarks scripts
.venv/bin/ruff format --check bot handlers storage tests benchmarks scripts
echo "== mypy (strict)"
.venv/bin/mypy
# The benchmarks and scripts import each other as benchmarks.X and scripts.X from the
# repository's root; what they import from bot/ and tests/ is read, not checked again.
.venv/bin/mypy --explicit-package-bases --follow-imports=silent benchmarks scripts
.venv/bin/mypy --explicit-package-bases --follow-imports=silent tests
echo "== pytest"
# pytest exits 5 when it collected no test: that is a failure here, like any non-zero exit.
.venv/bin/python -m pytest "$@"
