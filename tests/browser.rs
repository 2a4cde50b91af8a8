//! Browser tests: the built site (the seed article and a second one, tests/common/second-article),
//! opened from disk (file://) or from a local host, in headless Chromium, on a laptop, a wide
//! screen, a phone with touch and a keyboard alone. Every control is used the way a reader uses
//! it and its effect is checked: the list it narrows, the text it copies, the bytes it saves,
//! where the page is after Back. Every test fails on a console error, an uncaught exception or a
//! failed load. The harness is in tests/common/browser.rs; screenshots go to target/screenshots/.

mod common;
#[path = "common/browser.rs"]
mod harness;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use harness::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// What the content says (the expectations come from the content, not from the page)
// ---------------------------------------------------------------------------------------------

/// A source record of the seed, as sources.toml has it.
struct Record {
    key: String,
    lang: String,
    kind: String,
    issued: String,
    /// Title, translation, outlet and authors: what a reader searches.
    words: String,
}

fn seed_sources() -> Vec<Record> {
    let path = common::content_dir()
        .join("articles")
        .join(common::SLUG)
        .join("sources.toml");
    let text = std::fs::read_to_string(path).expect("read sources.toml");
    let file: toml::Table = toml::from_str(&text).expect("sources.toml parses");
    let field =
        |s: &toml::Value, k: &str| s.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    file["source"]
        .as_array()
        .expect("[[source]] records")
        .iter()
        .map(|s| {
            // Names are tables: { family, given } or { literal }.
            let authors: Vec<String> = s
                .get("authors")
                .and_then(|a| a.as_array())
                .map(|a| {
                    a.iter()
                        .map(|n| {
                            ["given", "family", "literal"]
                                .iter()
                                .map(|k| field(n, k))
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect()
                })
                .unwrap_or_default();
            // The type filter groups by `category` where a record gives one ("News agency").
            let category = field(s, "category").to_lowercase().replace(' ', "-");
            Record {
                key: field(s, "key"),
                lang: field(s, "lang"),
                kind: category,
                issued: field(s, "issued"),
                words: [
                    field(s, "title"),
                    field(s, "title_en"),
                    field(s, "container_title"),
                    field(s, "container_title_en"),
                    field(s, "publisher"),
                    field(s, "publisher_en"),
                    authors.join(" "),
                ]
                .join(" ")
                .to_lowercase(),
            }
        })
        .collect()
}

/// The themes of the seed's timeline and how many events each has.
fn seed_themes() -> BTreeMap<String, usize> {
    let path = common::content_dir()
        .join("articles")
        .join(common::SLUG)
        .join("timeline.toml");
    let file: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("read timeline.toml"))
            .expect("timeline.toml parses");
    let mut themes = BTreeMap::new();
    for e in file["event"].as_array().expect("events") {
        *themes
            .entry(e["theme"].as_str().expect("a theme").to_string())
            .or_insert(0) += 1;
    }
    themes
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

/// The keys of the source entries shown, in the order shown.
async fn shown_sources(s: &Session) -> Vec<String> {
    s.shown_ids("#bibliography > li.source")
        .await
        .into_iter()
        .map(|id| id.trim_start_matches("src-").to_string())
        .collect()
}

/// Waits until the sources page shows exactly `want` (in that order) and says so.
async fn expect_sources(s: &Session, what: &str, want: &[String]) {
    let want_js = serde_json::to_string(want).unwrap();
    let ok = s
        .try_eval(&format!(
            "(() => {{ const deadline = Date.now() + 5000; return new Promise(r => {{ const check = () => {{ \
             const ids = Array.from(document.querySelectorAll('#bibliography > li.source')) \
               .filter(e => e.getClientRects().length > 0).map(e => e.id.slice(4)); \
             if (JSON.stringify(ids) === {want}) r(true); \
             else if (Date.now() > deadline) r(false); else setTimeout(check, 50); }}; check(); }}); }})()",
            want = js_str(&want_js)
        ))
        .await;
    let shown = shown_sources(s).await;
    assert_eq!(
        ok,
        Ok(Value::Bool(true)),
        "{what}: the list shows {shown:?}, not {want:?}"
    );
    let total = s
        .eval_f64("document.querySelectorAll('#bibliography > li.source').length")
        .await;
    assert_eq!(
        s.text(".source-count").await,
        format!("Showing {} of {total} sources", want.len()),
        "{what}: the count does not match the list"
    );
}

/// The shown timeline events' themes, and the count the page states.
async fn timeline_state(s: &Session) -> (Vec<String>, String) {
    let themes = s
        .eval_strings(
            "Array.from(document.querySelectorAll('#timeline-list li.event'))\
             .filter(e => e.getClientRects().length > 0).map(e => e.dataset.theme)",
        )
        .await;
    (themes, s.text(".event-count").await)
}

/// The URL's query as a map.
async fn query(s: &Session) -> BTreeMap<String, String> {
    let v = s
        .eval("Object.fromEntries(new URLSearchParams(location.search))")
        .await;
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Quotes of the passages that cite each note, from the citation index: note number → the
/// sentence the marker is attached to (as the build extracted it from the Markdown).
async fn quotes(s: &Session) -> BTreeMap<u32, String> {
    s.open(SOURCES).await;
    let v = s
        .eval(
            "Array.from(document.querySelectorAll('.cited-in li')).map(li => \
             [li.querySelector('.passage-note').textContent, li.querySelector('blockquote').textContent])",
        )
        .await;
    let mut out = BTreeMap::new();
    for pair in v.as_array().expect("passages") {
        let n: u32 = pair[0]
            .as_str()
            .unwrap()
            .trim_start_matches("Note ")
            .parse()
            .expect("a note number");
        out.entry(n)
            .or_insert_with(|| pair[1].as_str().unwrap().to_string());
    }
    out
}

/// Installs `window.__sentence(markerId, quote)`: the Range of the page's text from the start of
/// `quote` to the end of the marker, found in the marker's own block. Written independently of
/// the page's script, so that the tests check it against the build's quotes.
async fn install_sentence_finder(s: &Session) {
    s.eval(
        "window.__sentence = (markerId, quote) => { \
           const marker = document.getElementById(markerId); \
           const anchor = marker.closest('sup') || marker; \
           const block = anchor.parentElement.closest('p, li, td, th, figcaption, blockquote, dd'); \
           const skip = 'sup.fnref, .ednote-ref, .event-links, .pilcrow, .back-to-source'; \
           const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT); \
           let norm = ''; const map = []; let n; \
           while ((n = walker.nextNode())) { \
             if (n.parentElement.closest(skip)) continue; \
             if (!(anchor.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING)) break; \
             for (let i = 0; i < n.data.length; i++) { \
               const ws = /\\s/.test(n.data[i]); \
               if (ws && (norm === '' || norm.endsWith(' '))) continue; \
               norm += ws ? ' ' : n.data[i]; map.push([n, i]); } } \
           const q = quote.replace(/^…/, '').replace(/\\s+/g, ' ').trim(); \
           const at = norm.lastIndexOf(q); \
           if (at < 0) return null; \
           const range = document.createRange(); \
           range.setStart(map[at][0], map[at][1]); range.setEndAfter(anchor); return range; }; true",
    )
    .await;
}

/// Whitespace collapsed, for comparing text.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Note popovers
// ---------------------------------------------------------------------------------------------

#[test]
fn note_opens_on_click_and_closes_on_escape() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        assert!(
            !s.exists(".note-popover").await,
            "a popover is open before any click"
        );
        s.click("#fnref-1").await;
        s.wait_until("the popover of note 1 to open", POPOVER_VISIBLE)
            .await;
        let note = s.text("#fn-1 .note-text").await;
        assert!(note.contains("Совместное заявление"), "note 1 is: {note}");
        assert!(
            s.text(".note-popover").await.contains(&note),
            "the popover does not show note 1"
        );
        assert_eq!(
            s.eval("document.querySelectorAll('.note-popover').length")
                .await,
            1
        );
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('aria-expanded')")
                .await,
            "true"
        );
        assert!(
            s.eval_bool(
                "(() => { const p = document.querySelector('.note-popover'); \
                 return p.getAttribute('role') === 'dialog' && p.contains(document.activeElement); })()"
            )
            .await,
            "focus did not move into the popover ({})",
            s.focused().await
        );
        assert!(
            s.on_screen(".note-popover").await,
            "the popover is off screen"
        );
        s.press("Escape").await;
        s.wait_until("Escape to close the popover", POPOVER_CLOSED)
            .await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-1");
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('aria-expanded')")
                .await,
            "false"
        );
        assert_eq!(
            s.eval_str("location.hash").await,
            "",
            "opening the note navigated"
        );
        s.finish().await;
    });
}

#[test]
fn note_opens_with_keyboard_and_closes_on_a_click_elsewhere() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        s.focus("#fnref-5").await;
        s.press("Enter").await;
        s.wait_until("Enter on marker 5 to open its note", POPOVER_VISIBLE)
            .await;
        assert!(s
            .text(".note-popover")
            .await
            .contains("Ван И изложил пять пунктов"));
        s.press("Escape").await;
        s.wait_until("Escape to close it", POPOVER_CLOSED).await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-5");
        s.press("Enter").await;
        s.wait_until("Enter to open it again", POPOVER_VISIBLE)
            .await;
        s.click("article h1").await;
        s.wait_until("a click on the title to close it", POPOVER_CLOSED)
            .await;
        assert_eq!(
            s.eval_str("document.getElementById('fnref-5').getAttribute('aria-expanded')")
                .await,
            "false"
        );
        s.finish().await;
    });
}

