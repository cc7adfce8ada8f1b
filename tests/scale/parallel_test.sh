#!/usr/bin/env bash
# The README's GNU parallel recipe, run for real: 2,000 corpus articles cut
# into 1 MB blocks by `parallel --pipe`, `rabta extract -j 1` on each block in
# two jobs at a time, the facts stored by `rabta merge`, and the graph compared
# byte for byte with one `rabta build` of the same articles. Then the same with
# one job killed (SIGKILL) after reading part of its block and retried by
# `parallel --retries 2`, with one facts file per job and in one stream: no
# article may be lost or stored twice.
#
# Skips (exit 77) when GNU parallel is not installed (tools/install-deps
# --scale installs it; with RABTA_SCALE_ENGINES=required, as .ci/run sets, that
# fails instead) or the shared corpus is absent.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
shared=${RABTA_SHARED_DIR:?set by meson test}

if ! command -v parallel >/dev/null || ! parallel --version 2>/dev/null | grep -q '^GNU parallel'; then
  why="GNU parallel is not on PATH (tools/install-deps --scale installs it; moreutils' parallel is another program)"
  # .ci/run installed it: there a missing engine is a failure, not a skip
  [ "${RABTA_SCALE_ENGINES:-}" = required ] && { echo "FAIL  $why, and RABTA_SCALE_ENGINES=required"; exit 1; }
  echo "SKIP: $why"
  exit 77
fi
corpus=$shared/corpus
if [ ! -d "$corpus" ]; then
  echo "SKIP: no shared corpus at $corpus"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# parallel's own state and block buffers go under $tmp too
export PARALLEL_HOME=$tmp/parallel-home TMPDIR=$tmp/tmp
mkdir -p "$TMPDIR" "$tmp/bin"
# the commands below are the README's, word for word: `rabta` is on PATH
ln -s "$(cd "$(dirname "$rabta")" && pwd)/$(basename "$rabta")" "$tmp/bin/rabta"
export PATH="$tmp/bin:$PATH"
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# 2,000 articles, every id once, so that an article stored twice shows in the
# report (as a repeated copy, or skipped as a reused id): the COUNTER corpus
# (1,200, APP style) and the first 800 of ha405 (2024 dailies); about 4.9 MB,
# 5 blocks of 1 MB.
articles=$tmp/articles.jsonl
for f in mirfan899-Urdu-COUNTER/counter.jsonl ha405-Urdu-News-Classification-with-ML/articles.jsonl; do
  [ -f "$corpus/$f" ] || { echo "FAIL  $corpus/$f is missing: the corpus changed"; exit 1; }
done
cat "$corpus/mirfan899-Urdu-COUNTER/counter.jsonl" >"$articles"
head -n 800 "$corpus/ha405-Urdu-News-Classification-with-ML/articles.jsonl" >>"$articles"
n_articles=$(wc -l <"$articles")
[ "$n_articles" = 2000 ] || { echo "FAIL  expected 2000 articles, got $n_articles"; exit 1; }

# report_counts REPORT: the article counts of a run report, and its problems
report_counts() {
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
print(" ".join(f"{k}={v}" for k, v in sorted(r["articles"].items())), "problems=%d" % len(r["problems"]))' "$1"
}

# What every run must reproduce: one build of the same articles, every one
# stored once (a copy would show as repeated_copies, a reused id as skipped).
start=$SECONDS
rabta build "$articles" --db "$tmp/build.db" -q -j 2 --report "$tmp/build.report.json" ||
  { echo "FAIL  the reference build failed"; exit 1; }
want="added=2000 changed=0 empty=0 kept=0 removed=0 renamed=0 repaired=0 repeated_copies=0 skipped=0 stored=2000 unchanged=0 problems=0"
[ "$(report_counts "$tmp/build.report.json")" = "$want" ] ||
  { echo "FAIL  the reference build reports $(report_counts "$tmp/build.report.json"), expected $want"; exit 1; }
