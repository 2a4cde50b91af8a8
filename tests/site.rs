//! The real content, built: what a reader, a student and an educator rely on.

mod common;

use std::collections::{BTreeMap, HashSet};

use common::*;

// ---------- The article page ----------

#[test]
fn the_article_has_all_37_notes_numbered_as_in_the_original() {
    let html = article_page();
    let notes = between(
        html,
        "<section class=\"notes\" role=\"doc-endnotes\"",
        "</section>",
    );
    assert_eq!(notes.len(), 1, "one endnotes section");
    let ids: Vec<String> = attrs(notes[0], "id")
        .into_iter()
        .filter(|i| i.starts_with("fn-"))
        .collect();
    let expected: Vec<String> = (1..=37).map(|n| format!("fn-{n}")).collect();
    assert_eq!(ids, expected);
    // The marker text is the note's number, in order of appearance.
    let markers: Vec<String> = between(html, "role=\"doc-noteref\" aria-label=\"Note ", "\"")
        .iter()
        .map(|s| s.to_string())
        .collect();
    let first_seen: Vec<String> = markers.iter().fold(Vec::new(), |mut v, m| {
        if !v.contains(m) {
            v.push(m.clone());
        }
        v
    });
    assert_eq!(
        first_seen,
        (1..=37).map(|n| n.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn every_marker_and_back_link_resolves() {
    let html = article_page();
    let ids: HashSet<String> = attrs(html, "id").into_iter().collect();
    let refs: Vec<&str> = between(html, "<a id=\"fnref-", "\"");
    assert!(refs.len() >= 37);
    for r in &refs {
        let n = r.split('-').next().unwrap();
        assert!(
            ids.contains(&format!("fn-{n}")),
            "marker fnref-{r} points at a missing note"
        );
        assert!(
            html.contains(&format!("href=\"#fnref-{r}\" role=\"doc-backlink\"")),
            "note {n} has no back-link to reference fnref-{r}"
        );
    }
    let broken = explainer::links::broken_links(site());
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn sections_have_stable_ids_and_every_paragraph_an_anchor() {
    let html = article_page();
    for id in [
        "political-position",
        "bilateral-partnership",
        "political-engagement",
        "prospects",
    ] {
        assert!(html.contains(&format!("<h2 id=\"{id}\">")), "section {id}");
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "table of contents links {id}"
        );
    }
    let paragraphs = between(
        html,
        "<div class=\"article-body\" id=\"intro\">",
        "<section class=\"notes\"",
    )[0];
    let count = paragraphs.matches("<p id=\"").count();
    assert!(count >= 40, "only {count} paragraphs have anchors");
    // Every paragraph of the text (not chart captions or editor's notes) has an anchor.
    let mut text_only = paragraphs.to_string();
    for (open, close) in [
        ("<aside", "</aside>"),
        ("<figure class=\"chart-figure\"", "</figure>"),
    ] {
        while let Some(start) = text_only.find(open) {
            let end = start + text_only[start..].find(close).unwrap() + close.len();
            text_only.replace_range(start..end, "");
        }
    }
    assert_eq!(
        text_only.matches("<p>").count(),
        0,
        "a paragraph of the text has no anchor"
    );
}

#[test]
fn the_teaser_is_the_summary_and_not_repeated_in_the_body() {
    let html = article_page();
    let body = &html[html.find("<main").unwrap()..];
    let teaser_start = "Russia’s Special Military Operation in Ukraine and the subsequent collapse";
    assert_eq!(
        strip_tags(body).matches(teaser_start).count(),
        1,
        "the opening appears once in the page body"
    );
    // The teaser (both opening paragraphs run together) is the summary; the meta description is
    // its first sentence, short enough for a search result.
    let summary = between(page("index.html"), "<p class=\"summary\">", "</p>")[0];
    assert!(summary.starts_with(teaser_start) && summary.contains("automobiles"));
    let description = between(html, "<meta name=\"description\" content=\"", "\"")[0];
    assert!(description.starts_with(teaser_start) && description.chars().count() <= 160);
    assert!(
        !strip_tags(body).contains("Rate this article") && !body.contains("Share this article")
    );
}

#[test]
fn the_five_points_are_a_captioned_document() {
    let html = article_page();
    let doc = between(html, "<figure class=\"document\"", "</figure>");
    assert_eq!(doc.len(), 1);
    assert_eq!(doc[0].matches("<li>").count(), 5);
    assert!(doc[0].contains("<figcaption><span>Chinese Position on the Situation in Ukraine</span><br><span>February 26, 2022</span><br><span>(Unofficial translation)</span></figcaption>"));
}

#[test]
fn editors_notes_are_distinct_from_the_authors_notes() {
    let html = article_page();
    let asides = between(html, "<aside class=\"editor-note\"", "</aside>");
    assert!(asides.len() >= 7, "{} editor's notes", asides.len());
    let all = asides.join("\n");
    for needle in [
        "February 24, 2022",
        "190 billion",
        "145 billion cubic meters",
    ] {
        assert!(all.contains(needle), "an editor's note mentions {needle}");
    }
    // The author's words stay as written.
    for words in [
        "on February 24, 2023",
        "up to one billion dollars",
        "against 145 cubic meters exported",
    ] {
        assert!(
            strip_tags(html).contains(words),
            "the text still says {words}"
        );
    }
    // Editor's notes are not numbered among the author's notes.
    assert!(!between(html, "<section class=\"notes\"", "</section>")[0].contains("id=\"fn-38\""));
}

#[test]
fn non_english_titles_in_notes_carry_their_language() {
    let html = article_page();
    let note1 = between(html, "<li id=\"fn-1\"", "</li>")[0];
    assert!(note1.contains("<span lang=\"ru\">Совместное заявление"));
    // The editors' translation follows, set apart from the author's citation.
    assert!(note1
        .contains("<span class=\"note-translation\">[Joint Statement of the Russian Federation"));
    let note26 = between(html, "<li id=\"fn-26\"", "</li>")[0];
    assert!(note26.contains("<span lang=\"zh\">胡锦涛"));
    let note6 = between(html, "<li id=\"fn-6\"", "</li>")[0];
    assert!(
        note6.contains("Ibid.") && !note6.contains("lang=\"ru\">Ibid"),
        "Ibid. is English"
    );
    let note33 = between(html, "<li id=\"fn-33\"", "</li>")[0];
    assert_eq!(
        note33.matches("class=\"cite-link\"").count(),
        2,
        "note 33 cites two sources"
    );
}

#[test]
fn the_translation_follows_the_title_and_a_lost_url_is_said_in_the_editors_voice() {
    let html = article_page();
    let note1 = strip_tags(between(html, "<li id=\"fn-1\"", "</li>")[0]);
    // "… развитии [Joint Statement …] // Официальный сайт …": the translation sits right
    // after the title it translates, not after "URL:" where it read like the lost address.
    let title_end = note1.find("устойчивом развитии").unwrap();
    let translation = note1.find("[Joint Statement").unwrap();
    let outlet = note1.find("// Официальный сайт").unwrap();
    assert!(title_end < translation && translation < outlet, "{note1}");
    assert!(
        note1.contains("URL: [not preserved] Source entry"),
        "{note1}"
    );
    // Every note whose text ends in "URL:" says the address was not preserved, never a
    // dangling "URL:" before the link.
    for note in between(html, "<div class=\"note-text\">", "</div>") {
        let text = strip_tags(note);
        assert!(!text.contains("URL: Source entry"), "{text}");
    }
}

#[test]
fn chart_pages_and_data_show_notes_as_the_article_does() {
    for id in chart_ids() {
        let page = page(&format!("{SLUG}/figures/{id}.html"));
        let data = page_text(&format!("{SLUG}/data/{id}.json"));
        for text in [page, data.as_str()] {
            assert!(!text.contains("[@"), "{id}: raw citation markup");
        }
        // Links in a chart page's notes lead back to the article's pages.
        for link in attrs(page, "href") {
            assert!(
                !link.starts_with("#fn-") && !link.starts_with("sources.html"),
                "{id}: {link} would not resolve from figures/"
            );
        }
    }
}

#[test]
fn nothing_is_loaded_from_outside_the_site() {
    let loads = explainer::links::external_loads(site());
    assert!(loads.is_empty(), "{loads:#?}");
    for (path, bytes) in &site().files {
        if path.ends_with(".html") {
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(
                !text.contains("cdn.plot.ly") && !text.contains("googleapis"),
                "{path}"
            );
        }
    }
}

#[test]
fn assets_have_content_hashed_names() {
    let names: Vec<&String> = site()
        .files
        .keys()
        .filter(|k| k.starts_with("assets/"))
        .collect();
    // The stylesheet, plotly.js, one script per kind of page and the search's loader, script and
    // styles, each under a hashed name.
    for kind in [
        "style", "plotly", "article", "sources", "timeline", "figure", "gallery", "embed", "search",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("assets/{kind}-"))),
            "no {kind} asset in {names:?}"
        );
    }
    for n in names {
        let stem = n.rsplit('/').next().unwrap().split('.').next().unwrap();
        let hash = stem.rsplit('-').next().unwrap();
        assert!(
            hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{n}"
        );
    }
}