/// The popover's own controls: the close button, "Go to the note in the list", the source entry;
/// and from the cited passage, the link back to the entry.
#[test]
fn popover_controls_and_the_way_back_to_the_source() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        s.click("#fnref-4").await;
        s.wait_until("note 4 to open", POPOVER_VISIBLE).await;
        s.click(".note-popover .popover-close").await;
        s.wait_until("the close button to close it", POPOVER_CLOSED)
            .await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-4");
        s.click("#fnref-4").await;
        s.wait_until("note 4 to open again", POPOVER_VISIBLE).await;
        s.click(".note-popover .popover-more a").await;
        s.wait_until(
            "the note in the list",
            &format!("location.hash === '#fn-4' && {}", in_view("fn-4")),
        )
        .await;
        assert!(
            s.eval_bool(POPOVER_CLOSED).await,
            "the popover stayed open over the list"
        );
        s.click("#fnref-4").await;
        s.wait_until("note 4 to open a third time", POPOVER_VISIBLE)
            .await;
        s.click(".note-popover a.cite-link").await;
        let entry = "src-xinhua-2022-fm-phone-call";
        s.wait_for_page("/sources.html", &format!("#{entry}")).await;
        assert!(
            s.eval_bool(&in_view(entry)).await,
            "the source entry is not in view"
        );
        s.click(&format!("#{entry} a.passage-link")).await;
        s.wait_for_page("/russia-china-partnership/index.html", "#fnref-4")
            .await;
        s.click(".back-to-source").await;
        s.wait_for_page("/sources.html", &format!("#{entry}")).await;
        assert!(
            s.eval_bool(&in_view(entry)).await,
            "back at the entry, it is not in view"
        );
        s.finish().await;
    });
}

/// The popover is a non-modal dialog: Tab moves through it and, past its last control, on to
/// what follows the marker in the page (not to the top of the page); Shift+Tab from its start
/// goes back to the marker; Esc closes it.
#[test]
fn popover_tab_order_returns_to_the_markers_place() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        // What follows marker 5 in the page's tab order, with no popover open.
        s.focus("#fnref-5").await;
        s.tab().await;
        let after_marker = s.focused().await;
        assert!(
            !after_marker.contains("fnref-5"),
            "Tab did not move: {after_marker}"
        );

        s.focus("#fnref-5").await;
        s.press("Enter").await;
        s.wait_until("the note to open", POPOVER_VISIBLE).await;
        let controls = s
            .eval_f64(
                "document.querySelector('.note-popover').querySelectorAll('a[href], button').length",
            )
            .await as usize;
        assert!(controls >= 2, "the popover has {controls} controls");
        let mut seen = Vec::new();
        for _ in 0..controls {
            s.tab().await;
            assert!(
                s.eval_bool("!!document.querySelector('.note-popover') && document.querySelector('.note-popover').contains(document.activeElement)").await,
                "Tab left the popover after {seen:?}: focus on {}",
                s.focused().await
            );
            seen.push(s.focused().await);
        }
        s.tab().await;
        assert_eq!(
            s.focused().await,
            after_marker,
            "Tab past the popover's last control ({seen:?}) did not go on from the marker"
        );
        assert!(
            s.eval_bool(POPOVER_CLOSED).await,
            "the popover stayed open behind the focus"
        );

        // Shift+Tab from the popover's start (the dialog itself, or its first control) goes back
        // to the marker.
        for tabs in [0, 1] {
            s.focus("#fnref-5").await;
            s.press("Enter").await;
            s.wait_until("the note to open again", POPOVER_VISIBLE)
                .await;
            for _ in 0..tabs {
                s.tab().await;
            }
            s.shift_tab().await;
            assert_eq!(
                s.eval_str("document.activeElement.id").await,
                "fnref-5",
                "Shift+Tab after {tabs} Tab did not return to the marker ({})",
                s.focused().await
            );
            assert!(
                s.eval_bool(POPOVER_CLOSED).await,
                "the popover stayed open behind the focus"
            );
        }
        s.finish().await;
    });
}

/// With a mouse, resting on a marker previews the note without taking the focus; moving away
/// closes the preview; a click keeps it open and moves the focus into it.
#[test]
fn resting_the_mouse_on_a_marker_previews_the_note() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        s.scroll_to("#fnref-7", 0.5).await;
        let (x, y) = s.rect("#fnref-7").await.center();
        s.move_mouse(x, y).await;
        s.wait_until("resting on marker 7 to preview its note", POPOVER_VISIBLE)
            .await;
        assert!(s
            .text(".note-popover")
            .await
            .contains("China’s Position on the Political Settlement"));
        assert!(
            !s.eval_bool(
                "document.querySelector('.note-popover').contains(document.activeElement)"
            )
            .await,
            "a preview must not take the focus"
        );
        s.move_mouse(5.0, 5.0).await;
        s.wait_until("moving away to close the preview", POPOVER_CLOSED)
            .await;
        s.move_mouse(x, y).await;
        s.wait_until("the preview to come back", POPOVER_VISIBLE)
            .await;
        s.click("#fnref-7").await;
        s.wait_until(
            "a click to move the focus into the note",
            "!!document.querySelector('.note-popover') && document.querySelector('.note-popover').contains(document.activeElement)",
        )
        .await;
        s.move_mouse(5.0, 5.0).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(
            s.eval_bool(POPOVER_VISIBLE).await,
            "a clicked note closed when the mouse left"
        );
        s.press("Escape").await;
        s.wait_until("Escape to close it", POPOVER_CLOSED).await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-7");
        s.finish().await;
    });
}

/// Opens the note of every marker (`every`-th) placed at `at` (a fraction of the screen's
/// height) and returns the notes whose popover hides the marker's sentence or leaves the screen.
async fn popovers_hiding_their_sentence(
    s: &Session,
    quotes: &BTreeMap<u32, String>,
    at: f64,
    every: usize,
) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, (n, quote)) in quotes.iter().enumerate() {
        if i % every != 0 && *n != 6 {
            continue;
        }
        let marker = format!("#fnref-{n}");
        s.scroll_to(&marker, at).await;
        if s.device == Device::Phone || s.device == Device::SmallPhone {
            s.tap(&marker).await;
        } else {
            s.click(&marker).await;
        }
        s.wait_until(&format!("note {n} to open"), POPOVER_VISIBLE)
            .await;
        s.settle().await;
        let (_, height) = s.viewport().await;
        let popover = s.rect(".note-popover").await;
        let sentence = s
            .line_rects(&format!(
                "(window.__sentence('fnref-{n}', {}) || document.getElementById('fnref-{n}'))",
                js_str(quote)
            ))
            .await;
        let marker_rect = s.rect(&marker).await;
        let mut why = Vec::new();
        if popover.top < -1.0 || popover.bottom > height + 1.0 {
            why.push(format!(
                "popover {:.0}–{:.0} leaves the screen",
                popover.top, popover.bottom
            ));
        }
        if marker_rect.top < 0.0 || marker_rect.bottom > height || marker_rect.overlaps(&popover) {
            why.push("the marker is hidden".to_string());
        }
        let covered = sentence
            .iter()
            .filter(|r| r.overlaps(&popover) || r.top < -1.0 || r.bottom > height + 1.0)
            .count();
        if covered > 0 {
            why.push(format!(
                "{covered} of the sentence's {} lines hidden",
                sentence.len()
            ));
        }
        if !why.is_empty() {
            bad.push(format!("note {n}: {}", why.join(", ")));
        }
        s.press("Escape").await;
        s.wait_until("the note to close", POPOVER_CLOSED).await;
    }
    bad
}

/// On a phone, a tapped note opens above or below the line, leaving the marker and its
/// sentence in sight, even for a marker near the bottom of the screen.
#[test]
fn phone_popover_keeps_the_marker_and_its_sentence_visible() {
    run(async {
        let s = Session::start(Device::Phone).await;
        let quotes = quotes(&s).await;
        assert_eq!(quotes.len(), 37, "every note has a quoted passage");
        s.open(ARTICLE).await;
        install_sentence_finder(&s).await;
        let mut bad = popovers_hiding_their_sentence(&s, &quotes, 0.82, 1).await;
        bad.extend(popovers_hiding_their_sentence(&s, &quotes, 0.2, 4).await);
        assert!(
            bad.is_empty(),
            "on a phone, the note covers its sentence:\n{}",
            bad.join("\n")
        );
        s.finish().await;
    });
}

/// On a laptop, a note near the bottom of the window opens upwards instead of below the fold.
#[test]
fn desktop_popover_flips_up_near_the_bottom() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let quotes = quotes(&s).await;
        s.open(ARTICLE).await;
        install_sentence_finder(&s).await;
        let bad = popovers_hiding_their_sentence(&s, &quotes, 0.9, 3).await;
        assert!(
            bad.is_empty(),
            "near the bottom of the window:\n{}",
            bad.join("\n")
        );
        s.finish().await;
    });
}

/// Every note marker answers a tap anywhere in a 24 × 24 px square around it (WCAG 2.2 target
/// size), and the larger target does not move a single line of the text.
#[test]
fn note_markers_have_24px_targets_without_moving_the_text() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        let misses = s
            .eval_strings(
                "Array.from(document.querySelectorAll('a[role=doc-noteref]')).flatMap(m => { \
                   m.scrollIntoView({ block: 'center' }); \
                   const r = m.getBoundingClientRect(); const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2; \
                   return [[-11, 0], [11, 0], [0, -11], [0, 11], [-11, -11], [11, 11], [-11, 11], [11, -11]] \
                     .filter(([dx, dy]) => { const e = document.elementFromPoint(x + dx, y + dy); \
                       return !e || e.closest('a') !== m; }) \
                     .map(([dx, dy]) => m.id + ' misses ' + dx + ',' + dy + ' (hits ' + \
                       ((document.elementFromPoint(x + dx, y + dy) || {}).tagName) + ')'); })",
            )
            .await;
        assert!(
            misses.is_empty(),
            "markers smaller than 24 × 24 px: {misses:#?}"
        );
        // The same layout with the larger targets switched off.
        let layout = "JSON.stringify(Array.from(document.querySelectorAll('.article-body p, .article-body li, a[role=doc-noteref]')).map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.height)]; }))";
        let with = s.eval_str(layout).await;
        s.eval(
            "const st = document.createElement('style'); st.textContent = \
             'a[role=doc-noteref]::before, a[role=doc-noteref]::after { display: none !important; }'; \
             document.head.appendChild(st); true",
        )
        .await;
        let without = s.eval_str(layout).await;
        assert_eq!(with, without, "the larger targets move the text");
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Passages: from the citation index to the cited sentence, and back
// ---------------------------------------------------------------------------------------------

