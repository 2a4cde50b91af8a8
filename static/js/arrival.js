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
