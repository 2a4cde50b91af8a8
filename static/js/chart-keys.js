/* explainer: keyboard exploration of a chart (issue 22). Works on the picture and on the drawn
   plot alike, from the chart's own data table: the chart's box takes the focus; the arrow keys
   move through the values (left and right along the categories, up and down across the
   series), Home and End go to the first and the last, T opens the data table and moves there.
   Each value is announced through a live region: its category, its series, the value with its
   mark, its unit and the mark in words. Where plotly has drawn the chart, the value's hover
   label shows too. Without this file the chart is its picture and its table. */
(function () {
  function text(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }

  /* The values of a figure's table: per series (column), per category (row). */
  function readTable(figure) {
    var table = figure.querySelector("table.chart-table");
    if (!table) return null;
    var series = Array.prototype.slice.call(table.querySelectorAll("thead th")).slice(1).map(text);
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var caption = text(table.querySelector("caption"));
    var unit = (/\(([^()]*)\)$/.exec(caption) || [])[1] || "";
    var cells = series.map(function (name, s) {
      return rows.map(function (row) {
        var td = row.querySelectorAll("td")[s];
        var marks = Array.prototype.slice.call(td.querySelectorAll("abbr")).map(function (a) { return a.getAttribute("title"); });
        var value = text(td).replace(/\s*\(derived\)$/, "");
        return { category: text(row.querySelector("th")), series: name, value: value, marks: marks };
      });
    });
    return { unit: unit, cells: cells, table: table };
  }

  function say(point, unit, many) {
    var words = point.category + (many ? ", " + point.series : "") + ": " + point.value + (unit ? " " + unit : "");
    return words + (point.marks.length ? " (" + point.marks.join("; ") + ")" : "") + ".";
  }

  Array.prototype.forEach.call(doc.querySelectorAll(".chart-figure"), function (figure) {
    var stage = figure.querySelector(".chart-stage");
    var data = readTable(figure);
    if (!stage || !data || !data.cells.length || !data.cells[0].length) return;
    var title = text(figure.querySelector(".chart-title"));
    var live = doc.createElement("p");
    live.className = "visually-hidden chart-announce";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    stage.parentNode.insertBefore(live, stage.nextSibling);
    stage.tabIndex = 0;
    stage.setAttribute("role", "group");
    stage.setAttribute("aria-roledescription", "chart");
    stage.setAttribute("aria-label", title + ": arrow keys move through the values, Home and End go to the first and the last, T to the data table.");
    var desc = figure.querySelector(".chart-description");
    if (desc) stage.setAttribute("aria-describedby", desc.id);
    var s = 0, i = -1;
    var many = data.cells.length > 1;
    function show() {
      var point = data.cells[s][i];
      live.textContent = say(point, data.unit, many);
      stage.setAttribute("data-point", s + "/" + i);
      var plot = stage.querySelector(".plot");
      if (window.Plotly && plot && plot.getAttribute("data-drawn") && plot.data) {
        // Plotly's traces are the series in order, their points the categories.
        try { window.Plotly.Fx.hover(plot, [{ curveNumber: s, pointNumber: i }]); } catch (e) { /* not drawn yet */ }
      }
    }
    stage.addEventListener("keydown", function (e) {
      var n = data.cells[0].length;
      var k = e.key;
      if (k === "ArrowRight") i = Math.min(n - 1, i + 1);
      else if (k === "ArrowLeft") i = Math.max(0, i < 0 ? 0 : i - 1);
      else if (k === "ArrowDown") { s = Math.min(data.cells.length - 1, s + (i < 0 ? 0 : 1)); i = Math.max(i, 0); }
      else if (k === "ArrowUp") { s = Math.max(0, s - 1); i = Math.max(i, 0); }
      else if (k === "Home") i = 0;
      else if (k === "End") i = n - 1;
      else if (k === "t" || k === "T") {
        var details = data.table.closest("details");
        if (details) details.open = true;
        var region = data.table.closest(".table-scroll") || data.table;
        region.focus();
        e.preventDefault();
        return;
      } else return;
      e.preventDefault();
      show();
    });
    stage.addEventListener("blur", function () {
      var plot = stage.querySelector(".plot");
      if (window.Plotly && plot && plot.data) { try { window.Plotly.Fx.unhover(plot); } catch (e) { /* nothing shown */ } }
    });
  });
})();