/// Checks that the article shows the sentence of `quote` highlighted, on screen, with the way
/// back to the source entry beside it.
async fn assert_sentence_shown(s: &Session, what: &str, quote: &str) {
    let highlighted = s
        .eval_str(
            "Array.from(document.querySelectorAll('.cited-sentence')).map(e => e.textContent).join('')",
        )
        .await;
    // A long sentence is quoted by its end ("…"): the highlight then ends with the quote.
    let (shown, quoted) = (squash(&highlighted), squash(quote.trim_start_matches('…')));
    let ok = if quote.starts_with('…') {
        shown.ends_with(&quoted) && shown.len() > quoted.len()
    } else {
        shown == quoted
    };
    assert!(ok, "{what}: the highlighted text is not the cited sentence:\n  shown: {shown}\n quoted: {quote}");
    let (_, height) = s.viewport().await;
    let lines = s
        .line_rects(
            "(() => { const r = document.createRange(); const all = document.querySelectorAll('.cited-sentence'); \
             r.setStartBefore(all[0]); r.setEndAfter(all[all.length - 1]); return r; })()",
        )
        .await;
    assert!(
        lines
            .iter()
            .all(|r| r.top >= -1.0 && r.bottom <= height + 1.0),
        "{what}: the cited sentence is not all on screen: {lines:?} (screen {height} px)"
    );
    if s.exists(".back-to-source").await {
        assert!(
            s.on_screen(".back-to-source").await,
            "{what}: the way back to the source entry is off screen at {:?}",
            s.rect(".back-to-source").await
        );
    }
}

/// A passage link lands on the cited sentence itself, highlighted, even inside the quoted
/// five-point document (a block taller than the screen).
#[test]
fn passage_link_lands_on_the_cited_sentence() {
    run(async {
        for device in [Device::Desktop, Device::Phone] {
            let s = Session::start(device).await;
            for (entry, note) in [
                ("xinhua-2022-wang-yi-five-points", 6),
                ("xinhua-2022-fm-phone-call", 4),
                ("kommersant-2021-gazprom-exports", 37),
            ] {
                s.open(&format!("{SOURCES}#src-{entry}")).await;
                let item = format!(
                    "(Array.from(document.querySelectorAll('#src-{entry} .cited-in li')).find(li => \
                     li.querySelector('.passage-note').textContent === 'Note {note}'))"
                );
                let quote = s
                    .eval_str(&format!("{item}.querySelector('blockquote').textContent"))
                    .await;
                s.eval(&format!(
                    "{item}.querySelector('a.passage-link').setAttribute('data-test', 'go'); true"
                ))
                .await;
                s.click("a.passage-link[data-test=go]").await;
                s.wait_for_page("/russia-china-partnership/index.html", "")
                    .await;
                assert_sentence_shown(&s, &format!("{device:?}, note {note}"), &quote).await;
                assert_eq!(
                    s.eval_str("document.querySelector('.back-to-source').getAttribute('href')")
                        .await,
                    format!("sources.html#src-{entry}")
                );
            }
            s.finish().await;
        }
    });
}

/// article → note → source entry → every passage that cites the source → back, by touch on a
/// phone or by keyboard alone; after every Back the reader is where they were.
async fn journey(s: &Session, keyboard: bool) {
    let key = "kremlin-2022-joint-statement-new-era";
    let quotes = quotes(s).await;
    s.open(ARTICLE).await;
    s.scroll_to("#fnref-1", 0.5).await;
    let article_y = s.scroll_y().await;
    // The note.
    if keyboard {
        s.focus("#fnref-1").await;
        s.press("Enter").await;
    } else {
        s.tap("#fnref-1").await;
    }
    s.wait_until("note 1 to open", POPOVER_VISIBLE).await;
    // The source entry.
    if keyboard {
        for _ in 0..6 {
            if s.eval_bool("document.activeElement.matches('.note-popover a.cite-link')")
                .await
            {
                break;
            }
            s.tab().await;
        }
        s.press("Enter").await;
    } else {
        s.tap(".note-popover a.cite-link").await;
    }
    s.wait_for_page("/sources.html", &format!("#src-{key}"))
        .await;
    assert!(
        s.eval_bool(&in_view(&format!("src-{key}"))).await,
        "the source entry is not in view"
    );
    // Every passage that cites it, and back.
    let passages = s
        .eval_f64(&format!(
            "document.querySelectorAll('#src-{key} a.passage-link').length"
        ))
        .await as usize;
    assert_eq!(
        passages, 3,
        "the joint statement is cited by notes 1, 24 and 25"
    );
    for i in 1..=passages {
        let link = format!("#src-{key} .cited-in li:nth-child({i}) a.passage-link");
        if i > 1 && !s.on_screen(&link).await {
            s.scroll_to(&link, 0.6).await;
        }
        let sources_y = s.scroll_y().await;
        let note: u32 = s
            .text(&format!(
                "#src-{key} .cited-in li:nth-child({i}) .passage-note"
            ))
            .await
            .trim_start_matches("Note ")
            .parse()
            .unwrap();
        if keyboard {
            s.focus(&link).await;
            s.press("Enter").await;
        } else {
            s.tap(&link).await;
        }
        s.wait_for_page("/russia-china-partnership/index.html", "")
            .await;
        assert_sentence_shown(s, &format!("passage {i} (note {note})"), &quotes[&note]).await;
        s.back().await;
        s.wait_for_page("/sources.html", &format!("#src-{key}"))
            .await;
        let y = s.scroll_y().await;
        assert!(
            (y - sources_y).abs() <= 2.0,
            "Back from passage {i} put the sources page at {y}, not {sources_y}"
        );
        assert!(
            s.on_screen(&link).await,
            "Back from passage {i}: its link is off screen"
        );
    }
    // And back to the article, where the reader left it.
    s.back().await;
    s.wait_for_page("/russia-china-partnership/index.html", "")
        .await;
    let y = s.scroll_y().await;
    assert!(
        (y - article_y).abs() <= 2.0,
        "Back to the article put it at {y}, not {article_y}"
    );
    assert!(
        s.on_screen("#fnref-1").await,
        "Back to the article: marker 1 is off screen"
    );
}

#[test]
fn phone_journey_note_source_passages_and_back() {
    run(async {
        let s = Session::start(Device::Phone).await;
        journey(&s, false).await;
        s.finish().await;
    });
}

#[test]
fn keyboard_journey_note_source_passages_and_back() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        journey(&s, true).await;
        s.finish().await;
    });
}

/// A paragraph's anchor (a deep link) opens with the paragraph in view and marked.
#[test]
fn deep_links_land_on_their_target() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        for (page, id) in [
            (ARTICLE, "political-position-p4"),
            (ARTICLE, "fn-12"),
            (SOURCES, "src-tass-2023-grain-contract"),
            (TIMELINE, "event-lavrov-wang-yi-call"),
        ] {
            s.open(&format!("{page}#{id}")).await;
            s.settle().await;
            assert!(
                s.eval_bool(&format!(
                    "document.querySelector(':target') === document.getElementById('{id}') && {}",
                    in_view(id)
                ))
                .await,
                "{page}#{id} is not the target in view"
            );
        }
        s.finish().await;
    });
}

/// The table of contents marks the section being read, also after a jump from the notes back
/// to a marker.
#[test]
fn contents_follow_a_back_link_jump() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        let current = "((document.querySelector('.toc a[aria-current=true]') || {}).hash || '')";
        s.click(".toc a[href='#notes-title']").await;
        s.wait_until(
            "the contents to mark Notes",
            &format!("{current} === '#notes-title'"),
        )
        .await;
        for n in [20, 3, 33] {
            let section = s
                .eval_str(&format!(
                    "(() => {{ const m = document.getElementById('fnref-{n}'); \
                     const ids = Array.from(document.querySelectorAll('.toc a')).map(a => a.hash.slice(1)); \
                     return ids.filter(id => {{ const e = document.getElementById(id); \
                       return e && e.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING && !e.contains(m); }}).pop() || 'intro'; }})()"
                ))
                .await;
            s.click(&format!("#fn-{n} a[role=doc-backlink]")).await;
            s.wait_until(
                &format!("the jump to marker {n}"),
                &format!("location.hash === '#fnref-{n}'"),
            )
            .await;
            s.wait_until(
                &format!("the contents to mark #{section}, the section of marker {n}"),
                &format!("{current} === '#{section}'"),
            )
            .await;
            s.click(".toc a[href='#notes-title']").await;
            s.wait_until(
                "the contents to mark Notes again",
                &format!("{current} === '#notes-title'"),
            )
            .await;
        }
        s.finish().await;
    });
}

