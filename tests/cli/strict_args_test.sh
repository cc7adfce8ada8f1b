#!/usr/bin/env bash
# A command line asked wrong says so (issue 18, item 2): an unknown relation,
# entity type, country or format exits 2 with the allowed values and a "did
# you mean"; dates are real calendar periods; ISO codes in any case; stats
# --json; unknown names suggest the nearest, Urdu and Latin ranked together.
# One line per case; exits non-zero if any failed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
cd "$tmp" || exit 1
rels="agreed, attended, cooperated, holds_role, located_in, met, signed"
q() { "$rabta" "$@" --db "$db"; }

# ---- lists of relations and types, checked ----------------------------------
case_ "ties --relation bogus" 2 "--relation 'bogus' is not one of: $rels" bytes -- q ties PK --relation bogus
case_ "ties --relation meet" 2 "(did you mean 'met'?)" none -- q ties PK --relation meet
case_ "ties --relation met,signd" 2 "--relation 'signd' is not one of" none -- q ties PK --relation met,signd
case_ "ties --exclude-relation role" 2 "--exclude-relation 'role' is not one of" none -- q ties PK --exclude-relation role
case_ "export --relation bogus" 2 "--relation 'bogus' is not one of" bytes -- q export --relation bogus
case_ "top --type persn" 2 "--type 'persn' is not one of: country, forum, organization, person, place (did you mean 'person'?)" none -- q top --type persn
case_ "entities --type organisation" 2 "(did you mean 'organization'?)" none -- q entities --type organisation
case_ "export --type person,firm" 2 "--type 'firm' is not one of" none -- q export --type person,firm
case_ "export --format gxf" 2 "--format 'gxf' is not one of: csv, gexf, graphml, html, json (did you mean 'gexf'?)" none -- q export --format gxf
case_ "export --label arabic" 2 "--label 'arabic' is not one of: latin, ur" none -- q export --label arabic
case_ "top --by closeness" 2 "--by 'closeness' is not one of: betweenness, degree" none -- q top --by closeness
# a list in any case and spacing is read as the codes it names
q ties PK --relation 'MET, signed' >"$tmp/list" 2>&1
code=$?
if [ $code -ne 0 ] || ! grep -q ' signed ' "$tmp/list" || grep -q 'holds_role' "$tmp/list"; then
  fail "ties --relation 'MET, signed': exit $code: $(head -c 300 "$tmp/list")"
else
  echo "ok    ties --relation 'MET, signed': the signing only, exit 0"
fi

# ---- countries ----------------------------------------------------------------
case_ "dyad PK XX" 2 "dyad 'XX' is not one of: CN, EG, IN, KR, KZ, NL, PK" none -- q dyad PK XX
case_ "dyad PK CM" 2 "(did you mean 'CN'?)" none -- q dyad PK CM
case_ "export --dyad PK,ZZ" 2 "--dyad 'ZZ' is not one of" bytes -- q export --dyad PK,ZZ
case_ "entities --country XX" 2 "--country 'XX' is not one of" none -- q entities --country XX
case_ "dyad with a person" 2 "dyad 'شہباز شریف' is person:shehbaz-sharif, not a country" none -- q dyad PK "شہباز شریف"
q dyad PK CN >"$tmp/upper" 2>&1
q dyad pk cn >"$tmp/lower" 2>&1
code=$?
if [ $code -ne 0 ] || ! cmp -s "$tmp/upper" "$tmp/lower" || ! grep -q 'between actors of PK and CN' "$tmp/lower"; then
  fail "dyad pk cn is not dyad PK CN (exit $code)"
else
  echo "ok    dyad pk cn = dyad PK CN"
fi
case_ "show pk" 0 "country:PK" none -- q show pk
case_ "entities --country kr" 0 "person:suh-sangpyo" none -- q entities --country kr

# ---- dates --------------------------------------------------------------------
for d in 2025-13 2025-00 2025-02-30 2025-02-29 2023-04-31 2025-7 25 2025-07-1 July; do
  case_ "ties --from $d" 2 "--from '$d' is not a date: YYYY, YYYY-MM or YYYY-MM-DD" none -- q ties PK --from "$d"
done
case_ "export --to 2025-02-30" 2 "--to '2025-02-30' is not a date" bytes -- q export --to 2025-02-30
case_ "dyad --from 2025-13" 2 "--from '2025-13' is not a date" none -- q dyad PK CN --from 2025-13
case_ "show --as-of 2025-02-30" 2 "--as-of '2025-02-30' is not YYYY-MM-DD" none -- q show PK --as-of 2025-02-30
case_ "ties --from 2024-02-29 (a leap day)" 0 "relation mentions" none -- q ties PK --from 2024-02-29
case_ "ties --to 2024-02 (its last day is the 29th)" 0 "0 relation mentions" none -- q ties PK --to 2024-02

# ---- stats --json ---------------------------------------------------------------
case_ "stats --json" 0 '"articles": 6' none -- q stats --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["command"]=="stats" and d["graph"]["nodes"]>0, d' "$tmp/out" ||
  fail "stats --json is not the stats object"

# ---- names: the nearest, Urdu and Latin together --------------------------------
case_ "show a misspelt Urdu name" 1 "no entity is named 'شہباز شریب'" none -- q show "شہباز شریب"
grep -m1 '^  ' "$tmp/err" | grep -q 'person:shehbaz-sharif' || fail "'شہباز شریب' does not suggest Shehbaz Sharif first: $(cat "$tmp/err")"
case_ "show a Latin part of a name" 1 "did you mean one of these:" none -- q show "Aminul"
grep -m1 '^  ' "$tmp/err" | grep -q 'person:syed-aminul-haque' || fail "'Aminul' does not suggest Syed Aminul Haque first: $(cat "$tmp/err")"
# Xi, Xiaomi and Mexico in one store: «Xi» is Xi Jinping first
printf '%s\n' '{"id": "x1", "title": "ملاقات", "published": "2025-05-02", "text": "صدر شی جن پنگ نے میکسیکو کے وفد سے ملاقات کی۔ شیاؤمی نے بیجنگ میں نیا فون پیش کیا۔"}' >"$tmp/xi.jsonl"
"$rabta" build "$tmp/xi.jsonl" --db "$tmp/xi.db" -q
"$rabta" show Xi --db "$tmp/xi.db" >"$tmp/out" 2>"$tmp/err"
code=$?
first=$(grep -m1 '^  ' "$tmp/err")
if [ $code -ne 1 ] || [[ "$first" != *person:xi-jinping* ]] || ! grep -q 'org:xiaomi' "$tmp/err"; then
  fail "show Xi: exit $code, suggestions: $(cat "$tmp/err")"
else
  echo "ok    show Xi: exit 1, suggests Xi Jinping first: $first"
fi

echo "strict arguments: $failures failed"
[ "$failures" -eq 0 ]
