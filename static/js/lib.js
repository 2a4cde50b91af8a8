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