/// On a wide screen each note sits beside its marker, showing the note's text.
#[test]
fn sidenotes_sit_beside_their_markers() {
    run(async {
        let s = Session::start(Device::Wide).await;
        s.open(ARTICLE).await;
        let report = s
            .eval(
                "Array.from(document.querySelectorAll('.sidenote')).filter(e => e.getClientRects().length) \
                 .map(side => { const m = document.getElementById(side.dataset.for); \
                   const n = m.getAttribute('href').slice(1); \
                   const note = document.querySelector('#' + n + ' .note-text').textContent.replace(/\\s+/g, ' ').trim(); \
                   return [side.dataset.for, side.getBoundingClientRect().top - m.getBoundingClientRect().top, \
                     side.textContent.replace(/\\s+/g, '').startsWith(m.textContent + note.replace(/\\s+/g, '').slice(0, 20)), \
                     side.getBoundingClientRect().left - document.querySelector('.article-body').getBoundingClientRect().right]; })",
            )
            .await;
        let rows = report.as_array().expect("sidenotes");
        assert!(rows.len() >= 25, "only {} sidenotes shown", rows.len());
        for row in rows {
            let (id, dy, text_ok, gap) = (
                row[0].as_str().unwrap(),
                row[1].as_f64().unwrap(),
                row[2].as_bool().unwrap(),
                row[3].as_f64().unwrap(),
            );
            assert!(
                (-8.0..=240.0).contains(&dy),
                "the sidenote of {id} is {dy} px from its marker"
            );
            assert!(text_ok, "the sidenote of {id} does not show its note");
            assert!(
                gap >= 16.0,
                "the sidenote of {id} touches the text ({gap} px)"
            );
        }
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// The citation index: sort, filter, search, copy, download, state in the URL
// ---------------------------------------------------------------------------------------------

#[test]
fn sources_sort_filter_and_search_change_the_list() {
    run(async {
        let records = seed_sources();
        let s = Session::start(Device::Desktop).await;
        s.open(SOURCES).await;
        let first_cited = shown_sources(&s).await;
        assert_eq!(first_cited.len(), 34);
        expect_sources(&s, "the whole list", &first_cited).await;
        let record = |k: &String| records.iter().find(|r| &r.key == k).unwrap();
        let only = |f: &dyn Fn(&Record) -> bool| -> Vec<String> {
            first_cited
                .iter()
                .filter(|k| f(record(k)))
                .cloned()
                .collect()
        };

        // Search, in English and in Russian.
        for word in ["Xinhua", "Синьхуа", "gas"] {
            s.focus("#source-filter").await;
            s.eval("document.getElementById('source-filter').select(); true")
                .await;
            s.type_text(word).await;
            let want = only(&|r: &Record| r.words.contains(&word.to_lowercase()));
            assert!(!want.is_empty() && want.len() < 34, "{word}: {want:?}");
            expect_sources(&s, &format!("searching {word:?}"), &want).await;
        }
        s.eval(
            "const f = document.getElementById('source-filter'); f.value = ''; \
                f.dispatchEvent(new Event('input', { bubbles: true })); true",
        )
        .await;
        expect_sources(&s, "the search cleared", &first_cited).await;

        // Language, then sorted by date within it (undated last).
        s.choose("#source-lang", "ru").await;
        let russian = only(&|r: &Record| r.lang == "ru");
        expect_sources(&s, "Russian sources", &russian).await;
        s.choose("#source-sort", "date").await;
        let mut by_date = russian.clone();
        by_date.sort_by_key(|k| {
            let d = &record(k).issued;
            (d.is_empty(), d.clone())
        });
        expect_sources(&s, "Russian sources by date", &by_date).await;

        // Type, with every language.
        s.choose("#source-lang", "").await;
        s.choose("#source-kind", "news-agency").await;
        let mut agencies = only(&|r: &Record| r.kind == "news-agency");
        agencies.sort_by_key(|k| {
            let d = &record(k).issued;
            (d.is_empty(), d.clone())
        });
        expect_sources(&s, "news agencies by date", &agencies).await;
        s.choose("#source-kind", "").await;
        s.choose("#source-sort", "order").await;
        expect_sources(&s, "everything in citation order", &first_cited).await;
        s.finish().await;
    });
}

/// The sources page's filters live in the URL: a filtered view can be shared, and it survives
/// Back and Forward.
#[test]
fn sources_filters_are_in_the_url_and_survive_back() {
    run(async {
        let records = seed_sources();
        let s = Session::start(Device::Desktop).await;
        s.open(SOURCES).await;
        s.choose("#source-lang", "ru").await;
        s.choose("#source-sort", "date").await;
        s.wait_until(
            "the URL to hold the filters",
            "location.search.includes('lang=ru') && location.search.includes('sort=date')",
        )
        .await;
        let q = query(&s).await;
        assert_eq!(q.get("lang").map(String::as_str), Some("ru"));
        assert_eq!(q.get("sort").map(String::as_str), Some("date"));
        let filtered = shown_sources(&s).await;
        assert_eq!(
            filtered.len(),
            records.iter().filter(|r| r.lang == "ru").count()
        );

        // Away to a passage and back.
        let first = format!("#src-{} a.passage-link", filtered[0]);
        s.click(&first).await;
        s.wait_for_page("/russia-china-partnership/index.html", "")
            .await;
        s.back().await;
        s.wait_for_page("/sources.html", "").await;
        assert_eq!(
            s.eval_str("document.getElementById('source-lang').value")
                .await,
            "ru"
        );
        assert_eq!(
            s.eval_str("document.getElementById('source-sort').value")
                .await,
            "date"
        );
        expect_sources(&s, "after Back", &filtered).await;
        s.forward().await;
        s.wait_for_page("/russia-china-partnership/index.html", "")
            .await;
        s.back().await;
        s.wait_for_page("/sources.html", "").await;
        expect_sources(&s, "after Forward and Back", &filtered).await;

        // The shared address opens the same view; a search is shared too.
        s.open(&format!("{SOURCES}?lang=ru&sort=date")).await;
        expect_sources(&s, "the shared address", &filtered).await;
        s.open(&format!("{SOURCES}?q=xinhua")).await;
        assert_eq!(
            s.eval_str("document.getElementById('source-filter').value")
                .await,
            "xinhua"
        );
        assert_eq!(shown_sources(&s).await.len(), 2);
        s.finish().await;
    });
}

/// Every Copy button names what it copies, and puts exactly that on the clipboard.
#[test]
fn copy_buttons_name_and_copy_their_text() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let entry = "#src-kremlin-2022-joint-statement-new-era";
        for (page, opener) in [
            (
                SOURCES.to_string(),
                format!("{entry} details.cite-box > summary"),
            ),
            (CHART_PAGE.to_string(), String::new()),
            (ARTICLE.to_string(), String::new()),
        ] {
            s.open(&page).await;
            let names = s
                .eval_strings(
                    "Array.from(document.querySelectorAll('button.copy')).map(b => \
                     (b.getAttribute('aria-label') || b.textContent).trim())",
                )
                .await;
            let bare: Vec<&String> = names
                .iter()
                .filter(|n| !n.starts_with("Copy ") || n.len() < 9)
                .collect();
            assert!(
                bare.is_empty(),
                "{page}: buttons that do not say what they copy: {bare:?}"
            );
            if !opener.is_empty() {
                s.click(&opener).await;
            }
            let scope = if opener.is_empty() { "" } else { entry };
            let buttons = s
                .eval_f64(&format!(
                    "document.querySelectorAll('{scope} button.copy').length"
                ))
                .await as usize;
            assert!(buttons >= 2, "{page}: {buttons} copy buttons");
            let mut names_here = Vec::new();
            for i in 0..buttons {
                let button = format!("(document.querySelectorAll('{scope} button.copy')[{i}])");
                let name = s
                    .eval_str(&format!(
                        "({button}.getAttribute('aria-label') || {button}.textContent).trim()"
                    ))
                    .await;
                assert!(
                    !names_here.contains(&name),
                    "{page}: two buttons are named {name:?}"
                );
                names_here.push(name.clone());
                let expected = s
                    .eval_str(&format!(
                        "(() => {{ const t = document.getElementById({button}.dataset.copy); \
                         return t.tagName === 'TEXTAREA' ? t.value : t.textContent.trim(); }})()"
                    ))
                    .await;
                s.eval("navigator.clipboard.writeText('(nothing yet)')")
                    .await;
                s.eval(&format!("{button}.setAttribute('data-test', 'copy'); true"))
                    .await;
                s.click("button.copy[data-test=copy]").await;
                s.eval(&format!("{button}.removeAttribute('data-test'); true"))
                    .await;
                let start = Instant::now();
                let mut copied = s.clipboard().await;
                while copied != expected && start.elapsed() < WAIT {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    copied = s.clipboard().await;
                }
                assert_eq!(copied, expected, "{page}: {name:?} copied the wrong text");
            }
        }
        s.finish().await;
    });
}

