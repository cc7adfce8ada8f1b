#!/usr/bin/env bash
# The bad-input matrix: the real rabta binary on broken, hostile and unlucky
# input. For each case: the exit code and the message the README documents, no
# crash (a signal fails the case), and the graph already stored still whole.
# Prints one line per case; exits non-zero if any case failed.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
src=${RABTA_SOURCE_DIR:?set by meson test}
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0

# The stored graph that every case must leave whole: the seeds, built once.
mkdir -p "$tmp/seeds"
cp "$src"/seeds/articles/*.txt "$tmp/seeds/"
db="$tmp/g.db"
"$rabta" build "$tmp/seeds" --db "$db" -q || { echo "setup: build failed"; exit 1; }
"$rabta" export --db "$db" -o "$tmp/before.graphml" 2>/dev/null
seeds_graph() { "$rabta" export --db "$db" 2>/dev/null; }

# case NAME EXPECTED_EXIT 'MESSAGE SUBSTRING' [graph|seeds|none] -- COMMAND...
#   graph: the export is byte for byte what it was; seeds: every seed article is
#   still stored (the run may add what it repaired); none: no stored graph involved
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
  case $keep in
    graph) cmp -s <(seeds_graph) "$tmp/before.graphml" || { ok=0; why="$why; the stored graph changed"; } ;;
    seeds)
      local n
      n=$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE id IN ('000_e3da61d015d2337c',
        '001_1372cbb2c968a4af', '002_64b5cc6f0c724d73', '003_32cc9811ad68b415',
        '003_32cc9811ad68b415-2', '004_449d9a5e21841ebb')" 2>&1)
      [ "$n" = 6 ] || { ok=0; why="$why; seed articles left: $n"; }
      ;;
  esac
  if [ "$keep" != none ] && [ "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" != ok ]; then
    ok=0
    why="$why; integrity_check failed"
  fi
  local said
  said=$(grep -m1 -v '^$' "$tmp/err" | cut -c1-160)
  if [ $ok = 1 ]; then
    echo "ok    $name: exit $code: $said"
  else
    echo "FAIL  $name:$why"
    failures=$((failures + 1))
  fi
}
# A corpus of the seeds plus one bad file.
with() {  # NAME: a fresh directory holding the seed pages; prints its path
  local d="$tmp/in-$1"
  rm -rf "$d"
  mkdir -p "$d"
  cp "$tmp"/seeds/*.txt "$d/"
  echo "$d"
}
restore() { "$rabta" build "$tmp/seeds" --db "$db" -q --max-removed 100 2>/dev/null; }
edit_json() {  # FILE PYTHON: runs PYTHON on the file's JSON as `d`, writes it back
  python3 - "$1" "$2" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding='utf-8'))
exec(sys.argv[2])
json.dump(d, open(p, 'w', encoding='utf-8'), ensure_ascii=False)
PY
}

d=$(with utf8)
printf '{"id": "u1", "title": "x", "text": "پاکستان \xff\xfe اور چین کے درمیان تعاون۔"}\n' >"$d/bad.jsonl"
case_ "invalid UTF-8 (JSON line)" 1 "bad.jsonl:1: invalid UTF-8 at byte offset" seeds -- "$rabta" build "$d" --db "$db" -q
restore
d=$(with nul)
printf 'عنوان\n2025-07-11\nپاکستان اور چین \0 کے درمیان تعاون کا معاہدہ ہوا۔\n' >"$d/nul.txt"
case_ "NUL bytes in a page" 0 "" seeds -- "$rabta" build "$d" --db "$db" -q
"$rabta" export --db "$db" -o "$tmp/nul.graphml" 2>/dev/null
grep -qP '\x00' "$tmp/nul.graphml" && { echo "FAIL  NUL bytes reach the GraphML"; failures=$((failures + 1)); }
restore
d=$(with binary)
head -c 4096 /dev/urandom >"$d/random.txt"
case_ "a binary file" 1 "random.txt" seeds -- "$rabta" build "$d" --db "$db" -q
restore
d=$(with empty)
: >"$d/empty.txt"
: >"$d/empty.jsonl"
case_ "an empty file" 1 "empty.txt: empty file" graph -- "$rabta" build "$d" --db "$db" -q
d=$(with bom)
printf '\xef\xbb\xbf{"id": "b1", "title": "بی او ایم", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}\n' >"$d/bom.jsonl"
case_ "a BOM" 0 "" seeds -- "$rabta" build "$d" --db "$db" -q
[ "$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE id = 'b1'")" = 1 ] ||
  { echo "FAIL  the article after a BOM was not stored"; failures=$((failures + 1)); }
restore
d=$(with crlf)
printf '{"id": "c1", "title": "سی", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}\r\n{"id": "c2", "title": "ڈی", "text": "پاکستان اور چین کے درمیان تعاون۔"}\r\n' >"$d/crlf.jsonl"
case_ "CRLF line ends" 0 "" seeds -- "$rabta" build "$d" --db "$db" -q
restore
d=$(with huge)
python3 -c "
import json
print(json.dumps({'id': 'huge', 'title': 'بڑا', 'text': 'پاکستان اور چین کے درمیان تعاون ' * 1700000}, ensure_ascii=False))
" >"$d/huge.jsonl"
case_ "a 50 MB single-line article" 1 "huge.jsonl:1: the line is 98600045 bytes, above the limit of 6356992 for one record" graph -- "$rabta" build "$d" --db "$db" -q
d=$(with boilerplate)
printf 'Post Views: 12\n(جاری ہے)\n' >"$d/only.txt"
case_ "a file that is only boilerplate" 1 "only.txt: no story text" graph -- "$rabta" build "$d" --db "$db" -q
d=$(with broken)
{
  echo '{"id": "g1", "title": "اچھی", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}'
  echo '{"id": "g2", "text": '
  echo '[1, 2, 3]'
  echo '{"id": "g3", "title": "اچھی", "text": "پاکستان اور چین کے درمیان تعاون۔"}'
} >"$d/mixed.jsonl"
case_ "JSON Lines with broken lines among good ones" 1 "mixed.jsonl:2: invalid JSON" seeds -- "$rabta" build "$d" --db "$db" -q
[ "$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE id IN ('g1', 'g3')")" = 2 ] ||
  { echo "FAIL  the good lines around broken ones were not stored"; failures=$((failures + 1)); }
restore
d=$(with dup)
{
  echo '{"id": "d1", "title": "ایک", "text": "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔"}'
  echo '{"id": "d1", "title": "دو", "text": "پاکستان اور چین کے درمیان تعاون۔"}'
} >"$d/dup.jsonl"
# a reused id keeps both stories, the later under a derived id: a warning, exit 0
case_ "duplicate article ids" 0 "renamed $d/dup.jsonl:2: article id 'd1' was already used for a different story at $d/dup.jsonl:1; this one is stored as 'd1~" seeds -- "$rabta" build "$d" --db "$db" -q
restore

mkdir -p "$tmp/lexicon"
cp "$src"/seeds/lexicon/*.json "$tmp/lexicon/"
edit_json "$tmp/lexicon/persons.json" "d['actors'][0]['type'] = 'minister'"
cp "$db" "$tmp/db.copy"
case_ "a lexicon with a schema violation" 1 "persons.json: at '/actors/0/type'" graph -- "$rabta" build "$tmp/seeds" --db "$db" --lexicon "$tmp/lexicon" -q
cmp -s "$db" "$tmp/db.copy" || { echo "FAIL  the database file changed after a broken lexicon"; failures=$((failures + 1)); }
mkdir -p "$tmp/rules"
cp "$src"/seeds/rules/*.json "$tmp/rules/"
edit_json "$tmp/rules/relations.json" "d['rules'][0]['relation'] = 'bribed'"
case_ "a rules file with an unknown relation" 1 "bribed" graph -- "$rabta" build "$tmp/seeds" --db "$db" --rules "$tmp/rules" -q
case_ "a missing path" 1 "nope.jsonl: no such file or directory" graph -- "$rabta" build "$tmp/seeds" "$tmp/nope.jsonl" --db "$db" -q

# Unreadable input and read-only output need a user the file modes bind: root
# reads everything, so the cases run as nobody when the test runs as root.
# nobody runs a copy of the binary in $tmp: the build tree may sit under a
# directory only root can enter (a checkout in /root, say).
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}
mkdir -p "$tmp/bin"
cp "$rabta" "$tmp/bin/rabta"
chmod 755 "$tmp/bin" "$tmp/bin/rabta"
as_user "$tmp/bin/rabta" --version >/dev/null ||
  { echo "setup: $(id -un 2>/dev/null) cannot run rabta as another user"; exit 1; }
d=$(with unreadable)
mkdir -p "$d/locked"
printf '{"id": "l1", "text": "پاکستان اور چین کے درمیان تعاون۔"}\n' >"$d/locked/a.jsonl"
chmod 000 "$d/locked"
mkdir -p "$tmp/nobody"
cp "$db" "$tmp/nobody/g.db"
chmod -R a+rwX "$tmp/nobody" "$d"
chmod 000 "$d/locked"
case_ "an unreadable directory" 1 "locked" none -- as_user "$tmp/bin/rabta" build "$d" --db "$tmp/nobody/g.db" -q
[ "$(sqlite3 "$tmp/nobody/g.db" 'SELECT count(*) FROM articles')" -ge 6 ] ||
  { echo "FAIL  articles lost after an unreadable directory"; failures=$((failures + 1)); }
chmod 755 "$d/locked"
mkdir -p "$tmp/readonly"
chmod 555 "$tmp/readonly"
case_ "a read-only output path" 3 "readonly/out.graphml" none -- as_user "$tmp/bin/rabta" export --db "$tmp/nobody/g.db" -o "$tmp/readonly/out.graphml"

exec 9>"$db.lock"
flock -n 9
case_ "a database that is locked" 4 "another build is running on it" graph -- "$rabta" build "$tmp/seeds" --db "$db" -q
exec 9>&-

cp "$db" "$tmp/trunc.db"
truncate -s 8192 "$tmp/trunc.db"
case_ "a truncated database (query)" 3 "trunc.db" none -- "$rabta" stats --db "$tmp/trunc.db"
echo "not a database at all" >"$tmp/notes.txt"
case_ "a database that is not SQLite (query)" 3 "notes.txt: not a rabta database" none -- "$rabta" stats --db "$tmp/notes.txt"
case_ "a database that is not SQLite (build)" 3 "notes.txt: not a SQLite database; a build will not replace it" none -- "$rabta" build "$tmp/seeds" --db "$tmp/notes.txt" -q
grep -q "not a database at all" "$tmp/notes.txt" || { echo "FAIL  the build replaced a file that was not a database"; failures=$((failures + 1)); }

# A full disk: the file size limit makes every write past 64 KB fail (EFBIG).
d=$(with full)
python3 - "$d/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for i in range(300):
        f.write(json.dumps({'id': f'f{i}', 'title': 'خبر', 'text': f'وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔ {i} ' * 20}, ensure_ascii=False) + '\n')
PY
case_ "a full disk (incremental build)" 3 "disk" graph -- prlimit --fsize=65536 "$rabta" build "$d" --db "$db" -q
case_ "a full disk (full build)" 3 "" graph -- prlimit --fsize=65536 "$rabta" build "$d" --db "$db" --full -q
ls "$tmp" | grep -q 'g.db.building-' && { echo "FAIL  a failed full build left its file"; failures=$((failures + 1)); }
case_ "a full disk (export)" 3 "" none -- prlimit --fsize=4096 "$rabta" export --db "$db" -o "$tmp/big.graphml"
[ -e "$tmp/big.graphml" ] && { echo "FAIL  a failed export left a partial file"; failures=$((failures + 1)); }

# Injection: names with quotes, <, &, a control character, RTL marks and SQL
# round-trip through every export and query without breaking the format.
mkdir -p "$tmp/inj-lexicon" "$tmp/inj"
cp "$src"/seeds/lexicon/*.json "$tmp/inj-lexicon/"
python3 - "$tmp/inj-lexicon/organizations.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding='utf-8'))
d['actors'].append({"id": "org:tricky", "type": "organization", "subtype": "firm",
    "label_en": "Q&A <\"Tricky\"> '; DROP TABLE entities; --\u0001",
    "country": "PK", "names": ["\u200fٹرکی کمپنی\u200e", "ٹرکی <&> \"کمپنی\""], "latin": ["Tricky"]})
json.dump(d, open(p, 'w', encoding='utf-8'), ensure_ascii=False)
PY
printf '{"id": "i1", "title": "انجیکشن <&>", "text": "وزیراعظم شہباز شریف سے \u200fٹرکی کمپنی\u200e کے وفد نے ملاقات کی۔ \\"<&>\\""}\n' >"$tmp/inj/i.jsonl"
idb="$tmp/inj.db"
case_ "injection: build with tricky names" 0 "" none -- "$rabta" build "$tmp/inj" --db "$idb" --lexicon "$tmp/inj-lexicon" -q
for f in graphml gexf json; do
  "$rabta" export --db "$idb" --format $f -o "$tmp/inj.$f" 2>/dev/null
done
"$rabta" export --db "$idb" --format csv -o "$tmp/inj-csv" 2>/dev/null
"$rabta" show "Tricky" --db "$idb" --json >"$tmp/inj-show.json" 2>/dev/null
"$rabta" ties "'; DROP TABLE entities; --" --db "$idb" --json >/dev/null 2>&1
"$rabta" ties "Tricky" --db "$idb" --json >"$tmp/inj-ties.json" 2>/dev/null
if python3 - "$tmp" <<'PY'
import csv, json, sys, xml.etree.ElementTree as ET
t = sys.argv[1]
label = "Q&A <\"Tricky\"> '; DROP TABLE entities; --"
label_ur = "\u200fٹرکی کمپنی\u200e"
name = "ٹرکی <&> \"کمپنی\""
ctl = lambda s: s.replace("\x01", "")  # XML 1.0 cannot carry U+0001; JSON and CSV do
def texts(path):
    return [e.text or "" for e in ET.parse(path).iter()] + \
           [v for e in ET.parse(path).iter() for v in e.attrib.values()]
for f in ("inj.graphml", "inj.gexf"):
    found = texts(f"{t}/{f}")
    assert label in found, f"{f}: label_en not found intact"
    assert label_ur in found, f"{f}: label_ur with RTL marks not found intact"
g = json.load(open(f"{t}/inj.json", encoding="utf-8"))
node = [n for n in g["nodes"] if n["id"] == "org:tricky"][0]
assert ctl(node["label_en"]) == label and name in node["aliases"], node
assert node["label_ur"] == label_ur, node
rows = list(csv.DictReader(open(f"{t}/inj-csv/nodes.csv", encoding="utf-8")))
assert any(r["Id"] == "org:tricky" and ctl(r["label_en"]) == label for r in rows), "csv"
show = json.load(open(f"{t}/inj-show.json", encoding="utf-8"))
assert "org:tricky" in json.dumps(show), "show"
json.load(open(f"{t}/inj-ties.json", encoding="utf-8"))
PY
then
  echo "ok    injection: quotes, <, &, a control character, RTL marks and SQL round-trip through GraphML, GEXF, JSON, CSV, show and ties"
else
  echo "FAIL  injection round trip"
  failures=$((failures + 1))
fi
[ "$(sqlite3 "$idb" "SELECT count(*) FROM entities WHERE id = 'org:tricky'")" = 1 ] ||
  { echo "FAIL  injection: the entities table lost its row"; failures=$((failures + 1)); }

echo "bad-input matrix: $failures failed"
[ "$failures" -eq 0 ]
