// Draws the dashboard's charts from the JSON the page embeds with json_script.
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var lang = document.documentElement.lang || "en";
  var palette = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037", "#9e9d24"];
  function draw(canvasId, type, rows, seriesLabel, options, field) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !rows || !rows.length || typeof Chart === "undefined") { return; }
    new Chart(canvas, {
      type: type,
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{
          label: seriesLabel,
          data: rows.map(function (r) { return r[field || "count"]; }),
          backgroundColor: type === "line" ? palette[0] : palette,
          borderColor: palette[0],
          tension: 0.2
        }]
      },
      options: Object.assign({ locale: lang, responsive: true, plugins: { legend: { display: type === "doughnut" } } }, options || {})
    });
  }
  var d = data("dashboard-data");
  var labels = data("dashboard-labels") || {};
  if (!d) { return; }
  draw("chart-funnel", "bar", d.funnel, labels.count, { indexAxis: "y" });
  draw("chart-kind", "doughnut", d.by_kind, labels.agreements);
  draw("chart-sector", "bar", d.by_sector, labels.agreements);
  draw("chart-pair", "bar", d.by_country_pair, labels.agreements);
  draw("chart-time", "line", d.over_time, labels.agreements);
  draw("chart-value", "bar", d.over_time, labels.value, {}, "value_total");
})();