/// Downloads save the file's own bytes, from disk (file://) too, where a link's `download`
/// is ignored and JSON or SVG would otherwise open in the tab; and from a host.
#[test]
fn downloads_save_the_files_bytes() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let data = format!("russia-china-partnership/data/{CHART}");
        let host = Host::start(site_dir(), "/sub/");
        for page in [url(CHART_PAGE), host.url(CHART_PAGE)] {
            s.open_url(&page).await;
            for ext in ["csv", "json", "svg"] {
                s.click(&format!(".download-list a[href$='.{ext}']")).await;
                let got = s.downloaded(&format!("{CHART}.{ext}")).await;
                assert!(
                    got == built(&format!("{data}.{ext}")),
                    "{page}: the .{ext} download differs"
                );
            }
        }
        s.open_url(&host.url(SOURCES)).await;
        for ext in ["bib", "ris", "json"] {
            s.click(&format!(".downloads a[href='cite/bibliography.{ext}']"))
                .await;
            let got = s.downloaded(&format!("bibliography.{ext}")).await;
            assert!(
                got == built(&format!("russia-china-partnership/cite/bibliography.{ext}")),
                "over http: bibliography.{ext}"
            );
        }
        // From disk, every link stays on its page.
        s.open(CHART_PAGE).await;
        for (link, ext) in [
            ("Data as CSV", "csv"),
            ("Data as JSON", "json"),
            ("Picture as SVG", "svg"),
        ] {
            s.eval(&format!(
                "Array.from(document.querySelectorAll('.download-list a')).find(a => a.textContent === {}).setAttribute('data-test', '{ext}'); true",
                js_str(link)
            ))
            .await;
            s.click(&format!("a[data-test={ext}]")).await;
            let got = s.downloaded(&format!("{CHART}.{ext}")).await;
            assert!(
                got == built(&format!("{data}.{ext}")),
                "{link}: the download differs from data/{CHART}.{ext}"
            );
            assert!(
                s.eval_str("location.pathname")
                    .await
                    .ends_with(&format!("/{CHART}.html")),
                "{link} left the chart page"
            );
        }
        s.open(GALLERY).await;
        s.click(&format!("a[href='../data/{CHART}.csv']")).await;
        assert!(s.downloaded(&format!("{CHART}.csv")).await == built(&format!("{data}.csv")));

        s.open(SOURCES).await;
        // The exports are not in the page: they load (cite/exports.js) when a reader asks.
        assert_eq!(
            s.eval_str("document.getElementById('bib-xinhua-2022-fm-phone-call').textContent")
                .await,
            ""
        );
        for ext in ["bib", "ris", "json"] {
            s.click(&format!(".downloads a[href='cite/bibliography.{ext}']"))
                .await;
            let got = s.downloaded(&format!("bibliography.{ext}")).await;
            assert!(
                got == built(&format!("russia-china-partnership/cite/bibliography.{ext}")),
                "bibliography.{ext}: the download differs from the file:\n{}",
                String::from_utf8_lossy(&got)
            );
        }
        let key = "xinhua-2022-fm-phone-call";
        s.click(&format!("#src-{key} details.cite-box > summary"))
            .await;
        s.wait_until(
            "the exports load",
            &format!("document.getElementById('bib-{key}').textContent.startsWith('@')"),
        )
        .await;
        for (prefix, ext) in [("bib", "bib"), ("ris", "ris"), ("csl", "json")] {
            s.click(&format!(
                "#src-{key} button.download[data-download={prefix}-{key}]"
            ))
            .await;
            let mut shown = s
                .eval_str(&format!(
                    "document.getElementById('{prefix}-{key}').textContent"
                ))
                .await;
            if ext == "ris" {
                // RIS lines end in CR LF, as in cite/bibliography.ris.
                shown = shown.replace("\r\n", "\n").replace('\n', "\r\n");
            }
            assert_eq!(
                String::from_utf8(s.downloaded(&format!("{key}.{ext}")).await).unwrap(),
                shown,
                "the .{ext} download is not the export shown"
            );
        }
        s.finish().await;
    });
}

/// "Cite this source": each export box that scrolls can be reached and scrolled by keyboard.
#[test]
fn export_boxes_are_focusable_regions() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(SOURCES).await;
        let key = "kremlin-2022-joint-statement-new-era";
        s.click(&format!("#src-{key} details.cite-box > summary"))
            .await;
        s.wait_until(
            "the exports load",
            &format!("document.getElementById('csl-{key}').textContent.length > 0"),
        )
        .await;
        // The box that scrolls is the one that must take the focus (axe scrollable-region-focusable).
        let boxes = s
            .eval(&format!(
                "Array.from(document.querySelectorAll('#src-{key} .exports pre')).map(p => {{ \
                 let b = p; while (b && getComputedStyle(b).overflowY !== 'auto') b = b.parentElement; \
                 return [p.id, b.tabIndex, b.getAttribute('role'), b.getAttribute('aria-label') || '', b.scrollHeight > b.clientHeight]; }})"
            ))
            .await;
        let boxes = boxes.as_array().expect("export boxes");
        assert_eq!(boxes.len(), 3);
        assert!(
            boxes.iter().any(|b| b[4] == Value::Bool(true)),
            "no export box scrolls: {boxes:?}"
        );
        for b in boxes {
            assert_eq!(b[1], 0, "{} cannot be focused: {b:?}", b[0]);
            assert_eq!(b[2], "region", "{} is not a region: {b:?}", b[0]);
            assert!(
                b[3].as_str().unwrap().len() > 6,
                "{} has no name: {b:?}",
                b[0]
            );
        }
        // Tab from the CSL-JSON download button reaches its box.
        s.focus(&format!("button[data-download=csl-{key}]")).await;
        s.tab().await;
        assert!(
            s.eval_bool(&format!(
                "document.activeElement.contains(document.getElementById('csl-{key}'))"
            ))
            .await,
            "Tab from the download button did not reach the CSL-JSON box: {}",
            s.focused().await
        );
        s.press("ArrowDown").await;
        s.wait_until(
            "the arrow key to scroll the box",
            "document.activeElement.scrollTop > 0",
        )
        .await;
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

#[test]
fn timeline_theme_filter_changes_the_list_and_the_overview() {
    run(async {
        let themes = seed_themes();
        let total: usize = themes.values().sum();
        let s = Session::start(Device::Desktop).await;
        s.open(TIMELINE).await;
        assert_eq!(
            timeline_state(&s).await.1,
            format!("Showing {total} of {total} events")
        );
        // The first move draws the overview; then the boxes are where they will stay.
        s.move_mouse(640.0, 120.0).await;
        s.wait_for_chart(".timeline-overview").await;
        let theme = "military";
        let box_ = format!("fieldset.theme-filter input[value={theme}]");
        s.click(&box_).await;
        let left = total - themes[theme];
        s.wait_until("the military events to go", &format!("document.querySelector('.event-count').textContent === 'Showing {left} of {total} events'"))
            .await;
        let (shown, _) = timeline_state(&s).await;
        assert_eq!(shown.len(), left);
        assert!(
            !shown.iter().any(|t| t == theme),
            "a {theme} event is still shown"
        );
        s.wait_until(
            "the overview to hide the military markers",
            &format!(
                "document.getElementById('timeline-overview').data.every(t => \
                 (t.legendgroup === '{theme}') === (t.visible === 'legendonly'))"
            ),
        )
        .await;
        s.click(&box_).await;
        s.wait_until("every event to come back", &format!("document.querySelector('.event-count').textContent === 'Showing {total} of {total} events'"))
            .await;
        assert_eq!(timeline_state(&s).await.0.len(), total);
        s.wait_until(
            "the overview to show every marker again",
            "document.getElementById('timeline-overview').data.every(t => t.visible === true)",
        )
        .await;
        s.finish().await;
    });
}

/// The timeline's themes live in the URL: after following a passage and pressing Back, the
/// boxes, the list and the count still agree; a shared address opens the same view.
#[test]
fn timeline_filter_is_in_the_url_and_survives_back() {
    run(async {
        let themes = seed_themes();
        let total: usize = themes.values().sum();
        let s = Session::start(Device::Desktop).await;
        s.open(TIMELINE).await;
        s.move_mouse(640.0, 120.0).await;
        s.wait_for_chart(".timeline-overview").await;
        s.click("fieldset.theme-filter input[value=military]").await;
        let left = total - themes["military"];
        let count = format!("Showing {left} of {total} events");
        s.wait_until(
            "the filter",
            &format!(
                "document.querySelector('.event-count').textContent === {}",
                js_str(&count)
            ),
        )
        .await;
        let mut rest: Vec<&String> = themes.keys().filter(|t| *t != "military").collect();
        let in_url = query(&s).await.get("themes").cloned().unwrap_or_default();
        let mut listed: Vec<&str> = in_url.split(',').collect();
        listed.sort();
        rest.sort();
        assert_eq!(listed, rest, "the URL does not list the themes shown");

        s.click("#timeline-list li.event:not([hidden]) .event-links-row a")
            .await;
        s.wait_for_page("/russia-china-partnership/index.html", "")
            .await;
        s.back().await;
        s.wait_for_page("/timeline.html", "").await;
        let (shown, said) = timeline_state(&s).await;
        assert!(
            !s.eval_bool(
                "document.querySelector('fieldset.theme-filter input[value=military]').checked"
            )
            .await,
            "the military box came back checked"
        );
        assert_eq!(said, count, "after Back the count is wrong");
        assert_eq!(shown.len(), left, "after Back the list is wrong");
        assert!(!shown.iter().any(|t| t == "military"));

        s.open(&format!("{TIMELINE}?themes=diplomacy")).await;
        let (shown, said) = timeline_state(&s).await;
        assert!(shown.iter().all(|t| t == "diplomacy") && shown.len() == themes["diplomacy"]);
        assert_eq!(
            said,
            format!("Showing {} of {total} events", themes["diplomacy"])
        );
        let checked = s
            .eval_strings("Array.from(document.querySelectorAll('fieldset.theme-filter input:checked')).map(b => b.value)")
            .await;
        assert_eq!(checked, vec!["diplomacy".to_string()]);
        s.finish().await;
    });
}

#[test]
fn timeline_deep_link_and_click_through() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let event = "event-lavrov-wang-yi-call";
        s.open(&format!("{TIMELINE}#{event}")).await;
        s.wait_until("the event in view", &in_view(event)).await;
        let passage = format!("#{event} .event-links-row a");
        assert_eq!(s.text(&passage).await, "Read the passage");
        s.click(&passage).await;
        s.wait_for_page(
            "/russia-china-partnership/index.html",
            "#political-position-p4",
        )
        .await;
        s.wait_until("the passage in view", &in_view("political-position-p4"))
            .await;
        s.click(&format!(
            "#political-position-p4 a.event-link[href$='#{event}']"
        ))
        .await;
        s.wait_for_page("/timeline.html", &format!("#{event}"))
            .await;
        s.wait_until(
            "the event to be the target in view",
            &format!(
                "document.querySelector(':target') === document.getElementById('{event}') && {}",
                in_view(event)
            ),
        )
        .await;
        s.finish().await;
    });
}

