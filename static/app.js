/* explainer: progressive enhancement. Every page works without this file. */
(function () {
  "use strict";
  var doc = document;

  /* Footnote popovers: click, tap or Enter on a marker opens the note in place; Esc, the close
     button or a click elsewhere closes it and focus returns to the marker. With a mouse,
     resting on a marker previews its note; the preview goes when the pointer leaves, unless a
     click has kept it. */
  var open = null;
  var hoverTimer = null;
  function closePopover(returnFocus) {
    clearTimeout(hoverTimer);
    if (!open) return;
    var marker = open.marker;
    open.box.remove();
    marker.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) marker.focus();
  }
  function place(box, marker) {
    var r = marker.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = window.scrollX + r.left - 16;
    var maxLeft = window.scrollX + doc.documentElement.clientWidth - box.offsetWidth - 8;
    box.style.top = top + "px";
    box.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
  }
  function openPopover(marker, preview) {
    var id = marker.getAttribute("href").slice(1);
    var note = doc.getElementById(id);
    if (!note) return false;
    closePopover(false);
    var text = note.querySelector(".note-text") || note;
    var box = doc.createElement("div");
    box.className = "note-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", marker.getAttribute("aria-label") || "Note");
    box.tabIndex = -1;
    var number = doc.createElement("span");
    number.className = "popover-number";
    number.textContent = marker.textContent + ".";
    var body = doc.createElement("div");
    body.innerHTML = text.innerHTML;
    body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    var first = body.querySelector("p") || body;
    first.insertBefore(number, first.firstChild);
    var more = doc.createElement("p");
    more.className = "popover-more";
    var link = doc.createElement("a");
    link.href = "#" + id;
    link.textContent = "Go to the note in the list";
    more.appendChild(link);
    var close = doc.createElement("button");
    close.type = "button";
    close.className = "popover-close";
    close.setAttribute("aria-label", "Close note");
    close.textContent = "×";
    close.addEventListener("click", function () { closePopover(true); });
    link.addEventListener("click", function () { closePopover(false); });
    box.appendChild(body);
    box.appendChild(more);
    box.appendChild(close);
    doc.body.appendChild(box);
    place(box, marker);
    marker.setAttribute("aria-expanded", "true");
    open = { box: box, marker: marker, preview: !!preview };
    if (!preview) box.focus({ preventScroll: true });
    box.addEventListener("mouseenter", function () { clearTimeout(hoverTimer); });
    box.addEventListener("mouseleave", leave);
    return true;
  }
  function leave() {
    clearTimeout(hoverTimer);
    if (open && open.preview) hoverTimer = setTimeout(function () { closePopover(false); }, 350);
  }
  doc.querySelectorAll("sup.fnref a[role=doc-noteref]").forEach(function (marker) {
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-haspopup", "dialog");
    marker.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      clearTimeout(hoverTimer);
      if (open && open.marker === marker && open.preview) {
        // A click keeps the previewed note open and takes the focus into it.
        e.preventDefault();
        open.preview = false;
        open.box.focus({ preventScroll: true });
        return;
      }
      if (open && open.marker === marker) { e.preventDefault(); closePopover(true); return; }
      if (openPopover(marker, false)) e.preventDefault();
    });
    marker.addEventListener("pointerenter", function (e) {
      if (e.pointerType !== "mouse" || (open && !open.preview)) return;
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(function () {
        if (!open || open.marker !== marker) openPopover(marker, true);
      }, 300);
    });
    marker.addEventListener("pointerleave", function (e) {
      if (e.pointerType === "mouse") leave();
    });
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) { e.preventDefault(); closePopover(!open.preview); }
  });
  doc.addEventListener("click", function (e) {
    if (open && !open.box.contains(e.target) && e.target !== open.marker && !open.marker.contains(e.target)) closePopover(false);
  });
  window.addEventListener("resize", function () { if (open) place(open.box, open.marker); });

  /* Sidenotes: on wide screens each note also sits in the margin beside its first marker
     (a visual aid; the notes list and the popovers stay the accessible path). */
  var layout = doc.querySelector(".article-layout");
  var wide = window.matchMedia("(min-width: 1320px)");
  var column = null;
  function placeSidenotes() {
    if (!layout) return;
    if (!wide.matches) { if (column) column.hidden = true; return; }
    if (!column) {
      column = doc.createElement("div");
      column.className = "sidenotes";
      column.setAttribute("aria-hidden", "true");
      doc.querySelectorAll("sup.fnref a[role=doc-noteref]").forEach(function (marker) {
        if (!/^fnref-\d+$/.test(marker.id)) return;
        var note = doc.getElementById(marker.getAttribute("href").slice(1));
        if (!note) return;
        var side = doc.createElement("div");
        side.className = "sidenote";
        side.setAttribute("data-for", marker.id);
        var text = note.querySelector(".note-text") || note;
        side.innerHTML = text.innerHTML;
        side.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
        side.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
        var n = doc.createElement("span");
        n.className = "sidenote-number";
        n.textContent = marker.textContent;
        var first = side.querySelector("p") || side;
        first.insertBefore(n, first.firstChild);
        column.appendChild(side);
      });
      layout.appendChild(column);
    }
    column.hidden = false;
    var base = column.getBoundingClientRect().top + window.scrollY;
    var floor = 0;
    Array.prototype.forEach.call(column.children, function (side) {
      var marker = doc.getElementById(side.getAttribute("data-for"));
      var want = marker.getBoundingClientRect().top + window.scrollY - base;
      var top = Math.max(want, floor);
      // Where notes crowd, one pushed far below its marker would mislead: leave it to the popover.
      side.hidden = top - want > 240;
      if (side.hidden) return;
      side.style.top = top + "px";
      floor = top + side.offsetHeight + 10;
    });
    column.style.minHeight = floor + "px";
  }
  if (layout) {
    placeSidenotes();
    window.addEventListener("load", placeSidenotes);
    window.addEventListener("resize", function () { clearTimeout(placeSidenotes.t); placeSidenotes.t = setTimeout(placeSidenotes, 150); });
    doc.addEventListener("plot-ready", placeSidenotes);
  }

  /* Arriving at a passage from the citation index (?from=KEY#passage): offer the way back. */
  var from = /[?&]from=([^&#]+)/.exec(location.search);
  var passage = location.hash && doc.getElementById(location.hash.slice(1));
  if (from && passage) {
    var back = doc.createElement("a");
    back.className = "back-to-source";
    back.href = "sources.html#src-" + from[1];
    back.textContent = "Back to the source entry";
    passage.appendChild(doc.createTextNode(" "));
    passage.appendChild(back);
  }

  /* Table of contents: mark the section being read. */
  var toc = doc.querySelector(".toc");
  if (toc && "IntersectionObserver" in window) {
    var links = {};
    toc.querySelectorAll("a[href^='#']").forEach(function (a) { links[a.getAttribute("href").slice(1)] = a; });
    var targets = Object.keys(links).map(function (id) { return doc.getElementById(id); }).filter(Boolean);
    var current = null;
    var io = new IntersectionObserver(function () {
      var best = null;
      targets.forEach(function (t) { if (t.getBoundingClientRect().top < window.innerHeight * 0.3) best = t; });
      if (!best) best = targets[0];
      if (best && best !== current) {
        if (current) links[current.id].removeAttribute("aria-current");
        links[best.id].setAttribute("aria-current", "true");
        current = best;
      }
    }, { rootMargin: "0px 0px -70% 0px", threshold: [0, 1] });
    targets.forEach(function (t) { io.observe(t); });
  }

  /* Copy buttons: copy the text of the element named by data-copy. */
  function copyText(text, button) {
    function done(ok) {
      var old = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", old);
      button.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(function () { button.textContent = old; }, 1800);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else {
      done(fallback(text));
    }
  }
  function fallback(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  doc.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    if (!button) return;
    var el = doc.getElementById(button.getAttribute("data-copy"));
    if (el) copyText(("value" in el && el.tagName === "TEXTAREA") ? el.value : el.textContent.trim(), button);
  });

  /* Downloads of text shown in the page (a source's BibTeX, RIS, CSL-JSON): made in the
     browser, so they work from disk too. */
  doc.querySelectorAll("button[data-download]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var el = doc.getElementById(b.getAttribute("data-download"));
      if (!el) return;
      var blob = new Blob([el.textContent], { type: b.getAttribute("data-type") + ";charset=utf-8" });
      var a = doc.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = b.getAttribute("data-filename");
      doc.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  });

  /* Sources page: sort and filter. */
  var list = doc.getElementById("bibliography");
  var controls = doc.querySelector(".source-controls");
  if (list && controls) {
    var items = Array.prototype.slice.call(list.children);
    var sort = doc.getElementById("source-sort");
    var lang = doc.getElementById("source-lang");
    var kind = doc.getElementById("source-kind");
    var filter = doc.getElementById("source-filter");
    var count = controls.querySelector(".source-count");
    var update = function () {
      var key = sort.value;
      var sorted = items.slice().sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || "";
        if (key === "order") return Number(x) - Number(y);
        if (x === y) return Number(a.dataset.order) - Number(b.dataset.order);
        if (!x) return 1;
        if (!y) return -1;
        return x.localeCompare(y);
      });
      var q = filter.value.trim().toLowerCase();
      var shown = 0;
      sorted.forEach(function (li) {
        var ok = (!lang.value || li.dataset.lang === lang.value) &&
          (!kind.value || li.dataset.kind === kind.value) &&
          (!q || li.textContent.toLowerCase().indexOf(q) >= 0);
        li.hidden = !ok;
        if (ok) shown++;
        list.appendChild(li);
      });
      count.textContent = "Showing " + shown + " of " + items.length + " sources";
    };
    [sort, lang, kind].forEach(function (el) { el.addEventListener("change", update); });
    filter.addEventListener("input", update);
    update();
  }
  /* Charts: each chart first shows its static picture. plotly.js is loaded only on pages with
     charts, and only when a chart scrolls into view; a chart already in view when the page opens
     waits for the reader's first move (pointer, touch, key, wheel or scroll), so opening a page
     never blocks on plotly. Colours follow the page (light or dark). */
  var plotDivs = Array.prototype.slice.call(doc.querySelectorAll("[data-plot]"));
  var plotlyUrl = doc.body.getAttribute("data-plotly");
  var plotlyLoading = null;
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = plotlyUrl;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { plotlyLoading = null; reject(); };
        doc.head.appendChild(s);
      });
    }
    return plotlyLoading;
  }
  /* A colour variable of the stylesheet as a plain colour plotly understands. */
  var probe = null;
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
    layout.hoverlabel = { bgcolor: cssColor("--popover-bg"), bordercolor: grid, font: { color: fg } };
    if (layout.legend) layout.legend.font = { color: fg };
    layout.modebar = { bgcolor: "rgba(0,0,0,0)", color: cssColor("--muted"), activecolor: fg };
    if (layout.xaxis.rangeslider) {
      layout.xaxis.rangeslider.bgcolor = cssColor("--bg-soft");
      layout.xaxis.rangeslider.bordercolor = grid;
    }
    return layout;
  }
  function holder(div) {
    return div.closest(".chart-figure, .timeline-overview, main") || div.parentNode;
  }
  function draw(div) {
    if (div.getAttribute("data-drawn")) return;
    div.setAttribute("data-drawn", "1");
    var box = holder(div);
    var picture = box.querySelector(".chart-fallback");
    var spec = JSON.parse(doc.getElementById(div.getAttribute("data-plot")).textContent);
    // Drawn out of sight over the picture, then swapped in: the page does not move while
    // plotly.js loads (and, where the picture is as tall as the chart, not even then).
    if (picture && picture.offsetHeight) {
      // At least the chart's own height (a phone's picture is small), at most a screenful.
      spec.layout.height = Math.min(560, Math.max(spec.layout.height || 300, Math.round(picture.offsetHeight)));
      div.style.minHeight = spec.layout.height + "px";
      div.style.position = "absolute";
      div.style.left = picture.offsetLeft + "px";
      div.style.top = picture.offsetTop + "px";
      div.style.width = picture.offsetWidth + "px";
      div.style.visibility = "hidden";
    }
    loadPlotly().then(function (P) {
      return P.newPlot(div, spec.data, styled(spec.layout), spec.config);
    }).then(function () {
      ["position", "left", "top", "width", "visibility"].forEach(function (k) { div.style[k] = ""; });
      box.classList.add("is-drawn");
      if (window.Plotly) window.Plotly.Plots.resize(div);
      div.dispatchEvent(new CustomEvent("plot-ready", { bubbles: true }));
    }, function () {
      div.removeAttribute("data-drawn");
    });
  }
  if (plotDivs.length && plotlyUrl) {
    var moved = false;
    var waiting = [];
    var moves = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"];
    var firstMove = function () {
      if (moved) return;
      moved = true;
      moves.forEach(function (ev) { window.removeEventListener(ev, firstMove, true); });
      waiting.splice(0).forEach(draw);
    };
    moves.forEach(function (ev) { window.addEventListener(ev, firstMove, { capture: true, passive: true }); });
    var byHolder = new Map();
    plotDivs.forEach(function (d) { byHolder.set(holder(d), d); });
    if ("IntersectionObserver" in window) {
      var plotObserver = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) {
          if (!en.isIntersecting) return;
          plotObserver.unobserve(en.target);
          var div = byHolder.get(en.target);
          if (moved) draw(div); else waiting.push(div);
        });
      }, { rootMargin: "300px 0px" });
      byHolder.forEach(function (div, h) { plotObserver.observe(h); });
    } else {
      waiting = plotDivs.slice();
    }
    var scheme = window.matchMedia("(prefers-color-scheme: dark)");
    var restyle = function () {
      if (!window.Plotly) return;
      plotDivs.forEach(function (d) { if (d.getAttribute("data-drawn") && d.layout) window.Plotly.relayout(d, styled({ xaxis: {}, yaxis: {} })); });
    };
    if (scheme.addEventListener) scheme.addEventListener("change", restyle);
  }

  /* Timeline: filter by theme, and jump from an overview marker to its event. */
  var timeline = doc.getElementById("timeline-list");
  var filter = doc.querySelector(".theme-filter");
  if (timeline && filter) {
    var events = Array.prototype.slice.call(timeline.querySelectorAll(".event"));
    var boxes = Array.prototype.slice.call(filter.querySelectorAll("input[type=checkbox]"));
    var counter = filter.querySelector(".event-count");
    var overviewDiv = doc.getElementById("timeline-overview");
    var applyFilter = function () {
      var on = {};
      boxes.forEach(function (b) { on[b.value] = b.checked; });
      var shown = 0;
      events.forEach(function (li) {
        var ok = !!on[li.getAttribute("data-theme")];
        li.hidden = !ok;
        if (ok) shown++;
      });
      counter.textContent = "Showing " + shown + " of " + events.length + " events";
      if (overviewDiv && overviewDiv.data && window.Plotly) {
        var vis = overviewDiv.data.map(function (t) { return on[t.legendgroup] ? true : "legendonly"; });
        window.Plotly.restyle(overviewDiv, { visible: vis });
      }
    };
    boxes.forEach(function (b) { b.addEventListener("change", applyFilter); });
    var reveal = function () {
      var target = location.hash && doc.getElementById(location.hash.slice(1));
      if (target && target.hidden) {
        boxes.forEach(function (b) { if (b.value === target.getAttribute("data-theme")) b.checked = true; });
        applyFilter();
        target.scrollIntoView();
      }
    };
    window.addEventListener("hashchange", reveal);
    if (overviewDiv) {
      overviewDiv.addEventListener("plot-ready", function () {
        applyFilter();
        overviewDiv.on("plotly_click", function (d) {
          var p = d.points && d.points[0];
          if (p && p.id) location.hash = "event-" + p.id;
        });
      });
    }
    applyFilter();
    reveal();
  }
  /* Chart pages: a drawn chart folds its data table away (it stays one click and a screen
     reader away); the embed code gets the page's own address when the site has no base URL. */
  doc.addEventListener("plot-ready", function (e) {
    var fig = e.target.closest && e.target.closest(".chart-figure");
    var table = fig && fig.querySelector("details.chart-data");
    if (table) table.open = false;
  });
  var embedCode = doc.getElementById("embed-code");
  if (embedCode && /^https?:/.test(location.protocol)) {
    var rel = embedCode.getAttribute("data-embed-url");
    if (rel && !/^https?:/.test(rel)) {
      var abs = new URL(rel, location.href).href;
      embedCode.value = embedCode.value.split(rel).join(abs);
      ["image-code", "link-code"].forEach(function (id) {
        var el = doc.getElementById(id);
        if (!el) return;
        el.value = el.value.replace(/(href|src)="([^"]+)"/g, function (m, attr, url) {
          return /^https?:/.test(url) ? m : attr + '="' + new URL(url, location.href).href + '"';
        });
      });
    }
  }

  /* Embed pages: tell the host page how tall the chart is, whenever that changes. */
  if (doc.body.classList.contains("page-embed") && window.parent !== window) {
    var chartId = doc.body.getAttribute("data-chart");
    var lastHeight = 0;
    var postHeight = function () {
      var h = Math.ceil(doc.documentElement.getBoundingClientRect().height);
      if (h === lastHeight) return;
      lastHeight = h;
      window.parent.postMessage({ type: "explainer:embed-height", id: chartId, height: h }, "*");
    };
    if ("ResizeObserver" in window) new ResizeObserver(postHeight).observe(doc.documentElement);
    window.addEventListener("load", postHeight);
    doc.addEventListener("plot-ready", postHeight);
    postHeight();
  }
})();
