// The tests' second citation oracle: citeproc-js (npm `citeproc`, the processor inside Zotero)
// with the official CSL styles and locales. Reads one JSON request on stdin:
//   { "csl_dir": "...", "jobs": [ { "style": "apa", "locale": "en-US", "item": {CSL-JSON} } ] }
// and writes, for each job in order, the item formatted alone as HTML:
//   [ { "bibliography": "..." } ]
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = fs.readFileSync(0, "utf8");
const request = JSON.parse(input);
const dir = request.csl_dir;
const styles = new Map();
const styleXml = (name) => {
  if (!styles.has(name)) {
    styles.set(name, fs.readFileSync(path.join(dir, name + ".csl"), "utf8"));
  }
  return styles.get(name);
};

// One engine per style and locale (parsing a style takes a second or two); each record is
// then formatted alone: the registry holds only it.
const items = new Map();
const engines = new Map();
const engineFor = (style, locale) => {
  const key = style + "|" + (locale || "");
  if (!engines.has(key)) {
    const sys = {
      retrieveLocale: (lang) => {
        const file = path.join(dir, "locales", "locales-" + lang + ".xml");
        return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
      },
      retrieveItem: (id) => items.get(id),
    };
    // `locale` given: the terms of that language whatever the style's default-locale says.
    const engine = new CSL.Engine(sys, styleXml(style), locale || undefined, !!locale);
    engine.setOutputFormat("html");
    engines.set(key, engine);
  }
  return engines.get(key);
};

const out = request.jobs.map((job, i) => {
  const id = "item-" + i;
  items.set(id, Object.assign({}, job.item, { id }));
  const engine = engineFor(job.style, job.locale);
  engine.updateItems([id]);
  const bib = engine.makeBibliography();
  return { bibliography: bib ? bib[1].join("") : "" };
});
process.stdout.write(JSON.stringify(out));
