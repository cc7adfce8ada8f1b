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
# --keep 0 would remove the night just published: refused before anything runs
listing=$(ls -a "$out")
code=0
"$src/tools/nightly" --out "$out" --keep 0 "$src/seeds/articles" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "--keep 0: exit $code, expected 2"
grep -q "give the number of dated folders to keep, 1 or more" "$tmp/err" || fail "--keep 0: $(cat "$tmp/err")"
[ "$(ls -a "$out")" = "$listing" ] || fail "--keep 0 changed $out"
[ -e "$out/latest/ties.graphml" ] || fail "--keep 0 removed the latest export"
code=0
"$src/tools/nightly" --out "$out" --keep x "$src/seeds/articles" >/dev/null 2>&1 || code=$?
[ "$code" = 2 ] || fail "--keep x: exit $code, expected 2"

# a store or a corpus inside what nightly replaces or removes, or a corpus
# holding the output folder: refused (by device and inode, any spelling)
day=$(readlink "$out/latest")
cp "$out/rabta.db" "$out/$day/kept.db"
code=0
"$src/tools/nightly" --out "$out" --db "$out/latest/../latest/kept.db" "$src/seeds/articles" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "--db in a dated folder: exit $code, expected 2"
grep -q "which nightly replaces or removes" "$tmp/err" || fail "--db in a dated folder: $(cat "$tmp/err")"
[ -s "$out/$day/kept.db" ] || fail "the store in a dated folder was removed"
mkdir -p "$out/2001-01-03"
cp "$src"/seeds/articles/*.txt "$out/2001-01-03/"
code=0
"$src/tools/nightly" --out "$out" --keep 1 "$out/2001-01-03" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "a corpus in a dated folder: exit $code, expected 2"
[ "$(ls "$out/2001-01-03" | wc -l)" -ge 5 ] || fail "a corpus in a dated folder was removed"
mkdir -p "$tmp/corpus"
cp "$src"/seeds/articles/*.txt "$tmp/corpus/"
ln -s "$tmp/corpus" "$tmp/corpus-link"
code=0
"$src/tools/nightly" --out "$tmp/corpus-link/nightly" "$tmp/corpus" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "a corpus holding the output folder: exit $code, expected 2"
grep -q "holds the output folder" "$tmp/err" || fail "a corpus holding --out: $(cat "$tmp/err")"

# a night whose corpus reuses an id for another story: both stories stored,
# exit 0, the warning in the report and counted on the last line
mkdir -p "$tmp/reused"
cp "$src"/seeds/articles/*.txt "$tmp/reused/"
{
  echo '{"id": "r1", "title": "ایک", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}'
  echo '{"id": "r1", "title": "دو", "text": "پاکستان اور چین کے درمیان تعاون۔"}'
} >"$tmp/reused/reused.jsonl"
code=0
"$src/tools/nightly" --out "$tmp/night2" "$tmp/reused" >"$tmp/said" 2>"$tmp/err" || code=$?
[ "$code" = 0 ] || fail "a reused id alone: exit $code, expected 0 ($(cat "$tmp/err"))"
grep -q "build exit 0; 0 errors, 1 warnings in" "$tmp/said" || fail "last line: $(cat "$tmp/said")"
python3 - "$tmp/night2/latest/report.json" <<'PY' || fail "the report of a night with a reused id"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "ok" and r["errors"] == [], r
assert len(r["warnings"]) == 1 and "article id 'r1' was already used for a different story" in r["warnings"][0], r["warnings"]
assert r["articles"]["renamed"] == 1 and r["articles"]["skipped"] == 0, r["articles"]
PY
echo "nightly: ok"
