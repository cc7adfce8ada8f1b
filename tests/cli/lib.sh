# Shared by the CLI safety tests (sourced, not run): a store of the seed pages
# that every case must leave whole, and case_, which runs one command and
# checks its exit code, its message and the stored graph. Sets rabta, src, tmp,
# db and failures; the script prints its own total and exits on `failures`.
rabta=${RABTA_BINARY:?set by meson test}
src=${RABTA_SOURCE_DIR:?set by meson test}
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'jobs -p | xargs -r kill 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

mkdir -p "$tmp/seeds"
cp "$src"/seeds/articles/*.txt "$tmp/seeds/"
db="$tmp/g.db"
"$rabta" build "$tmp/seeds" --db "$db" -q || { echo "setup: build failed"; exit 1; }
"$rabta" export --db "$db" -o "$tmp/before.graphml" 2>/dev/null
seeds_graph() { "$rabta" export --db "$db" 2>/dev/null; }
snap() { cp "$db" "$tmp/db.copy"; }  # the database's bytes before a command

# case_ NAME EXPECTED_EXIT 'MESSAGE SUBSTRING' graph|bytes|none -- COMMAND...
#   graph: the export is byte for byte what it was and the store passes
#   integrity_check; bytes: moreover the database file is byte for byte the one
#   before the command (a refused command changes nothing); none: no stored
#   graph involved (the case checks its own)
case_() {
  local name=$1 want=$2 message=$3 keep=$4
  shift 5
  snap
  "$@" >"$tmp/out" 2>"$tmp/err"
  check_ "$name" $? "$want" "$message" "$keep"
}
check_() {  # NAME CODE EXPECTED_EXIT MESSAGE KEEP: the checks of case_ on a finished command
  local name=$1 code=$2 want=$3 message=$4 keep=$5
  local ok=1 why=""
  if [ "$code" -ge 128 ] && [ "$want" -lt 128 ]; then ok=0; why="killed by signal $((code - 128))"; fi
  if [ "$code" -ne "$want" ]; then ok=0; why="$why exit $code, expected $want"; fi
  if [ -n "$message" ] && ! grep -qF -- "$message" "$tmp/err" "$tmp/out"; then
    ok=0
    why="$why; no «$message» in: $(head -c 300 "$tmp/err") $(head -c 200 "$tmp/out")"
  fi
  if [ "$keep" = bytes ] && ! cmp -s "$db" "$tmp/db.copy"; then
    ok=0
    why="$why; the database file changed"
  fi
  if [ "$keep" != none ]; then
    cmp -s <(seeds_graph) "$tmp/before.graphml" || { ok=0; why="$why; the stored graph changed"; }
    [ "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" = ok ] || { ok=0; why="$why; integrity_check failed"; }
  fi
  local said
  said=$(cat "$tmp/err" "$tmp/out" 2>/dev/null | grep -m1 -v '^$' | cut -c1-170)
  if [ $ok = 1 ]; then
    echo "ok    $name: exit $code: $said"
  else
    fail "$name:$why"
    # the next cases start from the graph as it was
    [ "$keep" != none ] && rm -f "$db-journal" && cp "$tmp/db.copy" "$db"
  fi
  return 0
}
