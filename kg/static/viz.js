// kg graph page: reads the JSON data block, draws it with vis-network (positions precomputed,
// physics off), and wires search, filters, focus mode and the details panel.
// Every string from the data reaches the DOM through textContent, never innerHTML.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var N = D.nodes.length;
  var STYLE = {};
  D.kinds.forEach(function (k) { STYLE[k.kind] = k; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // ---- data for vis -------------------------------------------------------------------------
  var visNodes = new vis.DataSet(D.nodes.map(function (n) {
    var s = STYLE[n.kind];
    return {
      id: n.id, label: n.name.length > 14 ? n.name.slice(0, 13) + "…" : n.name, x: n.x, y: n.y, size: n.size, shape: s.shape,
      color: { background: s.color, border: s.border,
               highlight: { background: s.color, border: "#111" }, hover: { background: s.color, border: "#111" } },
      font: { size: Math.round(11 + n.size * 0.4) }
    };
  }));
  var visEdges = new vis.DataSet(D.edges.map(function (e) {
    var smooth = (D.big || e.lane === 0) ? false : { enabled: true, type: "curvedCW", roundness: 0.18 * e.lane };
    if (e.cooccurrence) {
      return { id: e.id, from: e.from, to: e.to, hidden: true, smooth: smooth,
               width: Math.min(4, 0.5 + 0.5 * e.weight), color: { color: "#cfcfcf", highlight: "#999", hover: "#999" } };
    }
    return { id: e.id, from: e.from, to: e.to, label: e.relation, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             smooth: smooth, width: 1.2, color: { color: "#8a8a8a", highlight: "#333", hover: "#333" } };
  }));
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: D.big, hideEdgesOnZoom: D.big,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { borderWidth: 1, font: { face: D.font, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 7 } } },
    edges: { font: { face: D.font, size: 10, color: "#555", strokeWidth: 2, strokeColor: "#ffffff", align: "middle" },
             selectionWidth: 1.5, hoverWidth: 0.5, scaling: { label: { drawThreshold: 7 } } }
  };
  var network = new vis.Network($("graph"), { nodes: visNodes, edges: visEdges }, options);

  // ---- adjacency ----------------------------------------------------------------------------
  var incident = [];
  for (var i = 0; i < N; i++) incident.push([]);
  D.edges.forEach(function (e) { incident[e.from].push(e); if (e.to !== e.from) incident[e.to].push(e); });

  // ---- visibility: kinds, co-occurrence, date range, focus ----------------------------------
  var state = { kinds: {}, cooc: false, from: "", to: "", focus: null, focusRoot: null };
  D.kinds.forEach(function (k) { state.kinds[k.kind] = true; });
  var nodeShown = new Array(N).fill(true);
  var edgeShown = D.edges.map(function (e) { return !e.cooccurrence; });

  function dateOk(d) {
    if (!state.from && !state.to) return true;
    if (!d) return false;
    if (d.slice(0, 2) === "--") {  // month-day only: compare within a year, pass when the range spans years
      var md = d.slice(2, 7);
      if (state.from && state.to && state.from.slice(0, 4) !== state.to.slice(0, 4)) return true;
      return (!state.from || md >= state.from.slice(5)) && (!state.to || md <= state.to.slice(5));
    }
    var iso = d.slice(0, 10);
    return (!state.from || iso >= state.from) && (!state.to || iso <= state.to);
  }
  function nodeOk(n) {
    if (!state.kinds[n.kind]) return false;
    if (state.focus && !state.focus[n.id]) return false;
    if (n.kind === "Event" && !dateOk(n.date)) return false;
    return true;
  }
  function apply() {
    var nu = [], eu = [], shownN = 0, shownE = 0;
    D.nodes.forEach(function (n) {
      var v = nodeOk(n);
      if (v) shownN++;
      if (v !== nodeShown[n.id]) { nodeShown[n.id] = v; nu.push({ id: n.id, hidden: !v }); }
    });
    D.edges.forEach(function (e) {
      var v = nodeShown[e.from] && nodeShown[e.to] && (!e.cooccurrence || state.cooc);
      if (v) shownE++;
      if (v !== edgeShown[e.id]) { edgeShown[e.id] = v; eu.push({ id: e.id, hidden: !v }); }
    });
    if (nu.length) visNodes.update(nu);
    if (eu.length) visEdges.update(eu);
    var text = shownN + " of " + N + " nodes, " + shownE + " of " + D.edges.length + " edges";
    if (state.focus) text += " · focus: " + D.nodes[state.focusRoot].name + " (" + state.focusHops + " hops)";
    $("status").textContent = text;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kind-filter"), function (box) {
    box.addEventListener("change", function () { state.kinds[box.value] = box.checked; apply(); });
  });
  $("show-cooc").addEventListener("change", function () { state.cooc = $("show-cooc").checked; apply(); });
  var dates = D.nodes.filter(function (n) { return n.kind === "Event" && /^\d{4}-\d{2}-\d{2}/.test(n.date); })
                     .map(function (n) { return n.date.slice(0, 10); }).sort();
  if (dates.length) {
    ["date-from", "date-to"].forEach(function (id) { $(id).min = dates[0]; $(id).max = dates[dates.length - 1]; });
  }
  ["date-from", "date-to"].forEach(function (id) {
    $(id).addEventListener("change", function () { state.from = $("date-from").value; state.to = $("date-to").value; apply(); });
  });

  // ---- focus mode ---------------------------------------------------------------------------
  var selected = null;
  function hops() { var h = parseInt($("hops").value, 10); return isNaN(h) ? D.hops : Math.max(1, Math.min(6, h)); }
  function focusOn(id, k) {
    var seen = {}; seen[id] = true;
    var frontier = [id];
    for (var d = 0; d < k; d++) {
      var next = [];
      frontier.forEach(function (x) {
        incident[x].forEach(function (e) {
          if (e.cooccurrence && !state.cooc) return;
          var y = e.from === x ? e.to : e.from;
          if (!seen[y]) { seen[y] = true; next.push(y); }
        });
      });
      frontier = next;
    }
    state.focus = seen; state.focusRoot = id; state.focusHops = k;
    apply();
    network.fit({ nodes: Object.keys(seen).map(Number).filter(function (n) { return nodeShown[n]; }), animation: false });
  }
  function showAll() {
    state.focus = null; state.focusRoot = null;
    apply();
    network.fit({ animation: false });
  }
  $("focus-btn").addEventListener("click", function () { if (selected !== null) focusOn(selected, hops()); });
  $("show-all").addEventListener("click", showAll);

  // ---- details panel ------------------------------------------------------------------------
  var panel = $("details");
  function section(title, items, render) {
    if (!items.length) return;
    panel.appendChild(el("h2", title + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (it) { var li = el("li"); render(li, it); ul.appendChild(li); });
    panel.appendChild(ul);
  }
  function nodeLink(id) {
    var b = el("button", D.nodes[id].name, "link");
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function kindText(n) {
    var s = STYLE[n.kind] ? STYLE[n.kind].label : n.kind;
    return s + (n.subkind ? " · " + n.subkind : "") + (n.date ? " · " + n.date : "");
  }
  function articleItem(li, a) {
    li.appendChild(el("span", a.headline || "(no headline)"));
    li.appendChild(el("span", a.source, "source"));
  }
  function showNode(id) {
    var n = D.nodes[id];
    panel.textContent = "";
    panel.appendChild(el("h2", n.name, "name"));
    panel.appendChild(el("div", kindText(n), "kind"));
    var actions = el("div", null, "actions");
    var f = el("button", "focus " + hops() + "-hop neighbourhood"); f.type = "button";
    f.addEventListener("click", function () { focusOn(id, hops()); });
    var all = el("button", "show all"); all.type = "button";
    all.addEventListener("click", showAll);
    actions.appendChild(f); actions.appendChild(all);
    panel.appendChild(actions);
    section("职务 Posts", n.titles, function (li, t) { li.textContent = t; });
    section("别名 Aliases", n.aliases, function (li, t) { li.textContent = t; });
    section("报道 Articles", n.articles.map(function (i) { return D.articles[i]; }), articleItem);
    var rels = incident[id].filter(function (e) { return !e.cooccurrence; });
    section("关系 Relations", rels.slice(0, 200), function (li, e) {
      var out = e.from === id;
      li.appendChild(el("span", (out ? e.relation + " → " : "← " + e.relation + " ")));
      li.appendChild(nodeLink(out ? e.to : e.from));
      li.appendChild(el("span", " "));
      var ev = el("button", "evidence", "link"); ev.type = "button";
      ev.addEventListener("click", function () { selectEdge(e.id); });
      li.appendChild(ev);
    });
    var co = incident[id].filter(function (e) { return e.cooccurrence; })
                         .sort(function (a, b) { return b.weight - a.weight || a.id - b.id; });
    section("共现 Co-occurs with", co.slice(0, 50), function (li, e) {
      li.appendChild(nodeLink(e.from === id ? e.to : e.from));
      li.appendChild(el("span", " ×" + e.weight));
    });
  }
  function showEdge(eid) {
    var e = D.edges[eid];
    panel.textContent = "";
    panel.appendChild(el("h2", e.cooccurrence ? "co-occurrence" : e.relation, "name"));
    var p = el("div", null, "kind");
    p.appendChild(nodeLink(e.from));
    p.appendChild(el("span", e.cooccurrence ? " — " : " → "));
    p.appendChild(nodeLink(e.to));
    panel.appendChild(p);
    var meta = [];
    if (e.cooccurrence) meta.push("weight " + e.weight);
    if (e.confidence !== null) meta.push("confidence " + e.confidence);
    if (e.rule) meta.push("rule " + e.rule);
    if (meta.length) panel.appendChild(el("div", meta.join(" · "), "hint"));
    section("证据 Evidence", e.evidence, function (li, ev) {
      li.appendChild(el("span", ev.sentence, "sentence"));
      li.appendChild(el("span", ev.headline || "(no headline)"));
      li.appendChild(el("span", ev.source, "source"));
    });
    if (!e.evidence.length) panel.appendChild(el("p", "No evidence sentences recorded.", "hint"));
  }

  function reveal(id) {
    var n = D.nodes[id];
    if (nodeShown[id]) return;
    if (state.focus && !state.focus[id]) { state.focus = null; state.focusRoot = null; }
    if (!state.kinds[n.kind]) {
      state.kinds[n.kind] = true;
      Array.prototype.forEach.call(document.querySelectorAll(".kind-filter"), function (b) {
        if (b.value === n.kind) b.checked = true;
      });
    }
    if (n.kind === "Event" && !dateOk(n.date)) {
      state.from = state.to = ""; $("date-from").value = ""; $("date-to").value = "";
    }
    apply();
  }
  function selectNode(id, move) {
    reveal(id);
    selected = id;
    $("focus-btn").disabled = false;
    network.selectNodes([id]);
    if (move) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  function selectEdge(eid) {
    var e = D.edges[eid];
    if (e.cooccurrence && !state.cooc) { state.cooc = true; $("show-cooc").checked = true; apply(); }
    if (edgeShown[eid]) network.selectEdges([eid]);
    showEdge(eid);
  }

  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], false);
    else if (p.edges.length) { selected = null; $("focus-btn").disabled = true; showEdge(p.edges[0]); }
  });

  // ---- hover summary ------------------------------------------------------------------------
  var tip = $("tooltip");
  function showTip(lines, dom) {
    tip.textContent = "";
    lines.forEach(function (l, i) { tip.appendChild(el("div", l, i === 0 ? "t" : "k")); });
    var r = $("graph").getBoundingClientRect();
    tip.style.left = Math.round(r.left + dom.x + 14) + "px";
    tip.style.top = Math.round(r.top + dom.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = D.nodes[p.node];
    var lines = [n.name, kindText(n)];
    if (n.titles.length) lines.push(n.titles.slice(0, 3).join("、"));
    if (n.aliases.length) lines.push("aka " + n.aliases.slice(0, 3).join("、"));
    lines.push(n.articles.length + " article(s), " + n.degree + " connection(s)");
    showTip(lines, p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var e = D.edges[p.edge];
    var head = e.cooccurrence ? "co-occurrence ×" + e.weight : e.relation;
    showTip([head, D.nodes[e.from].name + (e.cooccurrence ? " — " : " → ") + D.nodes[e.to].name,
             e.evidence.length + " evidence sentence(s)"], p.pointer.DOM);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  // ---- search -------------------------------------------------------------------------------
  var keys = D.nodes.map(function (n) {
    return [n.name.toLowerCase()].concat(n.aliases.map(function (a) { return a.toLowerCase(); }));
  });
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var rank = 9;
      keys[i].forEach(function (k, j) {
        var r = k === q ? (j === 0 ? 0 : 1) : k.indexOf(q) === 0 ? 2 : k.indexOf(q) > 0 ? 3 : 9;
        if (r < rank) rank = r;
      });
      if (D.nodes[i].iri === q) rank = 0;
      if (rank < 9) hits.push([rank, -D.nodes[i].degree, D.nodes[i].name, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[3] - b[3]); });
    return hits.slice(0, 30).map(function (h) { return h[3]; });
  }
  var results = $("results");
  var box = $("search");
  function showResults(ids) {
    results.textContent = "";
    ids.forEach(function (id, i) {
      var n = D.nodes[id];
      var li = el("li", n.name, i === 0 ? "active" : "");
      li.appendChild(el("span", STYLE[n.kind] ? STYLE[n.kind].label : n.kind, "kind"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); results.hidden = true; selectNode(id, true); });
      results.appendChild(li);
    });
    if (!ids.length && box.value.trim()) results.appendChild(el("li", "no match", "kind"));
    results.hidden = !box.value.trim();
  }
  box.addEventListener("input", function () { showResults(search(box.value)); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var ids = search(box.value);
      results.hidden = true;
      if (ids.length) selectNode(ids[0], true);
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  box.addEventListener("blur", function () { results.hidden = true; });

  // ---- start --------------------------------------------------------------------------------
  apply();
  network.once("afterDrawing", function () {
    window.kgReadyAt = performance.now();
    document.documentElement.setAttribute("data-kg-ready", "1");
  });
  if (D.focus.length) {
    selectNode(D.focus[0], false);
  }
  window.kg = { network: network, nodes: visNodes, edges: visEdges, data: D,
                select: function (id) { selectNode(id, true); }, focus: focusOn, showAll: showAll, search: search };
})();
