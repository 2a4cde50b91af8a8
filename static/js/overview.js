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
