/* Sidenotes: on wide screens each note also sits in the margin beside its first marker (a
   visual aid; the notes list and the popovers stay the accessible path). */
(function () {
  var layout = doc.querySelector(".article-layout");
  if (!layout) return;
  var wide = window.matchMedia("(min-width: 1320px)");
  var column = null;
  var timer = null;

  function build() {
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

  function placeAll() {
    if (!wide.matches) { if (column) column.hidden = true; return; }
    if (!column) build();
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

  placeAll();
  window.addEventListener("load", placeAll);
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(placeAll, 150); });
  doc.addEventListener("plot-ready", placeAll);
})();
