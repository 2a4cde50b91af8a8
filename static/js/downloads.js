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
