#!/usr/bin/env bash
# Install jiyao and everything it needs into .venv (idempotent; safe to run again).
# pkuseg ships its "default" model only in its source distribution, which needs numpy and
# cython installed first and pip's --no-build-isolation to build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
VPY=.venv/bin/python
# the library versions the committed exports were built with (see the file's header)
PIN=(-c scripts/constraints.txt)
$VPY -m pip install -q --upgrade pip wheel "setuptools>=68" 2>&1 | grep -v "is ignored" || true
if ! $VPY -c "import pkuseg, os, sys; d=os.path.join(os.path.dirname(pkuseg.__file__),'models','default'); sys.exit(0 if os.path.isdir(d) else 1)" 2>/dev/null; then
  $VPY -m pip install -q "${PIN[@]}" "numpy>=1.26,<3" "cython>=3,<4" 2>&1 | grep -v "is ignored" || true
  $VPY -m pip install -q "${PIN[@]}" --no-build-isolation "pkuseg==0.0.25" 2>&1 | grep -v "is ignored" || true
fi
$VPY -m pip install -q "${PIN[@]}" -e ".[dev]" 2>&1 | grep -v "is ignored" || true
$VPY -c "import kg.nlp as n; n.pkuseg_model_dir(); import spacy, rdflib, pyshacl, networkx, pyvis, opencc" \
  || { echo "install.sh: installation incomplete" >&2; exit 1; }
