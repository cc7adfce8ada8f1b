// The style sheet and the script of the HTML view (write_html), inline in the
// page so that it needs no network. The script is small and hand-written: it
// reads the page's JSON block and the SVG that the C++ writer drew, and adds
// the clicks, the filters, the label toggle, zoom and a self-test.
#pragma once

#include <string_view>

namespace rabta::detail {

// Fonts by family name only (Debian: fonts-noto-core, fonts-nafees); nothing is
// embedded or fetched. Naskh first for the small labels of the drawing, where
// Nastaliq's tall stacks collide; Nastaliq first for sentences, as Urdu is read.
inline constexpr std::string_view kHtmlStyle = R"css(
:root { --naskh: "Noto Naskh Arabic", "Nafees Web Naskh", "Noto Nastaliq Urdu", "Nafees",
  "Noto Sans Arabic", "DejaVu Sans", "Arial", sans-serif;
  --nastaliq: "Noto Nastaliq Urdu", "Nafees", "Nafees Nastaleeq", "Jameel Noori Nastaleeq",
  "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Arial", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #222;
  display: grid; grid-template-columns: 1fr 420px; grid-template-rows: auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; padding: 6px 12px; border-bottom: 1px solid #ddd; display: flex;
  flex-wrap: wrap; gap: 6px 16px; align-items: center; background: #fafafa; }
header h1 { font-size: 16px; margin: 0; }
header label { white-space: nowrap; }
header .sw { display: inline-block; width: 18px; height: 0; border-top: 3px solid; vertical-align: middle; }
main { overflow: hidden; position: relative; background: #fff; }
#graph { width: 100%; height: 100%; display: block; cursor: grab; }
aside { overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 12px; }
aside h2 { font-size: 15px; margin: 8px 0 4px; }
.ur, .lab-ur { font-family: var(--naskh); direction: rtl; unicode-bidi: isolate; }
q.ur, .evidence .ur { font-family: var(--nastaliq); font-size: 15px; line-height: 2.3; display: block; quotes: none; }
.meta { color: #666; font-size: 12px; }
.evidence .meta .ur { font-family: var(--naskh); font-size: 12px; line-height: 1.8; }
.evidence { padding: 0; margin: 4px 0 8px; list-style: none; }
.evidence li { border-top: 1px solid #eee; padding: 2px 0; }
details.tie summary { cursor: pointer; }
.n { cursor: pointer; }
.n circle { stroke: #fff; stroke-width: 1.2; }
.n text { font-size: 11px; fill: #222; text-anchor: middle; paint-order: stroke; stroke: #fff;
  stroke-width: 3px; stroke-linejoin: round; pointer-events: none; }
.n text.lab-ur { font-size: 12px; }
body.latin .lab-ur, body:not(.latin) .lab-en { display: none; }
.e { fill: none; stroke-linecap: round; }
#hits path { fill: none; stroke: transparent; stroke-width: 9; cursor: pointer; }
.hidden { display: none; }
svg.focus .n:not(.hl) { opacity: .2; }
svg.focus .e:not(.hl) { opacity: .1; }
.e.sel { stroke: #000 !important; }
.n.sel circle { stroke: #000; stroke-width: 2.5; }
#timelines svg { display: block; margin-bottom: 4px; }
#timelines rect { cursor: pointer; }
#timelines text { font-size: 10px; fill: #555; }
#selftest { display: none; }
)css";

inline constexpr std::string_view kHtmlScript = R"js(
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var svg = document.getElementById('graph');
  var nodeEls = [].slice.call(document.querySelectorAll('#nodes > g.n'));
  var edgeEls = [].slice.call(document.querySelectorAll('#edges > .e'));
  var hitEls = [].slice.call(document.querySelectorAll('#hits > path'));
  var details = document.getElementById('details');
  var from = document.getElementById('from'), to = document.getElementById('to');
  var relBoxes = [].slice.call(document.querySelectorAll('input[name=rel]'));
  var adj = D.nodes.map(function () { return []; });
  D.edges.forEach(function (e, i) { adj[e.s].push(i); if (e.t !== e.s) adj[e.t].push(i); });
  var current = null;

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined) x.textContent = text;
    return x;
  }
  function latin() { return document.body.classList.contains('latin'); }
  function name(i) { var n = D.nodes[i]; return latin() && n.en ? n.en : n.ur; }
  function nameEl(tag, i) { return el(tag, latin() && D.nodes[i].en ? '' : 'ur', name(i)); }
  function dated() { return from.value || to.value; }
  function evidenceShown(v) {
    if (!dated()) return true;
    if (!v.d) return false;
    var m = v.d.slice(0, 7);
    return (!from.value || m >= from.value) && (!to.value || m <= to.value);
  }
  function relShown(r) {
    return relBoxes.some(function (b) { return b.value === r && b.checked; });
  }
  function edgeShown(i) {
    var e = D.edges[i];
    return relShown(e.rel) && (!dated() || e.ev.some(evidenceShown));
  }

  function evidenceList(i) {
    var ul = el('ul', 'evidence');
    D.edges[i].ev.filter(evidenceShown).forEach(function (v) {
      var li = el('li'), a = D.articles[v.a] || {};
      li.appendChild(el('q', 'ur', v.t));
      var meta = el('div', 'meta', [v.d || 'undated', v.o, v.a].filter(Boolean).join(' · '));
      if (a.title) meta.appendChild(el('div', 'ur', a.title));
      li.appendChild(meta);
      ul.appendChild(li);
    });
    return ul;
  }
  function edgeHeader(i) {
    var e = D.edges[i], h = el('h2');
    h.appendChild(nameEl('span', e.s));
    h.appendChild(el('span', '', e.sym ? ' — ' + e.rel + ' — ' : ' — ' + e.rel + ' → '));
    h.appendChild(nameEl('span', e.t));
    return h;
  }
  function select(els) {
    svg.classList.add('focus');
    document.querySelectorAll('.hl, .sel').forEach(function (x) { x.classList.remove('hl', 'sel'); });
    els.forEach(function (x) { x.classList.add('hl'); });
  }
  function showEdge(i) {
    current = ['edge', i];
    var e = D.edges[i];
    select([edgeEls[i], nodeEls[e.s], nodeEls[e.t]]);
    edgeEls[i].classList.add('sel');
    details.textContent = '';
    details.appendChild(edgeHeader(i));
    details.appendChild(el('div', 'meta', 'weight ' + e.w + ' · ' + e.mode + ' · ' +
      (e.first ? e.first + ' – ' + e.last : 'undated') + (e.outlets ? ' · ' + e.outlets : '')));
    details.appendChild(evidenceList(i));
  }
  function showNode(i) {
    current = ['node', i];
    var n = D.nodes[i], shown = adj[i].filter(edgeShown), els = [nodeEls[i]];
    shown.forEach(function (k) {
      els.push(edgeEls[k], nodeEls[D.edges[k].s], nodeEls[D.edges[k].t]);
    });
    select(els);
    nodeEls[i].classList.add('sel');
    details.textContent = '';
    details.appendChild(nameEl('h2', i));
    details.appendChild(el('div', 'meta', [n.en, n.type, n.country, n.id].filter(Boolean).join(' · ')));
    shown.sort(function (a, b) {
      var x = D.edges[a], y = D.edges[b];
      return x.rel < y.rel ? -1 : x.rel > y.rel ? 1 : y.w - x.w;
    });
    shown.forEach(function (k) {
      var e = D.edges[k], box = el('details', 'tie'), s = el('summary');
      s.appendChild(el('span', '', e.rel + ' ' + (e.sym ? '—' : e.s === i ? '→' : '←') + ' '));
      s.appendChild(nameEl('span', e.s === i ? e.t : e.s));
      s.appendChild(el('span', 'meta', ' ×' + e.w));
      box.appendChild(s);
      box.appendChild(evidenceList(k));
      details.appendChild(box);
    });
    if (!shown.length) details.appendChild(el('p', 'meta', 'no tie in the current filter'));
  }
  function redraw() {
    if (!current) return;
    if (current[0] === 'edge') showEdge(current[1]); else showNode(current[1]);
  }

  function applyFilter() {
    var any = dated() || relBoxes.some(function (b) { return !b.checked; });
    var live = D.nodes.map(function () { return !any; });
    var count = 0;
    D.edges.forEach(function (e, i) {
      var on = edgeShown(i);
      edgeEls[i].classList.toggle('hidden', !on);
      hitEls[i].classList.toggle('hidden', !on);
      if (on) { live[e.s] = live[e.t] = true; count++; }
    });
    var nodes = 0;
    live.forEach(function (on, i) { nodeEls[i].classList.toggle('hidden', !on); if (on) nodes++; });
    document.getElementById('count').textContent = nodes + ' nodes, ' + count + ' edges';
    redraw();
  }
  relBoxes.forEach(function (b) { b.addEventListener('change', applyFilter); });
  [from, to].forEach(function (x) { x.addEventListener('change', applyFilter); });
  document.getElementById('reset').addEventListener('click', function () {
    from.value = to.value = '';
    relBoxes.forEach(function (b) { b.checked = true; });
    current = null;
    svg.classList.remove('focus');
    details.textContent = '';
    applyFilter();
  });
  document.getElementById('labels').addEventListener('click', function () {
    document.body.classList.toggle('latin');
    redraw();
  });
  document.querySelectorAll('#timelines rect[data-month]').forEach(function (r) {
    r.addEventListener('click', function () {
      from.value = to.value = r.getAttribute('data-month');
      applyFilter();
    });
  });
  svg.addEventListener('click', function (ev) {
    var t = ev.target.closest('[data-i]');
    if (!t) { current = null; svg.classList.remove('focus'); return; }
    var i = +t.getAttribute('data-i');
    if (t.closest('#nodes')) showNode(i); else showEdge(i);
  });

  // zoom with the wheel, pan by dragging: the viewBox moves, the drawing stays vector
  var vb = svg.viewBox.baseVal, drag = null;
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var k = ev.deltaY > 0 ? 1.2 : 1 / 1.2, r = svg.getBoundingClientRect();
    var px = vb.x + (ev.clientX - r.left) / r.width * vb.width;
    var py = vb.y + (ev.clientY - r.top) / r.height * vb.height;
    vb.x = px - (px - vb.x) * k; vb.y = py - (py - vb.y) * k;
    vb.width *= k; vb.height *= k;
  }, {passive: false});
  svg.addEventListener('mousedown', function (ev) { drag = [ev.clientX, ev.clientY]; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    vb.x -= (ev.clientX - drag[0]) / r.width * vb.width;
    vb.y -= (ev.clientY - drag[1]) / r.height * vb.height;
    drag = [ev.clientX, ev.clientY];
  });

  if (document.body.getAttribute('data-label') === 'latin') document.body.classList.add('latin');
  applyFilter();
  // #node=ID or #edge=N opens that node or edge, so that a view can be linked to
  var open = /^#(node|edge)=(.+)$/.exec(decodeURIComponent(location.hash));
  if (open && open[1] === 'edge' && D.edges[+open[2]]) showEdge(+open[2]);
  if (open && open[1] === 'node') {
    D.nodes.forEach(function (n, i) { if (n.id === open[2]) showNode(i); });
  }

  // #selftest in the URL: click through the page and write what it shows, for
  // the headless browser test (tests/export/html_test.sh)
  if (location.hash !== '#selftest') return;
  var r = {nodes: nodeEls.length, edges: edgeEls.length, data_nodes: D.nodes.length,
           data_edges: D.edges.length};
  var click = function (x) { x.dispatchEvent(new MouseEvent('click', {bubbles: true})); };
  if (hitEls.length) {
    click(hitEls[0]);
    r.edge_evidence = details.querySelectorAll('.evidence li').length;
    r.edge_sentence = (details.querySelector('.evidence q') || {}).textContent || '';
  }
  if (nodeEls.length) {
    click(nodeEls[0]);
    r.node_ties = details.querySelectorAll('details.tie').length;
    r.node_degree = adj[0].length;
  }
  relBoxes.forEach(function (b) { b.checked = b.value === 'met'; });
  applyFilter();
  r.met_edges = edgeEls.filter(function (x) { return !x.classList.contains('hidden'); }).length;
  document.getElementById('reset').click();
  r.after_reset = document.getElementById('count').textContent;
  document.getElementById('labels').click();
  var lab = nodeEls.length && nodeEls[0].querySelector('.lab-en');
  r.latin_shown = lab ? getComputedStyle(lab).display !== 'none' : null;
  document.getElementById('labels').click();
  document.getElementById('selftest').textContent = JSON.stringify(r);
})();
)js";

}  // namespace rabta::detail