#[test]
fn builds_are_byte_identical() {
    let again = explainer::build(&content_dir(), &Default::default())
        .unwrap()
        .0;
    assert_eq!(site().files.len(), again.files.len());
    for (path, bytes) in &site().files {
        assert!(
            again.get(path) == Some(bytes.as_ref()),
            "{path} differs between two builds"
        );
    }
}

#[test]
fn site_has_home_404_and_sitemap() {
    let home = page("index.html");
    assert!(home.contains(&format!("href=\"{SLUG}/index.html\"")));
    assert!(page("404.html").contains("Page not found"));
    // Without a base URL there are no absolute addresses for a sitemap: none is written.
    assert!(site().text("sitemap.xml").is_none());
    let based = explainer::build(
        &common::content_dir(),
        &explainer::BuildOptions {
            base_url: Some("https://example.org/x/".into()),
        },
    )
    .expect("the site builds with a base URL")
    .0;
    let sitemap = based
        .text("sitemap.xml")
        .expect("sitemap.xml with a base URL");
    assert!(
        sitemap.contains(&format!(
            "<loc>https://example.org/x/{SLUG}/sources.html</loc>"
        )) && sitemap.contains(&format!(
            "<loc>https://example.org/x/{SLUG}/timeline.html</loc>"
        ))
    );
}

