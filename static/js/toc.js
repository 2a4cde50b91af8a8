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
