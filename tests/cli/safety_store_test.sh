#!/usr/bin/env bash
# The store's safety (issue 15, items 3, 6, 8 and 14), on the real rabta binary:
# a database that cannot be opened is refused, never rebuilt over (only an
# empty file or a damaged rabta store is); a corpus that vanished does not
# empty the store; readers never fail while a build writes; old run snapshots
# are pruned and `diff` says so. For each case: the exit code and the message
# the README documents, no crash, and the stored graph still whole. Prints one
# line per case; exits non-zero if any case failed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
shared=${RABTA_SHARED_DIR:-}
same_file() {  # FILE COPY WHAT: FILE must still be byte for byte COPY
  cmp -s "$1" "$2" || fail "$3: the file was changed"
}
articles() { sqlite3 "$1" 'SELECT count(*) FROM articles' 2>&1; }

## 3. "Cannot open" never means "rebuild over it".
sqlite3 "$tmp/app.db" "PRAGMA application_id = 1145393987; CREATE TABLE users (id, name);
  INSERT INTO users VALUES (1, 'someone else''s data')"
cp "$tmp/app.db" "$tmp/app.copy"
case_ "another application's database (build)" 3 "another application's SQLite database (application_id 0x44455343" none -- "$rabta" build "$tmp/seeds" --db "$tmp/app.db" -q
case_ "another application's database (build --full)" 3 "a build will not replace it" none -- "$rabta" build "$tmp/seeds" --db "$tmp/app.db" --full -q
case_ "another application's database (query)" 3 "not a rabta database" none -- "$rabta" stats --db "$tmp/app.db"
same_file "$tmp/app.db" "$tmp/app.copy" "another application's database"
# no application_id, but a table called meta, as many applications have
sqlite3 "$tmp/meta.db" "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('version', '7')"
cp "$tmp/meta.db" "$tmp/meta.copy"
case_ "a SQLite database without rabta's tables (build --full)" 3 "without rabta's tables" none -- "$rabta" build "$tmp/seeds" --db "$tmp/meta.db" --full -q
same_file "$tmp/meta.db" "$tmp/meta.copy" "a SQLite database without rabta's tables"
cp "$db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" 'PRAGMA user_version = 9'
cp "$tmp/newer.db" "$tmp/newer.copy"
case_ "a store of a newer schema (build)" 3 "schema version 9 is newer than this rabta understands" none -- "$rabta" build "$tmp/seeds" --db "$tmp/newer.db" -q
case_ "a store of a newer schema (build --full)" 3 "schema version 9 is newer than this rabta understands" none -- "$rabta" build "$tmp/seeds" --db "$tmp/newer.db" --full -q
case_ "a store of a newer schema (merge)" 3 "schema version 9 is newer" none -- "$rabta" merge /dev/null --db "$tmp/newer.db" -q
case_ "a store of a newer schema (query)" 3 "schema version 9 is newer" none -- "$rabta" show Pakistan --db "$tmp/newer.db"
same_file "$tmp/newer.db" "$tmp/newer.copy" "a store of a newer schema"
head -c 6000 /dev/urandom >"$tmp/random.db"
cp "$tmp/random.db" "$tmp/random.copy"
case_ "random bytes as --db (build --full)" 3 "not a SQLite database; a build will not replace it" none -- "$rabta" build "$tmp/seeds" --db "$tmp/random.db" --full -q
same_file "$tmp/random.db" "$tmp/random.copy" "random bytes as --db"
printf 'my notes\n' >"$tmp/notes.db"
case_ "a text file as --db (build --full)" 3 "not a SQLite database; a build will not replace it" none -- "$rabta" build "$tmp/seeds" --db "$tmp/notes.db" --full -q
grep -q "my notes" "$tmp/notes.db" || fail "a text file as --db: replaced"

