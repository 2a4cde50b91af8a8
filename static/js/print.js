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
