// Draws each dashboard figure from the table printed under it, so the chart, the table view and the CSV show the same
// numbers. Series differ by pattern as well as colour, and values are printed on the bars.
(function () {
    "use strict";
    if (typeof Chart === "undefined") return;
    var palette = ["#0b5cad", "#a4141c", "#1d6b2f", "#7a4d00", "#5b3a8c"];

    function number(text) {
        var n = parseFloat(String(text).replace(/[$,%\s]/g, "").replace("–", ""));
        return isNaN(n) ? null : n;
    }

    // Solid, stripes, dots, cross-hatch: told apart without colour.
    function pattern(index, color) {
        var c = document.createElement("canvas");
        c.width = c.height = 10;
        var g = c.getContext("2d");
        g.fillStyle = color; g.globalAlpha = index === 0 ? 0.85 : 0.25; g.fillRect(0, 0, 10, 10);
        g.globalAlpha = 1; g.strokeStyle = color; g.fillStyle = color; g.lineWidth = 2;
        if (index % 4 === 1) { g.beginPath(); g.moveTo(0, 10); g.lineTo(10, 0); g.stroke(); }
        if (index % 4 === 2) { g.beginPath(); g.arc(5, 5, 2, 0, 2 * Math.PI); g.fill(); }
        if (index % 4 === 3) { g.beginPath(); g.moveTo(0, 5); g.lineTo(10, 5); g.moveTo(5, 0); g.lineTo(5, 10); g.stroke(); }
        return g.createPattern(c, "repeat");
    }

    var printValues = {
        id: "batonValues",
        afterDatasetsDraw: function (chart) {
            var g = chart.ctx;
            g.save(); g.fillStyle = "#1b1f24"; g.font = "12px system-ui, sans-serif"; g.textAlign = "center";
            chart.data.datasets.forEach(function (ds, i) {
                var meta = chart.getDatasetMeta(i);
                if (meta.hidden || ds.type === "line" && ds.label === "target") return;
                meta.data.forEach(function (el, j) {
                    var v = ds.data[j];
                    if (v === null || v === 0) return;
                    var p = el.tooltipPosition();
                    if (chart.options.indexAxis === "y") { g.textAlign = "left"; g.fillText(v, p.x + 4, p.y + 4); }
                    else g.fillText(v, p.x, chart.config.options.scales.x.stacked ? p.y + 4 : p.y - 4);
                });
            });
            g.restore();
        }
    };

    function tableData(table, labelColumn, valueColumns) {
        var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        return {
            labels: rows.map(function (r) { return r.cells[labelColumn].textContent.trim(); }),
            series: valueColumns.map(function (col) {
                return { label: heads[col], data: rows.map(function (r) { return number(r.cells[col].textContent); }) };
            })
        };
    }

    document.querySelectorAll("section.figure[data-chart]").forEach(function (section) {
        var kind = section.getAttribute("data-chart");
        var canvas = section.querySelector(".chart canvas");
        var table = section.querySelector("table.data");
        if (!kind || !canvas || !table) return;
        var cols = section.getAttribute("data-values").split(",").map(Number);
        var data = tableData(table, Number(section.getAttribute("data-label")), cols);
        var stacked = kind === "stacked";
        new Chart(canvas, {
            type: "bar",
            data: {
                labels: data.labels,
                datasets: data.series.map(function (s, i) {
                    var color = palette[i % palette.length];
                    return { label: s.label, data: s.data, backgroundColor: pattern(i, color), borderColor: color, borderWidth: 2 };
                })
            },
            options: {
                indexAxis: kind === "hbar" ? "y" : "x",
                responsive: true, maintainAspectRatio: false, animation: false,
                scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } },
                plugins: { legend: { display: data.series.length > 1 } }
            },
            plugins: [printValues]
        });
    });

    document.querySelectorAll("table[data-trend]").forEach(function (table) {
        var canvas = table.parentElement.querySelector("canvas.spark");
        if (!canvas) return;
        var data = tableData(table, 0, [1]);
        new Chart(canvas, {
            type: "line",
            data: { labels: data.labels, datasets: [{ data: data.series[0].data, borderColor: "#0b5cad", pointRadius: 2, spanGaps: true }] },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false, events: [],
                scales: { x: { display: false }, y: { display: false } }, plugins: { legend: { display: false }, tooltip: { enabled: false } }
            }
        });
    });
})();
