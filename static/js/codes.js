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