// ---------- The citation index ----------

fn bibliography() -> &'static str {
    between(
        page(&format!("{SLUG}/sources.html")),
        "role=\"doc-bibliography\"",
        "</ol>\n</section>",
    )[0]
}

#[test]
fn every_distinct_source_is_listed_once() {
    // 37 notes; "Ibid." (6, 25, 27) and note 24 repeat a source; note 33 cites two: 34 sources.
    let ids: Vec<String> = attrs(bibliography(), "id")
        .into_iter()
        .filter(|i| i.starts_with("src-"))
        .collect();
    assert_eq!(ids.len(), 34);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 34);
}

#[test]
fn every_entry_lists_the_passages_that_cite_it() {
    let html = page(&format!("{SLUG}/sources.html"));
    let article_ids: HashSet<String> = attrs(article_page(), "id").into_iter().collect();
    for entry in between(html, "<li class=\"source\" id=\"", "</details>\n</li>") {
        let key = entry[..entry.find('"').unwrap()].trim_start_matches("src-");
        let passages = between(
            entry,
            &format!("<a class=\"passage-link\" href=\"index.html?from={key}#"),
            "\"",
        );
        assert!(!passages.is_empty(), "{key} lists no passage");
        for p in passages {
            assert!(
                article_ids.contains(p),
                "{key}: passage #{p} does not exist"
            );
        }
        assert!(
            entry.contains("<span class=\"no-url\">none given</span>"),
            "{key} says its URL is unknown"
        );
    }
    // The declaration of 4 February 2022 is cited by notes 1, 24 and 25 (Ibid.).
    let decl = between(
        html,
        "id=\"src-kremlin-2022-joint-statement-new-era\"",
        "</details>",
    )[0];
    for n in ["fn-1\"", "fn-24\"", "fn-25\""] {
        assert!(decl.contains(n), "declaration cited in {n}");
    }
    assert!(decl.contains("English translation:</span> Joint Statement"));
}

