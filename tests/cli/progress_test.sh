# The progress line of build, extract and merge (issue 18 item 5): drawn on
# standard error when it is a terminal (here a pseudo-terminal from
# util-linux `script`), redrawn in place with \r; nothing on a pipe or in a
# log unless --progress; nothing with --quiet; standard output the same bytes
# either way.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
src=${RABTA_SOURCE_DIR:?set by meson test}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
ok() { echo "ok    $*"; }
command -v script >/dev/null || { echo "skip: no script (util-linux)"; exit 77; }

cp -r "$src/seeds/articles" "$tmp/seeds"
# on a terminal: `script` gives the command a pseudo-terminal and copies
# what it shows to $2; standard output goes to a file, standard error stays
on_tty() {  # OUT_FILE SCREEN_FILE COMMAND...
  local out=$1 screen=$2
  shift 2
  local cmd
  printf -v cmd '%q ' "$@"
  script -qec "$cmd >$(printf %q "$out")" /dev/null >"$screen" </dev/null
}
redrawn() { grep -q $'\r' "$1" && grep -qa "articles read" "$1"; }

# build: the line on a terminal, redrawn with \r, ending with the total
"$rabta" build "$tmp/seeds" --db "$tmp/g.db" -q || { echo "setup: build failed"; exit 1; }
on_tty "$tmp/tty.out" "$tmp/tty.screen" "$rabta" build "$tmp/seeds" --db "$tmp/g.db" --full
code=$?
[ $code = 0 ] && redrawn "$tmp/tty.screen" && grep -qa "rabta: 5 articles read in .* s (.* articles/s)" "$tmp/tty.screen" &&
  ok "build on a terminal: progress line, then '5 articles read in … s'" ||
  fail "build on a terminal (exit $code): $(tr '\r' '|' <"$tmp/tty.screen" | head -c 400)"
grep -qa "% of 0.0 MB\|% of [0-9.]* MB" "$tmp/tty.screen" && ok "build: the share of the corpus's bytes read" ||
  fail "no share of the input: $(tr '\r' '|' <"$tmp/tty.screen" | head -c 300)"
"$rabta" build "$tmp/seeds" --db "$tmp/g.db" --full >"$tmp/pipe.out" 2>"$tmp/pipe.err"
[ -s "$tmp/pipe.out" ] && cmp -s "$tmp/tty.out" "$tmp/pipe.out" && ok "build: standard output the same bytes on a terminal" ||
  fail "build stdout differs: $(diff "$tmp/tty.out" "$tmp/pipe.out" | head -5)"
[ ! -s "$tmp/pipe.err" ] && ok "build: nothing on standard error when it is a pipe" ||
  fail "build wrote to a piped stderr: $(head -c 300 "$tmp/pipe.err")"
"$rabta" build "$tmp/seeds" --db "$tmp/g.db" --progress >/dev/null 2>"$tmp/forced.err"
redrawn "$tmp/forced.err" && grep -qa "articles read in" "$tmp/forced.err" && ok "build --progress: the line on a pipe too" ||
  fail "--progress: $(head -c 300 "$tmp/forced.err")"
on_tty "$tmp/q.out" "$tmp/q.screen" "$rabta" build "$tmp/seeds" --db "$tmp/g.db" --quiet
! grep -qa "articles read" "$tmp/q.screen" && ok "build --quiet: no progress line on a terminal" ||
  fail "--quiet on a terminal: $(tr '\r' '|' <"$tmp/q.screen" | head -c 300)"
"$rabta" build "$tmp/seeds" --db "$tmp/g.db" --quiet --progress >/dev/null 2>&1
code=$?
[ $code = 2 ] && ok "--quiet with --progress: usage error (exit 2)" || fail "--quiet --progress: exit $code"

# extract: the same facts on a terminal and on a pipe, the line only on the terminal
printf '%s\n' \
  '{"id": "j1", "text": "شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔"}' \
  '{"id": "j2", "text": "پاکستان اور چین کے درمیان مفاہمت کی یادداشت پر دستخط کیے گئے۔"}' >"$tmp/a.jsonl"
on_tty "$tmp/facts.tty" "$tmp/x.screen" "$rabta" extract -j 1 "$tmp/a.jsonl"
"$rabta" extract -j 1 "$tmp/a.jsonl" >"$tmp/facts.pipe" 2>"$tmp/x.err"
redrawn "$tmp/x.screen" && ok "extract on a terminal: progress line" ||
  fail "extract on a terminal: $(tr '\r' '|' <"$tmp/x.screen" | head -c 300)"
[ -s "$tmp/facts.pipe" ] && cmp -s "$tmp/facts.tty" "$tmp/facts.pipe" && [ ! -s "$tmp/x.err" ] &&
  ok "extract: the same facts either way, nothing on a piped stderr" || fail "extract facts or stderr differ"
"$rabta" extract -j 1 --progress <"$tmp/a.jsonl" 2>"$tmp/x2.err" >/dev/null
grep -qa "rabta: 2 articles read in" "$tmp/x2.err" && ok "extract --progress from standard input: 2 articles read" ||
  fail "extract --progress: $(tr '\r' '|' <"$tmp/x2.err" | head -c 300)"

# merge: the progress of reading the facts
on_tty "$tmp/m.out" "$tmp/m.screen" "$rabta" merge "$tmp/facts.pipe" --db "$tmp/m.db"
code=$?
[ $code = 0 ] && redrawn "$tmp/m.screen" && grep -qa "rabta build" "$tmp/m.out" && ! grep -qa "articles read" "$tmp/m.out" &&
  ok "merge on a terminal: the line on standard error, the summary alone on standard output" ||
  fail "merge on a terminal (exit $code): $(tr '\r' '|' <"$tmp/m.screen" | head -c 300)"

echo "$failures failures"
[ $failures = 0 ]