#[test]
fn overview_marker_jumps_to_event() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(TIMELINE).await;
        s.move_mouse(640.0, 120.0).await;
        s.wait_for_chart(".timeline-overview").await;
        // A marker on screen that no other marker crowds: [id, x, y].
        let found = s
            .eval(
                "(() => { const gd = document.getElementById('timeline-overview'); \
                 const box = gd.querySelector('.nsewdrag').getBoundingClientRect(); \
                 const all = []; gd.data.forEach((t, k) => { \
                   const pts = gd.querySelectorAll('.scatterlayer .trace')[k].querySelectorAll('path.point'); \
                   t.ids.forEach((id, i) => { const r = pts[i].getBoundingClientRect(); \
                     all.push([id, r.left + r.width / 2, r.top + r.height / 2]); }); }); \
                 return all.find(([id, x, y]) => x > box.left + 10 && x < box.right - 10 \
                   && y > box.top && y < box.bottom && all.every(([o, ox, oy]) => o === id \
                   || Math.hypot(ox - x, oy - y) > 24)) || null; })()",
            )
            .await;
        let found = found
            .as_array()
            .unwrap_or_else(|| panic!("no marker stands alone: {found}"));
        let id = found[0].as_str().unwrap().to_string();
        let (x, y) = (found[1].as_f64().unwrap(), found[2].as_f64().unwrap());
        s.move_mouse(x, y).await;
        s.wait_until(
            "the marker's hover label",
            "!!document.querySelector('#timeline-overview .hoverlayer .hovertext')",
        )
        .await;
        s.page
            .click(chromiumoxide::layout::Point::new(x, y))
            .await
            .expect("click");
        s.wait_until(
            "the jump to the event",
            &format!("location.hash === '#event-{id}'"),
        )
        .await;
        s.wait_until("the event in view", &in_view(&format!("event-{id}")))
            .await;
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Layout on phones and wide screens, notes list and print
// ---------------------------------------------------------------------------------------------

#[test]
fn pages_fit_a_phone() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for page in [
            "index.html",
            ARTICLE,
            SOURCES,
            TIMELINE,
            GALLERY,
            CHART_PAGE,
            SECOND,
            SECOND_SOURCES,
        ] {
            s.open(page).await;
            s.assert_fits(page, 360.0).await;
        }
        s.open(ARTICLE).await;
        s.tap("#fnref-1").await;
        s.wait_until("the note to open", POPOVER_VISIBLE).await;
        assert!(s.on_screen(".note-popover").await);
        s.assert_fits("the article with a note open", 360.0).await;
        s.finish().await;
    });
}

/// Wide tables scroll inside their own keyboard-focusable box instead of widening the page.
#[test]
fn tables_scroll_in_a_focusable_box() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for (page, table) in [
            (SECOND, ".article-body table"),
            (CHART_PAGE, "table.chart-table"),
        ] {
            s.open(page).await;
            s.assert_fits(page, 360.0).await;
            let scroller = format!("(document.querySelector('{table}').closest('.table-scroll'))");
            assert!(
                s.eval_bool(&format!("!!{scroller}")).await,
                "{page}: the table has no scroll box"
            );
            assert_eq!(
                s.eval_f64(&format!("{scroller}.tabIndex")).await,
                0.0,
                "{page}: the box cannot be focused"
            );
            assert!(
                s.eval_str(&format!("{scroller}.getAttribute('aria-label') || ''"))
                    .await
                    .len()
                    > 4,
                "{page}: the box has no name"
            );
            if page == SECOND {
                assert!(
                    s.eval_bool(&format!("{scroller}.scrollWidth > {scroller}.clientWidth"))
                        .await,
                    "the five-column table does not need to scroll at 360 px"
                );
                s.eval(&format!("{scroller}.focus(); true")).await;
                s.key("ArrowRight", false).await;
                s.wait_until(
                    "the arrow key to scroll the table",
                    &format!("{scroller}.scrollLeft > 0"),
                )
                .await;
            }
        }
        s.finish().await;
    });
}

/// On a phone, timeline chips in paragraphs show their whole title and the ¶ link stays on the
/// paragraph's last line.
#[test]
fn phone_chips_are_whole_and_the_pilcrow_stays_on_its_line() {
    run(async {
        for device in [Device::Phone, Device::SmallPhone] {
            let s = Session::start(device).await;
            s.open(ARTICLE).await;
            let cut = s
                .eval_strings(
                    "Array.from(document.querySelectorAll('.event-link')).filter(e => \
                     getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1 \
                     || e.getBoundingClientRect().right > innerWidth).map(e => e.textContent)",
                )
                .await;
            assert!(cut.is_empty(), "{device:?}: cut chips: {cut:?}");
            let alone = s
                .eval_strings(
                    "Array.from(document.querySelectorAll('.article-body p > .pilcrow')).filter(a => { \
                     const r = document.createRange(); r.setStart(a.parentNode, 0); r.setEndBefore(a); \
                     const lines = Array.from(r.getClientRects()).filter(x => x.width > 0); \
                     const last = lines[lines.length - 1]; const p = a.getBoundingClientRect(); \
                     return !last || p.top >= last.bottom - 2; }).map(a => a.getAttribute('href'))",
                )
                .await;
            assert!(
                alone.is_empty(),
                "{device:?}: ¶ on a line of its own after {alone:?}"
            );
            s.finish().await;
        }
    });
}

/// At 1320 px and more (sidenotes), the title, byline and editor's note line up with the text
/// and keep out of the sidenote column.
#[test]
fn wide_header_lines_up_with_the_text() {
    run(async {
        let s = Session::start(Device::Wide).await;
        s.open(ARTICLE).await;
        let body = s.rect(".article-body").await;
        for part in [
            ".article-header h1",
            ".article-header .byline",
            ".article-header .publisher",
            ".article-header .editor-note",
        ] {
            let r = s.rect(part).await;
            assert!(
                (r.left - body.left).abs() <= 1.0,
                "{part} starts at {}, the text at {}",
                r.left,
                body.left
            );
            assert!(
                r.right <= body.right + 1.0,
                "{part} ends at {}, past the text's {}",
                r.right,
                body.right
            );
        }
        s.finish().await;
    });
}

/// On a phone, the first screen of the article holds some of the text itself.
#[test]
fn phone_first_screen_holds_body_text() {
    run(async {
        let s = Session::start(Device::Phone).await;
        s.open(ARTICLE).await;
        let (_, height) = s.viewport().await;
        let first = s.rect(".article-body > p").await;
        let line = s.eval_f64("parseFloat(getComputedStyle(document.querySelector('.article-body > p')).lineHeight)").await;
        assert!(
            first.top + 2.0 * line <= height,
            "the first paragraph starts at {} px on an {height} px screen",
            first.top
        );
        // The contents stay one tap away.
        let listed = "document.querySelector(\".toc a[href='#notes-title']\").checkVisibility()";
        assert!(
            !s.eval_bool(listed).await,
            "the contents are not folded on a phone"
        );
        s.tap(".toc summary").await;
        s.wait_until("a tap to unfold the contents", listed).await;
        s.tap(".toc a[href='#notes-title']").await;
        s.wait_until("the contents to lead to the notes", &in_view("notes-title"))
            .await;
        s.finish().await;
    });
}

/// In the notes list, on screen and in print, an editor's note's label sits on its own line
/// ("EDITOR'S NOTE", then the text), not run into it.
#[test]
fn editors_note_label_stands_apart_in_the_notes() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        for media in ["", "print"] {
            s.set_media(media).await;
            let run_in = s
                .eval_strings(
                    "Array.from(document.querySelectorAll('.notes .editor-note-label')).filter(l => { \
                     const next = l.nextElementSibling; if (!next) return false; \
                     return next.getBoundingClientRect().top < l.getBoundingClientRect().bottom - 1; }) \
                     .map(l => l.closest('li').id)",
                )
                .await;
            let count = s
                .eval_f64("document.querySelectorAll('.notes .editor-note-label').length")
                .await;
            assert!(count >= 2.0, "the notes hold {count} editor's notes");
            assert!(
                run_in.is_empty(),
                "{media:?}: the label runs into the text in {run_in:?}"
            );
        }
        s.finish().await;
    });
}

/// Printed, every note gives its sources' full citations (and URLs), not "Source entry".
#[test]
fn print_notes_carry_full_citations() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        for (sources, article) in [(SOURCES, ARTICLE), (SECOND_SOURCES, SECOND)] {
            s.open(sources).await;
            let first_citation: BTreeMap<String, String> = s
                .eval(
                    // Each entry's first citation (the styles in the index's order; a style with no
                    // entry for a source shows none).
                    "Object.fromEntries(Array.from(document.querySelectorAll('li.source')).map(li => \
                     [li.id.slice(4), (li.querySelector('.cite-style span[id^=cite-]') || {}).textContent.trim()]))",
                )
                .await
                .as_object()
                .expect("citations")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            s.open(article).await;
            s.set_media("print").await;
            let notes = s
                .eval(
                    "Array.from(document.querySelectorAll('.notes li[id^=fn-]')).map(li => [li.id, li.innerText, \
                     Array.from(li.querySelectorAll('.note-text a.cite-link')).map(a => a.dataset.source)])",
                )
                .await;
            for note in notes.as_array().expect("notes") {
                let (id, text) = (note[0].as_str().unwrap(), squash(note[1].as_str().unwrap()));
                assert!(
                    !text.contains("Source entry"),
                    "{article} {id} prints “Source entry”: {text}"
                );
                for key in note[2].as_array().unwrap() {
                    let want = squash(&first_citation[key.as_str().unwrap()]);
                    assert!(
                        text.contains(&want),
                        "{article} {id} does not print the citation {want:?}:\n{text}"
                    );
                }
            }
            s.set_media("").await;
        }
        // A note whose source has a URL prints it.
        s.open(SECOND).await;
        s.set_media("print").await;
        assert!(s
            .text("#fn-3")
            .await
            .contains("https://example.org/shipping-review"));
        s.set_media("").await;
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// The site as a host serves it; the site without JavaScript
// ---------------------------------------------------------------------------------------------