#[test]
fn every_note_resolves_to_a_source_entry() {
    let sources: HashSet<String> = attrs(bibliography(), "id").into_iter().collect();
    let notes = between(article_page(), "<section class=\"notes\"", "</section>")[0];
    for note in between(notes, "<li id=\"fn-", "</li>") {
        let links = between(note, "href=\"sources.html#", "\"");
        assert!(
            !links.is_empty(),
            "note {} cites no source",
            &note[..note.find('"').unwrap()]
        );
        for l in links {
            assert!(sources.contains(l), "missing source entry {l}");
        }
    }
}

#[test]
fn exports_parse() {
    let bib = site()
        .text(&format!("{SLUG}/cite/bibliography.bib"))
        .unwrap();
    let parsed = biblatex::Bibliography::parse(bib).expect("BibTeX parses");
    assert_eq!(parsed.len(), 34);
    let entry = parsed.get("kremlin-2022-joint-statement-new-era").unwrap();
    assert!(format!("{:?}", entry.title().unwrap()).contains("Совместное заявление"));

    let csl: serde_json::Value = serde_json::from_str(
        site()
            .text(&format!("{SLUG}/cite/bibliography.json"))
            .unwrap(),
    )
    .unwrap();
    let items = csl.as_array().unwrap();
    assert_eq!(items.len(), 34);
    for item in items {
        for field in ["id", "type", "title", "language"] {
            assert!(item.get(field).is_some(), "CSL item lacks {field}: {item}");
        }
    }

    let ris = site()
        .text(&format!("{SLUG}/cite/bibliography.ris"))
        .unwrap();
    let records: Vec<&str> = ris
        .split("ER  - \r\n")
        .filter(|r| !r.trim().is_empty())
        .collect();
    assert_eq!(records.len(), 34);
    for r in records {
        let tags: Vec<&str> = r.lines().map(|l| &l[..6]).collect();
        assert!(
            tags[0].starts_with("TY  - ") && tags.contains(&"TI  - "),
            "{r}"
        );
        assert!(
            r.lines().all(|l| l.len() >= 6 && &l[2..6] == "  - "),
            "malformed RIS line in {r}"
        );
    }
    // Each source's own exports have their boxes in its entry, filled from cite/exports.js (a
    // script, so it loads from file://) when a reader asks: not carried by the page itself.
    let entry = between(
        page(&format!("{SLUG}/sources.html")),
        "id=\"src-xinhua-2022-fm-phone-call\"",
        "</details>",
    )[0];
    for kind in ["bib", "ris", "csl"] {
        assert!(
            entry.contains(&format!(
                "<pre id=\"{kind}-xinhua-2022-fm-phone-call\" data-export=\"{kind}\"></pre>"
            )),
            "{kind}"
        );
    }
    assert!(
        !entry.contains("TY  - NEWS"),
        "the exports are not in the page"
    );
    let script = site().text(&format!("{SLUG}/cite/exports.js")).unwrap();
    let json = script
        .trim()
        .strip_prefix(script.lines().next().unwrap())
        .unwrap()
        .trim()
        .strip_prefix("window.explainerExports = ")
        .unwrap()
        .trim_end_matches(';');
    let exports: serde_json::Value = serde_json::from_str(json).unwrap();
    let xinhua = &exports["xinhua-2022-fm-phone-call"];
    assert!(xinhua["ris"].as_str().unwrap().contains("TY  - NEWS"));
    assert!(xinhua["bib"]
        .as_str()
        .unwrap()
        .contains("@article{xinhua-2022-fm-phone-call"));
    assert_eq!(exports.as_object().unwrap().len(), 34);
}

// ---------- The timeline ----------

fn timeline() -> &'static str {
    page(&format!("{SLUG}/timeline.html"))
}

#[test]
fn events_are_sorted_and_carry_iso_dates() {
    let list = between(timeline(), "<ol class=\"timeline\"", "</ol>")[0];
    let dates: Vec<&str> = between(list, "data-start=\"", "\"");
    assert!((25..=40).contains(&dates.len()), "{} events", dates.len());
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "events in date order");
    // The Lavrov–Wang Yi call follows its footnote (2022), with an editor's note.
    let call = between(list, "id=\"event-lavrov-wang-yi-call\"", "</li>");
    let call = call
        .first()
        .copied()
        .unwrap_or_else(|| between(list, "Lavrov", "</li>")[0]);
    assert!(call.contains("2022-02-24") || list.contains("datetime=\"2022-02-24\""));
}