rabta export --db "$tmp/build.db" --format graphml -o "$tmp/build.graphml" 2>/dev/null
rabta export --db "$tmp/build.db" --format json -o "$tmp/build.json" 2>/dev/null
rabta stats --db "$tmp/build.db" | grep -v '^database:' >"$tmp/build.stats"
echo "build: $(grep -E '^(articles|graph):' "$tmp/build.stats" | tr '\n' ' ')($((SECONDS - start)) s)"

# merge_and_compare NAME FACTS...: stores the facts into a new database, then
# checks the merge succeeded, its report's article counts are the build's (all
# 2,000 added once: none skipped, no repeated copies), and the GraphML export,
# the JSON export and the stats are those of the build. Prints why not and
# returns 1 otherwise.
merge_and_compare() {
  local name=$1 db=$tmp/$1.db why=""
  shift
  if ! rabta merge "$@" --db "$db" -q --report "$tmp/$name.report.json" 2>"$tmp/$name.merge.err"; then
    echo "  $name: rabta merge failed: $(head -c 300 "$tmp/$name.merge.err")"
    return 1
  fi
  local counts
  counts=$(report_counts "$tmp/$name.report.json")
  [ "$counts" = "$(report_counts "$tmp/build.report.json")" ] ||
    why="$why; the report counts $counts, the build's $(report_counts "$tmp/build.report.json")"
  rabta export --db "$db" --format graphml -o "$tmp/$name.graphml" 2>/dev/null
  rabta export --db "$db" --format json -o "$tmp/$name.json" 2>/dev/null
  rabta stats --db "$db" | grep -v '^database:' >"$tmp/$name.stats"
  cmp -s "$tmp/$name.graphml" "$tmp/build.graphml" || why="$why; GraphML differs from the build's"
  cmp -s "$tmp/$name.json" "$tmp/build.json" || why="$why; JSON export differs from the build's"
  cmp -s "$tmp/$name.stats" "$tmp/build.stats" ||
    why="$why; stats differ, first: $(diff "$tmp/build.stats" "$tmp/$name.stats" | grep -m1 '^>' | cut -c3-80)"
  if [ -n "$why" ]; then
    echo "  $name:${why#;}"
    return 1
  fi
}
# jobs LOG: how many jobs a --joblog lists
jobs_in() { tail -n +2 "$1" | wc -l; }
# shards DIR: the --results files of DIR in job order
# (each job writes DIR/N, DIR/N.err and DIR/N.seq); the README's command
# shellcheck disable=SC2010 # the names are job numbers, and this is the README's command
shards() { ls "$1" | grep -xE '[0-9]+' | sort -n | sed "s|^|$1/|"; }

# 1. The README's one-liner: one stream of facts, kept in input order (-k).
start=$SECONDS
if parallel --pipe --block 1M -j 2 -k --joblog "$tmp/stream.log" rabta extract -j 1 \
  <"$articles" >"$tmp/stream.facts.jsonl"; then
  n=$(jobs_in "$tmp/stream.log")
  if [ "$n" -lt 4 ]; then
    fail "stream: parallel ran $n jobs, expected the input cut into at least 4 blocks"
  elif merge_and_compare stream "$tmp/stream.facts.jsonl"; then
    echo "ok    stream: $n jobs, one facts stream, merged: same graph as the build ($((SECONDS - start)) s)"
  else
    fail "stream: the merged store is not the build's"
  fi
else
  fail "stream: parallel exited $?"
fi

# 2. One facts file per job (--results), merged as whole shards in job order.
start=$SECONDS
if parallel --pipe --block 1M -j 2 --joblog "$tmp/files.log" --results "$tmp/files/{#}" \
  rabta extract -j 1 <"$articles" >/dev/null; then
  mapfile -t files < <(shards "$tmp/files")
  if [ "${#files[@]}" -lt 4 ] || [ "${#files[@]}" != "$(jobs_in "$tmp/files.log")" ]; then
    fail "files: ${#files[@]} facts files for $(jobs_in "$tmp/files.log") jobs"
  elif merge_and_compare files "${files[@]}"; then
    echo "ok    files: ${#files[@]} facts files, merged: same graph as the build ($((SECONDS - start)) s)"
  else
    fail "files: the merged store is not the build's"
  fi