/// Served by a host for a missing nested path, the 404 page is styled and its home link
/// works, with and without a base URL.
#[test]
fn not_found_page_works_for_a_missing_nested_path() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let based_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site-based");
        let based = Host::start(&based_dir, "/explainers/");
        harness_build_with_base(&based_dir, &based.url(""));
        let plain = Host::start(site_dir(), "/sub/dir/");
        for host in [&based, &plain] {
            let missing = host.url("russia-china-partnership/no/such/page.html");
            s.open_url(&missing).await;
            assert!(s.text("h1").await.contains("Page not found"));
            let (sum, _) = rgb_sum(
                &s.eval_str("getComputedStyle(document.body).backgroundColor")
                    .await,
            );
            assert!(sum > 600.0 && sum < 765.0, "the 404 page is not styled");
            assert_eq!(
                s.eval_str(
                    "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
                )
                .await,
                "solid",
                "the 404 page is not styled"
            );
            let home = s.eval_str("document.querySelector('main a').href").await;
            assert_eq!(
                home,
                host.url("index.html"),
                "the home link of the 404 page"
            );
            s.click("main a").await;
            s.wait_for_page("/index.html", "").await;
            assert!(
                s.exists(".cards .card").await,
                "the home link did not reach the home page"
            );
            // The host answered the missing page with 404; that is the only failed load.
            s.errors
                .lock()
                .unwrap()
                .retain(|e| !e.contains("/no/such/page.html"));
        }
        s.finish().await;
    });
}

fn harness_build_with_base(dir: &Path, base: &str) {
    let built = site_dir_with_base(base);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::rename(&built, dir).expect("move the site built with a base URL");
}

/// sitemap.xml lists absolute addresses only: written with a base URL, left out without one.
#[test]
fn sitemap_never_has_relative_addresses() {
    assert!(
        !site_dir().join("sitemap.xml").exists(),
        "without a base URL, sitemap.xml (which needs absolute addresses) must not be written"
    );
    let dir = site_dir_with_base("https://example.org/explainers/");
    let xml =
        std::fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap.xml with a base URL");
    let locs = common::between(&xml, "<loc>", "</loc>");
    assert!(locs.len() >= 10, "{xml}");
    for loc in locs {
        assert!(
            loc.starts_with("https://example.org/explainers/"),
            "relative <loc>: {loc}"
        );
    }
    let robots = std::fs::read_to_string(dir.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/explainers/sitemap.xml"),
        "{robots}"
    );
}

/// The meta description is one short sentence, not the whole summary.
#[test]
fn meta_description_is_a_short_sentence() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open("index.html").await;
        let summaries = s
            .eval_strings(
                "Array.from(document.querySelectorAll('.card .summary')).map(p => p.textContent)",
            )
            .await;
        for page in [ARTICLE, SECOND] {
            s.open(page).await;
            let d = s
                .eval_str("document.querySelector('meta[name=description]').content")
                .await;
            assert!(
                d.chars().count() <= 160,
                "{page}: the description has {} characters: {d}",
                d.chars().count()
            );
            let stem = d.trim_end_matches('…');
            assert!(
                summaries.iter().any(|sum| sum.starts_with(stem)),
                "{page}: {d:?} is not the summary's start"
            );
            assert!(
                d.ends_with(['.', '!', '?', '…']),
                "{page}: {d:?} is not a sentence"
            );
        }
        s.finish().await;
    });
}

/// With JavaScript off the site still works: notes are links, charts are pictures and tables,
/// the timeline is a list, and controls that need the script (copy, sort, filter) are not shown.
#[test]
fn works_with_javascript_off() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.scripts_off().await;
        s.open(ARTICLE).await;
        assert!(
            !s.eval_bool("document.documentElement.classList.contains('js')")
                .await
        );
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('href')")
                .await,
            "#fn-1"
        );
        assert!(s.shown(&format!("#chart-{CHART} img.chart-fallback")).await);
        assert!(s.shown(&format!("#chart-{CHART} table.chart-table")).await);
        assert!(
            !s.shown(&format!("#plot-{CHART}")).await,
            "an empty plot box is shown"
        );
        s.open(TIMELINE).await;
        assert!(s.shown("#timeline-list li.event").await);
        assert!(
            !s.shown(".theme-filter").await,
            "the theme filter shows but cannot work"
        );
        s.open(SOURCES).await;
        assert!(
            !s.shown(".source-controls").await,
            "sort controls show but cannot work"
        );
        assert_eq!(s.shown_ids("#bibliography > li.source").await.len(), 34);
        // (A click through the protocol needs the page's scripts: open the box directly.)
        s.eval("document.querySelector('#src-kremlin-2022-joint-statement-new-era details.cite-box').open = true; true")
            .await;
        for page in [SOURCES, CHART_PAGE, ARTICLE] {
            if page != SOURCES {
                s.open(page).await;
            }
            let visible = s
                .eval_f64("Array.from(document.querySelectorAll('button.copy, button.download')).filter(b => b.getClientRects().length > 0).length")
                .await;
            assert_eq!(
                visible, 0.0,
                "{page}: {visible} copy/download buttons show but cannot work"
            );
        }
        s.finish().await;
    });
}

#[test]
fn no_console_errors_and_no_outside_requests() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        for page in [
            "index.html",
            ARTICLE,
            SOURCES,
            TIMELINE,
            GALLERY,
            CHART_PAGE,
            SECOND,
            SECOND_SOURCES,
            "404.html",
        ] {
            s.open(page).await;
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        let requests = s.requests.lock().unwrap().clone();
        assert!(
            requests.iter().any(|u| u.ends_with(".css"))
                && requests.iter().any(|u| u.ends_with(".js"))
        );
        let outside: Vec<&String> = requests
            .iter()
            .filter(|u| !u.starts_with("file://") && !u.starts_with("data:"))
            .collect();
        assert!(
            outside.is_empty(),
            "requests that are not to files on disk: {outside:?}"
        );
        s.finish().await;
    });
}

#[test]
fn dark_mode() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let background = "getComputedStyle(document.body).backgroundColor";
        s.open(ARTICLE).await;
        let (sum, alpha) = rgb_sum(&s.eval_str(background).await);
        assert!(
            alpha > 0.99 && sum > 600.0,
            "the light background is not light"
        );
        s.set_color_scheme("dark").await;
        for page in ["index.html", ARTICLE, SOURCES] {
            s.open(page).await;
            let (sum, alpha) = rgb_sum(&s.eval_str(background).await);
            assert!(
                alpha > 0.99 && sum < 200.0,
                "{page}: the dark background is not dark"
            );
            let (sum, _) = rgb_sum(&s.eval_str("getComputedStyle(document.body).color").await);
            assert!(sum > 450.0, "{page}: the dark-mode text is not light");
        }
        s.finish().await;
    });
}

/// The error collection itself works, so that a quiet run means a quiet page.
#[test]
fn harness_reports_page_errors() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open("index.html").await;
        s.eval(
            "console.error('harness check: console'); \
             setTimeout(() => { throw new Error('harness check: exception'); }, 0); true",
        )
        .await;
        let start = Instant::now();
        loop {
            let errors = s.errors.lock().unwrap().clone();
            if errors.iter().any(|e| e.contains("harness check: console"))
                && errors
                    .iter()
                    .any(|e| e.contains("harness check: exception"))
            {
                break;
            }
            assert!(
                start.elapsed() < WAIT,
                "the harness did not report the errors: {errors:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        s.errors.lock().unwrap().clear();
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Charts and embeds
// ---------------------------------------------------------------------------------------------

#[test]
fn chart_draws_only_when_scrolled_to() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(ARTICLE).await;
        let holder = format!("#chart-{CHART}");
        assert!(
            s.rect(&holder).await.top > 900.0 + 300.0,
            "the chart is not far enough down"
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            s.plotly_requests().is_empty(),
            "plotly.js was requested before any chart was near"
        );
        assert!(!s.exists("div.plot[data-drawn], svg.main-svg").await);
        s.eval(&format!(
            "document.querySelector({}).scrollIntoView({{ block: 'center' }}); true",
            js_str(&holder)
        ))
        .await;
        s.wheel(640.0, 450.0, 5.0).await;
        s.wait_for_chart(&holder).await;
        let requests = s.plotly_requests();
        assert_eq!(
            requests.len(),
            1,
            "plotly.js was not requested exactly once: {requests:?}"
        );
        let expected = s
            .eval_str("new URL(document.body.dataset.plotly, location.href).href")
            .await;
        assert_eq!(requests[0], expected, "plotly.js came from elsewhere");
        let far_drawn = s
            .eval(
                "Array.from(document.querySelectorAll('div.plot[data-plot]')).filter(d => { \
                 const r = d.closest('.chart-figure').getBoundingClientRect(); \
                 return (r.bottom < -300 - innerHeight || r.top > 2 * innerHeight + 300) \
                 && d.hasAttribute('data-drawn'); }).map(d => d.id)",
            )
            .await;
        assert_eq!(
            far_drawn,
            Value::Array(vec![]),
            "charts far from the screen were drawn"
        );
        s.finish().await;
    });
}

#[test]
fn chart_in_view_waits_for_first_move() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(CHART_PAGE).await;
        let fallback = format!("#chart-{CHART} img.chart-fallback");
        s.wait_until(
            "the chart's picture to load",
            &format!("(() => {{ const i = document.querySelector({}); return !!i && i.complete && i.naturalWidth > 0; }})()", js_str(&fallback)),
        )
        .await;
        assert!(s.shown(&fallback).await && s.rect(&fallback).await.top < 900.0);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            s.plotly_requests().is_empty(),
            "plotly.js was requested before the reader moved"
        );
        s.move_mouse(400.0, 300.0).await;
        s.wait_for_chart(&format!("#chart-{CHART}")).await;
        assert_eq!(s.plotly_requests().len(), 1);
        s.wait_until(
            "the picture to be hidden once the chart is drawn",
            &format!(
                "getComputedStyle(document.querySelector({})).display === 'none'",
                js_str(&fallback)
            ),
        )
        .await;
        assert!(
            s.shown(&format!("#plot-{CHART}")).await,
            "the drawn chart is not shown"
        );
        s.finish().await;
    });
}

