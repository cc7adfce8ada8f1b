#!/usr/bin/env bash
# Interaction-first questions (issue 18, item 1): --relation and
# --exclude-relation on show, ties, top, path, dyad and export; top, path and
# export --ego count the interactions unless told otherwise and say so; show
# gathers roles into spans and ties by relation and counterpart, newest first.
# One line per case; exits non-zero if any failed.
set -uo pipefail
. "${RABTA_SOURCE_DIR:?set by meson test}/tests/cli/lib.sh"
cd "$tmp" || exit 1
q() { "$rabta" "$@" --db "$db"; }
says="(the interactions, by default; --relation or --exclude-relation to count others)"
expect() {  # NAME FILE PATTERN: FILE holds PATTERN (fixed string)
  if grep -qF -- "$3" "$2"; then echo "ok    $1"; else fail "$1: no «$3» in: $(head -c 400 "$2")"; fi
}
absent() {  # NAME FILE PATTERN: FILE does not hold PATTERN
  if grep -qF -- "$3" "$2"; then fail "$1: «$3» in: $(grep -m1 -F -- "$3" "$2")"; else echo "ok    $1"; fi
}

# ---- top: the interactions by default, and it says so -------------------------
case_ "top" 0 "relations: agreed, attended, cooperated, met, signed $says" none -- q top
case_ "top --relation holds_role" 0 "relations: holds_role" none -- q top --relation holds_role
absent "top --relation holds_role says nothing of a default" "$tmp/out" "by default"
q top --json -n 0 >"$tmp/top.json"
q top --json -n 0 --relation agreed,attended,cooperated,holds_role,located_in,met,signed >"$tmp/all.json"
python3 - "$tmp/top.json" "$tmp/all.json" <<'PY' && echo "ok    top --json: the interactions listed; Pakistan's holds_role hub left out" || fail "top --json relations"
import json, sys
top, every = (json.load(open(p)) for p in sys.argv[1:3])
assert top["relations"] == ["agreed", "attended", "cooperated", "met", "signed"], top["relations"]
assert len(every["relations"]) == 7
deg = lambda d, i: next(e["degree"] for e in d["entities"] if e["id"] == i)
# the persons who hold a role in Pakistan are its neighbours only through holds_role
assert deg(top, "country:PK") < deg(every, "country:PK"), (deg(top, "country:PK"), deg(every, "country:PK"))
PY

# ---- path: through interactions only, unless asked ------------------------------
case_ "path over a role only" 0 "no path between person:shaza-fatima-khawaja and country:PK" none -- q path "شزہ فاطمہ خواجہ" PK
expect "path says which relations it went through" "$tmp/out" "relations: agreed, attended, cooperated, met, signed $says"
case_ "path --relation holds_role" 0 "1 hops" none -- q path "شزہ فاطمہ خواجہ" PK --relation holds_role
expect "path --relation holds_role goes through the role" "$tmp/out" "holds_role →"
q path "شزہ فاطمہ خواجہ" PK --json >"$tmp/path.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert not d["found"] and len(d["relations"]) == 5, d' "$tmp/path.json" &&
  echo "ok    path --json: not found, the five interactions listed" || fail "path --json"

# ---- export --ego: the interactions by default ----------------------------------
case_ "export --ego" 0 "rabta export: --ego counts agreed, attended, cooperated, met, signed $says" none -- q export --ego "Suh Sangpyo" --format csv -o "$tmp/ego"
absent "export --ego leaves the roles out" "$tmp/ego/edges.csv" "holds_role"
case_ "export --ego --exclude-relation met" 0 "" none -- q export --ego "Suh Sangpyo" --exclude-relation met --format csv -o "$tmp/ego2"
expect "export --ego --exclude-relation met keeps the roles" "$tmp/ego2/edges.csv" "holds_role"
absent "export --ego --exclude-relation met says nothing of a default" "$tmp/err" "by default"
case_ "export --exclude-relation holds_role,located_in" 0 "" none -- q export --exclude-relation holds_role,located_in --format csv -o "$tmp/nr"
absent "the export has no holds_role edge" "$tmp/nr/edges.csv" ",holds_role,"
absent "the export has no located_in edge" "$tmp/nr/edges.csv" ",located_in,"
expect "the export keeps the meetings" "$tmp/nr/edges.csv" ",met,"

