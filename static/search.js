/* explainer: the site search. Loaded by search-boot.js when a reader turns to the search box.
   The index (search/, built by src/render/search/) is classic script files that push their data
   into window.__explainerSearch: they load from file://, from any host, under a sub-path and under
   a Content-Security-Policy that forbids fetch. Only the shards of the typed words and the
   snippet chunks of the best results are loaded. Results are built as DOM text, never as markup.
   window.explainerSearch.query(text) gives the ranked results (for tests and for other scripts). */
(function () {
  "use strict";
  var doc = document, W = window;
  var box = doc.querySelector("[data-search-js]");
  if (!box || W.explainerSearch) return;
  var input = box.querySelector("input");
  var list = doc.getElementById("site-search-results");
  var status = doc.getElementById("site-search-status");
  var base = box.getAttribute("data-search-root") || "";
  var KIND_NAMES = ["Passages", "Sections", "Notes", "Sources", "Events", "Charts"];
  var MAX_SHOWN = 30;

  var css = doc.createElement("link");
  css.rel = "stylesheet";
  css.href = box.getAttribute("data-search-css");
  doc.head.appendChild(css);

  /* The index as it arrives. */
  var root = null, shards = {}, chunks = {}, waiting = {};
  function receive(item) {
    if (item[0] === "root") root = item[1];
    else if (item[0] === "t") shards[item[1]] = item[2];
    else if (item[0] === "d") chunks[item[1] + "." + item[2]] = { title: item[3], units: item[4] };
  }
  var queued = Array.isArray(W.__explainerSearch) ? W.__explainerSearch : [];
  W.__explainerSearch = { push: receive };
  queued.forEach(receive);

  /* Loads a file of the index once; resolves when its data is in (or it failed to load). */
  function load(path) {
    if (!waiting[path]) {
      waiting[path] = new Promise(function (resolve) {
        var s = doc.createElement("script");
        s.src = base + "search/" + path + (root ? "?v=" + root.v : "");
        s.onload = s.onerror = function () { s.remove(); resolve(); };
        doc.head.appendChild(s);
      });
    }
    return waiting[path];
  }
  function hex(key) {
    return Array.prototype.map.call(new TextEncoder().encode(key), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  /* Folding and terms, exactly as src/render/search/fold.rs does it. */
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }
  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30FF) || (n >= 0x3400 && n <= 0x4DBF) || (n >= 0x4E00 && n <= 0x9FFF) ||
      (n >= 0xF900 && n <= 0xFAFF) || (n >= 0xAC00 && n <= 0xD7AF) || (n >= 0x1100 && n <= 0x11FF) ||
      (n >= 0x20000 && n <= 0x2FFFF);
  }
  var ALNUM = /[\p{L}\p{N}]/u;
  function terms(text) {
    var out = [], word = "", cjk = [];
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    function flushWord() { if (word) out.push(word); word = ""; }
    Array.from(fold(text)).forEach(function (c) {
      if (isCjk(c)) { flushWord(); cjk.push(c); }
      else if (ALNUM.test(c)) { flushCjk(); word += c; }
      else { flushCjk(); flushWord(); }
    });
    flushCjk(); flushWord();
    return out;
  }
  function chars(s) { return Array.from(s).length; }

  /* A word's forms to look for: itself, its singular, and the few synonyms readers of such
     articles type for the words the texts use (no dictionary: a short list, by design). */
  var SYNONYMS = { semiconductor: ["microchip", "chip"], chip: ["microchip"], microchip: ["chip"] };
  function forms(w) {
    var out = [w];
    if (/[a-z]{3,}s$/.test(w)) out.push(w.slice(0, -1));
    out.slice().forEach(function (f) { (SYNONYMS[f] || []).forEach(function (x) { out.push(x); }); });
    return out.filter(function (f, i) { return out.indexOf(f) === i; });
  }

  /* The shards that hold every term starting with `t`: the longest key that begins `t`, and
     the keys that continue it (a one-letter word in Latin letters matches only itself). */
  function shardsFor(t) {
    var best = "", more = [];
    var prefixOk = chars(t) >= 2 || isCjk(t);
    root.shards.forEach(function (k) {
      if (t.indexOf(k) === 0 && k.length > best.length) best = k;
      else if (prefixOk && k.length > t.length && k.indexOf(t) === 0) more.push(k);
    });
    return (best ? [best] : []).concat(more);
  }

  /* Parses a query: words, and "quoted phrases" that must appear as written. */
  function parse(text) {
    var phrases = [], m, re = /"([^"]+)"/g;
    while ((m = re.exec(text))) phrases.push(terms(m[1]).join(" "));
    return { words: terms(text.replace(/"/g, " ")), phrases: phrases.filter(Boolean) };
  }

  function decode(postings, visit) {
    var a = 0, u = 0;
    for (var i = 0; i < postings.length; i += 3) {
      if (i === 0 || postings[i] > 0) { a += postings[i]; u = postings[i + 1]; }
      else u += postings[i + 1];
      visit(a, u, postings[i + 2]);
    }
  }

  function unitOf(a, u) {
    var c = chunks[root.articles[a] + "." + Math.floor(u / root.chunk)];
    return c && c.units[u % root.chunk];
  }

  /* The ranked results of a query: [{article, articleTitle, kind, href, title, label, text, score}]. */
  function query(text) {
    return load("root.js").then(function () {
      if (!root) return [];
      var q = parse(text);
      var words = q.words.filter(function (w, i) { return q.words.indexOf(w) === i; });
      if (!words.length) return [];
      /* Words of one or two letters ("of", "no") only rank by the phrase when longer ones are
         there: their shards are the biggest. */
      var strong = words.filter(function (w) { return chars(w) > 2 || isCjk(w) || /\d/.test(w); });
      var keyWords = strong.length ? strong : words;
      var need = {};
      keyWords.forEach(function (w) {
        forms(w).forEach(function (f) { shardsFor(f).forEach(function (k) { need[k] = 1; }); });
      });
      return Promise.all(Object.keys(need).map(function (k) { return load("t/" + hex(k) + ".js"); }))
        .then(function () { return rank(q, keyWords, words); });
    });
  }

  function rank(q, keyWords, words) {
    var total = null;
    keyWords.forEach(function (w, wi) {
      var scores = {};
      forms(w).forEach(function (f, fi) {
       var prefixOk = chars(f) >= 2 || isCjk(f);
       shardsFor(f).forEach(function (k) {
        var shard = shards[k] || {};
        Object.keys(shard).forEach(function (term) {
          var exact = term === f;
          if (!exact && !(prefixOk && term.indexOf(f) === 0)) return;
          var p = shard[term], df = p.length / 3;
          var idf = Math.log(1 + root.n / df) * (exact ? 1 : 0.6 / (1 + 0.1 * (chars(term) - chars(f)))) *
            (fi === 0 ? 1 : 0.8);
          decode(p, function (a, u, s) {
            var key = a * 1048576 + u;
            var v = (1 + Math.log(s)) * idf;
            if (!scores[key] || scores[key] < v) scores[key] = v;
          });
        });
       });
      });
      if (total === null) total = scores;
      else {
        var next = {};
        Object.keys(total).forEach(function (key) { if (scores[key]) next[key] = total[key] + scores[key]; });
        total = next;
      }
      if (wi === 0 && !Object.keys(total).length) total = {};
    });
    var keys = Object.keys(total || {}).sort(function (x, y) { return total[y] - total[x] || x - y; })
      .slice(0, q.phrases.length ? 200 : 40);
    var need = {};
    keys.forEach(function (key) {
      var a = Math.floor(key / 1048576), u = key % 1048576;
      need[root.articles[a] + "." + Math.floor(u / root.chunk)] = 1;
    });
    return Promise.all(Object.keys(need).map(function (c) { return load("d/" + c + ".js"); })).then(function () {
      var phrase = words.join(" ");
      var out = [];
      keys.forEach(function (key) {
        var a = Math.floor(key / 1048576), u = key % 1048576;
        var unit = unitOf(a, u);
        if (!unit) return;
        var hay = " " + terms(unit[3] + " " + unit[4]).join(" ") + " ";
        if (q.phrases.some(function (p) { return hay.indexOf(" " + p + " ") < 0; })) return;
        var score = total[key];
        if (words.length > 1 && hay.indexOf(" " + phrase) >= 0) score *= 2;
        var slug = root.articles[a];
        out.push({
          article: slug, articleTitle: chunks[slug + ".0"] ? chunks[slug + ".0"].title : "",
          kind: root.kinds[unit[0]], kindIndex: unit[0], href: base + slug + "/" + unit[1],
          label: unit[2], title: unit[3], text: unit[4], score: score, order: a * 1048576 + u
        });
      });
      out.sort(function (x, y) { return y.score - x.score || x.order - y.order; });
      return out;
    });
  }

  /* The snippet: the text around the first matched word, matched words in <mark>. */
  function marked(el, text, words, limit) {
    var spans = [], m, re = /[\p{L}\p{N}]+/gu;
    while ((m = re.exec(text))) {
      var f = fold(m[0]);
      var cjkWords = words.filter(isCjkWord);
      if (words.some(function (w) { return !isCjkWord(w) && f.indexOf(w) === 0; })) {
        spans.push([m.index, m.index + m[0].length]);
      } else {
        cjkWords.forEach(function (w) {
          var at = f.indexOf(w);
          while (at >= 0) {
            spans.push([m.index + at, m.index + at + w.length]);
            at = f.indexOf(w, at + 1);
          }
        });
      }
    }
    spans.sort(function (x, y) { return x[0] - y[0]; });
    var start = 0, end = text.length;
    if (limit && text.length > limit) {
      var first = spans.length ? spans[0][0] : 0;
      start = Math.max(0, first - Math.floor(limit / 3));
      if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < first) start = sp + 1; }
      end = Math.min(text.length, start + limit);
      if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > start) end = back; }
    }
    var at = start;
    if (start > 0) el.appendChild(doc.createTextNode("… "));
    spans.forEach(function (s) {
      if (s[0] < at || s[1] > end) return;
      el.appendChild(doc.createTextNode(text.slice(at, s[0])));
      var mk = doc.createElement("mark");
      mk.textContent = text.slice(s[0], s[1]);
      el.appendChild(mk);
      at = s[1];
    });
    el.appendChild(doc.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
  }
  function isCjkWord(w) { return isCjk(w); }

  /* Results: grouped by article (when there are several), then by kind, best group first. */
  var shownFor = null, active = -1, seq = 0;
  function show(results, text) {
    var words = [];
    parse(text).words.forEach(function (w) { words = words.concat(forms(w)); });
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var several = root && root.articles.length > 1;
    var groups = [], byKey = {};
    results.slice(0, MAX_SHOWN).forEach(function (r) {
      var key = (several ? r.article : "") + "|" + r.kindIndex;
      if (!byKey[key]) { byKey[key] = { r: r, items: [] }; groups.push(byKey[key]); }
      byKey[key].items.push(r);
    });
    var n = 0;
    groups.forEach(function (g) {
      var name = KIND_NAMES[g.r.kindIndex] + (several ? " · " + g.r.articleTitle : "");
      var group = doc.createElement("div");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", name);
      group.className = "sr-group";
      var head = doc.createElement("div");
      head.className = "sr-group-name";
      head.setAttribute("aria-hidden", "true");
      head.textContent = name;
      group.appendChild(head);
      g.items.forEach(function (r) {
        var a = doc.createElement("a");
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.id = "sr-" + (n++);
        a.className = "sr-item";
        a.href = r.href;
        a.tabIndex = -1;
        a.setAttribute("data-kind", r.kind);
        var title = doc.createElement("span");
        title.className = "sr-title";
        if (r.title) marked(title, r.title, words, 0);
        else title.textContent = r.label;
        a.appendChild(title);
        if (r.title && r.label) {
          var label = doc.createElement("span");
          label.className = "sr-label";
          label.textContent = r.label;
          a.appendChild(label);
        }
        if (r.text) {
          var snip = doc.createElement("span");
          snip.className = "sr-snippet";
          marked(snip, r.text, words, 180);
          a.appendChild(snip);
        }
        group.appendChild(a);
      });
      list.appendChild(group);
    });
    var count = results.length;
    if (!count) {
      var none = doc.createElement("p");
      none.className = "sr-none";
      none.textContent = "Nothing found for “" + text + "”.";
      list.appendChild(none);
    }
    status.textContent = count ? count + (count === 1 ? " result" : " results") +
      (count > MAX_SHOWN ? ", the best " + MAX_SHOWN + " shown" : "") : "No results";
    open(true);
  }
  function open(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
  }
  function options() { return list.querySelectorAll("[role=option]"); }
  function activate(i) {
    var opts = options();
    if (!opts.length) return;
    if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
    active = (i + opts.length) % opts.length;
    var o = opts[active];
    o.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", o.id);
    o.scrollIntoView({ block: "nearest" });
  }

  function setAddress(text) {
    var params = new URLSearchParams(location.search);
    if (text) params.set("search", text); else params.delete("search");
    var s = params.toString();
    var next = location.pathname + (s ? "?" + s : "") + location.hash;
    if (next !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", next);
  }

  var timer = 0;
  function run() {
    var text = input.value.trim();
    setAddress(text);
    var mine = ++seq;
    if (!text) { list.textContent = ""; status.textContent = ""; open(false); shownFor = ""; return; }
    query(text).then(function (results) {
      if (mine !== seq) return;
      shownFor = text;
      show(results, text);
    });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
  input.addEventListener("focus", function () {
    if (input.value.trim() && shownFor === input.value.trim()) open(true);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else activate(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); activate(active - 1); }
    else if (e.key === "Enter") {
      var opts = options();
      var o = opts[active >= 0 ? active : 0];
      if (o && !list.hidden) { e.preventDefault(); o.click(); }
    } else if (e.key === "Escape") {
      if (input.value) { e.preventDefault(); input.value = ""; run(); }
      else { open(false); }
    }
  });
  doc.addEventListener("pointerdown", function (e) { if (!box.contains(e.target)) open(false); });
  box.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !box.contains(e.relatedTarget)) setTimeout(function () {
      if (!box.contains(doc.activeElement)) open(false);
    }, 0);
  });
  /* Back to a page with a search in its address (reload, Back, a shared link): the results again. */
  function restore() {
    var want = new URLSearchParams(location.search).get("search") || "";
    if (want && input.value.trim() !== want) input.value = want;
    if (want) { seq++; var mine = seq; query(want).then(function (r) { if (mine === seq) { shownFor = want; show(r, want); } }); }
  }
  W.addEventListener("pageshow", function (e) { if (e.persisted) restore(); });
  restore();
  /* What the reader typed while this file was loading. */
  if (input.value.trim() && !new URLSearchParams(location.search).get("search")) run();

  W.explainerSearch = { query: query, fold: fold, terms: terms };
})();
