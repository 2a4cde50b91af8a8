/* Sources page: sort, filter by language and type, search. The choice is kept in the address
   (?sort=date&lang=ru&type=…&q=…), so it survives Back and Forward and can be shared. */
(function () {
  var list = doc.getElementById("bibliography");
  var controls = doc.querySelector(".source-controls");
  if (!list || !controls) return;
  var items = Array.prototype.slice.call(list.children);
  var fields = {
    sort: doc.getElementById("source-sort"),
    lang: doc.getElementById("source-lang"),
    type: doc.getElementById("source-kind"),
    q: doc.getElementById("source-filter")
  };
  var count = controls.querySelector(".source-count");
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }
  // What a search looks in: the title, its translation, the outlet, authors, date and type.
  var words = items.map(function (li) {
    return fold(Array.prototype.map.call(li.querySelectorAll(".source-title, .source-translation, .source-meta dd, .editor-remark"),
      function (el) { return el.textContent; }).join(" "));
  });

  function fromAddress() {
    ["sort", "lang", "type"].forEach(function (k) {
      var want = lib.param(k);
      var ok = Array.prototype.some.call(fields[k].options, function (o) { return o.value === want; });
      fields[k].value = ok ? want : fields[k].options[0].value;
    });
    fields.q.value = lib.param("q");
  }
  function toAddress() {
    lib.setParams({
      sort: fields.sort.value === "order" ? "" : fields.sort.value,
      lang: fields.lang.value,
      type: fields.type.value,
      q: fields.q.value.trim()
    });
  }
  function update() {
    var key = fields.sort.value;
    var order = items.slice().sort(function (a, b) {
      var x = a.dataset[key] || "", y = b.dataset[key] || "";
      if (key === "order") return Number(x) - Number(y);
      if (x === y) return Number(a.dataset.order) - Number(b.dataset.order);
      if (!x) return 1;
      if (!y) return -1;
      return x.localeCompare(y);
    });
    var q = fold(fields.q.value.trim());
    var shown = 0;
    order.forEach(function (li) {
      var ok = (!fields.lang.value || li.dataset.lang === fields.lang.value) &&
        (!fields.type.value || li.dataset.kind === fields.type.value) &&
        (!q || words[items.indexOf(li)].indexOf(q) >= 0);
      li.hidden = !ok;
      if (ok) shown++;
      list.appendChild(li);
    });
    count.textContent = "Showing " + shown + " of " + items.length + " sources";
  }
  function changed() { toAddress(); update(); }
  /* A link to an entry the filters hide shows everything again. */
  function reveal() {
    var t = lib.target();
    if (t && t.hidden && list.contains(t)) {
      fields.lang.value = "";
      fields.type.value = "";
      fields.q.value = "";
      changed();
      t.scrollIntoView();
    }
  }
  [fields.sort, fields.lang, fields.type].forEach(function (el) { el.addEventListener("change", changed); });
  fields.q.addEventListener("input", changed);
  window.addEventListener("popstate", function () { fromAddress(); update(); });
  window.addEventListener("pageshow", function (e) { if (e.persisted) { fromAddress(); update(); } });
  window.addEventListener("hashchange", reveal);
  fromAddress();
  update();
  reveal();
})();