#[test]
fn every_theme_filter_counts_its_events() {
    let html = timeline();
    let list = between(html, "<ol class=\"timeline\"", "</ol>")[0];
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for theme in between(list, "data-theme=\"", "\"") {
        *counts.entry(theme).or_default() += 1;
    }
    let filter = between(html, "<fieldset class=\"theme-filter\"", "</fieldset>")[0];
    for label in between(filter, "<input type=\"checkbox\" value=\"", "</label>") {
        let key = &label[..label.find('"').unwrap()];
        let shown: usize = between(label, "<span class=\"count\">(", ")")[0]
            .parse()
            .unwrap();
        assert_eq!(shown, counts.get(key).copied().unwrap_or(0), "theme {key}");
    }
    assert!(counts.len() >= 4, "{counts:?}");
}

#[test]
fn events_link_to_passages_and_passages_back_to_events() {
    let list = between(timeline(), "<ol class=\"timeline\"", "</ol>")[0];
    let article_ids: HashSet<String> = attrs(article_page(), "id").into_iter().collect();
    for p in between(list, "href=\"index.html#", "\"") {
        assert!(article_ids.contains(p), "#{p}");
    }
    let event_ids: HashSet<String> = attrs(list, "id").into_iter().collect();
    let back = between(
        article_page(),
        "class=\"event-link\" href=\"timeline.html#",
        "\"",
    );
    assert!(!back.is_empty());
    for e in back {
        assert!(event_ids.contains(e), "{e}");
    }
}

// ---------- Charts ----------

fn page_text(path: &str) -> String {
    common::site()
        .text(path)
        .unwrap_or_else(|| panic!("no file {path}"))
        .to_string()
}

