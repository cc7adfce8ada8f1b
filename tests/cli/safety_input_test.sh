#!/usr/bin/env bash
# Hostile input, round two (issue 15, items 4, 5, 7, 10, 11 and part of 13):
# deeply nested JSON, truncated facts shards, records larger than the limits,
# bytes that are not UTF-8, and cells and names made to act on a spreadsheet
# or a terminal. For each case: the exit code and the message the README
# documents, no crash (a signal fails the case), and the graph already stored
# still whole. Prints one line per case; exits non-zero if any case failed.
# Big inputs are generated here, in a temporary directory, never committed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
restore() { rm -f "$db"; "$rabta" build "$tmp/seeds" --db "$db" -q 2>/dev/null; }
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
# JSON Lines of the seed stories under new ids, in two shards, and their facts
python3 - "$src/seeds/articles" "$tmp" <<'PY'
import json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(src) if n.endswith('.txt'))
for shard, part in (('a', names[:3]), ('b', names[3:])):
    with open(os.path.join(tmp, shard + '.jsonl'), 'w', encoding='utf-8') as out:
        for n in part:
            title, _, text = open(os.path.join(src, n), encoding='utf-8').read().partition('\n')
            out.write(json.dumps({'id': 'j-' + n[:3], 'title': title, 'text': text}, ensure_ascii=False) + '\n')
