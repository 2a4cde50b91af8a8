/* Loads search.js when a reader turns to the search box (focus, button, "/", ?search=). */
(function () {
  var d = document, box = d.querySelector("[data-search-js]");
  if (!box) return;
  var input = box.querySelector("input");
  function load() {
    if (window.__explainerSearchLoading) return;
    window.__explainerSearchLoading = 1;
    var s = d.createElement("script");
    s.src = box.getAttribute("data-search-js");
    d.head.appendChild(s);
  }
  input.addEventListener("focus", load);
  box.querySelector("button").addEventListener("click", function () { input.focus(); load(); });
  d.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
        t.isContentEditable) return;
    e.preventDefault();
    input.focus();
  });
  if (/[?&]search=/.test(location.search)) load();
})();
