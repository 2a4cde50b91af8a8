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