# Another process holds SQLite's write lock longer than the busy timeout: the
# build waits, then exits 4; that writer's commit is kept. sqlite3 holds the
# lock while its .shell sleeps.
hold_lock() {  # DB SECONDS: a writer outside rabta, committing a row at the end
  sqlite3 "$1" "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('outside_writer', 'committed');" \
    ".shell sleep $2" "COMMIT;" >/dev/null 2>&1 &
  for _ in $(seq 50); do  # until the lock is taken: then taking it fails at once
    sqlite3 "$1" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || break
    sleep 0.1
  done
}
cp "$db" "$tmp/locked.db"
hold_lock "$tmp/locked.db" 7
locker=$!
case_ "a store another process holds locked (build)" 4 "locked" none -- "$rabta" build "$tmp/seeds" --db "$tmp/locked.db" -q
case_ "a store another process holds locked (a query still reads)" 0 "articles: 6" none -- "$rabta" stats --db "$tmp/locked.db"
wait "$locker"
[ "$(sqlite3 "$tmp/locked.db" "SELECT value FROM meta WHERE key = 'outside_writer'")" = committed ] ||
  fail "a store another process holds locked: the other writer's commit was lost"
[ "$(articles "$tmp/locked.db")" = 6 ] || fail "a store another process holds locked: articles lost"
cp "$db" "$tmp/locked2.db"
hold_lock "$tmp/locked2.db" 7
locker=$!
case_ "a store another process holds locked (build --full)" 4 "locked" none -- "$rabta" build "$tmp/seeds" --db "$tmp/locked2.db" --full -q
wait "$locker"
[ "$(sqlite3 "$tmp/locked2.db" "SELECT value FROM meta WHERE key = 'outside_writer'")" = committed ] ||
  fail "a store another process holds locked (--full): the other writer's commit was lost"

# What may be rebuilt, and the run report says so.
: >"$tmp/empty.db"
case_ "an empty database file is built" 0 "full: the database file was empty" none -- "$rabta" build "$tmp/seeds" --db "$tmp/empty.db" --report "$tmp/empty.json"
grep -q '"full_reason": "the database file was empty"' "$tmp/empty.json" || fail "an empty database file: the report does not say why"
[ "$(articles "$tmp/empty.db")" = 6 ] || fail "an empty database file: not built"
cp "$db" "$tmp/damaged.db"
truncate -s 16384 "$tmp/damaged.db"
cp "$tmp/damaged.db" "$tmp/damaged.copy"
case_ "a damaged store (query)" 3 "damaged rabta database" none -- "$rabta" stats --db "$tmp/damaged.db"
case_ "a damaged store is rebuilt and kept" 0 "failed its integrity check" none -- "$rabta" build "$tmp/seeds" --db "$tmp/damaged.db" --report "$tmp/damaged.json"
python3 - "$tmp/damaged.json" <<'PY' || fail "a damaged store: the report does not say so"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["mode"] == "full" and "integrity check" in r["full_reason"], r["full_reason"]
assert r["damaged_kept_as"] and ".damaged-" in r["damaged_kept_as"], r
PY
kept=$(ls "$tmp"/damaged.db.damaged-* 2>/dev/null | head -1)
[ -n "$kept" ] && cmp -s "$kept" "$tmp/damaged.copy" || fail "a damaged store: the damaged file was not kept"
[ "$(sqlite3 "$tmp/damaged.db" 'PRAGMA integrity_check')" = ok ] && [ "$(articles "$tmp/damaged.db")" = 6 ] ||
  fail "a damaged store: not rebuilt whole"
# damaged, but not ours: refused
cp "$tmp/app.copy" "$tmp/app-damaged.db"
printf 'garbage' | dd of="$tmp/app-damaged.db" bs=1 seek=4096 conv=notrunc 2>/dev/null
truncate -s 5000 "$tmp/app-damaged.db"
cp "$tmp/app-damaged.db" "$tmp/app-damaged.copy"
case_ "another application's damaged database (build)" 3 "another application's" none -- "$rabta" build "$tmp/seeds" --db "$tmp/app-damaged.db" -q
same_file "$tmp/app-damaged.db" "$tmp/app-damaged.copy" "another application's damaged database"

