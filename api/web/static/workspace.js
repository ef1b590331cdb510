// Draws each control chart from the JSON the page carries (the /v1/spc/charts shape): values,
// centre line, limits, and the points that break a run rule. No inline scripts (CSP).
"use strict";
(function () {
  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart-source"));
    if (!source || !window.Plotly) { return; }
    var chart = JSON.parse(source.textContent);
    var points = chart.points || [];
    var x = points.map(function (p) { return p.period; });
    function column(name) { return points.map(function (p) { return p[name]; }); }
    var flagged = points.filter(function (p) { return p.signals && p.signals.length; });
    var traces = [
      { x: x, y: column("value"), mode: "lines+markers", name: chart.metric || "value", line: { color: "#0b5cad" } },
      { x: x, y: column("center"), mode: "lines", name: "centre", line: { color: "#57606a", dash: "dot" } },
      { x: x, y: column("ucl"), mode: "lines", name: "UCL", line: { color: "#b42318", dash: "dash", shape: "hv" } },
      { x: x, y: column("lcl"), mode: "lines", name: "LCL", line: { color: "#b42318", dash: "dash", shape: "hv" } },
      {
        x: flagged.map(function (p) { return p.period; }), y: flagged.map(function (p) { return p.value; }),
        mode: "markers", name: "signal", marker: { color: "#b42318", size: 12, symbol: "circle-open", line: { width: 3 } },
        text: flagged.map(function (p) { return p.signals.join(", "); }), hoverinfo: "x+y+text"
      }
    ];
    window.Plotly.newPlot(element, traces, {
      margin: { l: 50, r: 20, t: 10, b: 40 }, legend: { orientation: "h" }, hovermode: "closest"
    }, { responsive: true, displaylogo: false });
    var comments = element.getAttribute("data-comments");
    if (comments && element.on) {
      // A point opens the comments of its period (and group): what made it move.
      element.on("plotly_click", function (data) {
        if (data.points && data.points.length) {
          window.location.href = comments + encodeURIComponent(data.points[0].x);
        }
      });
    }
    element.setAttribute("data-drawn", "true");
  }
  document.querySelectorAll("[data-chart-source]").forEach(draw);
})();
