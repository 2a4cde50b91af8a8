/* explainer: progressive enhancement. Every page works without this file.
   Each feature is a module of its own (its own function scope, its own variables); they share
   only the small helpers of `lib`. No dependencies; works from file:// and under any sub-path. */
(function () {
  "use strict";
  var doc = document;

  /* lib: helpers several features use. */
  var lib = (function () {
    var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
      "textarea:not([disabled]), summary, [tabindex]";

    /* The sources page's exports (BibTeX, RIS, CSL-JSON of each source) are not in the page: they
       come from a script file (which loads from file:// too) the first time a reader asks for
       one. `fn` runs once they are in their boxes. */
    var exportsWaiting = null;
    function withExports(fn) {
      var list = doc.querySelector("[data-exports]");
      if (!list) return;
      if (window.explainerExports) { fillExports(); fn(); return; }
      if (exportsWaiting) { exportsWaiting.push(fn); return; }
      exportsWaiting = [fn];
      var script = doc.createElement("script");
      script.src = list.getAttribute("data-exports");
      script.onload = function () {
        fillExports();
        exportsWaiting.forEach(function (f) { f(); });
        exportsWaiting = null;
      };
      doc.head.appendChild(script);
    }
    function fillExports() {
      var all = window.explainerExports || {};
      doc.querySelectorAll("pre[data-export]").forEach(function (pre) {
        if (pre.textContent) return;
        var kind = pre.getAttribute("data-export");
        var entry = all[pre.id.slice(kind.length + 1)];
        if (entry) pre.textContent = entry[kind];
      });
    }
    doc.addEventListener("toggle", function (e) {
      if (e.target.classList && e.target.classList.contains("cite-box") && e.target.open) withExports(function () {});
    }, true);

    /* The elements of `root` that Tab reaches, in order. */
    function focusables(root) {
      return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (el) {
        return el.tabIndex >= 0 && el.getClientRects().length > 0;
      });
    }

    /* The first element Tab reaches after `el` in the page, outside `skip`. */
    function focusableAfter(el, skip) {
      var all = focusables(doc.body);
      for (var i = 0; i < all.length; i++) {
        var c = all[i];
        if ((skip && skip.contains(c)) || el.contains(c)) continue;
        if (el.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) return c;
      }
      return null;
    }

    /* The sentence a note marker is attached to, as the build quotes it (markdown.rs
       last_sentence): from after the last full stop, question or exclamation mark followed by a
       space (not after an initial or a common abbreviation) up to the marker. */
    var ABBREVIATIONS = ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "No",
      "Vol", "vs", "etc", "cf"];
    var NOT_TEXT = "sup.fnref, .ednote-ref, .event-links, .pilcrow, .back-to-source, .visually-hidden";
    function isAbbreviation(before) {
      var word = (/\p{L}+$/u.exec(before) || [""])[0];
      return (word.length === 1 && word === word.toUpperCase() && word !== word.toLowerCase()) ||
        ABBREVIATIONS.indexOf(word) >= 0;
    }
    function sentenceStart(text) {
      var body = text.replace(/[.,;:”")\s]+$/, "");
      var start = 0;
      var stop = /[.?!](?=\s)/g;
      var m;
      while ((m = stop.exec(body))) {
        if (!isAbbreviation(body.slice(0, m.index))) start = m.index + 1;
      }
      while (start < text.length && /\s/.test(text.charAt(start))) start++;
      return start;
    }
    function sentence(marker) {
      var anchor = marker.closest("sup") || marker;
      var block = anchor.parentNode.closest("p, li, td, th, figcaption, blockquote, dd") || anchor.parentNode;
      var walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      var nodes = [];
      var text = "";
      var n;
      while ((n = walker.nextNode())) {
        if (n.parentNode.closest(NOT_TEXT)) continue;
        if (!(anchor.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING)) break;
        nodes.push({ node: n, at: text.length });
        text += n.data;
      }
      var start = sentenceStart(text);
      var range = doc.createRange();
      var first = null;
      for (var i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i].at <= start) { first = nodes[i]; break; }
      }
      if (first && start < text.length) range.setStart(first.node, Math.min(start - first.at, first.node.length));
      else range.setStartBefore(anchor);
      range.setEndAfter(anchor);
      return range;
    }

    /* Wraps the text of `range` (not the markers in it) in spans of `className`. */
    function highlight(range, className) {
      var root = range.commonAncestorContainer;
      if (root.nodeType !== 1) root = root.parentNode;
      var walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      var parts = [];
      var n;
      while ((n = walker.nextNode())) {
        if (!range.intersectsNode(n) || n.parentNode.closest("sup.fnref, .ednote-ref")) continue;
        var s = n === range.startContainer ? range.startOffset : 0;
        var e = n === range.endContainer ? range.endOffset : n.length;
        if (e > s) parts.push([n, s, e]);
      }
      return parts.map(function (p) {
        var node = p[0];
        if (p[2] < node.length) node.splitText(p[2]);
        if (p[1] > 0) node = node.splitText(p[1]);
        var span = doc.createElement("span");
        span.className = className;
        node.parentNode.insertBefore(span, node);
        span.appendChild(node);
        return span;
      });
    }

    /* The page's state in its address (?name=value), replaced in place: Back and Forward and a
       shared link bring the same view back. */
    function param(name) {
      return new URLSearchParams(location.search).get(name) || "";
    }
    function setParams(values) {
      var params = new URLSearchParams(location.search);
      Object.keys(values).forEach(function (k) {
        if (values[k]) params.set(k, values[k]); else params.delete(k);
      });
      var query = [];
      params.forEach(function (v, k) {
        query.push(encodeURIComponent(k) + "=" + encodeURIComponent(v).replace(/%2C/g, ","));
      });
      var search = query.length ? "?" + query.join("&") : "";
      if (search !== location.search) history.replaceState(history.state, "", location.pathname + search + location.hash);
    }

    /* Whether the page was reached by Back or Forward (the browser restores its scroll). */
    function byHistory() {
      var nav = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
      return !!nav && nav.type === "back_forward";
    }

    /* The element a same-page link or the address's fragment points at. */
    function target() {
      if (!location.hash) return null;
      try { return doc.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { return null; }
    }

    return {
      withExports: withExports,
      focusables: focusables, focusableAfter: focusableAfter, sentence: sentence, highlight: highlight,
      param: param, setParams: setParams, byHistory: byHistory, target: target
    };
  })();

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

  /* Arriving at a note marker (a passage link from the citation index, ?from=KEY#fnref-N, or a
     back-link from the notes): the marker's sentence is highlighted and brought into view, and a
     passage reached from the citation index offers the way back to its source entry. */
  (function () {
    if (!doc.querySelector(".article-body")) return;
    /* Any citation key (Zotero's and Better BibTeX's too); it only ever names an entry of the
       sources page, after a fixed "sources.html#src-". */
    var from = /^[^\s#?&]+$/.test(lib.param("from")) ? lib.param("from") : "";
    var backLinked = false;
    var marks = [];

    function backLink() {
      var a = doc.createElement("a");
      a.className = "back-to-source";
      a.href = "sources.html#src-" + from;
      a.textContent = "Back to the source entry";
      return a;
    }

    /* Puts `el` after the marker and the punctuation that closes its sentence. */
    function insertAfterMarker(anchor, el) {
      var next = anchor.nextSibling;
      if (next && next.nodeType === 3) {
        var stop = /^[.,;:!?)”"»]+/.exec(next.data);
        if (stop) {
          next.splitText(stop[0].length);
          anchor = next;
        }
      }
      anchor.parentNode.insertBefore(doc.createTextNode(" "), anchor.nextSibling);
      anchor.parentNode.insertBefore(el, anchor.nextSibling.nextSibling);
    }

    /* The stylesheet's scroll margin brings a marker to a third of the way down the screen,
       the sentence above it; a sentence too long for that is scrolled to the top of the screen
       (whole if it fits). */
    function reveal(first, last) {
      var top = first.getBoundingClientRect().top;
      var bottom = last.getBoundingClientRect().bottom;
      var vh = window.innerHeight;
      if (top >= 0 && bottom <= vh) return;
      window.scrollBy(0, top - Math.max(8, Math.min(vh * 0.2, (vh - (bottom - top)) / 2)));
    }

    function arrive(scroll) {
      var target = lib.target();
      marks.forEach(function (m) { m.classList.remove("cited-sentence"); });
      if (!target) return;
      if (target.matches("a[role=doc-noteref]")) {
        var anchor = target.closest("sup") || target;
        marks = lib.highlight(lib.sentence(target), "cited-sentence");
        var last = anchor;
        if (from && !backLinked) {
          last = backLink();
          insertAfterMarker(anchor, last);
          backLinked = true;
        }
        if (scroll) reveal(marks[0] || anchor, last);
      } else if (from && !backLinked && target.closest(".article-body")) {
        target.appendChild(doc.createTextNode(" "));
        target.appendChild(backLink());
        backLinked = true;
      }
    }

    var first = !lib.byHistory();
    arrive(first);
    // The browser may scroll to the fragment again while the page loads.
    if (first && doc.readyState !== "complete") {
      window.addEventListener("load", function () {
        var t = lib.target();
        if (t && marks.length) requestAnimationFrame(function () { reveal(marks[0], doc.querySelector(".back-to-source") || t); });
      });
    }
    window.addEventListener("hashchange", function () { arrive(true); });
  })();

  /* Table of contents: shows the section being read (and, at a jump, the section of the place
     jumped to); folded on narrow screens, open beside the text on wide ones. */
  (function () {
    var toc = doc.querySelector(".toc");
    if (!toc) return;
    var fold = toc.querySelector("details");
    var wide = window.matchMedia("(min-width: 1100px)");
    var fit = function () { if (fold && wide.matches) fold.open = true; };
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
    var links = {};
    toc.querySelectorAll("a[href^='#']").forEach(function (a) { links[a.getAttribute("href").slice(1)] = a; });
    var targets = Object.keys(links).map(function (id) { return doc.getElementById(id); }).filter(Boolean);
    if (!targets.length) return;
    var current = null;
    var heldUntil = 0;
    var frame = 0;

    function mark(t) {
      if (!t || t === current) return;
      if (current) links[current.id].removeAttribute("aria-current");
      links[t.id].setAttribute("aria-current", "true");
      current = t;
    }
    function fromScroll() {
      frame = 0;
      if (Date.now() < heldUntil) return;
      var best = targets[0];
      targets.forEach(function (t) { if (t.getBoundingClientRect().top < window.innerHeight * 0.3) best = t; });
      mark(best);
    }
    /* The section holding the element the address points at. */
    function fromHash() {
      var el = lib.target();
      if (!el) return false;
      var best = targets[0];
      targets.forEach(function (t) {
        if (t === el || (!t.contains(el) && (t.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))) best = t;
      });
      mark(best);
      // The jump's own scroll events must not undo this.
      heldUntil = Date.now() + 400;
      return true;
    }
    window.addEventListener("scroll", function () { if (!frame) frame = requestAnimationFrame(fromScroll); }, { passive: true });
    window.addEventListener("hashchange", fromHash);
    if (!fromHash()) fromScroll();
  })();

  /* Copy buttons: copy the text of the element named by data-copy; the result is said aloud. */
  (function () {
    var status = null;
    function say(text) {
      if (!status) {
        status = doc.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        doc.body.appendChild(status);
      }
      status.textContent = text;
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
    function done(button, ok) {
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = ok ? "Copied" : "Select and copy";
      say(ok ? "Copied" : "Could not copy: select the text and copy it");
      setTimeout(function () { button.textContent = label; }, 1800);
    }
    doc.addEventListener("click", function (e) {
      var button = e.target.closest && e.target.closest("button[data-copy]");
      if (!button) return;
      var el = doc.getElementById(button.getAttribute("data-copy"));
      if (!el) return;
      if (el.hasAttribute("data-export") && !el.textContent) {
        lib.withExports(function () { copy(button, el); });
        return;
      }
      copy(button, el);
    });
    function copy(button, el) {
      var text = el.tagName === "TEXTAREA" ? el.value : el.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(button, true); }, function () { done(button, fallback(text)); });
      } else {
        done(button, fallback(text));
      }
    }
  })();

  /* Downloads made in the browser: a source's BibTeX, RIS or CSL-JSON shown in the page; and,
     from disk (file://, where browsers ignore a link's `download`), the files that links offer
     to download, from copies carried in the page. */
  (function () {
    var TYPES = { csv: "text/csv", json: "application/json", svg: "image/svg+xml", bib: "application/x-bibtex",
      ris: "application/x-research-info-systems" };
    function save(text, name, type) {
      // RIS lines end in CR LF (the page's copy lost the CR: HTML keeps only LF).
      if (/\.ris$/.test(name)) text = text.replace(/\r?\n/g, "\r\n");
      var blob = new Blob([text], { type: type + ";charset=utf-8" });
      var a = doc.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.hidden = true;
      doc.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
    doc.querySelectorAll("button[data-download]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        var el = doc.getElementById(b.getAttribute("data-download"));
        if (!el) return;
        var go = function () { save(el.textContent, b.getAttribute("data-filename"), b.getAttribute("data-type")); };
        if (el.hasAttribute("data-export") && !el.textContent) lib.withExports(go);
        else go();
      });
    });
    if (location.protocol !== "file:") return;

    var carried = doc.getElementById("download-files");
    var files = carried ? JSON.parse(carried.textContent) : {};
    /* The whole bibliography, joined from the entries' exports in order of first citation, as
       the build writes cite/bibliography.*. */
    function joined(kind) {
      var entries = Array.prototype.slice.call(doc.querySelectorAll("#bibliography > li.source"));
      entries.sort(function (a, b) { return Number(a.dataset.order) - Number(b.dataset.order); });
      var texts = entries.map(function (li) {
        var pre = li.querySelector("pre[id^='" + kind + "-']");
        return pre ? pre.textContent : "";
      });
      if (kind === "bib") return texts.map(function (t) { return t + "\n"; }).join("");
      if (kind === "ris") return texts.join("");
      return JSON.stringify(texts.map(function (t) { return JSON.parse(t)[0]; }), null, 2) + "\n";
    }
    doc.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[download]");
      if (!a || e.defaultPrevented || e.button) return;
      var name = a.getAttribute("download") || a.getAttribute("href").split("/").pop();
      var type = TYPES[name.split(".").pop()] || "application/octet-stream";
      if (a.dataset.file && Object.prototype.hasOwnProperty.call(files, a.dataset.file)) {
        e.preventDefault();
        save(files[a.dataset.file], name, type);
      } else if (a.dataset.join) {
        e.preventDefault();
        lib.withExports(function () { save(joined(a.dataset.join), name, type); });
      }
    });
  })();

  /* Sources page: sort, filter by language and type, search. The choice is kept in the address
     (?sort=date&lang=ru&type=…&q=…), so it survives Back and Forward and can be shared. */
  (function () {
    var list = doc.getElementById("bibliography");
    var controls = doc.querySelector(".source-controls");
    if (!list || !controls) return;
    var items = Array.prototype.slice.call(list.children);
    var fields = {
      sort: doc.getElementById("source-sort"),
      lang: doc.getElementById("source-lang"),
      type: doc.getElementById("source-kind"),
      q: doc.getElementById("source-filter")
    };
    var count = controls.querySelector(".source-count");
    function fold(text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
    }
    // What a search looks in: the title, its translation, the outlet, authors, date and type.
    var words = items.map(function (li) {
      return fold(Array.prototype.map.call(li.querySelectorAll(".source-title, .source-translation, .source-meta dd, .editor-remark"),
        function (el) { return el.textContent; }).join(" "));
    });

    function fromAddress() {
      ["sort", "lang", "type"].forEach(function (k) {
        var want = lib.param(k);
        var ok = Array.prototype.some.call(fields[k].options, function (o) { return o.value === want; });
        fields[k].value = ok ? want : fields[k].options[0].value;
      });
      fields.q.value = lib.param("q");
    }
    function toAddress() {
      lib.setParams({
        sort: fields.sort.value === "order" ? "" : fields.sort.value,
        lang: fields.lang.value,
        type: fields.type.value,
        q: fields.q.value.trim()
      });
    }
    function update() {
      var key = fields.sort.value;
      var order = items.slice().sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || "";
        if (key === "order") return Number(x) - Number(y);
        if (x === y) return Number(a.dataset.order) - Number(b.dataset.order);
        if (!x) return 1;
        if (!y) return -1;
        return x.localeCompare(y);
      });
      var q = fold(fields.q.value.trim());
      var shown = 0;
      order.forEach(function (li) {
        var ok = (!fields.lang.value || li.dataset.lang === fields.lang.value) &&
          (!fields.type.value || li.dataset.kind === fields.type.value) &&
          (!q || words[items.indexOf(li)].indexOf(q) >= 0);
        li.hidden = !ok;
        if (ok) shown++;
        list.appendChild(li);
      });
      count.textContent = "Showing " + shown + " of " + items.length + " sources";
    }
    function changed() { toAddress(); update(); }
    /* A link to an entry the filters hide shows everything again. */
    function reveal() {
      var t = lib.target();
      if (t && t.hidden && list.contains(t)) {
        fields.lang.value = "";
        fields.type.value = "";
        fields.q.value = "";
        changed();
        t.scrollIntoView();
      }
    }
    [fields.sort, fields.lang, fields.type].forEach(function (el) { el.addEventListener("change", changed); });
    fields.q.addEventListener("input", changed);
    window.addEventListener("popstate", function () { fromAddress(); update(); });
    window.addEventListener("pageshow", function (e) { if (e.persisted) { fromAddress(); update(); } });
    window.addEventListener("hashchange", reveal);
    fromAddress();
    update();
    reveal();
  })();

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

  /* Print: every chart prints as its picture with its data table open, whether or not the reader
     scrolled to it (pictures that load lazily are fetched before the page is laid out for print;
     the stylesheet shows the tables). */
  (function () {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      doc.querySelectorAll("img[loading=lazy]").forEach(function (img) { img.loading = "eager"; });
      doc.querySelectorAll("details.chart-data:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.splice(0).forEach(function (d) { d.open = false; });
    });
  })();

  /* Timeline: filter by theme (kept in the address, ?themes=a,b), and jump from an overview
     marker to its event. */
  (function () {
    var timeline = doc.getElementById("timeline-list");
    var fieldset = doc.querySelector(".theme-filter");
    if (!timeline || !fieldset) return;
    var events = Array.prototype.slice.call(timeline.querySelectorAll(".event"));
    var boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"));
    var counter = fieldset.querySelector(".event-count");
    var overview = doc.getElementById("timeline-overview");

    function fromAddress() {
      var want = lib.param("themes");
      var list = want ? want.split(",") : null;
      boxes.forEach(function (b) { b.checked = !list || list.indexOf(b.value) >= 0; });
    }
    function toAddress() {
      var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      lib.setParams({ themes: on.length === boxes.length ? "" : (on.join(",") || "none") });
    }
    function apply() {
      var on = {};
      boxes.forEach(function (b) { on[b.value] = b.checked; });
      var shown = 0;
      events.forEach(function (li) {
        var ok = !!on[li.getAttribute("data-theme")];
        li.hidden = !ok;
        if (ok) shown++;
      });
      counter.textContent = "Showing " + shown + " of " + events.length + " events";
      if (overview && overview.data && window.Plotly) {
        window.Plotly.restyle(overview, { visible: overview.data.map(function (t) { return on[t.legendgroup] ? true : "legendonly"; }) });
      }
    }
    /* A link to an event of a hidden theme shows that theme again. */
    function reveal() {
      var target = lib.target();
      if (target && target.hidden && timeline.contains(target)) {
        boxes.forEach(function (b) { if (b.value === target.getAttribute("data-theme")) b.checked = true; });
        toAddress();
        apply();
        target.scrollIntoView();
      }
    }
    boxes.forEach(function (b) { b.addEventListener("change", function () { toAddress(); apply(); }); });
    window.addEventListener("hashchange", reveal);
    window.addEventListener("popstate", function () { fromAddress(); apply(); });
    window.addEventListener("pageshow", function (e) { if (e.persisted) { fromAddress(); apply(); } });
    if (overview) {
      overview.addEventListener("plot-ready", function () {
        apply();
        overview.on("plotly_click", function (d) {
          var p = d.points && d.points[0];
          if (p && p.id) location.hash = "event-" + p.id;
        });
      });
    }
    fromAddress();
    apply();
    reveal();
  })();

  /* Timeline overview: the wheel and a swipe scroll the page until the reader chooses to explore
     the overview ("Explore: zoom and pan"); then they zoom and pan it, until the reader presses
     the button again, presses Esc, clicks or taps elsewhere, or moves the mouse away. */
  (function () {
    var figure = doc.querySelector(".timeline-overview");
    var plot = doc.getElementById("timeline-overview");
    var button = figure && figure.querySelector("button.explore");
    if (!plot || !button) return;
    var hint = figure.querySelector(".explore-hint");
    var idle = { button: button.textContent, hint: hint.textContent };
    function exploring() { return plot.hasAttribute("data-exploring"); }
    function explore(on) {
      if (on === exploring()) return;
      if (on) plot.setAttribute("data-exploring", ""); else plot.removeAttribute("data-exploring");
      figure.classList.toggle("is-exploring", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Done exploring" : idle.button;
      hint.textContent = on ? "Drag to pan, scroll to zoom (or use the buttons over the chart); Esc ends." : idle.hint;
    }
    button.addEventListener("click", function () { explore(!exploring()); });
    /* The whole view has ticks made for its broken axis; zoomed in, plotly's own ticks adapt. */
    function time(d) { return typeof d === "number" ? d : Date.parse(String(d).replace(" ", "T") + (/[zZ]$/.test(d) ? "" : "Z")); }
    plot.addEventListener("plot-ready", function () {
      var whole = plot.layout.xaxis.range.map(time);
      plot.on("plotly_relayout", function (e) {
        if (!Object.keys(e).some(function (k) { return /^xaxis\.(range|autorange)/.test(k); })) return;
        var r = plot.layout.xaxis.range.map(time);
        var zoomed = Math.abs(r[0] - whole[0]) > 864e5 || Math.abs(r[1] - whole[1]) > 864e5;
        var mode = zoomed ? "auto" : "array";
        if (plot.layout.xaxis.tickmode !== mode) window.Plotly.relayout(plot, { "xaxis.tickmode": mode });
      });
    });
    doc.addEventListener("keydown", function (e) { if (e.key === "Escape") explore(false); });
    figure.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") explore(false); });
    doc.addEventListener("pointerdown", function (e) { if (!figure.contains(e.target)) explore(false); }, true);
  })();

  /* Chart pages: without a base URL the codes' addresses are relative; served over http, they
     get the page's own address (and the warning beside them goes). */
  (function () {
    var embedCode = doc.getElementById("embed-code");
    if (!embedCode || !/^https?:/.test(location.protocol)) return;
    var rel = embedCode.getAttribute("data-embed-url");
    if (!rel || /^https?:/.test(rel)) return;
    ["embed-code", "image-code", "link-code"].forEach(function (id) {
      var el = doc.getElementById(id);
      if (!el) return;
      el.value = el.value.replace(/(href|src|srcset)="([^"]+)"/g, function (m, attr, url) {
        return /^https?:/.test(url) ? m : attr + '="' + new URL(url, location.href).href + '"';
      });
    });
    var warning = doc.getElementById("code-warning");
    if (warning) {
      warning.textContent = "These codes use this page’s own address (" + location.origin +
        "): they work wherever this page is published. Built with --base-url, the codes hold the site’s address whatever page they are copied from.";
    }
  })();

  /* Embed pages: tell the host page how tall the chart is, whenever that changes; open the full
     chart in a new tab where the frame may, or in the frame itself where it may not. */
  (function () {
    if (!doc.body.classList.contains("page-embed")) return;
    var link = doc.querySelector("a.embed-link");
    if (link) {
      link.addEventListener("click", function (e) {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
        e.preventDefault();
        var w = window.open(link.href, "_blank");
        if (w) w.opener = null; else location.href = link.href;
      });
    }
    if (window.parent === window) return;
    var chartId = doc.body.getAttribute("data-chart");
    var lastHeight = 0;
    function postHeight() {
      var h = Math.ceil(doc.documentElement.getBoundingClientRect().height);
      if (h === lastHeight) return;
      lastHeight = h;
      window.parent.postMessage({ type: "explainer:embed-height", id: chartId, height: h }, "*");
    }
    if ("ResizeObserver" in window) new ResizeObserver(postHeight).observe(doc.documentElement);
    window.addEventListener("load", postHeight);
    doc.addEventListener("plot-ready", postHeight);
    postHeight();
  })();
})();
