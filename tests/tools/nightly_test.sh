#!/usr/bin/env bash
# tools/nightly: a night builds, exports into a dated folder and moves `latest`;
# a failed night leaves `latest` where it was and exits non-zero.
set -euo pipefail
src=${RABTA_SOURCE_DIR:?}
export RABTA=${RABTA_BINARY:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/nightly"
fail() { echo "FAIL: $*"; exit 1; }

"$src/tools/nightly" --out "$out" --keep 2 "$src/seeds/articles" >/dev/null || fail "first night"
[ -L "$out/latest" ] || fail "no latest link"
day=$(readlink "$out/latest")
for f in ties.graphml ties.gexf ties.json csv/nodes.csv csv/edges.csv report.json; do
  [ -s "$out/latest/$f" ] || fail "missing $f"
done
grep -q '"status": "ok"' "$out/latest/report.json" || fail "report status"

# a second night the same day replaces the folder; the diff is empty
"$src/tools/nightly" --out "$out" --keep 2 "$src/seeds/articles" >/dev/null || fail "second night"
grep -q "entities added (0)" "$out/latest/diff.txt" || fail "diff of an unchanged night"
day=$(readlink "$out/latest")  # again: the second night may have begun a new day

# a failed night: latest and yesterday's files stay
before=$(cat "$out/latest/ties.graphml" | md5sum)
if RABTA=/bin/false "$src/tools/nightly" --out "$out" "$src/seeds/articles" 2>/dev/null; then
  fail "a failed build must fail the night"
fi
[ "$(readlink "$out/latest")" = "$day" ] || fail "latest moved after a failure"
[ "$(cat "$out/latest/ties.graphml" | md5sum)" = "$before" ] || fail "latest changed after a failure"

# old folders beyond --keep go
mkdir -p "$out/2001-01-01" "$out/2001-01-02"
"$src/tools/nightly" --out "$out" --keep 2 "$src/seeds/articles" >/dev/null || fail "third night"
[ ! -e "$out/2001-01-01" ] || fail "--keep 2 kept the oldest folder"
[ -e "$out/2001-01-02" ] || fail "--keep 2 removed a folder it should keep"
echo "nightly: ok"
