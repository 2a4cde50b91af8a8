/* Footnote popovers: a click, a tap or Enter on a marker opens its note in place, beside the
   line (above or below, wherever the note and the marker's sentence both stay in sight). It is a
   non-modal dialog: the focus moves into it; Tab past its end goes on to what follows the
   marker, Shift+Tab from its start back to the marker; Esc, the close button or a click elsewhere
   closes it. With a mouse, resting on a marker previews its note. */
(function () {
  var markers = doc.querySelectorAll("sup.fnref a[role=doc-noteref]");
  if (!markers.length) return;
  var open = null;
  var hoverTimer = null;
  var GAP = 6;
  var MARGIN = 8;

  function close(focusMarker) {
    clearTimeout(hoverTimer);
    if (!open) return;
    var marker = open.marker;
    open.box.remove();
    marker.setAttribute("aria-expanded", "false");
    open = null;
    if (focusMarker) marker.focus();
  }

  /* The rectangle (viewport coordinates) from the top of the marker's sentence to the bottom
     of the marker's line. */
  function band(marker) {
    var r = lib.sentence(marker).getBoundingClientRect();
    var m = marker.getBoundingClientRect();
    return { top: Math.min(r.top, m.top), bottom: Math.max(r.bottom, m.bottom) };
  }

  /* The smallest scroll (px down) that puts `lo`..`hi` rules right: see place(). */
  function shiftWithin(lo, hi) {
    if (lo > hi) return null;
    if (lo > 0) return lo;
    if (hi < 0) return hi;
    return 0;
  }

  function place(box, marker, mayScroll) {
    var vw = doc.documentElement.clientWidth;
    var vh = window.innerHeight;
    box.style.maxHeight = "";
    var narrow = vw <= 600;
    box.style.width = narrow ? (vw - 2 * MARGIN) + "px" : "";
    var m = marker.getBoundingClientRect();
    var left = narrow ? MARGIN : Math.max(MARGIN, Math.min(m.left - 16, vw - box.offsetWidth - MARGIN));
    var h = box.offsetHeight;
    var b = band(marker);
    // Below the line: the band from MARGIN, the note down to vh - MARGIN; above: the reverse.
    // Each gives the range of scroll shifts that fits; take the side needing the least.
    var below = shiftWithin(b.bottom + GAP + h - (vh - MARGIN), b.top - MARGIN);
    var above = shiftWithin(b.bottom - (vh - MARGIN), b.top - GAP - h - MARGIN);
    var side;
    var shift = 0;
    var lineOnly = false;
    if (below === 0) side = "below";
    else if (above === 0) side = "above";
    else if (mayScroll && (below !== null || above !== null)) {
      side = above === null || (below !== null && Math.abs(below) <= Math.abs(above)) ? "below" : "above";
      shift = side === "below" ? below : above;
    } else {
      // No room for the sentence and the whole note: keep the marker's line in sight and let
      // the note scroll inside itself, on the roomier side.
      var roomBelow = vh - MARGIN - (m.bottom + GAP);
      var roomAbove = m.top - GAP - MARGIN;
      if (mayScroll && Math.max(roomBelow, roomAbove) < Math.min(h, vh / 2)) {
        shift = m.top - MARGIN - 2 * m.height;
        roomBelow += shift;
        roomAbove -= shift;
      }
      side = roomBelow >= roomAbove ? "below" : "above";
      box.style.maxHeight = Math.max(120, side === "below" ? roomBelow : roomAbove) + "px";
      h = box.offsetHeight;
      lineOnly = true;
    }
    if (shift) window.scrollBy(0, shift);
    if (lineOnly) {
      m = marker.getBoundingClientRect();
      b = { top: m.top, bottom: m.bottom };
    } else if (shift) {
      b = band(marker);
    }
    var top = side === "below" ? b.bottom + GAP : b.top - GAP - h;
    box.style.top = (window.scrollY + top) + "px";
    box.style.left = (window.scrollX + left) + "px";
    box.setAttribute("data-side", side);
  }

  function build(marker, id, note) {
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
    link.addEventListener("click", function () { close(false); });
    more.appendChild(link);
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "popover-close";
    button.setAttribute("aria-label", "Close note");
    button.textContent = "×";
    button.addEventListener("click", function () { close(true); });
    box.appendChild(body);
    box.appendChild(more);
    box.appendChild(button);
    box.addEventListener("keydown", function (e) { tabOut(e, box, marker); });
    box.addEventListener("mouseenter", function () { clearTimeout(hoverTimer); });
    box.addEventListener("mouseleave", leave);
    return box;
  }

  /* Tab past the note's last control goes on from the marker's place; Shift+Tab from its start
     goes back to the marker. The note closes behind the focus. */
  function tabOut(e, box, marker) {
    if (e.key !== "Tab") return;
    var items = lib.focusables(box);
    var active = doc.activeElement;
    if (e.shiftKey && (active === box || active === items[0])) {
      e.preventDefault();
      close(true);
    } else if (!e.shiftKey && (!items.length || active === items[items.length - 1])) {
      e.preventDefault();
      var next = lib.focusableAfter(marker, box);
      close(false);
      (next || marker).focus();
    }
  }

  function show(marker, preview) {
    var id = marker.getAttribute("href").slice(1);
    var note = doc.getElementById(id);
    if (!note) return false;
    close(false);
    var box = build(marker, id, note);
    doc.body.appendChild(box);
    place(box, marker, !preview);
    marker.setAttribute("aria-expanded", "true");
    open = { box: box, marker: marker, preview: !!preview };
    if (!preview) box.focus({ preventScroll: true });
    return true;
  }

  function leave() {
    clearTimeout(hoverTimer);
    if (open && open.preview) hoverTimer = setTimeout(function () { close(false); }, 350);
  }

  markers.forEach(function (marker) {
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-haspopup", "dialog");
    marker.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      clearTimeout(hoverTimer);
      if (open && open.marker === marker && open.preview) {
        // A click keeps the previewed note open and takes the focus into it.
        e.preventDefault();
        open.preview = false;
        place(open.box, marker, true);
        open.box.focus({ preventScroll: true });
        return;
      }
      if (open && open.marker === marker) { e.preventDefault(); close(true); return; }
      if (show(marker, false)) e.preventDefault();
    });
    marker.addEventListener("pointerenter", function (e) {
      if (e.pointerType !== "mouse" || (open && !open.preview)) return;
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(function () {
        if (!open || open.marker !== marker) show(marker, true);
      }, 300);
    });
    marker.addEventListener("pointerleave", function (e) {
      if (e.pointerType === "mouse") leave();
    });
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) { e.preventDefault(); close(!open.preview); }
  });
  doc.addEventListener("click", function (e) {
    if (open && !open.box.contains(e.target) && !open.marker.contains(e.target)) close(false);
  });
  window.addEventListener("resize", function () { if (open) place(open.box, open.marker, false); });
})();
