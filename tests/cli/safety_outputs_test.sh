#!/usr/bin/env bash
# Outputs that cannot destroy inputs (issue 15, items 1, 2, 9, 12, 13): the real
# rabta binary writing over its own database, lexicon, rules or corpus (by
# every spelling: symbolic and hard links, `..`, a redirected stdout), onto
# devices, FIFOs, symbolic links, directories and sockets, into a full disk
# and a closed pipe, through planted lock and temporary files, and killed by
# SIGTERM/SIGINT. For each case: the exit code and the message, no crash, and
# the graph already stored still whole. One line per case; exits non-zero if any failed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
cd "$tmp" || exit 1  # a stray file named - lands here, not in the build tree
# Cases that name a device under /dev run as nobody when the test runs as
# root: a rabta that renamed over /dev/null (as the old one did) must not be
# able to replace the machine's /dev/null. nobody runs a copy of the binary.
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}
mkdir -p "$tmp/bin" "$tmp/nobody"
cp "$rabta" "$tmp/bin/rabta"
cp "$db" "$tmp/nobody/g.db"
chmod -R a+rwX "$tmp/bin" "$tmp/nobody" "$tmp/seeds"
urabta="$tmp/bin/rabta"
udb="$tmp/nobody/g.db"
as_user "$urabta" --version >/dev/null || { echo "setup: cannot run rabta as another user"; exit 1; }
is_graphml() { head -c 200 "$1" | grep -q '<graphml'; }
# A PID that no process has: one that just ended.
dead_pid() { sh -c 'echo $$'; }

