#!/usr/bin/env bash
# Installs moto's DynamoDB server for the second-server test suites: a venv inside the repo
# (tools/local-dynamo/.venv, git-ignored) with moto[server] and every transitive dependency pinned
# by hash (requirements.txt, generated from requirements.in by pip-tools' `pip-compile
# --generate-hashes --allow-unsafe --strip-extras`). Reaches only PyPI. Safe to run again: an
# up-to-date venv is left alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup-moto: $python not found; moto suites need Python >= 3.9 with venv" >&2
  exit 1
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ -x "$venv/bin/moto_server" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "setup-moto: $venv is up to date"
  exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
# --require-hashes: every wheel is checked against the committed file; --no-deps: nothing unlisted.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$here/requirements.txt"
"$venv/bin/moto_server" --help >/dev/null
echo "$want" > "$stamp"
echo "setup-moto: moto $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))') installed in $venv"
