/* Charts: each chart first shows its static picture (the phone picture on a narrow screen), in
   a box of its own (the "stage"). plotly.js is loaded only on pages with charts, and only when
   a chart scrolls into view; a chart already in view when the page opens waits for the
   reader's first move (pointer, touch, key, wheel or scroll), so opening a page never blocks on
   plotly. The chart is drawn over its picture in the same box, so nothing on the page moves at
   the swap. Colours follow the page (light or dark). A swipe or the wheel over a chart scrolls
   the page (a tap still shows a value): only a chart the reader chose to explore (the
   timeline's "Explore") takes them. Each figure's "Download PNG" draws the chart with its
   title and source on the page's background. */
(function () {
  var plotDivs = Array.prototype.slice.call(doc.querySelectorAll("[data-plot]"));
  var plotlyUrl = doc.body.getAttribute("data-plotly");
  if (!plotDivs.length || !plotlyUrl) return;
  var loading = null;
  var probe = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = plotlyUrl;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { loading = null; reject(); };
        doc.head.appendChild(s);
      });
    }
    return loading;
  }
  /* A colour variable of the stylesheet as a plain colour plotly understands. */
  function cssColor(name) {
    if (!probe) {
      probe = doc.createElement("span");
      probe.hidden = true;
      doc.body.appendChild(probe);
    }
    probe.style.color = "var(" + name + ")";
    return getComputedStyle(probe).color;
  }
  function styled(layout) {
    var fg = cssColor("--text");
    var grid = cssColor("--rule");
    layout.font = layout.font || {};
    layout.font.color = fg;
    ["xaxis", "yaxis"].forEach(function (a) {
      layout[a] = layout[a] || {};
      layout[a].gridcolor = grid;
      layout[a].linecolor = grid;
      layout[a].zerolinecolor = grid;
    });
    // Hover labels: the page's colours, text that wraps short enough for a phone.
    layout.hoverlabel = { bgcolor: cssColor("--popover-bg"), bordercolor: grid, font: { color: fg, size: 12 }, align: "left" };
    if (layout.legend) layout.legend.font = { color: fg };
    // Rows' labels in the text's colour, other notes muted.
    (layout.annotations || []).forEach(function (a) { a.font = a.font || {}; a.font.color = a.name === "category" ? fg : cssColor("--muted"); });
    layout.modebar = { bgcolor: "rgba(0,0,0,0)", color: cssColor("--muted"), activecolor: fg };
    return layout;
  }
  function holder(div) {
    return div.closest(".chart-figure, .timeline-overview, main") || div.parentNode;
  }
  /* Touches and the wheel over a chart go to the page, not to plotly (which would keep them
     from scrolling it), unless the reader is exploring the chart. A tap still reaches plotly
     as the mouse events the browser makes of it: the value's label shows, a marker jumps. */
  function passThrough(div) {
    function pass(e) { if (!div.hasAttribute("data-exploring")) e.stopPropagation(); }
    ["touchstart", "touchmove", "touchend", "wheel"].forEach(function (ev) {
      div.addEventListener(ev, pass, { capture: true, passive: true });
    });
  }
  /* Value labels stay inside the plot, where nothing cuts them off and they never run into
     the category labels: the value axis gets the room each label needs beyond its bar or
     point at the width the chart has (found once, from the labels' measured sizes). Labels
     that still cannot fit, or would overlap each other, are left to the hover labels and
     the data table, as the picture leaves them out. */
  function hideLabels(div) {
    return window.Plotly.restyle(div, {
      mode: div.data.map(function (t) { return t.type === "scatter" ? "lines+markers" : t.mode; }),
      textposition: div.data.map(function (t) { return t.type === "bar" ? "none" : t.textposition; })
    });
  }
  /* Whether value labels run into each other, or into a bar not their own. */
  function crowded(div) {
    var overlap = function (r, q) {
      return r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1;
    };
    var texts = Array.prototype.slice.call(div.querySelectorAll(".barlayer text.bartext, .scatterlayer .textpoint text"))
      .filter(function (t) { return t.getBoundingClientRect().width > 0; });
    var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
    var bars = Array.prototype.slice.call(div.querySelectorAll(".barlayer .point path"));
    return boxes.some(function (r, i) {
      var point = texts[i].closest(".point");
      var own = point && point.querySelector("path");
      return boxes.slice(i + 1).some(function (q) { return overlap(r, q); }) ||
        bars.some(function (b) { return b !== own && overlap(r, b.getBoundingClientRect()); });
    });
  }
  function fitLabels(div) {
    var P = window.Plotly;
    var area = div.querySelector(".nsewdrag");
    if (!P || !area || !div.data || !div._fullLayout) return Promise.resolve();
    var horizontal = div.data.some(function (t) { return t.orientation === "h"; });
    var axis = horizontal ? "xaxis" : "yaxis";
    var labels = [];
    var lo = 0, hi = 0;
    div.querySelectorAll(".barlayer .trace, .scatterlayer .trace").forEach(function (g, k) {
      var t = div.data[k];
      if (!t) return;
      var values = horizontal ? t.x : t.y;
      values.forEach(function (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); });
      g.querySelectorAll(t.type === "bar" ? ".point text.bartext" : ".textpoint text").forEach(function (el, i) {
        var r = el.getBoundingClientRect();
        if (r.width > 0) labels.push({ v: values[i], up: t.type !== "bar" || values[i] >= 0, px: (horizontal ? r.width : r.height) + 8 });
      });
    });
    if (!labels.length) return Promise.resolve();
    var a = area.getBoundingClientRect();
    var room = horizontal ? a.width : a.height;
    // With `u` value units to a pixel, the axis must reach beyond each label's end.
    function ends(u) {
      var e = [lo, hi];
      labels.forEach(function (l) {
        if (l.up) e[1] = Math.max(e[1], l.v + l.px * u); else e[0] = Math.min(e[0], l.v - l.px * u);
      });
      return e;
    }
    function fits(u) { var e = ends(u); return e[1] - e[0] <= room * u; }
    var range = div._fullLayout[axis].range;
    if (fits((range[1] - range[0]) / room)) return Promise.resolve();
    var u0 = Math.max(hi - lo, 1e-300) / room;
    var u1 = u0 * 1e4;
    if (!fits(u1)) return hideLabels(div);
    for (var n = 0; n < 60; n++) {
      var mid = (u0 + u1) / 2;
      if (fits(mid)) u1 = mid; else u0 = mid;
    }
    var e = ends(u1);
    var update = {};
    update[axis + ".range"] = [e[0] === 0 ? 0 : e[0], e[1] === 0 ? 0 : e[1]];
    return P.relayout(div, update).then(function () { if (crowded(div)) return hideLabels(div); });
  }
  /* Category labels read level: where plotly would turn them, every few are shown instead. */
  function levelTicks(div) {
    var texts = Array.prototype.slice.call(div.querySelectorAll(".xtick text"));
    var turned = texts.some(function (t) { return /rotate\((?!0[,)])/.test(t.getAttribute("transform") || ""); });
    var axis = div._fullLayout && div._fullLayout.xaxis;
    var area = div.querySelector(".nsewdrag");
    if (!turned || !axis || axis.type !== "category" || !area) return Promise.resolve();
    var widest = Math.max.apply(null, texts.map(function (t) { return t.getBBox().width; }));
    var per = area.getBoundingClientRect().width / Math.max(1, axis._categories.length);
    var step = Math.ceil((widest + 10) / per);
    // The first label shown is a few categories in, with room on its left.
    return window.Plotly.relayout(div, { "xaxis.tickangle": 0, "xaxis.tick0": Math.floor(step / 2), "xaxis.dtick": step });
  }
  function fit(div) {
    return levelTicks(div).then(function () { return crowded(div) ? hideLabels(div) : fitLabels(div); });
  }
  function draw(div) {
    if (div.getAttribute("data-drawn")) return;
    var box = holder(div);
    var stage = div.closest(".chart-stage") || box;
    var spec = JSON.parse(doc.getElementById(div.getAttribute("data-plot")).textContent);
    // The chart takes its stage's box (the picture's, or what an embed's frame leaves), out
    // of sight until it is drawn.
    delete spec.layout.height;
    delete spec.layout.width;
    spec.layout.autosize = true;
    div.setAttribute("data-drawn", "1");
    loadPlotly().then(function (P) {
      return P.newPlot(div, spec.data, styled(spec.layout), spec.config);
    }).then(function () {
      return fit(div);
    }).then(function () {
      stage.classList.add("is-drawn");
      box.classList.add("is-drawn");
      passThrough(div);
      if ("ResizeObserver" in window) {
        var timer = 0;
        new ResizeObserver(function () {
          clearTimeout(timer);
          timer = setTimeout(function () {
            if (window.Plotly) window.Plotly.Plots.resize(div).then(function () { return fit(div); });
          }, 100);
        }).observe(stage);
      }
      div.dispatchEvent(new CustomEvent("plot-ready", { bubbles: true }));
    }, function () {
      div.removeAttribute("data-drawn");
    });
  }
  var moved = false;
  var waiting = [];
  // A scroll alone is not the reader's move: the page scrolls itself to a passage or a note.
  var moves = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"];
  function firstMove() {
    if (moved) return;
    moved = true;
    moves.forEach(function (ev) { window.removeEventListener(ev, firstMove, true); });
    waiting.splice(0).forEach(draw);
  }
  moves.forEach(function (ev) { window.addEventListener(ev, firstMove, { capture: true, passive: true }); });
  var byHolder = new Map();
  plotDivs.forEach(function (d) { byHolder.set(holder(d), d); });
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) return;
        observer.unobserve(en.target);
        var div = byHolder.get(en.target);
        if (moved) draw(div); else waiting.push(div);
      });
    }, { rootMargin: "300px 0px" });
    byHolder.forEach(function (div, h) { observer.observe(h); });
  } else {
    waiting = plotDivs.slice();
  }
  var scheme = window.matchMedia("(prefers-color-scheme: dark)");
  var restyle = function () {
    if (!window.Plotly) return;
    plotDivs.forEach(function (d) { if (d.getAttribute("data-drawn") && d.layout) window.Plotly.relayout(d, styled({ xaxis: {}, yaxis: {}, annotations: d.layout.annotations })); });
  };
  if (scheme.addEventListener) scheme.addEventListener("change", restyle);

  /* Download PNG: the chart drawn off screen at the size of the wide picture, on the page's
     background (opaque: a dark chart stays readable on a white slide), with its title above
     and its marks and source below, as the picture has them. */
  function escapeLabel(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function wrapLabel(text, width) {
    var lines = [];
    text.split(/\s+/).forEach(function (w) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + w).length <= width) lines[last] += " " + w;
      else lines.push(w);
    });
    return lines.map(escapeLabel).join("<br>");
  }
  function savePng(dataUrl, name) {
    var bytes = atob(dataUrl.split(",")[1]);
    var buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    var a = doc.createElement("a");
    a.href = URL.createObjectURL(new Blob([buffer], { type: "image/png" }));
    a.download = name;
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function png(button) {
    var div = doc.getElementById(button.getAttribute("data-png"));
    var spec = JSON.parse(doc.getElementById(div.getAttribute("data-plot")).textContent);
    var width = Number(button.getAttribute("data-png-width"));
    var height = Number(button.getAttribute("data-png-height"));
    var title = button.getAttribute("data-png-title");
    var foot = button.getAttribute("data-png-foot");
    var layout = styled(spec.layout);
    var bg = cssColor("--bg");
    layout.paper_bgcolor = bg;
    layout.plot_bgcolor = bg;
    layout.width = width;
    layout.height = height;
    var off = doc.createElement("div");
    off.setAttribute("aria-hidden", "true");
    off.style.cssText = "position:fixed;left:-20000px;top:0;width:" + width + "px;height:" + height + "px";
    doc.body.appendChild(off);
    var P;
    return loadPlotly().then(function (plotly) {
      P = plotly;
      return P.newPlot(off, spec.data, layout, { staticPlot: true });
    }).then(function () {
      // Room above for the title and below for the source, beyond everything plotly drew
      // above and below the plot (legend, tick labels, axis titles).
      var size = off._fullLayout._size;
      var box = off.getBoundingClientRect();
      var area = { top: box.top + size.t, bottom: box.top + size.t + size.h };
      var above = 0, below = 0;
      off.querySelectorAll("svg text").forEach(function (t) {
        var r = t.getBoundingClientRect();
        if (!r.width) return;
        above = Math.max(above, area.top - r.top);
        below = Math.max(below, r.bottom - area.bottom);
      });
      var titleText = wrapLabel(title, 60);
      var footText = wrapLabel(foot, 130);
      var titleLines = titleText.split("<br>").length;
      var footLines = footText.split("<br>").length;
      var notes = (layout.annotations || []).slice();
      notes.push({ text: "<b>" + titleText + "</b>", xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left",
        yanchor: "bottom", xshift: 20 - size.l, yshift: above + 8, align: "left", showarrow: false,
        font: { size: 22, color: cssColor("--text") } });
      notes.push({ text: footText, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "top",
        xshift: 20 - size.l, yshift: -below - 10, align: "left", showarrow: false,
        font: { size: 13, color: cssColor("--muted") } });
      return P.relayout(off, {
        annotations: notes,
        margin: { l: size.l, r: size.r, t: Math.max(size.t, above) + 20 + titleLines * 30,
          b: Math.max(size.b, below) + 22 + footLines * 19, autoexpand: false }
      });
    }).then(function () {
      return P.toImage(off, { format: "png", width: width, height: height, scale: 2 });
    }).then(function (url) {
      savePng(url, button.getAttribute("data-png-name"));
    }).finally(function () {
      if (P) P.purge(off);
      off.remove();
    });
  }
  doc.querySelectorAll("button[data-png]").forEach(function (b) {
    b.addEventListener("click", function () {
      b.disabled = true;
      b.setAttribute("aria-busy", "true");
      png(b).catch(function () {}).then(function () {
        b.disabled = false;
        b.removeAttribute("aria-busy");
      });
    });
  });
})();
