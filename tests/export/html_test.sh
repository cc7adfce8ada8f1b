#!/usr/bin/env bash
# The HTML view in a real browser (Debian's chromium, headless): the page of the
# seed graph, opened with #selftest, clicks an edge and a node, filters and
# toggles the labels, and writes what it showed into the DOM; the counts must be
# the JSON export's, the evidence the JSON export's first edge's; a dyad
# export's cooperation chart holds the numbers of `rabta dyad --csv`. A page whose
# titles and sentences hold markup must not run or render it. Screenshots of
# the pages go to $RABTA_SCREENSHOTS (a directory) when it is set.
# Skips (77) without chromium, unless RABTA_BROWSER=required (.ci/run sets it).
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
src=${RABTA_SOURCE_DIR:?set by meson test}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "${RABTA_BROWSER:-}" = required ]; then
    echo "FAIL  chromium is required (RABTA_BROWSER=required) but not installed: tools/install-deps --browser"
    exit 1
  fi
  echo "SKIP  chromium not installed (tools/install-deps --browser)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
# A fresh profile per run; as root chromium needs --no-sandbox.
run_browser() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/browser.log"
}

db="$tmp/seeds.db"
"$rabta" build --db "$db" -q || { echo "setup: seed build failed"; exit 1; }
"$rabta" export --db "$db" --format html -o "$tmp/seeds.html" 2>/dev/null || fail "export --format html"
"$rabta" export --db "$db" --format json -o "$tmp/seeds.json" 2>/dev/null || fail "export --format json"
"$rabta" export --db "$db" --format html 2>/dev/null | cmp -s - "$tmp/seeds.html" ||
  fail "two HTML exports of one store differ"

run_browser --dump-dom "file://$tmp/seeds.html#selftest" >"$tmp/dom.html"
python3 - "$tmp/dom.html" "$tmp/seeds.json" <<'PY' || fail "the page's self-test disagrees with the JSON export"
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
g = json.load(open(sys.argv[2], encoding="utf-8"))
m = re.search(r'<pre id="selftest">(.*?)</pre>', dom, re.S)
assert m and m.group(1).strip(), "the self-test wrote nothing (script error?)"
r = json.loads(html.unescape(m.group(1)))
print("self-test:", json.dumps(r, ensure_ascii=False))
nodes, edges = len(g["nodes"]), len(g["edges"])
assert r["nodes"] == nodes and r["data_nodes"] == nodes, (r["nodes"], nodes)
assert r["edges"] == edges and r["data_edges"] == edges, (r["edges"], edges)
first = g["edges"][0]["evidences"]
assert r["edge_evidence"] == len(first) > 0, (r["edge_evidence"], len(first))
assert r["edge_sentence"] == first[0]["sentence"], r["edge_sentence"]
# node 0 is the first node of the export; its ties are every edge that touches it
n0 = g["nodes"][0]["id"]
touching = [e for e in g["edges"] if n0 in (e["source"], e["target"])]
assert r["node_ties"] == len(touching), (r["node_ties"], len(touching))
met = sum(e["relation"] == "met" for e in g["edges"])
assert r["met_edges"] == met > 0, (r["met_edges"], met)
assert r["after_reset"] == f"{nodes} nodes, {edges} edges", r["after_reset"]
assert r["latin_shown"] is True, "the Latin toggle did not show the Latin labels"
PY

# a dyad export draws the dyad's cooperation index per month: the bars the
# browser shows carry the numbers `rabta dyad --csv` prints
"$rabta" export --db "$db" --dyad PK,CN --format html -o "$tmp/dyad.html" 2>/dev/null || fail "export --dyad --format html"
"$rabta" export --db "$db" --dyad PK,CN --format html 2>/dev/null | cmp -s - "$tmp/dyad.html" ||
  fail "two HTML exports of one dyad differ"
