/* jiyao graph.html: search, filters, side panel. Report text is only ever set with textContent. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var read = function (id) { return JSON.parse($(id).textContent); };
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };

  var data = read("jy-data");
  var nodeList = read("jy-nodes");
  var edgeList = read("jy-edges");
  var options = read("jy-options");
  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var network = new vis.Network($("jy-network"), { nodes: nodes, edges: edges }, options);
  var api = { network: network, nodes: nodes, edges: edges, data: data, ready: false, readyAt: null };
  window.jiyao = api;

  document.title = data.title;
  $("jy-title").textContent = data.title;

  // -- neighbours and node types --------------------------------------------------------------
  var n = nodeList.length;
  var type = new Array(n), adj = new Array(n), i;
  for (i = 0; i < n; i++) { type[nodeList[i].id] = nodeList[i].group; adj[i] = []; }
  edgeList.forEach(function (e) { adj[e.from].push(e.to); adj[e.to].push(e.from); });

  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
  if (data.physics) {
    // tidy small graphs once, then stop: physics left running keeps a core busy
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  } else {
    network.fit({ animation: false });
  }

  // -- legend and type filters ----------------------------------------------------------------
  var SHAPE_GLYPH = { dot: "●", square: "■", triangle: "▲", hexagon: "⬢", diamond: "◆", box: "▬", star: "★" };
  var typeCount = {};
  type.forEach(function (t) { typeCount[t] = (typeCount[t] || 0) + 1; });
  var typeBoxes = {};
  Object.keys(data.types).forEach(function (t) {
    var info = data.types[t];
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = t; box.id = "jy-type-" + t;
    box.addEventListener("change", applyFilters);
    typeBoxes[t] = box;
    var glyph = el("span", SHAPE_GLYPH[info.shape] || "●", "jy-glyph");
    glyph.style.color = info.color;
    label.appendChild(box); label.appendChild(glyph);
    label.appendChild(el("span", info.zh + " " + info.en + " (" + (typeCount[t] || 0) + ")"));
    li.appendChild(label);
    $("jy-types").appendChild(li);
  });
  var relUsed = {};
  edgeList.forEach(function (e) { e.rel.forEach(function (r) { relUsed[r] = true; }); });
  Object.keys(data.relations).forEach(function (r) {
    if (!relUsed[r]) return;
    var info = data.relations[r], li = el("li"), line = el("span", "—", "jy-glyph");
    line.style.color = info.color;
    li.appendChild(line); li.appendChild(el("span", info.zh + " " + info.en));
    $("jy-rels").appendChild(li);
  });

  // -- theme and date filters -----------------------------------------------------------------
  var themeIds = Object.keys(data.themeMeetings).map(Number);
  themeIds.sort(function (a, b) { return data.labels[a].localeCompare(data.labels[b], "zh"); });
  themeIds.forEach(function (t) {
    var o = el("option", data.labels[t] + " (" + data.themeMeetings[t].length + ")");
    o.value = String(t);
    $("jy-theme").appendChild(o);
  });
  var BOUND = /^(\d{4}|-)-\d{2}-\d{2}$/;
  function bound(id) {
    var input = $(id), v = input.value.trim();
    var ok = v === "" || BOUND.test(v);
    input.classList.toggle("jy-bad", !ok);
    return ok && v !== "" ? v : null;
  }
  function kind(d) { return d.slice(0, 2) === "--" ? "md" : "date"; }
  // as kg.analytics.in_window: a bound only compares with dates of its own kind
  function inWindow(d, since, until) {
    if (since === null && until === null) return true;
    if (!d) return false;
    if (since !== null && (kind(since) !== kind(d) || d < since)) return false;
    if (until !== null && (kind(until) !== kind(d) || d > until)) return false;
    return true;
  }

  var visible = new Array(n).fill(true);
  function applyFilters() {
    var theme = $("jy-theme").value === "" ? null : Number($("jy-theme").value);
    var since = bound("jy-since"), until = bound("jy-until");
    var allowed = null;
    if (theme !== null || since !== null || until !== null) {
      var inTheme = null;
      if (theme !== null) {
        inTheme = {};
        data.themeMeetings[theme].forEach(function (m) { inTheme[m] = true; });
      }
      allowed = new Uint8Array(n);
      var m, k;
      for (m = 0; m < n; m++) {
        if (type[m] !== "Meeting" || !inWindow(data.meetingDates[m], since, until)) continue;
        if (inTheme !== null && !inTheme[m]) continue;
        allowed[m] = 1;
        for (k = 0; k < adj[m].length; k++) if (type[adj[m][k]] !== "Meeting") allowed[adj[m][k]] = 1;
      }
      // the people's posts, then the posts' organizations (as kg.viz._surroundings)
      var posts = [];
      for (m = 0; m < n; m++) {
        if (allowed[m] && type[m] === "Person") {
          adj[m].forEach(function (x) { if (type[x] === "Post") posts.push(x); });
        }
      }
      posts.forEach(function (p) {
        allowed[p] = 1;
        adj[p].forEach(function (x) { if (type[x] === "Organization") allowed[x] = 1; });
      });
    }
    var changes = [], shown = 0;
    for (i = 0; i < n; i++) {
      var on = typeBoxes[type[i]].checked && (allowed === null || allowed[i] === 1);
      if (on !== visible[i]) { visible[i] = on; changes.push({ id: i, hidden: !on }); }
      if (on) shown++;
    }
    if (changes.length) nodes.update(changes);
    status(shown);
  }
  function status(shown) { $("jy-status").textContent = shown + " / " + n + " 个节点 nodes"; }
  ["jy-theme", "jy-since", "jy-until"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  $("jy-reset").addEventListener("click", function () {
    $("jy-theme").value = ""; $("jy-since").value = ""; $("jy-until").value = "";
    Object.keys(typeBoxes).forEach(function (t) { typeBoxes[t].checked = true; });
    applyFilters();
    network.fit({ animation: false });
  });
  status(n);

  // -- side panel -----------------------------------------------------------------------------
  function str(x) { return typeof x === "number" ? data.strings[x] : x; }
  function showPanel(id) {
    var d = data.details[id], body = $("jy-panel-body");
    body.textContent = "";
    var h = el("h2", d.name, "jy-name");
    h.style.borderColor = data.types[type[id]].color;
    body.appendChild(h);
    var dl = el("dl");
    d.fields.forEach(function (f) { dl.appendChild(el("dt", f[0])); dl.appendChild(el("dd", f[1])); });
    body.appendChild(dl);
    d.sections.forEach(function (s) {
      var sec = el("section", null, "jy-section");
      sec.setAttribute("data-section", s[0]);
      sec.appendChild(el("h3", s[0] + " (" + s[1].length + ")"));
      var ul = el("ul");
      s[1].forEach(function (row) {
        var li = el("li"), main = el("div", str(row[0]), "jy-text");
        li.appendChild(main);
        if (row[1] !== "") li.appendChild(el("div", str(row[1]), "jy-sub"));
        if (row[2] >= 0) {
          li.classList.add("jy-link");
          li.title = "→";
          li.addEventListener("click", function () { focusNode(row[2]); });
        }
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      body.appendChild(sec);
    });
    body.appendChild(el("p", d.iri, "jy-iri"));
    $("jy-panel").hidden = false;
    api.panelNode = id;
  }
  function hidePanel() { $("jy-panel").hidden = true; api.panelNode = null; }
  $("jy-close").addEventListener("click", hidePanel);
  network.on("click", function (p) { if (p.nodes.length) showPanel(p.nodes[0]); else hidePanel(); });

  function focusNode(id) {
    if (!visible[id]) { $("jy-reset").click(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: n <= 2000 ? { duration: 300 } : false });
    showPanel(id);
  }
  api.focusNode = focusNode;
  api.showPanel = showPanel;

  // -- search ---------------------------------------------------------------------------------
  var folded = data.labels.map(function (l) { return l.toLowerCase(); });
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var j = 0; j < n; j++) {
      var at = folded[j].indexOf(q);
      if (at >= 0) hits.push([folded[j] === q ? 0 : at === 0 ? 1 : 2, folded[j].length, j]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 20).map(function (h) { return h[2]; });
  }
  function renderResults() {
    var ul = $("jy-results");
    ul.textContent = "";
    matches($("jy-search").value).forEach(function (j) {
      var li = el("li", null, "jy-result");
      li.setAttribute("role", "option");
      li.setAttribute("data-node", String(j));
      var glyph = el("span", SHAPE_GLYPH[data.types[type[j]].shape] || "●", "jy-glyph");
      glyph.style.color = data.types[type[j]].color;
      li.appendChild(glyph);
      li.appendChild(el("span", data.labels[j]));
      li.appendChild(el("span", " · " + data.types[type[j]].zh, "jy-sub"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(j); });
      ul.appendChild(li);
    });
  }
  function pick(j) { $("jy-results").textContent = ""; focusNode(j); }
  $("jy-search").addEventListener("input", renderResults);
  $("jy-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = matches($("jy-search").value)[0];
      if (first !== undefined) pick(first);
    } else if (ev.key === "Escape") {
      $("jy-results").textContent = "";
    }
  });
  $("jy-search").addEventListener("blur", function () { $("jy-results").textContent = ""; });
})();
