#!/usr/bin/env bash
# Runs tests/scale/dask_test.py with the first python3 that can import
# distributed: the one on PATH, else Debian's own, where python3-distributed
# installs (a python3 on PATH from pyenv or a venv does not see Debian's
# packages). When neither can, the test itself prints why and skips (77).
set -uo pipefail
here=$(dirname "$0")
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null && "$py" -c 'import distributed' 2>/dev/null; then
    exec "$py" "$here/dask_test.py"
  fi
done
exec python3 "$here/dask_test.py"