# ---- 1. an output that is an input (compared by device and inode) -----------
refused="that the command reads; refusing to write over it"
case_ "export -o the database" 2 "-o $db: this is the database" bytes -- "$rabta" export --db "$db" -o "$db"
ln -s "$db" "$tmp/alias.db"
case_ "export -o a symbolic link to the database" 2 "$refused" bytes -- "$rabta" export --db "$db" -o "$tmp/alias.db"
ln "$db" "$tmp/hard.db"
case_ "export -o a hard link to the database" 2 "$refused" bytes -- "$rabta" export --db "$db" -o "$tmp/hard.db"
case_ "export -o the database by ../" 2 "$refused" bytes -- "$rabta" export --db "$db" -o "$tmp/seeds/../g.db"
case_ "export --db by a link, -o the real file" 2 "$refused" bytes -- "$rabta" export --db "$tmp/alias.db" -o "$db"
case_ "export -o the database's lock file" 2 "a file of the database" bytes -- "$rabta" export --db "$db" -o "$db.lock"
case_ "export -o the database's journal (absent)" 2 "a file of the database" bytes -- "$rabta" export --db "$db" -o "$db-journal"
[ -e "$db-journal" ] && fail "a refused export created the journal"
mkdir -p "$tmp/csv-trap"
ln -s "$db" "$tmp/csv-trap/edges.csv"
case_ "export --format csv into a folder whose edges.csv is the database" 2 "$refused" bytes -- "$rabta" export --db "$db" --format csv -o "$tmp/csv-trap"
[ -e "$tmp/csv-trap/nodes.csv" ] && fail "a refused csv export wrote nodes.csv"
case_ "build --report the database" 2 "--report $db: this is the database" bytes -- "$rabta" build "$tmp/seeds" --db "$db" --report "$db" -q
case_ "build --report a link to the database" 2 "$refused" bytes -- "$rabta" build "$tmp/seeds" --db "$db" --report "$tmp/alias.db" -q
page=$(ls "$tmp/seeds"/*.txt | head -1)
cp "$page" "$tmp/page.copy"
case_ "build --report a corpus file" 2 "this is a corpus file" bytes -- "$rabta" build "$tmp/seeds" --db "$db" --report "$page" -q
cmp -s "$page" "$tmp/page.copy" || fail "the corpus file changed"
mkdir -p "$tmp/lexicon" "$tmp/rules"
cp "$src"/seeds/lexicon/*.json "$tmp/lexicon/"
cp "$src"/seeds/rules/*.json "$tmp/rules/"
cp "$tmp/lexicon/persons.json" "$tmp/persons.copy"
case_ "build --report a lexicon file" 2 "this is a lexicon file" bytes -- "$rabta" build "$tmp/seeds" --db "$db" --lexicon "$tmp/lexicon" --report "$tmp/lexicon/persons.json" -q
cmp -s "$tmp/lexicon/persons.json" "$tmp/persons.copy" || fail "the lexicon file changed"
case_ "build --report a rules file (by a hard link)" 2 "this is a rules file" bytes -- bash -c "ln '$tmp/rules/relations.json' '$tmp/rules.link' && exec '$rabta' build '$tmp/seeds' --db '$db' --rules '$tmp/rules' --report '$tmp/rules.link' -q"
: >"$tmp/seeds/empty.jsonl"
case_ "build --db an (empty) corpus file" 2 "--db $tmp/seeds/empty.jsonl: this is a corpus file" bytes -- "$rabta" build "$tmp/seeds" --db "$tmp/seeds/empty.jsonl" -q
[ -s "$tmp/seeds/empty.jsonl" ] && fail "the corpus file was written"
rm -f "$tmp/seeds/empty.jsonl"
"$rabta" extract <"$src/tests/fuzz/seeds/jsonl/$(ls "$src/tests/fuzz/seeds/jsonl" | head -1)" >"$tmp/facts.jsonl" 2>/dev/null
case_ "merge --report the facts file" 2 "this is a facts file" bytes -- "$rabta" merge "$tmp/facts.jsonl" --db "$db" --report "$tmp/facts.jsonl" -q
case_ "export >> the database (standard output)" 2 "standard output is the database" bytes -- bash -c "exec '$rabta' export --db '$db' >>'$db'"
case_ "show >> the database" 2 "standard output is the database" bytes -- bash -c "exec '$rabta' show PK --db '$db' >>'$db'"
case_ "build >> the database" 2 "standard output is the database" bytes -- bash -c "exec '$rabta' build '$tmp/seeds' --db '$db' >>'$db'"
printf '{"id": "x1", "title": "x", "text": "پاکستان اور چین کے درمیان تعاون۔"}\n' >"$tmp/x.jsonl"
cp "$tmp/x.jsonl" "$tmp/x.copy"
case_ "extract FILE >> FILE" 2 "standard output is an input file" none -- bash -c "exec '$rabta' extract '$tmp/x.jsonl' >>'$tmp/x.jsonl'"
cmp -s "$tmp/x.jsonl" "$tmp/x.copy" || fail "extract wrote into its own input"

# ---- 2. never a rename over what is not a regular file -----------------------
case_ "export -o /dev/null streams" 0 "→ /dev/null" none -- as_user "$urabta" export --db "$udb" -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
case_ "build --report /dev/null streams" 0 "" none -- as_user "$urabta" build "$tmp/seeds" --db "$udb" --report /dev/null -q
[ -c /dev/null ] || fail "/dev/null is no longer a device"
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
case_ "export -o a FIFO streams into it" 0 "" graph -- timeout 30 "$rabta" export --db "$db" -o "$tmp/fifo"
wait $reader
[ -p "$tmp/fifo" ] || fail "the FIFO was replaced"
cmp -s "$tmp/from-fifo" "$tmp/before.graphml" || fail "the FIFO's reader did not get the whole graph"
echo old >"$tmp/real.graphml"
ln -s real.graphml "$tmp/link.graphml"
case_ "export -o a symbolic link replaces its target" 0 "" graph -- "$rabta" export --db "$db" -o "$tmp/link.graphml"
[ -L "$tmp/link.graphml" ] || fail "the link was replaced by a file"
cmp -s "$tmp/real.graphml" "$tmp/before.graphml" || fail "the link's target does not hold the export"
ln -s "new/dangling.graphml" "$tmp/dangling.graphml"
case_ "export -o a dangling symbolic link creates its target" 0 "" graph -- "$rabta" export --db "$db" -o "$tmp/dangling.graphml"
[ -L "$tmp/dangling.graphml" ] && is_graphml "$tmp/new/dangling.graphml" || fail "the dangling link's target was not written"
mkdir -p "$tmp/adir"
case_ "export -o a directory" 3 "adir: is a directory, not a file" graph -- "$rabta" export --db "$db" -o "$tmp/adir"
grep -q Success "$tmp/err" && fail "the message still ends in «Success»"
python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$tmp/sock"
case_ "export -o a socket" 3 "sock: is a socket, not a file" graph -- "$rabta" export --db "$db" -o "$tmp/sock"
[ -S "$tmp/sock" ] || fail "the socket was replaced"
case_ "export -o - is standard output" 0 "" graph -- "$rabta" export --db "$db" -o -
cmp -s "$tmp/out" "$tmp/before.graphml" || fail "export -o - did not write the graph to standard output"
[ -e ./- ] && fail "export -o - created a file named -"
case_ "build --db /dev/null" 3 "/dev/null: is a character device, not a database file" none -- as_user "$urabta" build "$tmp/seeds" --db /dev/null -q
[ -c /dev/null ] || fail "/dev/null is no longer a device"
case_ "build --db a FIFO" 3 "fifo: is a FIFO, not a database file" none -- timeout 30 "$rabta" build "$tmp/seeds" --db "$tmp/fifo" -q
[ -p "$tmp/fifo" ] || fail "the FIFO was replaced"
mkdir -p "$tmp/linked"
cp "$db" "$tmp/linked/real.db"
ln -s real.db "$tmp/linked/link.db"
runs_before=$(sqlite3 "$tmp/linked/real.db" 'SELECT count(*) FROM runs')
case_ "build --full over a symbolic link to the database" 0 "" none -- "$rabta" build "$tmp/seeds" --db "$tmp/linked/link.db" --full -q
[ -L "$tmp/linked/link.db" ] || fail "--full replaced the link by a file"
[ "$(sqlite3 "$tmp/linked/real.db" 'SELECT count(*) FROM runs')" = $((runs_before + 1)) ] ||
  fail "--full did not replace the real database"
[ "$(ls "$tmp/linked" | grep -c building)" = 0 ] || fail "--full left its temporary file"

# ---- 9. every write to standard output is checked ----------------------------
full="cannot write to standard output: No space left on device"
"$rabta" build "$tmp/seeds" --db "$db" -q  # a second run, for diff to compare with
case_ "export --format json > /dev/full" 3 "$full" graph -- bash -c "exec '$rabta' export --db '$db' --format json >/dev/full"
case_ "export (graphml) > /dev/full" 3 "$full" graph -- bash -c "exec '$rabta' export --db '$db' >/dev/full"
case_ "export -o /dev/full" 3 "/dev/full: cannot write: No space left on device" none -- as_user "$urabta" export --db "$udb" -o /dev/full
[ -c /dev/full ] || fail "/dev/full is no longer a device"
for q in "show PK" "ties PK" "entities" "top" "diff" "stats" "review" "show PK --json" "diff --json"; do
  # shellcheck disable=SC2086
  case_ "$q > /dev/full" 3 "$full" graph -- bash -c "exec '$rabta' $q --db '$db' >/dev/full"
done
case_ "build (summary) > /dev/full" 3 "$full" graph -- bash -c "exec '$rabta' build '$tmp/seeds' --db '$db' >/dev/full"
case_ "build --report - > /dev/full" 3 "$full" graph -- bash -c "exec '$rabta' build '$tmp/seeds' --db '$db' -q --report - >/dev/full"
case_ "extract > /dev/full" 3 "$full" none -- bash -c "exec '$rabta' extract '$tmp/x.jsonl' >/dev/full"
# A reader that went away: the conventional end (SIGPIPE, status 141), quietly.
for q in "export --format json --db $db" "export --db $db" "entities --db $db" "extract $tmp/x.jsonl"; do
  # shellcheck disable=SC2086
  { "$rabta" $q 2>"$tmp/err"; echo $? >"$tmp/code"; } | (exec <&-)
  : >"$tmp/out"
  check_ "${q%% --db*} | a reader that closed" "$(cat "$tmp/code")" 141 "" graph
  [ -s "$tmp/err" ] && fail "$q | a reader that closed: said «$(head -c 200 "$tmp/err")»"
done

# ---- 12. planted lock and temporary files ------------------------------------
echo precious >"$tmp/victim"
cp "$tmp/victim" "$tmp/victim.copy"
mv "$db.lock" "$tmp/lock.saved"
ln -s "$tmp/victim" "$db.lock"
case_ "DB.lock is a symbolic link" 3 "the lock file is a symbolic link; refusing" bytes -- "$rabta" build "$tmp/seeds" --db "$db" -q
cmp -s "$tmp/victim" "$tmp/victim.copy" || fail "the lock's link target was written"
rm -f "$db.lock"
ln "$tmp/victim" "$db.lock"
case_ "DB.lock is a hard link to another file" 0 "" graph -- "$rabta" build "$tmp/seeds" --db "$db" -q
cmp -s "$tmp/victim" "$tmp/victim.copy" || fail "the lock's hard-linked file was truncated"
rm -f "$db.lock"
mv "$tmp/lock.saved" "$db.lock"
# (planted and removed around the command: a reader would take it for a journal)
case_ "DB-journal is a symbolic link" 3 "g.db-journal: is not a regular file" bytes -- bash -c "ln -s '$tmp/victim' '$db-journal'; '$rabta' build '$tmp/seeds' --db '$db' -q; c=\$?; rm -f '$db-journal'; exit \$c"
cmp -s "$tmp/victim" "$tmp/victim.copy" || fail "the journal's link target was written"
# OUT.tmp-PID planted before the command starts (exec keeps the PID).
case_ "OUT.tmp-PID planted as a symbolic link (export)" 0 "" graph -- bash -c "ln -s '$tmp/victim' '$tmp/planted.graphml.tmp-'\$\$ && exec '$rabta' export --db '$db' -o '$tmp/planted.graphml'"
cmp -s "$tmp/victim" "$tmp/victim.copy" || fail "the export wrote through a planted temporary link"
cmp -s "$tmp/planted.graphml" "$tmp/before.graphml" || fail "the export behind a planted link is wrong"
case_ "OUT.tmp-PID planted as a symbolic link (report)" 0 "" graph -- bash -c "ln -s '$tmp/victim' '$tmp/planted.json.tmp-'\$\$ && exec '$rabta' build '$tmp/seeds' --db '$db' -q --report '$tmp/planted.json'"
cmp -s "$tmp/victim" "$tmp/victim.copy" || fail "the report wrote through a planted temporary link"
grep -q '"status"' "$tmp/planted.json" || fail "no report behind a planted link"
rm -f "$tmp"/planted.*.tmp-*  # the planted links themselves
ls "$tmp" | grep -q '\.tmp-' && fail "temporary files left: $(ls "$tmp" | grep '\.tmp-')"

# ---- 13. leftovers and small lies --------------------------------------------
# A full build killed while it reads standard input (a FIFO held open by us).
for sig in TERM INT; do
  rm -f "$tmp/feed"
  mkfifo "$tmp/feed"
  snap
  env --default-signal=INT "$rabta" build - --db "$db" --full -q <"$tmp/feed" >"$tmp/out" 2>"$tmp/err" &
  builder=$!
  exec 8>"$tmp/feed"
  head -1 "$src/tests/fuzz/seeds/jsonl/$(ls "$src/tests/fuzz/seeds/jsonl" | head -1)" >&8
  for _ in $(seq 100); do ls "$tmp" | grep -q 'g.db.building-' && break; sleep 0.05; done
  ls "$tmp" | grep -q 'g.db.building-' || fail "SIG$sig: the full build never began its new store"
  kill -"$sig" $builder
  wait $builder
  code=$?
  exec 8>&-
  want=$((128 + $(kill -l "$sig")))
  check_ "SIG$sig during a full build" "$code" "$want" "" bytes
  ls "$tmp" | grep -q 'g.db.building-' && fail "SIG$sig left $(ls "$tmp" | grep 'g.db.building-')"
done
# An export killed while it writes its temporary file: a graph large enough
# that writing it takes a while.
python3 - "$tmp/big.jsonl" <<'PY'
import json, sys
texts = ['وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔', 'پاکستان اور چین کے درمیان تعاون کا معاہدہ ہوا۔']
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for i in range(1500):
        f.write(json.dumps({'id': f'big{i}', 'title': 'خبر', 'date': f'2024-{1 + i % 12:02d}-{1 + i % 28:02d}',
                            'text': (texts[i % 2] + f' {i} ') * 4}, ensure_ascii=False) + '\n')
PY
"$rabta" build "$tmp/big.jsonl" --db "$tmp/big.db" -q 2>/dev/null
caught=0
for _ in 1 2 3 4 5; do
  "$rabta" export --db "$tmp/big.db" --format json -o "$tmp/big.json" 2>"$tmp/err" &
  exporter=$!
  for _ in $(seq 2000); do
    ls "$tmp" | grep -q 'big.json.tmp-' && break
    kill -0 $exporter 2>/dev/null || break
  done
  kill -TERM $exporter 2>/dev/null
  wait $exporter
  code=$?
  [ "$code" = 143 ] && { caught=1; break; }
done
if [ $caught = 1 ]; then
  check_ "SIGTERM during an export" "$code" 143 "" graph
  ls "$tmp" | grep -q 'big.json.tmp-' && fail "SIGTERM left $(ls "$tmp" | grep 'big.json.tmp-')"
else
  echo "skip  SIGTERM during an export: the export always finished first"
fi
# What a SIGKILL leaves is removed by the next run of the same output.
pid=$(dead_pid)
echo partial >"$tmp/stale.graphml.tmp-$pid"
echo partial >"$tmp/stale.graphml.tmp-$pid-0123456789ab"
echo mine >"$tmp/stale.graphml.tmp-notapid"
case_ "stale OUT.tmp-PID of a dead process" 0 "" graph -- "$rabta" export --db "$db" -o "$tmp/stale.graphml"
ls "$tmp" | grep -q "stale.graphml.tmp-$pid" && fail "the stale temporaries are still there"
[ -e "$tmp/stale.graphml.tmp-notapid" ] || fail "a file that is no temporary of rabta was removed"
echo partial >"$tmp/g.db.building-$pid"
case_ "stale DB.building-PID of a dead process" 0 "" graph -- "$rabta" build "$tmp/seeds" --db "$db" -q
[ -e "$tmp/g.db.building-$pid" ] && fail "the stale DB.building-PID is still there"
# --wait: inf and 1e30 wait (they overflowed and did not); nonsense is refused.
for w in inf 1e30; do
  exec 9>"$db.lock"
  flock -n 9
  (sleep 1.5; exec 9>&-) &
  exec 9>&-
  case_ "--wait $w waits for the lock" 0 "" graph -- "$rabta" build "$tmp/seeds" --db "$db" -q --wait "$w"
  wait
done
case_ "--wait nan" 2 "--wait nan: give the seconds to wait" bytes -- "$rabta" build "$tmp/seeds" --db "$db" -q --wait nan
case_ "--wait -1" 2 "give the seconds to wait, 0 or more" bytes -- "$rabta" build "$tmp/seeds" --db "$db" -q --wait -1

echo "safety (outputs): $failures failed"
[ "$failures" -eq 0 ]
