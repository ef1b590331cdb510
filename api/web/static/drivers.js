// Draws the priority matrix from the JSON the page carries (the /v1/drivers shape): |impact|
// across, performance up (poorer at the top), one trace per quadrant so that colour and shape
// both name it, point size by importance, the effect's and the expected lift's intervals on hover.
// No inline scripts (CSP).
"use strict";
(function () {
  var COLOURS = { fix_first: "#b42318", leverage: "#1a7f37", monitor: "#b35900", maintain: "#57606a",
                  not_enough_evidence: "#8c959f" };
  var SYMBOLS = { fix_first: "triangle-up", leverage: "square", monitor: "diamond", maintain: "circle",
                  not_enough_evidence: "triangle-down" };
  function fmt(v, d) { return v === null || v === undefined ? "–" : Number(v).toFixed(d); }
  function median(values) {
    var s = values.slice().sort(function (a, b) { return a - b; }), m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-matrix-source"));
    if (!source || !window.Plotly) { return; }
    var data = JSON.parse(source.textContent);
    var drivers = (data.drivers || []).filter(function (d) { return d.impact !== null && d.performance !== null; });
    var most = Math.max.apply(null, drivers.map(function (d) { return Math.max(d.importance || 0, 0); }).concat([0]));
    var traces = Object.keys(COLOURS).map(function (quadrant) {
      var rows = drivers.filter(function (d) { return d.quadrant === quadrant; });
      return {
        type: "scatter", mode: "markers+text", name: quadrant.replace(/_/g, " "),
        x: rows.map(function (d) { return Math.abs(d.impact); }), y: rows.map(function (d) { return d.performance; }),
        text: rows.map(function (d) { return d.name; }), textposition: "top center",
        hovertext: rows.map(function (d) {
          return d.name + "<br>effect " + fmt(d.coef, 2) + " (95% CI " + fmt(d.ci_low, 2) + " to " + fmt(d.ci_high, 2) +
            "), p = " + fmt(d.p_value, 3) + "<br>importance " + fmt(d.importance, 4) + " (" +
            fmt(d.importance_ci[0], 4) + " to " + fmt(d.importance_ci[1], 4) + ")";
        }),
        hoverinfo: "text",
        marker: { color: COLOURS[quadrant], symbol: SYMBOLS[quadrant], line: { color: "#fff", width: 1 },
                  size: rows.map(function (d) { return most > 0 ? 10 + 30 * Math.max(d.importance || 0, 0) / most : 14; }) }
      };
    }).filter(function (t) { return t.x.length; });
    var details = data.details || {};
    var poorIsHigh = details.performance_measure === "share_negative" || details.higher_is_better === false;
    var xs = drivers.map(function (d) { return Math.abs(d.impact); }), ys = drivers.map(function (d) { return d.performance; });
    var shapes = drivers.length ? [
      { type: "line", xref: "x", yref: "paper", x0: median(xs), x1: median(xs), y0: 0, y1: 1, line: { dash: "dash", color: "#57606a", width: 1 } },
      { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: median(ys), y1: median(ys), line: { dash: "dash", color: "#57606a", width: 1 } }
    ] : [];
    window.Plotly.newPlot(element, traces, {
      margin: { l: 60, r: 20, t: 10, b: 50 }, legend: { orientation: "h" }, hovermode: "closest", shapes: shapes,
      xaxis: { title: { text: "|impact| on " + data.kpi }, zeroline: false },
      yaxis: { title: { text: details.performance_measure === "share_negative" ? "share of mentions negative" : "mean KPI among mentioners" },
               autorange: poorIsHigh ? true : "reversed", zeroline: false }
    }, { responsive: true, displaylogo: false });
    element.setAttribute("data-drawn", "true");
  }
  document.querySelectorAll("[data-matrix-source]").forEach(draw);
})();