grep -q 'id="cooperation"' "$tmp/seeds.html" && fail "an export that is no dyad drew a cooperation index"
"$rabta" dyad PK CN --db "$db" --csv >"$tmp/dyad.csv" || fail "dyad --csv"
run_browser --dump-dom "file://$tmp/dyad.html#selftest" >"$tmp/dyad-dom.html"
python3 - "$tmp/dyad-dom.html" "$tmp/dyad.csv" <<'PY' || fail "the dyad page's cooperation chart disagrees with dyad --csv"
import csv, html.parser, sys
class Chart(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.svg, self.bars, self.inside, self.selftest = None, {}, False, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("class") == "coop":
            self.svg, self.inside = a, True
        elif tag == "rect" and self.inside:
            self.bars[a["data-month"]] = (float(a["data-index"]), int(a["data-evidences"]), float(a["height"]))
        elif tag == "pre" and a.get("id") == "selftest":
            self.selftest = True
    def handle_endtag(self, tag):
        if tag == "svg":
            self.inside = False
    def handle_data(self, data):
        if self.selftest and data.strip():
            self.ran, self.selftest = True, False
c = Chart()
c.feed(open(sys.argv[1], encoding="utf-8").read())
assert getattr(c, "ran", False), "the dyad page's self-test did not run"
assert c.svg is not None, "no cooperation chart in the page"
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
want = {r["month"]: (float(r["index"]), int(r["evidences"])) for r in rows if r["month"] != "undated"}
got = {m: (i, n) for m, (i, n, _) in c.bars.items()}
print("cooperation chart:", got)
assert want and got == want, (got, want)
total = sum(float(r["index"]) for r in rows)
assert abs(float(c.svg["data-index"]) - total) < 0.01, (c.svg["data-index"], total)
# the heaviest month is the tallest bar
heights = {m: h for m, (_, _, h) in c.bars.items()}
assert max(heights, key=heights.get) == max(want, key=lambda m: want[m][0]), heights
PY

# markup in an article's title and sentence stays text
mkdir -p "$tmp/inj"
printf '%s\n' '{"id": "inj-1", "title": "انجیکشن </script><img id=\"pwn\" src=x>", "published": "2025-07-11", "text": "وزیراعظم شہباز شریف سے علی بابا گروپ کے وفد نے ملاقات کی۔ <b id=\"bold\">x</b></script>"}' >"$tmp/inj/a.jsonl"
"$rabta" build "$tmp/inj" --db "$tmp/inj.db" -q 2>/dev/null
"$rabta" export --db "$tmp/inj.db" --format html -o "$tmp/inj.html" 2>/dev/null || fail "export of the markup page"
if [ "$(grep -c '</script>' "$tmp/inj.html")" -ne 2 ]; then fail "a </script> from the data leaked into the page"; fi
run_browser --dump-dom "file://$tmp/inj.html#selftest" >"$tmp/inj-dom.html"
grep -q 'id="pwn"' "$tmp/inj-dom.html" && fail "an <img> from an article title was rendered"
grep -q '<pre id="selftest">{' "$tmp/inj-dom.html" || fail "the markup page's self-test did not run"

if [ -n "${RABTA_SCREENSHOTS:-}" ]; then
  mkdir -p "$RABTA_SCREENSHOTS"
  run_browser --window-size=1600,1000 --screenshot="$RABTA_SCREENSHOTS/seeds.png" "file://$tmp/seeds.html" >/dev/null
  [ -s "$RABTA_SCREENSHOTS/seeds.png" ] || fail "no screenshot"
else
  run_browser --window-size=1600,1000 --screenshot="$tmp/seeds.png" "file://$tmp/seeds.html" >/dev/null
  [ -s "$tmp/seeds.png" ] || fail "no screenshot"
fi

if [ "$failures" -gt 0 ]; then
  echo "browser log:"; tail -20 "$tmp/browser.log"
  echo "html_test: $failures failure(s)"
  exit 1
fi
echo "html_test: ok"
