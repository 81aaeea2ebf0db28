/* govlint --format html: the page's script (inlined into the page; nothing is fetched).
 *
 * The data: #govlint-index (one small JSON: the dashboard's columns, the rules, the totals) and one
 * JSON block per report (#r0, #r1, …: its text, findings and tables), parsed only when the report is
 * opened. Report text is untrusted: it only ever becomes text (textContent), never markup. */
(function () {
  "use strict";

  var ZH = {
    reports: "份报告", errors: "错误", warnings: "警告", infos: "提示", reportsWithErrors: "份报告有错误", body: "发布机关", year: "年度",
    format: "格式", families: "问题类别", file: "文件", perRule: "各规则问题数", search: "搜索机关或文件名", allYears: "全部年度", allFormats: "全部格式",
    allRules: "全部规则", allStatus: "全部报告", withErrors: "有错误", warningsOnly: "仅有警告", clean: "无问题", reset: "重置",
    shown: "显示 {0} / {1} 份报告", prev: "上一页", next: "下一页", page: "第 {0} / {1} 页", perPage: "每页", back: "← 返回总览", findings: "问题列表",
    text: "正文", tables: "标准表格", noneShown: "当前筛选条件下没有问题。", severity: "严重程度", rule: "规则", onlyHits: "只显示有问题的段落", print: "打印",
    docs: "规则说明", fixable: "可自动修复：govlint --fix", where: "第 {0} 行第 {1} 列", hidden: "… {0} 行没有问题（点击显示全文）",
    recovered: "表格数字连写，按唯一可行的拆分读取", formatName: "{0} 格式", tablesIn: "表格按 {0} 格式", noFormat: "旧条例", unknown: "未知",
    generated: "生成于 {0}", close: "关闭", noTables: "未识别出标准表格。", chartNone: "没有发现问题。", chartAll: "显示全部 {0} 条规则",
    chartTop: "只显示前 12 条", noBody: "（未识别）", clickBar: "点击条形可按规则筛选", item: "项目", title: "政府信息公开工作年度报告审查结果", loading: "正在读取报告…",
    lineN: "第 {0} 行", statusLabel: "状态", comma: "、", noReports: "没有检查任何报告。", noReportShown: "没有符合筛选条件的报告。",
    tableLines: "第 {0}–{1} 行：表格", colon: "：", one: ["错误", "警告", "提示"], modelProblem: "未能读取这份报告的结构：", foldedRows: "… {0} 行没有问题",
    unaligned: "这一行的数值个数与列数不符，按书写顺序列出", showRaw: "显示原文", showGrid: "显示为表格", recoveredTables: "从正文连写数字读出的表格"
  };
  var EN = {
    reports: "reports", errors: "Errors", warnings: "Warnings", infos: "Notes", reportsWithErrors: "reports with errors",
    body: "Issuing body", year: "Year", format: "Format", families: "Rule families", file: "File", perRule: "Findings per rule",
    search: "Search body or file name", allYears: "All years", allFormats: "All formats", allRules: "All rules",
    allStatus: "All reports", withErrors: "With errors", warningsOnly: "Warnings only", clean: "Clean", reset: "Reset",
    shown: "Showing {0} of {1} reports", prev: "Previous", next: "Next", page: "Page {0} of {1}", perPage: "Per page",
    back: "← Back to the overview", findings: "Findings", text: "Text", tables: "Standard tables",
    noneShown: "No finding matches the filters.", severity: "Severity", rule: "Rule", onlyHits: "Only paragraphs with findings",
    print: "Print", docs: "documentation", fixable: "fixable: govlint --fix", where: "line {0}, column {1}",
    hidden: "… {0} lines without findings (click to show the whole text)",
    recovered: "the table's digits ran together; read by their only possible split", formatName: "{0} format",
    tablesIn: "tables in the {0} format", noFormat: "pre-2019", unknown: "unknown", generated: "generated {0}", close: "Close",
    noTables: "No standard table was recognised.", chartNone: "No findings.", chartAll: "show all {0} rules",
    chartTop: "show the top 12 only", noBody: "(not found)", clickBar: "click a bar to filter by rule", item: "Item",
    title: "Annual disclosure report audit", loading: "Reading the report…", lineN: "line {0}", statusLabel: "Status",
    comma: ", ", noReports: "No report was checked.", noReportShown: "No report matches the filters.",
    tableLines: "lines {0}–{1}: a table", colon: ": ", one: ["error", "warning", "note"],
    modelProblem: "the report's structure could not be read: ", foldedRows: "… {0} rows without findings",
    unaligned: "this row's values do not fit the columns: shown in the order written", showRaw: "show as written",
    showGrid: "show as a grid", recoveredTables: "Tables read back from run-together digits"
  };
  var SEV = ["error", "warning", "info"];
  var FAMILY_ORDER = ["structure", "dates", "tables", "arithmetic", "content", "typography", "engine"];

  var INDEX = JSON.parse(document.getElementById("govlint-index").textContent);
  var T = INDEX.lang === "en" ? EN : ZH;
  var COUNT = INDEX.paths.length;
  var collator = new Intl.Collator(INDEX.lang === "en" ? "en" : "zh-Hans-CN", { numeric: true });
  var app = document.getElementById("app");

  // ---- small helpers -------------------------------------------------------------------------
  function fmt(template) {
    var args = arguments;
    return template.replace(/\{(\d)\}/g, function (_, n) { return String(args[+n + 1]); });
  }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, key) || attrs[key] == null || attrs[key] === false) continue;
        if (key === "text") node.textContent = attrs[key];
        else if (key === "cls") node.className = attrs[key];
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), attrs[key]);
        else node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
      }
    }
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function add(node, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) {
      if (key === "text") node.textContent = attrs[key]; else node.setAttribute(key, attrs[key]);
    }
    return node;
  }
  function fileName(path) { var parts = String(path).split(/[\\/]/); return parts[parts.length - 1]; }
  function familyName(key) { return INDEX.families[key] || key; }
  function rule(code) { return INDEX.rules[code] || { name: "", summary: "", family: "", severity: "" }; }
  function familiesOf(i) {
    var seen = {};
    INDEX.codes[i].forEach(function (pair) { seen[rule(pair[0]).family] = (seen[rule(pair[0]).family] || 0) + pair[1]; });
    return Object.keys(seen).sort(function (a, b) {
      var x = FAMILY_ORDER.indexOf(a), y = FAMILY_ORDER.indexOf(b);
      return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || collator.compare(a, b);
    }).map(function (key) { return [key, seen[key]]; });
  }
  function formatLabel(i) { return INDEX.formats[i] ? fmt(T.formatName, INDEX.formats[i]) : T.noFormat; }

  function topBar(subtitle) {
    return el("header", { cls: "top" },
      el("h1", { text: T.title }),
      el("span", { cls: "sub", text: subtitle }),
      el("span", { cls: "spacer" }),
      el("span", { cls: "sub", text: "govlint " + INDEX.version + " · " + fmt(T.generated, INDEX.generated) }),
      el("button", { cls: "link noprint", type: "button", text: T.print, onclick: function () { window.print(); } }));
  }

  // ---- rule documentation: a dialog on screen, the appendix on paper ---------------------------
  var dialog = null;
  function docLink(code) {
    return el("a", { href: "#rule-" + code, cls: "doclink", text: T.docs, onclick: function (event) { showDoc(code, event); } });
  }
  function showDoc(code, event) {
    var section = document.getElementById("rule-" + code);
    if (!section) return;
    if (!dialog) {
      dialog = el("dialog", { cls: "doc" });
      if (typeof dialog.showModal !== "function") { dialog = null; return; }  // an old browser: the link jumps to the appendix
      document.body.appendChild(dialog);
      dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    }
    if (event) event.preventDefault();
    dialog.textContent = "";
    var info = rule(code);
    add(dialog, [
      el("div", { cls: "dh" }, el("h3", {}, code + " ", el("span", { cls: "muted", text: info.name || "" })),
        el("button", { cls: "btn", type: "button", text: T.close, onclick: function () { dialog.close(); } })),
      el("div", { cls: "db" }, el("p", { cls: "muted", text: info.summary || "" }),
        el("pre", { text: (section.querySelector("pre") || section).textContent }))]);
    dialog.showModal();
  }
  function markDocsUsed(codes) {
    var used = {};
    (codes || []).forEach(function (c) { used[c] = true; });
    Array.prototype.forEach.call(document.querySelectorAll(".ruledoc"), function (section) {
      section.classList.toggle("notused", codes != null && !used[section.getAttribute("data-code")]);
    });
  }

  // ---- the dashboard -------------------------------------------------------------------------
  var state = { q: "", year: "", format: "", rule: "", status: "", sort: "errors", dir: -1, page: 0, size: 100, scroll: 0 };
  var YEARS = uniq(INDEX.years.map(function (y) { return y == null ? "" : String(y); })).sort(function (a, b) { return (+b || 0) - (+a || 0); });
  var FORMATS = uniq(INDEX.formats).sort();
  var TOTAL = { error: sum(INDEX.errors), warning: sum(INDEX.warnings), info: sum(INDEX.infos) };
  function uniq(list) { var seen = {}; return list.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; }); }
  function sum(list) { var s = 0; for (var i = 0; i < list.length; i++) s += list[i]; return s; }
  function hasCode(i, code) { var c = INDEX.codes[i]; for (var k = 0; k < c.length; k++) if (c[k][0] === code) return true; return false; }

  function selected() {
    var q = state.q.trim().toLowerCase(), out = [];
    for (var i = 0; i < COUNT; i++) {
      if (q && (INDEX.bodies[i] + "\n" + INDEX.paths[i]).toLowerCase().indexOf(q) < 0) continue;
      if (state.year && String(INDEX.years[i] == null ? "" : INDEX.years[i]) !== (state.year === "?" ? "" : state.year)) continue;
      if (state.format && INDEX.formats[i] !== (state.format === "?" ? "" : state.format)) continue;
      if (state.rule && !hasCode(i, state.rule)) continue;
      if (state.status === "errors" && !INDEX.errors[i]) continue;
      if (state.status === "warnings" && (INDEX.errors[i] || !INDEX.warnings[i])) continue;
      if (state.status === "clean" && (INDEX.errors[i] || INDEX.warnings[i] || INDEX.infos[i])) continue;
      out.push(i);
    }
    var key = state.sort, dir = state.dir;
    var value = {
      body: function (i) { return INDEX.bodies[i] || fileName(INDEX.paths[i]); },
      year: function (i) { return INDEX.years[i] == null ? -1 : INDEX.years[i]; },
      format: function (i) { return INDEX.formats[i]; },
      errors: function (i) { return INDEX.errors[i]; }, warnings: function (i) { return INDEX.warnings[i]; },
      infos: function (i) { return INDEX.infos[i]; }, path: function (i) { return INDEX.paths[i]; },
      families: function (i) { return familiesOf(i).length; }
    }[key];
    out.sort(function (a, b) {
      var x = value(a), y = value(b), order;
      order = typeof x === "string" ? collator.compare(x, y) : x - y;
      if (!order && key === "errors") order = INDEX.warnings[a] - INDEX.warnings[b];
      return order * dir || (a - b);
    });
    return out;
  }

  function chart() {
    var codes = Object.keys(INDEX.totals).sort(function (a, b) { return INDEX.totals[b] - INDEX.totals[a] || collator.compare(a, b); });
    var panel = el("section", { cls: "panel chart" }, el("header", {}, el("h2", { text: T.perRule }),
      el("span", { cls: "muted small hint", text: codes.length ? T.clickBar : "" })));
    var body = el("div", { cls: "body" });
    panel.appendChild(body);
    if (!codes.length) { body.appendChild(el("p", { cls: "muted", text: T.chartNone })); return panel; }
    var max = INDEX.totals[codes[0]], barH = 21, labelW = 260, width = 900, right = 60;
    var shownCodes = chartAll || codes.length <= CHART_TOP + 2 ? codes : codes.slice(0, CHART_TOP);
    var root = svg("svg", { viewBox: "0 0 " + width + " " + (shownCodes.length * barH + 4), width: width, role: "img", "aria-label": T.perRule });
    shownCodes.forEach(function (code, n) {
      var info = rule(code), y = n * barH + 2, w = Math.max(2, (width - labelW - right) * INDEX.totals[code] / max);
      var g = svg("g", { "class": "bar" + (state.rule === code ? " on" : ""), "data-code": code });
      g.appendChild(svg("rect", { "class": "bg", x: 0, y: y, width: width, height: barH - 2, fill: "transparent" }));
      g.appendChild(svg("text", { x: 0, y: y + 14, text: code + "  " + (info.name || "") }));
      g.appendChild(svg("rect", { "class": "b", x: labelW, y: y + 3, width: w, height: barH - 8, rx: 2,
        fill: info.severity === "error" ? "#d64545" : info.severity === "warning" ? "#e8a33d" : "#5b8fd1" }));
      g.appendChild(svg("text", { "class": "count", x: labelW + w + 6, y: y + 14, text: String(INDEX.totals[code]) }));
      var title = svg("title", { text: code + " " + (info.name || "") + ": " + INDEX.totals[code] + " · " + (info.summary || "") });
      g.appendChild(title);
      g.addEventListener("click", function () { state.rule = state.rule === code ? "" : code; state.page = 0; drawRows(); });
      root.appendChild(g);
    });
    body.appendChild(root);
    if (shownCodes.length < codes.length || chartAll) {
      body.appendChild(el("button", { cls: "link small noprint", type: "button", text: chartAll ? T.chartTop : fmt(T.chartAll, codes.length),
        onclick: function () { chartAll = !chartAll; var fresh = chart(); chartBox.parentNode.replaceChild(fresh, chartBox); chartBox = fresh; drawRows(); } }));
    }
    return panel;
  }
  var CHART_TOP = 12, chartAll = false;

  function option(value, label, current) { return el("option", { value: value, text: label, selected: value === current }); }

  function filters() {
    function change(key) { return function (event) { state[key] = event.target.value; state.page = 0; drawRows(); }; }
    var ruleSelect = el("select", { "aria-label": T.rule, "data-filter": "rule", onchange: change("rule") }, option("", T.allRules, state.rule));
    var byFamily = {};
    Object.keys(INDEX.totals).sort().forEach(function (code) { (byFamily[rule(code).family] = byFamily[rule(code).family] || []).push(code); });
    Object.keys(byFamily).sort(function (a, b) { return FAMILY_ORDER.indexOf(a) - FAMILY_ORDER.indexOf(b); }).forEach(function (family) {
      var group = el("optgroup", { label: familyName(family) });
      byFamily[family].forEach(function (code) {
        group.appendChild(option(code, code + " " + rule(code).name + " (" + INDEX.totals[code] + ")", state.rule));
      });
      ruleSelect.appendChild(group);
    });
    var search = el("input", { type: "search", placeholder: T.search, value: state.q, "aria-label": T.search, "data-filter": "q",
      oninput: function (event) { state.q = event.target.value; state.page = 0; drawRows(); } });
    return el("div", { cls: "filters body" },
      search,
      el("select", { "aria-label": T.year, "data-filter": "year", onchange: change("year") }, option("", T.allYears, state.year),
        YEARS.map(function (y) { return option(y || "?", y || T.unknown, state.year); })),
      el("select", { "aria-label": T.format, "data-filter": "format", onchange: change("format") }, option("", T.allFormats, state.format),
        FORMATS.map(function (f) { return option(f || "?", f ? fmt(T.formatName, f) : T.noFormat, state.format); })),
      ruleSelect,
      el("select", { "aria-label": T.statusLabel, "data-filter": "status", onchange: change("status") }, option("", T.allStatus, state.status),
        option("errors", T.withErrors, state.status), option("warnings", T.warningsOnly, state.status), option("clean", T.clean, state.status)),
      el("button", { cls: "btn", type: "button", text: T.reset, onclick: function () {
        state.q = state.year = state.format = state.rule = state.status = ""; state.page = 0; drawDashboard();
      } }),
      el("span", { cls: "count-line", id: "shown" }));
  }

  var COLUMNS = [
    ["index", "#", "num"], ["body", T.body, ""], ["year", T.year, "num"], ["format", T.format, ""],
    ["errors", T.errors, "num"], ["warnings", T.warnings, "num"], ["infos", T.infos, "num"],
    ["families", T.families, ""], ["path", T.file, ""]
  ];

  function reportsTable(rows) {
    if (!rows.length) return el("div", { cls: "empty", text: COUNT ? T.noReportShown : T.noReports });
    var head = el("tr", {}, COLUMNS.map(function (column) {
      var key = column[0], sortable = key !== "index";
      return el("th", {
        cls: (column[2] || "") + (sortable ? " sortable" : ""), scope: "col", "data-key": key,
        "aria-sort": state.sort === key ? (state.dir > 0 ? "ascending" : "descending") : null,
        onclick: sortable ? function () {
          if (state.sort === key) state.dir = -state.dir;
          else { state.sort = key; state.dir = ["errors", "warnings", "infos", "families", "year"].indexOf(key) >= 0 ? -1 : 1; }
          drawRows();
        } : null
      }, column[1]);
    }));
    var body = el("tbody");
    var start = state.page * state.size, stop = Math.min(rows.length, start + state.size);
    for (var n = start; n < stop; n++) body.appendChild(reportRow(rows[n], n + 1));
    return el("table", { cls: "reports" }, el("thead", {}, head), body);
  }

  function reportRow(i, position) {
    var href = "#/r/" + i;
    function count(value, cls) { return el("td", { cls: "num " + cls + (value ? " nz" : " z"), "data-col": cls, text: String(value) }); }
    var mismatch = INDEX.table_formats[i];
    return el("tr", { "data-index": String(i), "data-path": INDEX.paths[i], onclick: function (event) {
      if (event.target.tagName !== "A") location.hash = href;
    } },
      el("td", { cls: "num muted", text: String(position) }),
      el("td", { cls: "body" }, el("a", { href: href, cls: INDEX.bodies[i] ? null : "file", text: INDEX.bodies[i] || fileName(INDEX.paths[i]) })),
      el("td", { cls: "num", text: INDEX.years[i] == null ? "—" : String(INDEX.years[i]) }),
      el("td", {}, INDEX.formats[i] || T.noFormat,
        mismatch ? el("div", { cls: "fmt-warn", text: fmt(T.tablesIn, mismatch) }) : null),
      count(INDEX.errors[i], "e"), count(INDEX.warnings[i], "w"), count(INDEX.infos[i], "i"),
      el("td", { cls: "fams" }, familiesOf(i).map(function (pair) {
        return el("span", { cls: "chip fam-" + pair[0], title: codesTitle(i, pair[0]), text: familyName(pair[0]) + " " + pair[1] });
      })),
      el("td", { cls: "path", title: INDEX.paths[i] }, el("bdi", { text: INDEX.paths[i] })));
  }

  function codesTitle(i, family) {
    return INDEX.codes[i].filter(function (pair) { return rule(pair[0]).family === family; })
      .map(function (pair) { return pair[0] + " " + rule(pair[0]).name + " ×" + pair[1]; }).join("\n");
  }

  function pager(total) {
    var pages = Math.max(1, Math.ceil(total / state.size));
    if (state.page >= pages) state.page = pages - 1;
    function go(delta) { return function () { state.page += delta; drawRows(); window.scrollTo(0, document.getElementById("reports").offsetTop - 8); }; }
    return el("div", { cls: "pager" },
      el("label", {}, T.perPage + " ", el("select", { onchange: function (event) { state.size = +event.target.value; state.page = 0; drawRows(); } },
        [50, 100, 500].map(function (n) { return option(String(n), String(n), String(state.size)); }))),
      el("button", { cls: "btn", type: "button", text: T.prev, disabled: state.page === 0, onclick: go(-1) }),
      el("span", { text: fmt(T.page, state.page + 1, pages) }),
      el("button", { cls: "btn", type: "button", text: T.next, disabled: state.page >= pages - 1, onclick: go(1) }));
  }

  var rowsBox = null, chartBox = null;
  function drawRows() {
    var rows = selected();
    rowsBox.textContent = "";
    rowsBox.appendChild(reportsTable(rows));
    if (rows.length > state.size) rowsBox.appendChild(pager(rows.length));
    document.getElementById("shown").textContent = fmt(T.shown, rows.length, COUNT);
    var select = document.querySelector('select[data-filter="rule"]');
    if (select && select.value !== state.rule) select.value = state.rule;
    Array.prototype.forEach.call(chartBox.querySelectorAll("g.bar"), function (g) {
      g.setAttribute("class", "bar" + (g.getAttribute("data-code") === state.rule ? " on" : ""));
    });
    app.setAttribute("data-shown", String(rows.length));
  }

  function drawDashboard() {
    var withErrors = 0;
    for (var i = 0; i < COUNT; i++) if (INDEX.errors[i]) withErrors++;
    chartBox = chart();
    rowsBox = el("div");
    var main = el("main", {},
      el("div", { cls: "cards" },
        card(COUNT, T.reports, ""), card(withErrors, T.reportsWithErrors, ""),
        card(TOTAL.error, T.errors, "error"), card(TOTAL.warning, T.warnings, "warning"), card(TOTAL.info, T.infos, "info")),
      chartBox,
      el("section", { cls: "panel", id: "reports" }, filters(), rowsBox));
    app.textContent = "";
    app.appendChild(topBar(COUNT + " " + T.reports));
    app.appendChild(main);
    drawRows();
    markDocsUsed(null);
    ready();
  }
  function card(n, label, cls) { return el("div", { cls: "card " + cls }, el("div", { cls: "n", text: String(n) }), el("div", { cls: "l", text: label })); }

  // ---- one report ----------------------------------------------------------------------------
  var cache = {}, cacheOrder = [];
  function payload(i) {
    if (cache[i]) return cache[i];
    var node = document.getElementById("r" + i);
    if (!node) return null;
    var data = JSON.parse(node.textContent);
    cache[i] = data; cacheOrder.push(i);
    if (cacheOrder.length > 12) delete cache[cacheOrder.shift()];
    return data;
  }
  var view = { sev: [true, true, true], rule: "", onlyHits: false };

  function showReport(i, finding) {
    var data = payload(i);
    if (!data) {
      if (document.readyState === "loading" && i < COUNT) {  // its block is still being read
        app.textContent = "";
        app.appendChild(el("p", { cls: "empty", text: T.loading }));
        document.addEventListener("DOMContentLoaded", function () { route(); });
        return;
      }
      location.hash = "#/";
      return;
    }
    var lines = data.text.split("\n");
    var findings = data.findings.map(function (f, k) {
      return { k: k, line: f[0], col: f[1], endLine: f[2], endCol: f[3], code: f[4], sev: f[5], msg: f[6], fix: f[7] };
    });
    var main = el("main");
    var headerLine = [];
    if (!INDEX.single) headerLine.push(el("div", { cls: "crumb noprint" }, el("a", { href: "#/", text: T.back })));
    var title = data.title || fileName(INDEX.paths[i]);
    add(main, headerLine);
    main.appendChild(el("div", { cls: "rhead" },
      el("h2", { text: title }),
      el("div", { cls: "meta" },
        el("span", {}, T.body + T.colon, el("b", { text: INDEX.bodies[i] || T.noBody })),
        el("span", {}, T.year + T.colon, el("b", { text: INDEX.years[i] == null ? T.unknown : String(INDEX.years[i]) })),
        el("span", { title: data.format_name || "" }, T.format + T.colon, el("b", { text: formatLabel(i) }),
          INDEX.table_formats[i] ? el("span", { cls: "fmt-warn", text: " · " + fmt(T.tablesIn, INDEX.table_formats[i]) }) : null),
        el("span", {}, T.file + T.colon, el("bdi", { text: INDEX.paths[i] })))));
    main.appendChild(el("div", { cls: "badges" },
      el("span", { cls: "badge error", text: T.errors + " " + INDEX.errors[i] }),
      el("span", { cls: "badge warning", text: T.warnings + " " + INDEX.warnings[i] }),
      el("span", { cls: "badge info", text: T.infos + " " + INDEX.infos[i] })));

    var toolbar = el("section", { cls: "panel" });
    var layout = el("div", { cls: "layout" });
    var side = el("aside", { cls: "panel side" });
    var content = el("div");
    var textPanel = el("section", { cls: "panel textpanel" });
    var tablesPanel = el("section", { cls: "panel tables" });
    content.appendChild(textPanel);
    content.appendChild(tablesPanel);
    layout.appendChild(side);
    layout.appendChild(content);
    main.appendChild(toolbar);
    main.appendChild(layout);

    function visible(f) { return view.sev[f.sev] && (!view.rule || view.rule === f.code); }
    function redraw() {
      var shown = findings.filter(visible);
      drawToolbar(toolbar, findings, redraw);
      drawList(side, shown);
      drawText(textPanel, lines, shown, data.tables || []);
      drawTables(tablesPanel, (data.tables || []).filter(function (t) { return !t.range; }), shown, (data.tables || []).length, data.problem);
      app.setAttribute("data-shown", String(shown.length));
    }
    app.textContent = "";
    app.appendChild(topBar(title));
    app.appendChild(main);
    redrawReport = redraw;
    rawBlocks = {};
    redraw();
    markDocsUsed(uniq(findings.map(function (f) { return f.code; })));
    if (finding != null) jumpTo(+finding); else window.scrollTo(0, 0);
    ready();
  }
  var redrawReport = function () {};

  function drawToolbar(panel, findings, redraw) {
    var counts = [0, 0, 0], byCode = {};
    findings.forEach(function (f) { counts[f.sev]++; byCode[f.code] = (byCode[f.code] || 0) + 1; });
    var codes = Object.keys(byCode).sort();
    if (view.rule && !byCode[view.rule]) view.rule = "";
    panel.textContent = "";
    panel.appendChild(el("div", { cls: "toolbar" },
      el("span", { cls: "group" }, el("span", { cls: "muted small", text: T.severity }),
        SEV.map(function (name, n) {
          return el("label", { cls: "toggle " + name },
            el("input", { type: "checkbox", checked: view.sev[n], "data-sev": name, onchange: function (event) { view.sev[n] = event.target.checked; redraw(); } }),
            [T.errors, T.warnings, T.infos][n] + " " + counts[n]);
        })),
      el("label", { cls: "group" }, el("span", { cls: "muted small", text: T.rule }),
        el("select", { "data-filter": "rule", onchange: function (event) { view.rule = event.target.value; redraw(); } },
          option("", T.allRules + " (" + findings.length + ")", view.rule),
          codes.map(function (code) { return option(code, code + " " + rule(code).name + " (" + byCode[code] + ")", view.rule); }))),
      el("label", { cls: "toggle" }, el("input", { type: "checkbox", checked: view.onlyHits, onchange: function (event) { view.onlyHits = event.target.checked; redraw(); } }),
        T.onlyHits)));
  }

  function drawList(panel, shown) {
    panel.textContent = "";
    panel.appendChild(el("h2", { text: T.findings + " (" + shown.length + ")" }));
    if (!shown.length) { panel.appendChild(el("p", { cls: "empty", text: T.noneShown })); return; }
    panel.appendChild(el("ul", { cls: "findings" }, shown.map(function (f) {
      return el("li", { "data-finding": String(f.k), onclick: function () { jumpTo(f.k); } },
        el("span", { cls: "sev " + SEV[f.sev], text: T.one[f.sev] }), " ",
        el("span", { cls: "code", text: f.code }), " ",
        el("span", { cls: "where", text: fmt(T.lineN, f.line) }),
        el("span", { cls: "msg", text: f.msg }));
    })));
  }

  function jumpTo(k) {
    var note = noteOf[k];
    if (!note || !note.isConnected) return;
    note.scrollIntoView({ block: "center" });
    var target = document.getElementById("L" + note.getAttribute("data-line"));
    if (target) { target.classList.remove("flash"); void target.offsetWidth; target.classList.add("flash"); }
    Array.prototype.forEach.call(document.querySelectorAll(".findings li.cur"), function (li) { li.classList.remove("cur"); });
    var item = document.querySelector('.findings li[data-finding="' + k + '"]');
    if (item) item.classList.add("cur");
  }

  /* The marks of one line: the line cut at every start and end of a finding's span on it, each piece
   * marked with the most severe finding that covers it. */
  function lineContent(text, ranges) {
    var node = el("div", { cls: "tx" });
    if (!ranges.length) { node.textContent = text; return node; }
    var cuts = [0, text.length];
    ranges.forEach(function (r) { cuts.push(r.start, r.end); });
    cuts = uniq(cuts.map(String)).map(Number).sort(function (a, b) { return a - b; });
    for (var n = 0; n + 1 < cuts.length; n++) {
      var a = cuts[n], b = cuts[n + 1];
      if (b <= a) continue;
      var covering = ranges.filter(function (r) { return r.start <= a && r.end >= b; });
      var piece = text.slice(a, b);
      if (!covering.length) { node.appendChild(document.createTextNode(piece)); continue; }
      var worst = Math.min.apply(null, covering.map(function (r) { return r.f.sev; }));
      node.appendChild(el("mark", { cls: SEV[worst], title: covering.map(function (r) { return r.f.code + " " + r.f.msg; }).join("\n"), text: piece }));
    }
    ranges.filter(function (r) { return r.caret; }).forEach(function (r) {
      node.appendChild(el("mark", { cls: "caret " + SEV[r.f.sev], title: r.f.code + " " + r.f.msg, text: "\u00a0" }));
    });
    return node;
  }

  /* The text, line by line, each finding marked in its line and explained under it. A standard table
   * written as a table is drawn in its place as a grid (its findings under the grid); "原文" shows its
   * lines as written instead. */
  var rawBlocks = {};  // first line of a table → shown as written
  function drawText(panel, lines, shown, tables) {
    panel.textContent = "";
    panel.appendChild(el("h2", { text: T.text }));
    var ranges = {}, notes = {}, hit = {};
    shown.forEach(function (f) {
      var last = Math.min(Math.max(f.endLine, f.line), lines.length);
      for (var ln = f.line; ln <= last; ln++) {
        var text = lines[ln - 1] || "";
        var start = ln === f.line ? f.col - 1 : 0, end = ln === f.endLine ? f.endCol - 1 : text.length;
        start = Math.max(0, Math.min(start, text.length)); end = Math.max(0, Math.min(end, text.length));
        var r = { f: f, start: start, end: end };
        if (end <= start) {
          if (ln !== f.line) continue;
          if (start < text.length) r.end = start + 1; else r.caret = true;
        }
        (ranges[ln] = ranges[ln] || []).push(r);
      }
      (notes[f.line] = notes[f.line] || []).push(f);
      hit[f.line] = true;
    });
    var blocks = {};  // first line → { start, end, tables }: the tables written as tables
    tables.forEach(function (table) {
      if (!table.range) return;
      var block = blocks[table.range[0]] = blocks[table.range[0]] || { start: table.range[0], end: table.range[1], tables: [] };
      block.end = Math.max(block.end, table.range[1]);
      block.tables.push(table);
    });
    var near = null;
    if (view.onlyHits && shown.length) {  // the lines with findings, two either side
      near = {};
      Object.keys(hit).forEach(function (ln) { for (var d = -2; d <= 2; d++) near[+ln + d] = true; });
    }
    var box = el("div", { cls: "text" }), skipped = 0;
    noteOf = {};
    function flushGap() {
      if (!skipped) return;
      box.appendChild(el("div", { cls: "gap", text: fmt(T.hidden, skipped), onclick: function () { view.onlyHits = false; redrawReport(); } }));
      skipped = 0;
    }
    function hitIn(block) { for (var ln = block.start; ln <= block.end; ln++) if (hit[ln]) return true; return false; }
    for (var n = 1; n <= lines.length; n++) {
      var block = blocks[n];
      if (block && near && !hitIn(block)) { skipped += block.end - block.start + 1; n = block.end; continue; }
      if (block) {
        flushGap();
        box.appendChild(blockBar(block));
        if (!rawBlocks[block.start]) {
          box.appendChild(tableBlock(block, shown, notes));
          n = block.end;
          continue;
        }
      }
      if (near && !near[n]) { skipped++; continue; }
      flushGap();
      var row = el("div", { cls: "ln" + (hit[n] ? " hit" : ""), id: "L" + n },
        el("div", { cls: "no", text: String(n) }), lineContent(lines[n - 1], ranges[n] || []));
      box.appendChild(row);
      groups(notes[n] || []).forEach(function (group) { box.appendChild(note(group)); });
    }
    flushGap();
    panel.appendChild(box);
  }

  function blockBar(block) {
    var raw = !!rawBlocks[block.start];
    return el("div", { cls: "blockbar", id: "B" + block.start },
      el("span", { text: fmt(T.tableLines, block.start, block.end) }),
      el("button", { cls: "link", type: "button", "data-block": String(block.start), text: raw ? T.showGrid : T.showRaw,
        onclick: function () { rawBlocks[block.start] = !raw; redrawReport(); var bar = document.getElementById("B" + block.start); if (bar) bar.scrollIntoView({ block: "start" }); } }));
  }

  function tableBlock(block, shown, notes) {
    var visibleAt = {};
    shown.forEach(function (f) { visibleAt[f.code + "@" + f.line + ":" + f.col] = f; });
    var node = el("div", { cls: "tableblock", "data-start": String(block.start), "data-end": String(block.end) });
    var covered = {};
    block.tables.forEach(function (table) { node.appendChild(grid(table, shown, visibleAt, covered)); });
    var inside = [];
    for (var ln = block.start; ln <= block.end; ln++) {
      if (notes[ln]) inside = inside.concat(groups(notes[ln].filter(function (f) { return !covered[f.k]; })));
    }
    inside.forEach(function (group) { node.appendChild(note(group)); });
    return node;
  }

  /* The findings of one line, those of one rule with the same message together ("×3"), in column order. */
  function groups(found) {
    var byKey = {}, out = [];
    found.slice().sort(function (a, b) { return a.col - b.col || a.sev - b.sev; }).forEach(function (f) {
      var key = f.code + "\u0000" + f.sev + "\u0000" + f.msg;
      if (!byKey[key]) { byKey[key] = []; out.push(byKey[key]); }
      byKey[key].push(f);
    });
    return out;
  }

  function note(group) {
    var f = group[0], info = rule(f.code);
    var node = el("div", { cls: "note " + SEV[f.sev], id: "f" + f.k, "data-line": String(f.line), "data-code": f.code,
      "data-findings": group.map(function (g) { return g.k; }).join(",") },
      el("div", { cls: "head" },
        el("span", { cls: "sev " + SEV[f.sev], text: T.one[f.sev] }),
        el("span", { cls: "code", text: f.code }),
        el("span", { cls: "msg", text: f.msg }),
        group.length > 1 ? el("span", { cls: "times", text: "×" + group.length }) : null,
        el("span", { cls: "where", text: fmt(T.where, f.line, group.map(function (g) { return g.col; }).join(T.comma)) })),
      el("div", { cls: "why" }, el("span", { cls: "rname", text: info.name || "" }), info.summary ? " · " + info.summary + " · " : " · ",
        docLink(f.code), f.fix ? el("span", { cls: "fix", text: " · " + T.fixable }) : null));
    group.forEach(function (g) { noteOf[g.k] = node; });
    return node;
  }
  var noteOf = {};

  /* The tables read back from run-together digits (no lines of their own to be drawn in). */
  function drawTables(panel, tables, shown, all, problem) {
    panel.textContent = "";
    panel.style.display = tables.length || !all ? "" : "none";
    panel.appendChild(el("h2", { text: tables.length ? T.recoveredTables : T.tables }));
    var body = el("div", { cls: "body" });
    panel.appendChild(body);
    if (!tables.length) {
      body.appendChild(el("p", { cls: "muted", text: T.noTables }));
      if (problem) body.appendChild(el("p", { cls: "muted small", text: T.modelProblem + problem }));
      return;
    }
    var visibleAt = {};
    shown.forEach(function (f) { visibleAt[f.code + "@" + f.line + ":" + f.col] = f; });
    tables.forEach(function (table) { body.appendChild(grid(table, shown, visibleAt)); });
  }

  function grid(table, shown, visibleAt, covered) {
    var failures = table.failures.filter(function (x) { return visibleAt[x[0] + "@" + x[5] + ":" + x[6]]; });
    var marks = {};
    failures.forEach(function (x, n) {
      x[4].forEach(function (cell) { var key = cell[0] + "," + cell[1]; (marks[key] = marks[key] || { side: {}, fails: [] }).side[cell[2] ? "r" : "l"] = true; marks[key].fails.push(n); });
      var key = x[7][0] + "," + x[7][1];
      (marks[key] = marks[key] || { side: {}, fails: [] }).at = true;
    });
    var columns = table.columns, grouped = columns.some(function (c) { return c[0]; });
    var head = el("thead");
    var top = el("tr", {}, el("th", { rowspan: grouped ? 2 : 1, text: T.item }));
    var second = el("tr");
    for (var c = 0; c < columns.length; c++) {
      if (!grouped || !columns[c][0]) { top.appendChild(el("th", { rowspan: grouped ? 2 : 1, text: columns[c][1] })); continue; }
      var span = 1;
      while (c + span < columns.length && columns[c + span][0] === columns[c][0]) span++;
      top.appendChild(el("th", { colspan: span, text: columns[c][0] }));
      for (var s = 0; s < span; s++) second.appendChild(el("th", { text: columns[c + s][1] }));
      c += span - 1;
    }
    head.appendChild(top);
    if (grouped) head.appendChild(second);
    var tbody = el("tbody");
    var folded = 0, width = Math.max(columns.length, 1) + 1;
    function fold() {  // rows left out under "只显示有问题的段落"
      if (!folded) return;
      tbody.appendChild(el("tr", { cls: "folded" }, el("td", { colspan: width, text: fmt(T.foldedRows, folded) })));
      folded = 0;
    }
    table.rows.forEach(function (row, r) {
      var flagged = row[2].some(function (cell, c) {
        return marks[r + "," + c] || (cell && shown.some(function (f) { return f.line === cell[1] && f.col >= cell[2] && f.col < Math.max(cell[4], cell[2] + 1); }));
      }) || shown.some(function (f) { return f.line === row[3]; });
      if (view.onlyHits && !flagged) { folded++; return; }
      fold();
      var tr = el("tr", { cls: row[4] ? "unaligned" : null, title: row[4] ? T.unaligned : null },
        el("td", { cls: "label" + (row[1] ? "" : " unmatched"), text: row[0] }));
      for (var c = 0; c < Math.max(columns.length, row[2].length); c++) {
        var cell = row[2][c];
        if (!cell) { tr.appendChild(el("td", { cls: "v blank" })); continue; }
        var cls = "v", mark = marks[r + "," + c], titles = [];
        if (mark) { cls += mark.side.l ? " l" : ""; cls += mark.side.r ? " r" : ""; cls += mark.at ? " at" : ""; }
        var worst = 9;
        shown.forEach(function (f) {
          if (f.line === cell[1] && f.col >= cell[2] && f.col < Math.max(cell[4], cell[2] + 1)) { worst = Math.min(worst, f.sev); titles.push(f.code + " " + f.msg); }
        });
        if (worst < 9 && !mark) cls += " f-" + SEV[worst];
        tr.appendChild(el("td", { cls: cls, "data-r": String(r), "data-c": String(c), "data-line": String(cell[1]),
          title: (titles.length ? titles.join("\n") + "\n" : "") + fmt(T.lineN, cell[1]),
          onclick: (function (line) { return function () { goLine(line); }; })(cell[1]) }, cell[0].trim()));
      }
      tbody.appendChild(tr);
    });
    fold();
    var gridTable = el("table", { cls: "grid" }, head, tbody);
    var heading = el("h3", {}, table.key + "　" + table.title + " ",
      el("span", { cls: "muted", text: "· " + fmt(T.formatName, table.format) + (table.recovered ? " · " + T.recovered : "") }));
    /* Each failing identity with its arithmetic; in place of its finding's note when the table is drawn
     * where it is written (`covered` collects those findings). */
    var list = failures.length ? el("ul", { cls: "fails" }, failures.map(function (x) {
      var f = visibleAt[x[0] + "@" + x[5] + ":" + x[6]];
      var item = el("li", {
        cls: SEV[f.sev], id: covered ? "f" + f.k : null, "data-line": String(f.line), "data-code": f.code, "data-findings": String(f.k),
        onmouseenter: function () { focusCells(gridTable, x); }, onmouseleave: function () { focusCells(gridTable, null); }
      }, el("div", { cls: "head" }, el("span", { cls: "sev " + SEV[f.sev], text: T.one[f.sev] }),
          el("span", { cls: "code", text: x[0] }), el("span", { text: x[1] + T.colon }), el("span", { cls: "calc", text: x[2] }),
          el("span", { cls: "where", text: fmt(T.where, f.line, f.col) })),
        el("div", { cls: "detail", text: f.msg }),
        el("div", { cls: "why" }, el("span", { cls: "rname", text: rule(f.code).name || "" }), " · " + (rule(f.code).summary || "") + " · ", docLink(f.code)));
      if (covered) { covered[f.k] = true; noteOf[f.k] = item; }
      return item;
    })) : null;
    return el("div", { cls: "tbl" }, heading, el("div", { cls: "gridwrap" }, gridTable), list);
  }

  function focusCells(table, failure) {
    Array.prototype.forEach.call(table.querySelectorAll("td.hl"), function (td) { td.classList.remove("hl"); });
    table.classList.toggle("focus", !!failure);
    if (!failure) return;
    failure[4].concat([failure[7]]).forEach(function (cell) {
      var td = table.querySelector('td[data-r="' + cell[0] + '"][data-c="' + cell[1] + '"]');
      if (td) td.classList.add("hl");
    });
  }

  function goLine(line) {
    var target = document.getElementById("L" + line);
    if (!target) {
      Array.prototype.forEach.call(document.querySelectorAll(".tableblock"), function (block) {
        if (+block.dataset.start <= line && line <= +block.dataset.end) rawBlocks[block.dataset.start] = true;
      });
      view.onlyHits = false;
      redrawReport();
      target = document.getElementById("L" + line);
    }
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash"); void target.offsetWidth; target.classList.add("flash");
  }

  // ---- routes: #/ the dashboard, #/r/N a report, #/r/N/f/K a report at a finding ----------------
  var current = null;
  function route() {
    var hash = location.hash;
    if (hash && hash.indexOf("#/") !== 0) return;  // a plain anchor (the rule documentation)
    var match = /^#\/r\/(\d+)(?:\/f\/(\d+))?$/.exec(hash);
    if (match && +match[1] < COUNT) {
      if (current === "dashboard") state.scroll = window.scrollY;
      current = "r" + match[1];
      showReport(+match[1], match[2]);
    } else if (INDEX.single && COUNT === 1) {
      current = "r0";
      showReport(0, null);
    } else {
      var back = current && current !== "dashboard";
      current = "dashboard";
      drawDashboard();
      window.scrollTo(0, back ? state.scroll : 0);
    }
  }
  function ready() {  // for tests and measurements: the first view is drawn (ms since the page was asked for)
    var root = document.documentElement;
    if (root.hasAttribute("data-ready")) return;
    root.setAttribute("data-render-ms", String(Math.round(performance.now())));
    root.setAttribute("data-ready", "1");
  }
  window.addEventListener("hashchange", route);
  route();
})();
