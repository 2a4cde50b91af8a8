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