# ---- ties, show and dyad take the lists too -------------------------------------
case_ "ties --relation met,signed" 0 "relation mentions" none -- q ties PK --relation met,signed
absent "ties --relation met,signed: no role" "$tmp/out" "holds_role"
case_ "ties --exclude-relation holds_role" 0 "relation mentions" none -- q ties PK --exclude-relation holds_role
absent "ties --exclude-relation holds_role: no role" "$tmp/out" "holds_role"
case_ "show --exclude-relation holds_role" 0 "relations: agreed, attended, cooperated, located_in, met, signed" none -- q show PK --exclude-relation holds_role
absent "show --exclude-relation holds_role: no role tie" "$tmp/out" "  holds_role  "
case_ "dyad --relation cooperated" 0 "relation mentions by month" none -- q dyad PK CN --relation cooperated
absent "dyad --relation cooperated: no meeting" "$tmp/out" "met"

# ---- show: roles as spans, ties by counterpart, newest first --------------------
# one minister named with his office in three articles; met Lee Wei twice, then
# in the newest article Zhang Ming
minister="وفاقی وزیر تجارت جمیل احمد خان"
{
  for d in 2024-05-02 2024-06-10; do
    printf '{"id": "m-%s", "title": "ملاقات", "published": "%s", "text": "%s سے زیڈ ٹی ای کے سی ای او لی وے نے ملاقات کی۔"}\n' "$d" "$d" "$minister"
  done
  printf '{"id": "m-late", "title": "ملاقات", "published": "2024-08-20", "text": "%s سے ہواوے کے صدر ژانگ منگ نے ملاقات کی۔"}\n' "$minister"
} >"$tmp/minister.jsonl"
"$rabta" build "$tmp/minister.jsonl" --db "$tmp/m.db" -q || fail "the minister's articles do not build"
"$rabta" show "جمیل احمد خان" --db "$tmp/m.db" >"$tmp/show" 2>&1
expect "show: three roles as one span, first and last seen, three articles" "$tmp/show" "2024-05-02  2024-08-20  وفاقی وزیر تجارت  پاکستان (Pakistan)  3         articles"
expect "show: the meetings by counterpart, newest first" "$tmp/show" "2024-08-20  2024-08-20  met         —  ژانگ منگ"
expect "show: the span counts its articles" "$tmp/show" "3 roles as 1 spans"
"$rabta" show "جمیل احمد خان" --db "$tmp/m.db" --json >"$tmp/show.json"
python3 - "$tmp/show.json" <<'PY' && echo "ok    show --json: one span of 3 articles; met Zhang Ming (newest) before Lee Wei (2 mentions)" || fail "show --json spans and groups: $(head -c 600 "$tmp/show.json")"
import json, sys
d = json.load(open(sys.argv[1]))
spans = [s for s in d["role_spans"] if s["source"] == "articles"]
assert len(spans) == 1 and spans[0]["articles"] == 3, spans
assert (spans[0]["first"], spans[0]["last"]) == ("2024-05-02", "2024-08-20"), spans
met = [g for g in d["tie_groups"] if g["relation"] == "met"]
assert len(met) == 2, met
assert met[0]["last_date"] == "2024-08-20" and met[0]["mentions"] == 1, met
assert met[1]["mentions"] == 2 and met[1]["articles"] == 2 and met[1]["first_date"] == "2024-05-02", met
assert met[1]["article"] == "m-2024-06-10", met  # the newest sentence speaks for the group
PY

echo "interactions: $failures failed"
[ "$failures" -eq 0 ]