else
  fail "files: parallel exited $?"
fi

# 3. A job killed mid-shard. The wrapper runs the second block's first attempt
# on its first 100 articles only, lets their facts reach the job's output, and
# SIGKILLs itself; the marker makes every later attempt a plain extract.
cat >"$tmp/bin/extract-or-die" <<'EOF'
#!/usr/bin/env bash
# extract-or-die MARKER SEQ: rabta extract -j 1, except the first attempt of job 2
if [ "$2" = 2 ] && mkdir "$1" 2>/dev/null; then
  head -n 100 | rabta extract -j 1
  echo killed >"$1/attempt-1"
  kill -KILL $$
fi
exec rabta extract -j 1
EOF
chmod +x "$tmp/bin/extract-or-die"

# 3a. Without retries the killed job fails the run, and its shard's partial
# facts do not give the build's store: the comparison below can fail.
start=$SECONDS
parallel --pipe --block 1M -j 2 --joblog "$tmp/noretry.log" --results "$tmp/noretry/{#}" \
  extract-or-die "$tmp/noretry.marker" '{#}' <"$articles" >/dev/null 2>"$tmp/noretry.err"
rc=$?
mapfile -t files < <(shards "$tmp/noretry")
if [ ! -f "$tmp/noretry.marker/attempt-1" ]; then
  fail "killed, no retries: the wrapper did not kill job 2"
elif [ "$rc" -eq 0 ]; then
  fail "killed, no retries: parallel exited 0 with job 2 killed"
elif merge_and_compare noretry "${files[@]}" >"$tmp/noretry.why"; then
  fail "killed, no retries: merging the shards with the killed one's partial facts gave the build's graph"
else
  echo "ok    killed, no retries: parallel exited $rc, and the merge is not the build's:$(tr -s ' \n' ' ' <"$tmp/noretry.why") ($((SECONDS - start)) s)"
fi

# 3b. With --retries 2 the killed block is run again and its output replaces
# the partial one: the merged store is the build's.
start=$SECONDS
if parallel --pipe --block 1M -j 2 --retries 2 --joblog "$tmp/killed.log" --results "$tmp/killed/{#}" \
  extract-or-die "$tmp/killed.marker" '{#}' <"$articles" >/dev/null; then
  mapfile -t files < <(shards "$tmp/killed")
  if [ ! -f "$tmp/killed.marker/attempt-1" ]; then
    fail "killed, retried: the wrapper did not kill job 2"
  elif merge_and_compare killed "${files[@]}"; then
    echo "ok    killed, retried: job 2 killed after 100 articles and retried, ${#files[@]} facts files merged: same graph as the build ($((SECONDS - start)) s)"
  else
    fail "killed, retried: the merged store is not the build's"
  fi
else
  fail "killed, retried: parallel exited $? (the retry failed too?)"
fi

# 3c. The same kill in the README's one-stream form: parallel drops the
# output of the failed attempt and prints the retry's in its place.
start=$SECONDS
if parallel --pipe --block 1M -j 2 -k --retries 2 --joblog "$tmp/killed-stream.log" \
  extract-or-die "$tmp/killed-stream.marker" '{#}' <"$articles" >"$tmp/killed-stream.facts.jsonl"; then
  if [ ! -f "$tmp/killed-stream.marker/attempt-1" ]; then
    fail "killed, retried, one stream: the wrapper did not kill job 2"
  elif merge_and_compare killed-stream "$tmp/killed-stream.facts.jsonl"; then
    echo "ok    killed, retried, one stream: job 2 killed after 100 articles and retried, merged: same graph as the build ($((SECONDS - start)) s)"
  else
    fail "killed, retried, one stream: the merged store is not the build's"
  fi
else
  fail "killed, retried, one stream: parallel exited $? (the retry failed too?)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures case(s) failed"
  exit 1
fi
echo "all cases passed"