PY
"$rabta" extract "$tmp/a.jsonl" >"$tmp/a.facts" 2>/dev/null || { echo "setup: extract failed"; exit 1; }
"$rabta" extract "$tmp/b.jsonl" >"$tmp/b.facts" 2>/dev/null || { echo "setup: extract failed"; exit 1; }
cp "$tmp/a.facts" "$tmp/good.facts"
retrail() {  # FILE: gives an edited facts stream the trailer rabta extract would write
  python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
lines = [l for l in open(p, 'rb').read().split(b'\n') if l and b'"rabta_facts_end"' not in l]
h = 0xcbf29ce484222325
for l in lines:
    for c in l + b'\n':
        h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
trailer = b'{"rabta_facts_end":1,"articles":%d,"fnv1a64":"%016x"}\n' % (len(lines) - 1, h)
open(p, 'wb').write(b''.join(l + b'\n' for l in lines) + trailer)
PY
}
{ head -1 "$tmp/good.facts"; printf '{"article": %s}\n' "$(deep 200000)"; tail -n +2 "$tmp/good.facts"; } >"$tmp/deep.facts"
case_ "a facts line nested 200,000 deep (merge)" 1 "deep.facts:2: invalid JSON at byte 111: nested deeper than 100" graph -- \
  "$rabta" merge "$tmp/deep.facts" --db "$db" -q
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
case_ "a rules file nested 200,000 deep" 1 "relations.json: at '/': invalid JSON at line" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --rules "$tmp/rules" -q
cp "$src"/seeds/rules/*.json "$tmp/rules/"
mkdir -p "$tmp/gold"
printf '{"articles": %s}\n' "$(deep 200000)" >"$tmp/gold/deep.json"
case_ "a gold file nested 200,000 deep" 1 "deep.json: at '/': invalid JSON at line 1, column 113: nested deeper than 100" graph -- \
  "$rabta" eval --gold "$tmp/gold" --db "$db"
printf '{"lines": %s}\n' "$(deep 200000)" >"$tmp/deep-boilerplate.json"
case_ "a boilerplate file nested 200,000 deep" 1 "deep-boilerplate.json: at '/': invalid JSON at line 1, column 110: nested deeper than 100" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --boilerplate "$tmp/deep-boilerplate.json" -q

# --- 5: a facts shard proves it is whole; a merge stores all or nothing -------
n=$(wc -l <"$tmp/a.facts")
head -n $((n - 1)) "$tmp/a.facts" >"$tmp/cut.facts"
case_ "a facts shard cut at a line boundary (trailer lost)" 1 "cut.facts:$n: the stream that began on line 1 ends without its trailer line: the shard was cut short" graph -- \
  "$rabta" merge "$tmp/cut.facts" --db "$db" -q
head -n 2 "$tmp/a.facts" >"$tmp/cut.facts"
case_ "a facts shard cut after its first article" 1 "cut.facts:3: the stream that began on line 1 ends without its trailer line" graph -- \
  "$rabta" merge "$tmp/cut.facts" --db "$db" -q
head -c $(($(stat -c %s "$tmp/a.facts") * 2 / 3)) "$tmp/a.facts" >"$tmp/cut.facts"
case_ "a facts shard cut in the middle of a line" 1 "ends without its trailer line" graph -- \
  "$rabta" merge "$tmp/cut.facts" --db "$db" -q
{ head -n $((n - 1)) "$tmp/a.facts"; cat "$tmp/b.facts"; } >"$tmp/cut.facts"
case_ "concatenated shards, the first one cut short" 1 "cut.facts:$n: a new header before the trailer of the stream that began on line 1" graph -- \
  "$rabta" merge "$tmp/cut.facts" --db "$db" -q
sed '2s/"text":"/"text":"x/' "$tmp/a.facts" >"$tmp/cut.facts"
case_ "a facts shard with an edited line" 1 "cut.facts:$n: the checksum in the trailer" graph -- \
  "$rabta" merge "$tmp/cut.facts" --db "$db" -q
cat "$tmp/a.facts" "$tmp/b.facts" >"$tmp/ab.facts"
case_ "concatenated whole shards (cat a b) merge" 0 "" none -- \
  "$rabta" merge "$tmp/ab.facts" --db "$tmp/cat.db" -q
"$rabta" merge "$tmp/a.facts" "$tmp/b.facts" --db "$tmp/two.db" -q 2>/dev/null
cmp -s <("$rabta" export --db "$tmp/cat.db") <("$rabta" export --db "$tmp/two.db") ||
  fail "merging cat a b differs from merging a and b"
[ "$(sqlite3 "$tmp/cat.db" 'SELECT count(*) FROM articles')" = 5 ] || fail "cat a b did not store 5 articles"

# --- 13: a bad facts line names the facts file and line, not the database ------
sed '2s/"relation":"[a-z_]*"/"relation":"bribed"/' "$tmp/a.facts" >"$tmp/bad.facts"
grep -q bribed "$tmp/bad.facts" || fail "setup: no relation to rename"
retrail "$tmp/bad.facts"
case_ "a facts line with a relation the rules do not define" 1 "bad.facts:2: article 'j-000': relation 'bribed' is not one the rules define" graph -- \
  "$rabta" merge "$tmp/bad.facts" --db "$db" -q
grep -qF "bad.facts:2: 1 bad line in the facts (reported above): a merge stores all of its facts or nothing" "$tmp/err" ||
  fail "the refused merge does not say that nothing was stored"
sed '2s/"mentions":\[\["[^"]*"/"mentions":[["person:ghost"/' "$tmp/a.facts" >"$tmp/bad.facts"
retrail "$tmp/bad.facts"
case_ "a facts line naming an entity nobody knows" 1 "bad.facts:2: article 'j-000': mentioned entity 'person:ghost' is neither in the lexicon nor discovered in the article" graph -- \
  "$rabta" merge "$tmp/bad.facts" --db "$db" -q
case_ "the same into a new database (no temporary file named)" 1 "bad.facts:2: article 'j-000': mentioned entity 'person:ghost'" none -- \
  "$rabta" merge "$tmp/bad.facts" --db "$tmp/new.db" -q
grep -q building "$tmp/err" && fail "the message names the temporary database"
[ -e "$tmp/new.db" ] && fail "a refused merge left a database behind"

# --- 7: memory stays bounded by the limits; running out of it is exit 3 ---------
# (--max-article-bytes 100000: records up to 6 × that + 64 KiB = 665536 bytes)
long_line() {  # MB: one JSON line of about that many megabytes of Urdu
  python3 -c "
import json, sys
t = 'پاکستان اور چین کے درمیان تعاون ' * (int(sys.argv[1]) * 1024 * 1024 // 57)
print(json.dumps({'id': 'long', 'title': 'لمبی', 'text': t}, ensure_ascii=False))" "$1"
}
long_line 20 >"$tmp/long.jsonl"
case_ "a 20 MB JSON line over the limit" 1 "long.jsonl:1: the line is 21339465 bytes, above the limit of 665536 for one record (6 × --max-article-bytes + 64 KiB); skipped without being read whole" graph -- \
  "$rabta" build "$tmp/seeds" "$tmp/long.jsonl" --db "$db" -q --max-article-bytes 100000
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f %M -o "$tmp/rss" "$rabta" extract "$tmp/long.jsonl" --max-article-bytes 100000 -j 1 >/dev/null 2>&1
  rss=$(tail -n 1 "$tmp/rss")
  [ "$rss" -lt 120000 ] || fail "reading a 20 MB line over the limit took $rss KB of memory"
fi
rm "$tmp/long.jsonl"
mkdir -p "$tmp/pages"
truncate -s 300M "$tmp/pages/huge.txt"  # sparse: costs no disk
case_ "a 300 MB page over the limit" 1 "huge.txt: the file is 314572800 bytes, above the limit of 6356992 for one page (6 × --max-article-bytes + 64 KiB); skipped unread" graph -- \
  "$rabta" build "$tmp/seeds" "$tmp/pages" --db "$db" -q
rm -r "$tmp/pages"
python3 -c "
import json
print(json.dumps({'id': 'wide', 'title': 'چوڑی', 'text': 'الف ' * 200000}, ensure_ascii=False))" >"$tmp/wide.jsonl"
"$rabta" extract "$tmp/wide.jsonl" --max-article-bytes 2000000 >"$tmp/wide.facts" 2>/dev/null
wide=$(LC_ALL=C awk 'NR == 2 { print length($0) }' "$tmp/wide.facts")
case_ "a facts line over the merge's limit" 1 "wide.facts:2: the line is $wide bytes, above the limit of 1064576 for a facts line (16 × --max-article-bytes + 1 MiB); not read" graph -- \
  "$rabta" merge "$tmp/wide.facts" --db "$db" -q --max-article-bytes 1000
# Out of memory: a line under a raised limit, in an address space too small
# for it. A build under ASan cannot run in so little: then the case is skipped.
if (ulimit -v 150000 && "$rabta" build "$tmp/seeds" --db "$tmp/probe.db" -q -j 1) >/dev/null 2>&1; then
  long_line 12 >"$tmp/long.jsonl"
  case_ "out of memory (std::bad_alloc)" 3 "rabta: out of memory: the run stopped; nothing was written, and a database it was building or updating is as it was" graph -- \
    bash -c 'ulimit -v 150000 && exec "$@"' - "$rabta" build "$tmp/seeds" "$tmp/long.jsonl" --db "$db" -q -j 1 --max-article-bytes 1000000000
  case_ "out of memory in a full build" 3 "rabta: out of memory" graph -- \
    bash -c 'ulimit -v 150000 && exec "$@"' - "$rabta" build "$tmp/seeds" "$tmp/long.jsonl" --db "$db" -q -j 1 --full --max-article-bytes 1000000000
  ls "$tmp" | grep -q building && fail "a full build out of memory left its temporary database"
  rm "$tmp/long.jsonl"
else
  echo "skip  out of memory: this build of rabta does not run in 150 MB of address space (ASan?)"
fi

# --- 10: one odd byte must not make any export ill-formed -------------------------
# Every export of DB is well-formed: UTF-8 throughout, XML that parses, JSON
# that loads, CSV that reads.
exports_well_formed() {  # DB WHAT
  local d=$1 what=$2 f
  rm -rf "$tmp/x"
  mkdir -p "$tmp/x"
  for f in graphml gexf json; do
    "$rabta" export --db "$d" --format $f -o "$tmp/x/g.$f" 2>/dev/null || fail "$what: export --format $f failed"
  done
  "$rabta" export --db "$d" --format csv -o "$tmp/x/csv" 2>/dev/null || fail "$what: export --format csv failed"
  python3 - "$tmp/x" <<'PY' || fail "$what: an export is ill-formed"
import csv, json, os, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
for name in ('g.graphml', 'g.gexf', 'g.json', 'csv/nodes.csv', 'csv/edges.csv'):
    text = open(os.path.join(d, name), 'rb').read().decode('utf-8')  # strict
    if name.endswith('.json'):
        json.loads(text)
    elif name.endswith('.csv'):
        list(csv.reader(text.splitlines()))
    else:
        ET.fromstring(text.encode('utf-8'))
PY
}
odd=$(printf 'caf\xe9-\xff')
mkdir -p "$tmp/odd"
cp "$tmp"/seeds/*.txt "$tmp/odd/"
cp "$tmp/seeds/000_e3da61d015d2337c.txt" "$tmp/odd/$odd.txt"
case_ "a page whose file name is not UTF-8" 1 "odd/caf%E9-%FF.txt: the file name is not valid UTF-8: its other bytes are written %XX here, and the article id is 'caf%E9-%FF'" none -- \
  "$rabta" build "$tmp/odd" --db "$db" -q
[ "$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE id = 'caf%E9-%FF'")" = 1 ] || fail "the page with the odd name was not stored as caf%E9-%FF"
exports_well_formed "$db" "a file name that is not UTF-8"
restore
printf '{"id": "s\\udc80", "title": "عنوان", "source": "\\udfff", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}\n' >"$tmp/odd/lone.jsonl"
case_ "a JSON line whose escapes are lone surrogates" 1 "lone.jsonl:1: a \\u escape is not valid Unicode (a lone surrogate): 6 bytes replaced by U+FFFD" none -- \
  "$rabta" build "$tmp/odd" --db "$db" -q
exports_well_formed "$db" "lone surrogates in a JSON line"
restore
rm -r "$tmp/odd"
python3 - "$tmp/lexicon/persons.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding='utf-8'))
d['actors'][0]['label_en'] = 'Ren\u00e9'
# the label alone in Latin-1 (é as the one byte 0xE9), the rest UTF-8: an edit in another editor
open(p, 'wb').write(json.dumps(d, ensure_ascii=False).encode('utf-8').replace(b'Ren\xc3\xa9', b'Ren\xe9'))
PY
case_ "a lexicon saved in Latin-1" 1 "persons.json: at '/': invalid JSON at line 1, column" graph -- \
  "$rabta" build "$tmp/seeds" --db "$db" --lexicon "$tmp/lexicon" -q
grep -qF "Invalid encoding in string" "$tmp/err" || fail "the Latin-1 lexicon is not said to be badly encoded"
cp "$src"/seeds/lexicon/*.json "$tmp/lexicon/"

# --- 11: cells that are formulas, names that are terminal escapes --------------
python3 - "$src/seeds/articles/000_e3da61d015d2337c.txt" "$tmp/hostile.jsonl" <<'PY'
import json, sys
title, _, text = open(sys.argv[1], encoding='utf-8').read().partition('\n')
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write(json.dumps({'id': "=cmd|' /C calc'!A0\x1b[31m\x1b]0;pwned\x07", 'title': title,
                          'text': text, 'source': '@SUM(1+1)'}) + '\n')
PY
case_ "an article id and an outlet made to be formulas" 0 "" none -- \
  "$rabta" build "$tmp/hostile.jsonl" --db "$tmp/h.db" -q
case_ "... exported as CSV" 0 "" none -- "$rabta" export --db "$tmp/h.db" --format csv -o "$tmp/hcsv"
python3 - "$tmp/hcsv" <<'PY' || fail "a CSV cell can run as a formula"
import csv, os, sys
cells = []
for name in ('nodes.csv', 'edges.csv'):
    with open(os.path.join(sys.argv[1], name), encoding='utf-8', newline='') as f:
        cells += [c for row in csv.reader(f) for c in row]
bad = [c for c in cells if c[:1] in ('=', '+', '-', '@', '\t', '\r')]
assert not bad, bad
assert "'=cmd|' /C calc'!A0[31m]0;pwned" in cells, 'the id is not kept as text'
assert "'@SUM(1+1)" in cells, 'the outlet is not kept as text'
PY
for cmd in "ties person:shehbaz-sharif" "show person:shehbaz-sharif" "dyad PK CN" "path person:shehbaz-sharif country:PK"; do
  # shellcheck disable=SC2086
  case_ "rabta $cmd over an id holding escape sequences" 0 "" none -- "$rabta" $cmd --db "$tmp/h.db"
  if grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/out" "$tmp/err"; then
    fail "rabta $cmd prints a raw control character"
  fi
done
grep -qF "=cmd|' /C calc'!A0␛[31m␛]0;pwned␇" "$tmp/h.out" 2>/dev/null ||
  "$rabta" ties person:shehbaz-sharif --db "$tmp/h.db" | grep -qF "=cmd|' /C calc'!A0␛[31m␛]0;pwned␇" ||
  fail "ties does not show the escape sequences visibly"

echo "$failures failed"
[ "$failures" = 0 ]
