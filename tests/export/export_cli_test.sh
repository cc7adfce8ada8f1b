#!/usr/bin/env bash
# The export options of issue 18 through the CLI, on the seed pages: filtered
# exports drop isolated nodes (--keep-isolates keeps them), a file of symmetric
# ties only is undirected, --mixed gives each edge its own direction, and
# --excel puts the UTF-8 byte-order mark before each CSV table.
set -uo pipefail
rabta=${RABTA_BINARY:?set by meson test}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/seeds.db"
"$rabta" build --db "$db" -q || { echo "setup: seed build failed"; exit 1; }
x() { "$rabta" export --db "$db" "$@" 2>/dev/null; }
x -o "$tmp/all.graphml" &&
  x --from 2025 -o "$tmp/2025.graphml" &&
  x --from 2025 --keep-isolates -o "$tmp/2025-kept.graphml" &&
  x --relation met,cooperated,agreed -o "$tmp/talks.graphml" &&
  x --relation met,cooperated,agreed --format gexf -o "$tmp/talks.gexf" &&
  x --mixed -o "$tmp/mixed.graphml" &&
  x --format csv -o "$tmp/csv" &&
  x --format csv --excel -o "$tmp/excel" || { echo "FAIL  an export failed"; exit 1; }
python3 - "$tmp" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
t = sys.argv[1]
G = "{http://graphml.graphdrawing.org/xmlns}"
def read(name):
    g = ET.parse(f"{t}/{name}").getroot().find(G + "graph")
    nodes = [n.get("id") for n in g.iter(G + "node")]
    edges = list(g.iter(G + "edge"))
    return g, nodes, edges
def isolated(nodes, edges):
    touched = {e.get(k) for e in edges for k in ("source", "target")}
    return [n for n in nodes if n not in touched]
fails = []
def check(ok, what):
    if not ok:
        fails.append(what)
        print("FAIL ", what)
_, all_nodes, all_edges = read("all.graphml")
check(isolated(all_nodes, all_edges), "the unfiltered seeds have actors without ties")
_, n25, e25 = read("2025.graphml")
check(0 < len(n25) < len(all_nodes) and not isolated(n25, e25),
      f"--from 2025 keeps isolated nodes: {isolated(n25, e25)}")
_, nk, ek = read("2025-kept.graphml")
check(nk == all_nodes and len(ek) == len(e25), "--keep-isolates keeps every node, no more edges")
g, _, e = read("talks.graphml")
check(g.get("edgedefault") == "undirected" and e, "met/cooperated/agreed only is undirected")
gexf = ET.parse(f"{t}/talks.gexf").getroot().find("{http://gexf.net/1.3}graph")
check(gexf.get("defaultedgetype") == "undirected", "GEXF of symmetric ties is undirected")
g, _, e = read("mixed.graphml")
by = {(x.get("source"), x.get("target")): x.get("directed") for x in e}
check(by.get(("person:james-dong", "person:shehbaz-sharif")) == "false", "--mixed: met has no arrow")
check(by.get(("person:shaza-fatima-khawaja", "country:PK")) == "true", "--mixed: a role keeps its arrow")
for table in ("nodes.csv", "edges.csv"):
    plain = open(f"{t}/csv/{table}", "rb").read()
    excel = open(f"{t}/excel/{table}", "rb").read()
    check(not plain.startswith(b"\xef\xbb\xbf"), f"{table} without --excel has no BOM")
    check(excel == b"\xef\xbb\xbf" + plain, f"{table} with --excel is the BOM and the same bytes")
rows = list(csv.DictReader(open(f"{t}/excel/nodes.csv", encoding="utf-8-sig", newline="")))
check(rows[0].get("Id", "").startswith(("country:", "forum:", "org:", "person:", "place:")),
      "the first column is still Id behind the BOM")
check(any(r["label_ur"] == "شزہ فاطمہ خواجہ" for r in rows), "Urdu intact in the Excel CSV")
sys.exit(1 if fails else 0)
PY
status=$?
[ $status -eq 0 ] && echo "export_cli_test: ok"
exit $status
