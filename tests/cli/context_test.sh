#!/usr/bin/env bash
# --context on every command that counts evidence (issue 20): export, ties,
# show, top, path, dyad and diff. A tag keeps only the evidence about it (fewer
# ties than without), `digital` stands for the whole digital family, and an
# unknown tag is a usage error (exit 2) that lists the known tags. The store is
# the seed pages, then a second run with four invented articles: a 5G agreement
# (telecom) reprinted by a second outlet, IT cooperation announced, and a
# meeting about cricket (other). One line per case; exits non-zero if any failed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
cd "$tmp" || exit 1
q() { "$rabta" "$@" --db "$db"; }
expect() {  # NAME FILE PATTERN: FILE holds PATTERN (fixed string)
  if grep -qF -- "$3" "$2"; then echo "ok    $1"; else fail "$1: no «$3» in: $(head -c 400 "$2")"; fi
}
absent() {  # NAME FILE PATTERN: FILE does not hold PATTERN
  if grep -qF -- "$3" "$2"; then fail "$1: «$3» in: $(grep -m1 -F -- "$3" "$2")"; else echo "ok    $1"; fi
}
lines() { wc -l <"$1" | tr -d ' '; }
fewer() {  # NAME A B: A has fewer lines than B, and at least MIN
  local a b
  a=$(lines "$2"); b=$(lines "$3")
  if [ "$a" -lt "$b" ] && [ "$a" -ge "${4:-1}" ]; then echo "ok    $1: $a < $b"; else fail "$1: $a lines, $b without"; fi
}
cricket="کرکٹ کے فروغ"
mou="فائیو جی ٹیکنالوجی کے معاہدے"

cat >"$tmp/extra.jsonl" <<'EOF'
{"id": "dy-1", "title": "پاک چین معاہدہ", "source": "express", "published": "2025-03-10", "text": "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے معاہدے پر دستخط کیے گئے۔"}
{"id": "dy-2", "title": "پاک چین معاہدہ", "source": "jang", "published": "2025-03-11", "text": "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے  معاہدے پر دستخط کیے گئے۔"}
{"id": "dy-3", "title": "آئی ٹی تعاون", "source": "dawn", "published": "2025-04-02", "text": "چین پاکستان کے ساتھ آئی ٹی کے شعبے میں تعاون کرے گا۔"}
{"id": "dy-4", "title": "ملاقات", "source": "geo", "published": "2025-04-20", "text": "وزیراعظم شہباز شریف سے چین کے سفیر جیانگ زیڈونگ نے ملاقات کی اور کرکٹ کے فروغ پر بات کی۔"}
EOF
"$rabta" build "$tmp/seeds" "$tmp/extra.jsonl" --db "$db" -q || { echo "setup: second build failed"; exit 1; }

# ---- an unknown tag: exit 2, the known tags listed, on every command -----------
for cmd in "export --format json" "ties PK" "show PK" "top" "path PK CN" "dyad PK CN" "diff"; do
  # shellcheck disable=SC2086
  case_ "$cmd --context fintek" 2 "unknown context 'fintek' (known: ai, cloud, cybersecurity, digital, digital-skills, e-commerce, e-government, fintech, it-services, media, other, semiconductors, space, startups, telecom)" none -- q $cmd --context fintek
done
case_ "a list with one unknown tag" 2 "unknown context 'sports'" none -- q ties PK --context telecom,sports

# ---- export: a tag filters, digital is the family ------------------------------
q export --format csv -o "$tmp/all" 2>/dev/null
q export --format csv -o "$tmp/telecom" --context telecom 2>/dev/null
q export --format csv -o "$tmp/digital" --context digital 2>/dev/null
q export --format csv -o "$tmp/other" --context other 2>/dev/null
fewer "export --context telecom: fewer edges" "$tmp/telecom/edges.csv" "$tmp/all/edges.csv" 2
fewer "export --context telecom: fewer than the digital family" "$tmp/telecom/edges.csv" "$tmp/digital/edges.csv" 2
fewer "export --context digital: fewer edges than all" "$tmp/digital/edges.csv" "$tmp/all/edges.csv" 2
python3 - "$tmp" "$src/seeds/rules/contexts.json" <<'PY' && echo "ok    export: each edge's context is one asked for" || fail "export --context: an edge about something else"
import csv, json, sys
tmp, taxonomy = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
family = {t["tag"] for t in taxonomy["tags"] if t["tag"] == "digital" or t.get("parent") == "digital"}
def contexts(name):
    with open(f"{tmp}/{name}/edges.csv", encoding="utf-8") as f:
        return [row["context"] for row in csv.DictReader(f)]
assert set(contexts("telecom")) == {"telecom"}, contexts("telecom")
assert set(contexts("digital")) <= family and len(set(contexts("digital"))) > 2, contexts("digital")
assert "other" not in contexts("digital") and "media" not in contexts("digital")
assert set(contexts("other")) == {"other"}, contexts("other")
PY