## 6. An empty or vanished corpus does not empty the store.
mkdir -p "$tmp/unmounted"
case_ "an empty corpus directory (an unmounted share)" 1 "would remove 6 of the 6 stored articles (100%, more than --max-removed 20%)" graph -- "$rabta" build "$tmp/unmounted" --db "$db" -q
case_ "an empty corpus directory (build --full)" 1 "Nothing was changed" graph -- "$rabta" build "$tmp/unmounted" --db "$db" --full -q
mkdir -p "$tmp/elsewhere" "$tmp/linked"
cp "$tmp"/seeds/*.txt "$tmp/elsewhere/"
ln -s "$tmp/elsewhere" "$tmp/linked/seeds"
case_ "a corpus whose directory is a symbolic link" 0 "0 removed, 6 unchanged" graph -- "$rabta" build "$tmp/linked" --db "$db"
ln -s "$tmp/linked" "$tmp/elsewhere/loop"
case_ "a symbolic link loop in the corpus" 1 "symbolic link loop" graph -- timeout 60 "$rabta" build "$tmp/linked" --db "$db" -q
rm "$tmp/elsewhere/loop"
ln -s "$tmp/nowhere" "$tmp/linked/gone.jsonl"
case_ "a broken symbolic link in the corpus" 1 "gone.jsonl: broken symbolic link" graph -- "$rabta" build "$tmp/linked" --db "$db" -q
rm "$tmp/linked/gone.jsonl"
mkdir -p "$tmp/part"
cp "$tmp"/seeds/00[0-2]*.txt "$tmp/part/"
case_ "a corpus that lost half of its articles" 1 "would remove 3 of the 6 stored articles (50%" graph -- "$rabta" build "$tmp/part" --db "$db" -q
cp "$db" "$tmp/wipe.db"
case_ "removing them when told to (--max-removed 100)" 0 "6 removed" none -- "$rabta" build "$tmp/unmounted" --db "$tmp/wipe.db" --max-removed 100
[ "$(articles "$tmp/wipe.db")" = 0 ] || fail "--max-removed 100: the articles were not removed"
case_ "--max-removed out of range" 2 "max-removed" graph -- "$rabta" build "$tmp/seeds" --db "$db" --max-removed 101

## 14. History with a bound: --keep-runs prunes old snapshots; diff says so.
hdb="$tmp/history.db"
for i in 1 2 3 4; do
  printf '{"id": "h%s", "title": "ت", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔ %s"}\n' "$i" "$i" >"$tmp/seeds/h$i.jsonl"
  "$rabta" build "$tmp/seeds" --db "$hdb" -q --keep-runs 2 || fail "--keep-runs: build $i failed"
done
[ "$(sqlite3 "$hdb" 'SELECT count(*) FROM runs')" = 4 ] || fail "--keep-runs: run summaries were removed"
[ "$(sqlite3 "$hdb" 'SELECT group_concat(DISTINCT run_id) FROM run_entities')" = "3,4" ] ||
  fail "--keep-runs 2: snapshots of runs $(sqlite3 "$hdb" 'SELECT group_concat(DISTINCT run_id) FROM run_entities') kept"
case_ "diff --since a kept run" 0 "changes from run 3 to run 4" none -- "$rabta" diff --db "$hdb" --since 3
case_ "diff --since a pruned run" 1 "the graph of run 1 was pruned" none -- "$rabta" diff --db "$hdb" --since 1
case_ "--keep-runs in a full build carries the pruning" 0 "" none -- "$rabta" build "$tmp/seeds" --db "$hdb" -q --full --keep-runs 2
case_ "diff --since a run pruned before a full build" 1 "the graph of run 2 was pruned" none -- "$rabta" diff --db "$hdb" --since 2
rm -f "$tmp"/seeds/h*.jsonl
ndir="$tmp/nightly"
for i in 1 2; do
  RABTA="$rabta" "$src/tools/nightly" --out "$ndir" --keep-runs 1 "$tmp/seeds" >/dev/null 2>&1 ||
    fail "nightly --keep-runs 1: night $i failed"
done
[ "$(sqlite3 "$ndir/rabta.db" 'SELECT count(DISTINCT run_id) FROM run_ties')" = 1 ] ||
  fail "nightly --keep-runs 1 kept more than one snapshot"
grep -q 'keep_runs=60' "$src/tools/nightly" || fail "nightly: the default --keep-runs is not 60"
echo "ok    --keep-runs: 4 runs kept, snapshots of the newest 2; nightly prunes too"

## 8. Readers never fail while a build writes, and see the old graph or the new.
# ~2000 JSON Lines articles (the shared corpus when it is there), then a build
# that changes every one of them, and one that reads everything again, while
# export, show and stats run in a loop.
big="$tmp/big"
mkdir -p "$big"
python3 - "$shared" "$src" "$big/a.jsonl" <<'PY'
import glob, json, os, sys
shared, src, out = sys.argv[1:4]
lines = []
path = os.path.join(shared, "corpus/ha405-Urdu-News-Classification-with-ML/articles.jsonl")
if shared and os.path.exists(path):
    lines = [json.loads(l) for l in open(path, encoding="utf-8")][:2000]
else:  # the seed pages again and again under new ids
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(src + "/seeds/articles/*.txt"))]
    lines = [{"id": f"big-{i}", "title": f"کاپی {i}", "text": texts[i % len(texts)] + f" {i}"} for i in range(2000)]
with open(out, "w", encoding="utf-8") as f:
    for a in lines:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
bdb="$tmp/big.db"
"$rabta" build "$big" --db "$bdb" -q -j 2 || fail "readers: the first build failed"
queries() {  # one round of queries, each output's hash on one line
  local q
  for q in "export --format json" "show پاکستان --json" "stats"; do
    if ! "$rabta" $q --db "$bdb" >"$tmp/q.out" 2>"$tmp/q.err"; then
      echo "FAILED $q: $(head -c 200 "$tmp/q.err")"
      continue
    fi
    echo "$q $(md5sum <"$tmp/q.out" | cut -c1-32)"
  done
}
queries >"$tmp/old.hashes"
readers_during() {  # NAME BUILD-ARGS...: queries in a loop while the build runs
  local name=$1
  shift
  : >"$tmp/seen.hashes"
  "$rabta" build "$big" --db "$bdb" -q -j 2 "$@" &
  local builder=$! rounds=0
  while kill -0 "$builder" 2>/dev/null; do
    queries >>"$tmp/seen.hashes"
    rounds=$((rounds + 1))
  done
  wait "$builder" || fail "$name: the build failed"
  queries >"$tmp/new.hashes"
  local failed mixed
  failed=$(grep -c '^FAILED' "$tmp/seen.hashes")
  mixed=$(grep -v '^FAILED' "$tmp/seen.hashes" | grep -vxF -f "$tmp/old.hashes" | grep -cvxF -f "$tmp/new.hashes")
  if [ "$failed" -eq 0 ] && [ "$mixed" -eq 0 ] && ! grep -q FAILED "$tmp/new.hashes"; then
    echo "ok    $name: $rounds rounds of export, show, stats during the build: each saw the old graph or the new"
  else
    fail "$name: $failed queries failed, $mixed saw neither graph: $(grep -m1 FAILED "$tmp/seen.hashes")"
  fi
  [ "$(sqlite3 "$bdb" 'PRAGMA integrity_check')" = ok ] || fail "$name: integrity_check failed"
  cp "$tmp/new.hashes" "$tmp/old.hashes"
}
python3 - "$big/a.jsonl" <<'PY'
import json, sys
p = sys.argv[1]
rows = [json.loads(l) for l in open(p, encoding="utf-8")]
with open(p, "w", encoding="utf-8") as f:
    for a in rows:  # every article changed, and one more tie in each
        a["text"] += "\nوزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
readers_during "readers during an incremental build that changes every article"
[ "$(sqlite3 "$bdb" 'SELECT changed FROM runs ORDER BY id DESC LIMIT 1')" -ge 1900 ] ||
  fail "readers: the incremental build did not change every article"
[ ! -s "$bdb-wal" ] || fail "readers: the -wal was not emptied at the end of the build ($(stat -c %s "$bdb-wal") bytes)"
python3 - "$big/a.jsonl" <<'PY'
import json, sys
p = sys.argv[1]
rows = [json.loads(l) for l in open(p, encoding="utf-8")]
with open(p, "w", encoding="utf-8") as f:
    for a in rows:
        a["text"] += " دوبارہ"
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
readers_during "readers during a full build" --full
[ "$(sqlite3 "$bdb" 'PRAGMA journal_mode')" = wal ] || fail "readers: the store is not in WAL mode"
ls "$tmp" | grep -q 'big.db.building-' && fail "readers: the full build left its file"

echo "store safety: $failures failed"
[ "$failures" -eq 0 ]
