#!/usr/bin/env bash
# The curation loop end to end: promote, reject, rename, merge and label
# discovered actors, rebuild (the changed overlay makes a full build, a later
# one is incremental), and the export shows every decision; a broken overlay
# stops the build naming file, JSON pointer and reason, and nothing stored is
# lost. Names are invented: no lexicon holds them.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
check() { if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi; }
db="$tmp/g.db"
cat >"$tmp/a.jsonl" <<'JSONL'
{"id": "c1", "title": "ملاقات", "published": "2025-07-10", "text": "اسلام آباد: وفاقی وزیر برائے آئی ٹی نورین بختاور سے سعودی وزارت خارجہ کے وفد نے ملاقات کی۔ وزارت خارجہ کے ترجمان نے بتایا کہ نیلم سافٹ ٹیکنالوجیز اور کارواں پورٹس کمپنی کے درمیان معاہدہ طے پایا۔"}
{"id": "c2", "title": "معاہدہ", "published": "2025-07-11", "text": "کراچی: نیلم سافٹ ٹیکنالوجیز نے چینی کمپنی کے ساتھ تعاون کا اعلان کیا۔ کارواں پورٹ کمپنی کے سربراہ نے شرکت کی۔"}
JSONL
"$rabta" build "$tmp/a.jsonl" --db "$db" -q || { echo "setup: build failed"; exit 1; }
nodes() { "$rabta" export --db "$db" --format csv -o "$tmp/csv" 2>/dev/null && cat "$tmp/csv/nodes.csv"; }
check "qualified bodies: Saudi and Pakistani ministries are two nodes" \
  'nodes | grep -q "^org:wazarat-kharaja-sa,وزارت خارجہ (سعودی عرب)," && nodes | grep -q "^org:wazarat-kharaja-pk,"'

curate() { "$rabta" curate "$@" --db "$db" >/dev/null 2>"$tmp/err"; }
check "promote" 'curate promote "نیلم سافٹ ٹیکنالوجیز"'
check "label" 'curate label org:nilam-safat-tikanalojiz "Neelum Soft Technologies"'
check "merge" 'curate merge "کارواں پورٹ کمپنی" "کارواں پورٹس کمپنی"'
check "rename" 'curate rename person:norin-bakhtaor "نورین بختاور خان"'
check "reject" 'curate reject org:wazarat-kharaja-sa'
check "a merge across countries is refused" \
  '! curate merge org:wazarat-kharaja-pk org:wazarat-kharaja-sa && grep -q "never one actor" "$tmp/err"'
check "the overlay is beside the database" '[ -s "$tmp/g.curated.json" ]'

"$rabta" build "$tmp/a.jsonl" --db "$db" >"$tmp/out" 2>&1
check "a changed overlay rebuilds everything" 'grep -q "full: lexicon version changed" "$tmp/out"'
echo '{"id": "c3", "title": "نیا", "published": "2025-07-12", "text": "لاہور: نیلم سافٹ ٹیکنالوجیز نے نئی ایپ متعارف کرادی۔"}' >>"$tmp/a.jsonl"
"$rabta" build "$tmp/a.jsonl" --db "$db" >"$tmp/out" 2>&1
check "the next build is incremental" 'grep -q "incremental" "$tmp/out"'
check "promoted and labelled: a lexicon node with its English label" \
  'nodes | grep -q "^org:nilam-safat-tikanalojiz,نیلم سافٹ ٹیکنالوجیز,organization,نیلم سافٹ ٹیکنالوجیز,Neelum Soft Technologies,,"'
check "promoted: named in the new article too" \
  'nodes | grep "^org:nilam-safat-tikanalojiz," | grep -q ",3,2025-07-10,2025-07-12"'
check "merged: one node keeps both spellings' mentions" \
  '! nodes | grep -q "^org:karwan-porat-kampani," && nodes | grep "^org:karwan-porats-kampani," | grep -q ",2,"'
check "renamed" 'nodes | grep -q "^person:norin-bakhtaor,نورین بختاور خان,"'
check "rejected: gone, the Pakistani ministry stays" \
  '! nodes | grep -q "^org:wazarat-kharaja-sa," && nodes | grep -q "^org:wazarat-kharaja-pk,"'

# a broken overlay: the build stops before writing, naming file, pointer, reason
cp "$db" "$tmp/before.db"
python3 - "$tmp/g.curated.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d['decisions'][1]['action'] = 'bless'
json.dump(d, open(sys.argv[1], 'w', encoding='utf-8'), ensure_ascii=False)
PY
"$rabta" build "$tmp/a.jsonl" --db "$db" >"$tmp/out" 2>&1
code=$?
check "a broken overlay stops the build (exit 1)" '[ $code = 1 ]'
check "… naming the file and the JSON pointer" 'grep -q "g.curated.json" "$tmp/out" && grep -q "/decisions/1/action" "$tmp/out"'
check "… and nothing stored is lost" 'cmp -s "$db" "$tmp/before.db"'
check "curate refuses to add to a broken overlay" '! curate promote "نورین بختاور خان" && grep -q "/decisions/1/action" "$tmp/err"'

echo "$failures failed"
[ "$failures" = 0 ]