# ---- ties and show: only the evidence about the tags --------------------------
q ties PK >"$tmp/ties-all"
q ties PK --context digital >"$tmp/ties-digital"
fewer "ties --context digital: fewer mentions" "$tmp/ties-digital" "$tmp/ties-all" 3
expect "ties keeps the 5G agreement" "$tmp/ties-digital" "$mou"
absent "ties --context digital: no cricket" "$tmp/ties-digital" "$cricket"
absent "ties --context digital: no role (a role has no context)" "$tmp/ties-digital" "holds_role"
expect "ties PK without a filter: the cricket sentence (a role)" "$tmp/ties-all" "$cricket"
q ties "شہباز شریف" --context other >"$tmp/ties-other"
expect "ties --context other: the cricket meeting" "$tmp/ties-other" "$cricket"
absent "ties --context other: no Alibaba meeting (e-commerce)" "$tmp/ties-other" "علی بابا"
q ties "شہباز شریف" --context e-commerce >"$tmp/ties-ecommerce"
expect "ties --context e-commerce: the Alibaba meeting" "$tmp/ties-ecommerce" "علی بابا"
absent "ties --context e-commerce: no cricket" "$tmp/ties-ecommerce" "$cricket"
q show "شہباز شریف" --json >"$tmp/show-all.json"
q show "شہباز شریف" --json --context digital >"$tmp/show-digital.json"
python3 - "$tmp/show-all.json" "$tmp/show-digital.json" <<'PY' && echo "ok    show --context digital: fewer ties, all digital" || fail "show --context"
import json, sys
every, digital = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert 0 < len(digital["ties"]) < len(every["ties"]), (len(digital["ties"]), len(every["ties"]))
assert all(t["context"] not in ("other", "media", None) for t in digital["ties"]), digital["ties"]
assert any("کرکٹ" in t["sentence"] for t in every["ties"])
PY

# ---- top and path: over the ties the tags keep ---------------------------------
q top --json -n 0 >"$tmp/top-all.json"
q top --json -n 0 --context digital >"$tmp/top-digital.json"
python3 - "$tmp/top-all.json" "$tmp/top-digital.json" <<'PY' && echo "ok    top --context digital: a smaller graph, the ambassador out" || fail "top --context"
import json, sys
every, digital = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
ids = lambda d: {e["id"] for e in d["entities"]}
assert 0 < len(ids(digital)) < len(ids(every)), (len(ids(digital)), len(ids(every)))
assert "person:jyang-zidong" in ids(every) and "person:jyang-zidong" not in ids(digital)
PY
case_ "path over the cricket meeting" 0 "1 hops" none -- q path "جیانگ زیڈونگ" "شہباز شریف"
case_ "path --context digital: no path" 0 "no path between" none -- q path "جیانگ زیڈونگ" "شہباز شریف" --context digital
case_ "path --context other: the meeting" 0 "1 hops" none -- q path "جیانگ زیڈونگ" "شہباز شریف" --context other

# ---- dyad: the series and the index count the tags only -------------------------
q dyad PK CN --csv >"$tmp/dyad-all.csv"
q dyad PK CN --csv --context digital >"$tmp/dyad-digital.csv"
expect "dyad --csv: the cricket meeting counts without a filter" "$tmp/dyad-all.csv" 'other 1'
absent "dyad --csv --context digital: no other context" "$tmp/dyad-digital.csv" 'other'
python3 - "$tmp/dyad-all.csv" "$tmp/dyad-digital.csv" <<'PY' && echo "ok    dyad --context digital: April loses the 1.0 of the meeting" || fail "dyad --context"
import csv, sys
every, digital = ({r["month"]: r for r in csv.DictReader(open(p, encoding="utf-8"))} for p in sys.argv[1:3])
assert abs(float(every["2025-04"]["index"]) - float(digital["2025-04"]["index"]) - 1.0) < 1e-9, (every["2025-04"], digital["2025-04"])
assert every["2025-03"] == digital["2025-03"]  # the 5G agreement is telecom
PY

# ---- diff: what was added about the tags ----------------------------------------
case_ "diff" 0 "changes from run 1 to run 2" none -- q diff
expect "diff: the cricket meeting was added" "$tmp/out" "person:jyang-zidong"
case_ "diff --context digital" 0 "contexts: ai, cloud, cybersecurity, digital" none -- q diff --context digital
expect "diff --context digital says what it left out" "$tmp/out" "0 entities removed, 0 ties removed, 1 roles added or removed"
expect "diff --context digital: the 5G agreement" "$tmp/out" "$mou"
absent "diff --context digital: not the ambassador" "$tmp/out" "person:jyang-zidong"
absent "diff --context digital: not his meeting" "$tmp/out" "جیانگ"
q diff --json >"$tmp/diff-all.json"
q diff --json --context telecom,it-services >"$tmp/diff-digital.json"
python3 - "$tmp/diff-all.json" "$tmp/diff-digital.json" <<'PY' && echo "ok    diff --json --context: fewer ties, the filter named" || fail "diff --json --context"
import json, sys
every, some = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
key = lambda t: (t["source"], t["target"], t["relation"])
added = {key(t) for t in some["ties_added"]}
assert added == {("country:CN", "country:PK", "signed")}, added
assert len(every["ties_added"]) > len(some["ties_added"])
assert {key(t) for t in some["ties_changed"]} == {("country:CN", "country:PK", "cooperated")}, some["ties_changed"]
assert some["contexts"] == ["it-services", "telecom"] and "contexts" not in every
assert some["left_out"] == {"entities_removed": 0, "ties_removed": 0, "roles": 1}, some["left_out"]
assert some["roles_added"] == [] and every["roles_added"] != []
PY

echo "context_test: $failures failure(s)"
[ "$failures" -eq 0 ]