/// While plotly.js loads, the chart is drawn out of sight over its picture, at the picture's
/// height: nothing below it moves, so a reader's first tap lands where they aimed.
#[test]
fn first_move_keeps_the_layout_still() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        for (page, holder) in [
            (TIMELINE, ".timeline-overview".to_string()),
            (CHART_PAGE, format!("#chart-{CHART}")),
        ] {
            s.open(page).await;
            s.eval(&format!(
                "(() => {{ const h = document.querySelector({}); \
                 window.__heights = [h.getBoundingClientRect().height]; \
                 const frame = () => {{ window.__heights.push(h.getBoundingClientRect().height); \
                 if (!h.classList.contains('is-drawn')) requestAnimationFrame(frame); }}; \
                 requestAnimationFrame(frame); return true; }})()",
                js_str(&holder)
            ))
            .await;
            s.move_mouse(640.0, 120.0).await;
            s.wait_for_chart(&holder).await;
            let before = s.eval_f64("window.__heights[0]").await;
            let tallest = s.eval_f64("Math.max(...window.__heights)").await;
            assert!(
                tallest - before < 60.0,
                "{page}: the chart grew from {before} to {tallest} px while loading"
            );
        }
        // Read further down, with the chart partly above: the first move (which draws it) moves
        // neither the page nor what is under the pointer.
        s.open(CHART_PAGE).await;
        s.scroll_to(".download-list", 0.5).await;
        let (y, link) = (s.scroll_y().await, s.rect(".download-list a").await);
        s.move_mouse(600.0, 450.0).await;
        s.wait_for_chart(&format!("#chart-{CHART}")).await;
        s.settle().await;
        assert_eq!(s.scroll_y().await, y, "the first move scrolled the page");
        assert_eq!(
            s.rect(".download-list a").await,
            link,
            "the first move moved the links"
        );
        s.finish().await;
    });
}

#[test]
fn drawn_charts_fit_a_phone() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for (page, holder) in [
            (TIMELINE, ".timeline-overview".to_string()),
            (CHART_PAGE, format!("#chart-{CHART}")),
        ] {
            s.open(page).await;
            s.move_mouse(180.0, 300.0).await;
            s.wait_for_chart(&holder).await;
            s.assert_fits(&format!("{page} (chart drawn)"), 360.0).await;
        }
        s.finish().await;
    });
}

#[test]
fn embed_posts_its_height() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(CHART_PAGE).await;
        let code = s
            .eval_str("document.getElementById('embed-code').value")
            .await;
        let relative = s
            .eval_str("document.getElementById('embed-code').dataset.embedUrl")
            .await;
        assert_eq!(relative, format!("../embed/{CHART}.html"));
        let relative_src = format!("src=\"{relative}\"");
        assert!(
            code.contains(&relative_src) && code.contains("<script>"),
            "{code}"
        );
        let embed_url = url(&format!("russia-china-partnership/embed/{CHART}.html"));
        let code = code.replace(&relative_src, &format!("src=\"{embed_url}\""));
        // A host page somewhere else on disk, that records the messages it receives.
        let host_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-embed-host");
        std::fs::create_dir_all(&host_dir).expect("create the host page's folder");
        let host = host_dir.join("host.html");
        std::fs::write(
            &host,
            format!(
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Embed host</title>\n\
                 <script>window.__heights = []; window.addEventListener(\"message\", function (e) {{ \
                 if (e.data && e.data.type === \"explainer:embed-height\") \
                 window.__heights.push({{ id: e.data.id, height: e.data.height }}); }});</script></head>\n\
                 <body style=\"margin:1rem;max-width:900px\">\n<h1>A course page</h1>\n{code}\n<p>Text after the chart.</p>\n</body></html>\n"
            ),
        )
        .expect("write the host page");
        s.open_url(&format!("file://{}", host.display())).await;
        s.wait_until(
            "the embed to post its height",
            &format!(
                "window.__heights.some(h => h.id === {} && h.height > 100)",
                js_str(CHART)
            ),
        )
        .await;
        let latest = format!(
            "Math.ceil(window.__heights.filter(h => h.id === {}).pop().height) + 'px'",
            js_str(CHART)
        );
        s.wait_until(
            "the iframe to take the height",
            &format!("document.querySelector('iframe').style.height === {latest}"),
        )
        .await;
        let first = s
            .eval_str("document.querySelector('iframe').style.height")
            .await;
        let frame = format!("/embed/{CHART}.html");
        let own_height =
            "Math.ceil(document.documentElement.getBoundingClientRect().height) + 'px'";
        let own = s
            .try_eval_in_frame(&frame, own_height)
            .await
            .expect("look into the embed");
        assert_eq!(
            Value::String(first.clone()),
            own,
            "the iframe's height is not the embed's"
        );
        // The chart in the iframe draws on the reader's first move there; the height follows.
        let r = s.rect("iframe").await;
        s.move_mouse((r.left + r.right) / 2.0, r.top + 100.0).await;
        let start = Instant::now();
        let drawn = "document.querySelector('main.embed').classList.contains('is-drawn') \
                     && !!document.querySelector('main.embed div.plot svg.main-svg')";
        while s.try_eval_in_frame(&frame, drawn).await != Ok(Value::Bool(true)) {
            assert!(
                start.elapsed() < PLOTLY_WAIT,
                "plotly did not draw the embedded chart"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let start = Instant::now();
        let (mut own, mut given) = (Value::Null, Value::Null);
        while start.elapsed() < WAIT {
            own = s
                .try_eval_in_frame(&frame, own_height)
                .await
                .unwrap_or_default();
            given = s
                .eval("document.querySelector('iframe').style.height")
                .await;
            if own == given {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(
            own, given,
            "the iframe did not take the drawn embed's height"
        );
        assert_eq!(
            given,
            Value::String(first),
            "drawing the chart changed the embed's height"
        );
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Screenshots to look at
// ---------------------------------------------------------------------------------------------

#[test]
fn screenshots() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for (device, name) in [(Device::SmallPhone, "360"), (Device::Wide, "1400")] {
            s.set_device(device).await;
            for scheme in ["light", "dark"] {
                s.set_color_scheme(scheme).await;
                for (page, slug) in [
                    (ARTICLE, "article"),
                    (SOURCES, "sources"),
                    (SECOND, "second"),
                ] {
                    s.open(page).await;
                    s.eval("document.fonts.ready.then(() => true)").await;
                    s.screenshot(&format!("{slug}-{name}-{scheme}")).await;
                }
            }
        }
        s.set_color_scheme("light").await;
        // Notes open on a phone: near the bottom of the screen, and inside the five-point document.
        s.set_device(Device::Phone).await;
        s.open(ARTICLE).await;
        for (n, at, name) in [(12, 0.85, "note-near-bottom"), (6, 0.6, "note-in-document")] {
            s.scroll_to(&format!("#fnref-{n}"), at).await;
            s.tap(&format!("#fnref-{n}")).await;
            s.wait_until("the note to open", POPOVER_VISIBLE).await;
            s.settle().await;
            s.screenshot(&format!("phone-{name}")).await;
            s.press("Escape").await;
            s.wait_until("the note to close", POPOVER_CLOSED).await;
        }
        // A passage reached from the citation index, on a phone.
        s.open(&format!("{SOURCES}#src-xinhua-2022-wang-yi-five-points"))
            .await;
        s.tap("#src-xinhua-2022-wang-yi-five-points .cited-in li:last-child a.passage-link")
            .await;
        s.wait_for_page("/russia-china-partnership/index.html", "")
            .await;
        s.screenshot("phone-passage-in-document").await;
        s.finish().await;
    });
}

#[test]
fn chart_screenshots() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        let pages = [
            ("timeline", TIMELINE, ".timeline-overview".to_string()),
            ("chart", CHART_PAGE, format!("#chart-{CHART}")),
        ];
        for device in [Device::SmallPhone, Device::Desktop] {
            s.set_device(device).await;
            for scheme in ["light", "dark"] {
                s.set_color_scheme(scheme).await;
                for (name, page, holder) in &pages {
                    s.open(page).await;
                    let (w, _) = s.viewport().await;
                    s.move_mouse(w / 2.0, 200.0).await;
                    s.wait_for_chart(holder).await;
                    s.move_mouse(2.0, 2.0).await;
                    s.settle().await;
                    s.screenshot(&format!(
                        "{name}-{}-{scheme}",
                        if device == Device::Desktop {
                            "desktop"
                        } else {
                            "phone"
                        }
                    ))
                    .await;
                }
            }
        }
        // Every chart, drawn, on a phone in the dark (the hardest case for labels and colours).
        s.set_device(Device::SmallPhone).await;
        let charts: Vec<String> =
            std::fs::read_dir(site_dir().join("russia-china-partnership/data"))
                .expect("data folder")
                .filter_map(|e| {
                    e.ok()?
                        .file_name()
                        .to_str()?
                        .strip_suffix(".csv")
                        .map(str::to_string)
                })
                .collect();
        assert!(charts.len() >= 6, "{charts:?}");
        for id in charts {
            s.open(&format!("russia-china-partnership/embed/{id}.html"))
                .await;
            s.move_mouse(180.0, 200.0).await;
            s.wait_for_chart("main").await;
            s.move_mouse(2.0, 2.0).await;
            s.screenshot(&format!("embed-{id}-phone-dark")).await;
        }
        s.finish().await;
    });
}