fn chart_ids() -> Vec<String> {
    site()
        .files
        .keys()
        .filter_map(|k| {
            k.strip_prefix(&format!("{SLUG}/data/"))
                .and_then(|f| f.strip_suffix(".csv"))
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn every_chart_is_in_the_article_on_its_page_and_as_an_embed() {
    let ids = chart_ids();
    assert!(ids.len() >= 6, "{ids:?}");
    let gallery = page(&format!("{SLUG}/figures/index.html"));
    for id in &ids {
        assert!(
            article_page().contains(&format!("id=\"chart-{id}\"")),
            "{id} in the article"
        );
        let figure = page(&format!("{SLUG}/figures/{id}.html"));
        assert!(
            figure.contains(&format!("id=\"plot-{id}\""))
                && figure.contains("<table class=\"chart-table\"")
        );
        assert!(
            figure.contains("id=\"embed-code\"") && figure.contains(&format!("../embed/{id}.html"))
        );
        let embed = page(&format!("{SLUG}/embed/{id}.html"));
        assert!(
            embed.contains(&format!("data-chart=\"{id}\""))
                && embed.contains("Full chart, data and sources")
        );
        assert!(gallery.contains(&format!("href=\"{id}.html\"")));
        assert!(site()
            .text(&format!("{SLUG}/data/{id}.svg"))
            .unwrap()
            .starts_with("<svg"));
    }
}

#[test]
fn csv_matches_the_chart_data() {
    let csv = site()
        .text(&format!("{SLUG}/data/trade-h1-2023.csv"))
        .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "category,series,value,unit,derived,qualifier");
    assert!(rows.contains(&"Russian exports to China,First half of 2023,62.263,billion US$,false,"));
    assert!(
        rows.contains(&"Chinese exports to Russia,First half of 2023,52.284,billion US$,false,")
    );
    assert!(rows.iter().any(|r| r
        .starts_with("Russian exports to China,First half of 2022 (derived),52.147,")
        && r.ends_with(",true,approx")));
    let json: serde_json::Value = serde_json::from_str(
        site()
            .text(&format!("{SLUG}/data/trade-h1-2023.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["series"][1]["values"][0], 62.263);
    // The plot's data (serialised by the plotly crate) carries the same numbers.
    let figure = page(&format!("{SLUG}/figures/trade-h1-2023.html"));
    let plot = between(
        figure,
        "<script type=\"application/json\" id=\"plot-trade-h1-2023-json\">",
        "</script>",
    )[0];
    let plot: serde_json::Value = serde_json::from_str(plot).unwrap();
    assert_eq!(plot["data"][1]["y"][0], 62.263);
    assert_eq!(plot["data"][1]["type"], "bar");
}

#[test]
fn plotly_is_a_hashed_asset_only_on_pages_with_charts() {
    let plotly: Vec<&String> = site()
        .files
        .keys()
        .filter(|k| k.starts_with("assets/plotly-"))
        .collect();
    assert_eq!(plotly.len(), 1);
    assert!(site().get(plotly[0]).unwrap().len() > 1_000_000);
    assert!(article_page().contains("data-plotly=\"../assets/plotly-"));
    assert!(
        !page(&format!("{SLUG}/sources.html")).contains("data-plotly"),
        "no plotly on a page without charts"
    );
    for (path, bytes) in &site().files {
        if path.ends_with(".html") {
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(
                !text.contains("<script src=\"../assets/plotly"),
                "{path} loads plotly eagerly"
            );
            assert!(text.len() < 400_000, "{path} inlines something big");
        }
    }
}

#[test]
fn derived_values_are_labelled() {
    let figure = page(&format!("{SLUG}/figures/microchips-2022.html"));
    assert!(figure.contains("(derived)</abbr>"));
    assert!(figure.contains("Derived values"));
}

#[test]
fn chart_categories_stay_categories() {
    // Labels such as "2021" or "Before the war" must not be read as numbers or dates by plotly
    // (a slope from "Before the war" to "2023" once lost its first points that way).
    for id in chart_ids() {
        let figure = page(&format!("{SLUG}/figures/{id}.html"));
        let json = between(figure, &format!("id=\"plot-{id}-json\">"), "</script>")[0];
        let plot: serde_json::Value = serde_json::from_str(json).unwrap();
        let horizontal = plot["data"][0]["orientation"] == "h";
        let axis = if horizontal { "yaxis" } else { "xaxis" };
        assert_eq!(plot["layout"][axis]["type"], "category", "{id}: {axis}");
    }
}

// ---------- Scripts ----------

/// Each page loads one script made for its kind of page: every feature whose elements the page
/// has is in it (found by the first line of the feature's file in `static/js/`), and the home
/// page, which has none, loads no script at all.
#[test]
fn each_page_loads_the_features_it_has_and_no_script_when_it_has_none() {
    let feature = |file: &str| -> String {
        let path = format!("{}/static/js/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    let markers = [
        ("role=\"doc-noteref\"", "popovers.js"),
        ("class=\"toc", "toc.js"),
        ("data-copy=", "copy.js"),
        ("data-download=", "downloads.js"),
        ("id=\"download-files\"", "downloads.js"),
        ("id=\"bibliography\"", "sources.js"),
        ("data-plot", "charts.js"),
        ("class=\"chart-figure", "chart-keys.js"),
        ("class=\"chart-data", "print.js"),
        ("id=\"timeline-list\"", "timeline.js"),
        ("id=\"timeline-overview\"", "overview.js"),
        ("id=\"embed-code\"", "codes.js"),
        ("class=\"embed-link", "embed.js"),
    ];
    let site = site();
    let mut checked = 0;
    for (path, _) in site.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = site.text(path).unwrap();
        let scripts: Vec<String> = attrs(html, "src")
            .into_iter()
            .filter(|s| s.contains("assets/") && s.ends_with(".js") && !s.contains("plotly"))
            .collect();
        // Every page but the 404 (whose depth is unknown) and the embeds has the search box and
        // its loader.
        let (search, scripts): (Vec<String>, Vec<String>) =
            scripts.into_iter().partition(|s| s.contains("search-boot"));
        assert_eq!(
            search.len(),
            usize::from(path != "404.html" && !path.contains("/embed/")),
            "{path}: {search:?}"
        );
        let needed: Vec<&str> = markers
            .iter()
            .filter(|(m, _)| html.contains(m))
            .map(|(_, f)| *f)
            .collect();
        if path == "index.html" || path == "404.html" {
            assert!(scripts.is_empty(), "{path} loads {scripts:?}");
            continue;
        }
        assert_eq!(scripts.len(), 1, "{path}: {scripts:?}");
        let target = explainer::links::resolve(path, &scripts[0]).unwrap();
        let script = site.text(&target).unwrap();
        for f in needed {
            assert!(
                script.contains(&feature(f)),
                "{path} needs {f}, {target} lacks it"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}
