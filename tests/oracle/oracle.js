// The tests' second citation oracle: citeproc-js (npm `citeproc`, the processor inside Zotero)
// with the official CSL styles and locales. Reads one JSON request on stdin:
//   { "csl_dir": "...", "jobs": [ { "style": "apa", "locale": "en-US", "item": {CSL-JSON} } ] }
// and writes, for each job in order, the item formatted alone as HTML:
//   [ { "bibliography": "...", "note": "...", "short_note": "..." } ]
// (`note` and `short_note` only for note styles: the first and a subsequent citation).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const dir = request.csl_dir;
const styles = new Map();
const styleXml = (name) => {
  if (!styles.has(name)) {
    styles.set(name, fs.readFileSync(path.join(dir, name + ".csl"), "utf8"));
  }
  return styles.get(name);
};

const out = request.jobs.map((job) => {
  const item = Object.assign({}, job.item, { id: "item" });
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(dir, "locales", "locales-" + lang + ".xml");
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: () => item,
  };
  // `locale` given: the terms of that language whatever the style's default-locale says.
  const engine = new CSL.Engine(sys, styleXml(job.style), job.locale || undefined, !!job.locale);
  engine.setOutputFormat("html");
  engine.updateItems(["item"]);
  const bib = engine.makeBibliography();
  const result = { bibliography: bib ? bib[1].join("") : "" };
  if (engine.opt.xclass === "note") {
    result.note = engine.makeCitationCluster([{ id: "item", position: CSL.POSITION_FIRST }]);
    result.short_note = engine.makeCitationCluster([
      { id: "item", position: CSL.POSITION_SUBSEQUENT },
    ]);
  }
  return result;
});
process.stdout.write(JSON.stringify(out));
