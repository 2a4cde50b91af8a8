//! The seed article's editorial apparatus (issue 11), checked where a reader sees it: each
//! editor's note beside the words it is about, each corrected event on the timeline, each chart's
//! notes and numbers in its data. The author's words are checked to stay as printed.

mod common;

use common::*;
use serde_json::Value;

// ---------- Editor's notes in the article ----------

/// The editor's note whose marker follows `words` in the paragraph (or note) with the anchor `id`,
/// as plain text. Fails unless the marker comes right after the words and the note's box is placed
/// beside that same paragraph (before the next paragraph, note or heading).
fn ed_note_after(id: &str, words: &str) -> String {
    let html = article_page();
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} on the article page"));
    let rest = &html[start + 1..];
    let end = ["<p id=\"", "<li id=\"fn-", "<h2", "<figure"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let block = &rest[..end];
    let marker = format!("{words}<a class=\"ednote-ref\" id=\"edref-");
    let at = block
        .find(&marker)
        .unwrap_or_else(|| panic!("no editor's note marker right after {words:?} in #{id}"));
    let number = &block[at + marker.len()..];
    let number = &number[..number.find('"').unwrap()];
    let aside = between(
        block,
        &format!("<aside class=\"editor-note\" id=\"ed-{number}\""),
        "</aside>",
    );
    assert_eq!(
        aside.len(),
        1,
        "the editor's note ed-{number} is shown beside #{id}"
    );
    strip_tags(aside[0])
}

fn assert_mentions(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{needle:?} is not in: {text}");
    }
}

#[test]
fn the_no_limits_wording_is_traced_to_the_2022_statement() {
    let note = ed_note_after("political-position-p8", "visit to Russia in March 2023");
    assert_mentions(
        &note,
        &["\"no limits\"", "February 4, 2022", "note 1", "note 10"],
    );
}

#[test]
fn each_typo_is_answered_beside_it() {
    for (id, words, reading) in [
        ("bilateral-partnership-p11", "Russin oil", "\"Russian\""),
        (
            "political-engagement-p3",
            "greatinterest”",
            "\"great interest\"",
        ),
        (
            "political-engagement-p4",
            "Russian has never hurried",
            "\"Russia\"",
        ),
        ("political-position-p6", "open- ended", "\"open-ended\""),
    ] {
        let note = ed_note_after(id, words);
        assert!(note.contains(reading), "{words}: {note}");
    }
    let note = ed_note_after(
        "political-engagement-p6",
        "joint bomber and naval patrols, internal security troops exercises",
    );
    assert_mentions(&note, &["twice", "internal security troop exercises"]);
    // The list itself still names the exercise twice, as the author wrote it.
    let p6 = between(article_page(), "id=\"political-engagement-p6\"", "</p>")[0];
    assert_eq!(p6.matches("internal security troop").count(), 2);
}

#[test]
fn belousov_is_first_deputy_prime_minister_in_the_notes_not_the_text() {
    let note = ed_note_after(
        "bilateral-partnership-p3",
        "Russian Deputy Prime Minister Andrey Belousov",
    );
    assert_mentions(&note, &["First Deputy Prime Minister"]);
    let event = event("belousov-chinese-investment");
    assert!(summary(event).starts_with("First Deputy Prime Minister Andrey Belousov"));
}

#[test]
fn doubtful_dates_of_notes_3_and_35_are_stated_as_doubts() {
    let note3 = ed_note_after("fn-3", "The Foreign Policy, July 12, 2023.");
    assert_mentions(
        &note3,
        &["July 12, 2023", "June 12, 2023", "cannot be settled"],
    );

    // Outside the note's Russian text, so that "Ed." is not read as Russian.
    let note35 = ed_note_after("fn-35", "Source entry</a> ");
    assert_mentions(
        &note35,
        &[
            "doubtful",
            "Vostok-2022",
            "September 1–7, 2022",
            "a year late",
        ],
    );
    assert!(between(article_page(), "<li id=\"fn-35\"", "<aside")[0].contains("8 сентября 2023 г."));
    // The timeline's event dated by note 35 says the same.
    let exercises = event("strategic-exercises-2023");
    assert_mentions(
        &editor_note(exercises),
        &["Vostok-2022", "1–7 September 2022", "a year earlier"],
    );
}

// ---------- The timeline ----------

fn timeline_list() -> &'static str {
    between(
        page(&format!("{SLUG}/timeline.html")),
        "<ol class=\"timeline\"",
        "</ol>",
    )[0]
}

/// One event of the timeline list, up to the next event.
fn event(id: &str) -> &'static str {
    let list = timeline_list();
    let start = list
        .find(&format!("id=\"event-{id}\""))
        .unwrap_or_else(|| panic!("no event {id} on the timeline"));
    let rest = &list[start..];
    &rest[..rest.find("<li class=\"event\"").unwrap_or(rest.len())]
}

fn event_position(id: &str) -> usize {
    timeline_list()
        .find(&format!("id=\"event-{id}\""))
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn datetime(event: &str) -> &str {
    between(event, "<time datetime=\"", "\"")[0]
}

fn title(event: &str) -> String {
    strip_tags(between(event, "<h2 class=\"event-title\">", "</h2>")[0])
}

fn summary(event: &str) -> String {
    strip_tags(between(event, "<p class=\"event-summary\">", "</p>")[0])
}

fn editor_note(event: &str) -> String {
    let aside = between(event, "<aside class=\"editor-note\"", "</aside>");
    assert_eq!(aside.len(), 1, "the event has one editor's note");
    strip_tags(&aside[0][aside[0].find('>').unwrap() + 1..])
}

/// The paragraph an event's "Read the passage" link leads to, as plain text.
fn passage(event: &str) -> String {
    let id = between(event, "<a href=\"index.html#", "\"")[0];
    strip_tags(between(article_page(), &format!("<p id=\"{id}\""), "</p>")[0])
}

#[test]
fn the_global_civilization_initiative_is_dated_by_its_announcement() {
    let gci = event("global-civilization-initiative");
    assert_eq!(datetime(gci), "2023-03-15");
    assert!(title(gci).contains("announces"), "{}", title(gci));
    assert_mentions(
        &editor_note(gci),
        &["15 March 2023", "note 28", "April 17, 2023"],
    );
    // Russia's reply of 21 March now follows the initiative it answers.
    assert!(
        event_position("global-civilization-initiative")
            < event_position("russia-endorses-global-initiatives")
    );
}

#[test]
fn the_five_point_position_is_summarised_in_the_documents_words() {
    let five = event("five-point-position");
    let text = summary(five);
    // Set out on 25 February, the second day, as the author says; note 5's report is of the 26th.
    assert_eq!(datetime(five), "2022-02-25");
    assert!(text.contains("second day"), "{text}");
    assert!(!text.contains("third day"), "{text}");
    assert!(!text.contains("indivisible"), "{text}");
    assert!(text.contains("common, integrated, cooperative and sustainable security"));
    // The words the summary quotes are the document's, on the article page.
    assert!(strip_tags(article_page()).contains(
        "China stands for the concept of common, integrated, cooperative and sustainable security"
    ));
    assert_mentions(
        &editor_note(five),
        &[
            "February 25, 2022",
            "second day of war",
            "note 5",
            "February 26",
        ],
    );
}

#[test]
fn the_start_of_the_operation_is_reasoned_from_what_fits_it() {
    let note = editor_note(event("special-military-operation-begins"));
    assert_mentions(
        &note,
        &[
            "first anniversary of war on February 24, 2023",
            "February 25, 2022",
            "note 5's report is dated the 26th",
        ],
    );
    assert!(
        !note.contains("and from February 26, 2022 being"),
        "no longer infers February 24 from “the second day”: {note}"
    );
}

#[test]
fn days_taken_from_notes_21_and_29_say_so() {
    for (id, note) in [
        ("economic-plan-2030", "note 21"),
        ("russia-endorses-global-initiatives", "note 29"),
    ] {
        let e = event(id);
        assert_eq!(datetime(e), "2023-03-21", "{id}");
        assert_mentions(&editor_note(e), &[note, "21 March 2023"]);
        // The text itself gives only the month.
        assert!(!passage(e).contains("21 March") && !passage(e).contains("March 21"));
    }
}

#[test]
fn the_sco_council_is_dated_26_october_and_the_mishustin_li_meeting_explained() {
    let sco = event("sco-bishkek-2023");
    assert_eq!(datetime(sco), "2023-10-26");
    assert!(title(sco).contains("heads of government"), "{}", title(sco));
    assert_mentions(
        &editor_note(sco),
        &["26 October 2023", "25 October 2023", "Li Qiang", "note 22"],
    );
}

#[test]
fn the_putin_visit_points_to_the_paragraph_about_the_visit() {
    let visit = event("putin-visit-beijing-2022");
    let text = passage(visit);
    assert_mentions(
        &text,
        &[
            "February 4, 2022",
            "visited Beijing",
            "Winter Olympic Games",
        ],
    );
}

#[test]
fn the_chip_title_does_not_overstate_the_text() {
    let e = event("equipment-and-microchips-2022");
    let t = title(e);
    assert!(!t.contains("key supplier"), "{t}");
    assert!(t.contains("43%") && t.contains("chip"), "{t}");
    // What the text says about chips is growth, not China's place among suppliers.
    assert!(
        passage(e).contains("increased by almost 2.5 times in 2022 – up to 179 million dollars")
    );
}

#[test]
fn the_no_limits_event_names_the_2022_statement() {
    let note = editor_note(event("fu-cong-unlimited-partnership"));
    assert_mentions(&note, &["Fu Cun", "4 February 2022", "note 1"]);
}

// ---------- Charts ----------

fn chart_json(id: &str) -> Value {
    serde_json::from_str(page(&format!("{SLUG}/data/{id}.json"))).unwrap()
}

/// Note 23 (Chinese customs figures) can source Russia's share of China's trade, not China's share
/// of Russia's: no note does. The chart keeps the author's note and says so beside the chart.
#[test]
fn the_trade_asymmetry_chart_says_what_note_23_cannot_source() {
    let chart = chart_json("trade-asymmetry");
    let notes: Vec<i64> = chart["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].as_i64().unwrap())
        .collect();
    assert_eq!(notes, [23]);
    let caption = chart["caption"].as_str().unwrap();
    let limit = "not China's share of Russia's trade, which no note appears to source";
    assert_mentions(caption, &["Note 23", "Chinese customs figures", limit]);
    // Readers see it under the chart in the article and on the chart's page.
    let escaped = limit.replace('\'', "&#39;");
    let figure = between(
        article_page(),
        "<figure class=\"chart-figure\" id=\"chart-trade-asymmetry\"",
        "</figure>",
    )[0];
    assert!(figure.contains(&escaped), "{figure}");
    assert!(page(&format!("{SLUG}/figures/trade-asymmetry.html")).contains(&escaped));
}

/// A number as the article prints it: no trailing zeros.
fn as_printed(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Every value a chart does not mark as derived is a number the article's text states, with its
/// unit word after it.
#[test]
fn every_stated_chart_value_is_in_the_text() {
    let text = strip_tags(article_page());
    let ids: Vec<String> = site()
        .files
        .keys()
        .filter_map(|k| {
            k.strip_prefix(&format!("{SLUG}/data/"))
                .and_then(|f| f.strip_suffix(".json"))
                .map(str::to_string)
        })
        .collect();
    assert_eq!(ids.len(), 8, "{ids:?}");
    for id in ids {
        let chart = chart_json(&id);
        for series in chart["series"].as_array().unwrap() {
            let derived = series["derived"].as_array().unwrap();
            for (i, v) in series["values"].as_array().unwrap().iter().enumerate() {
                if derived[i].as_bool().unwrap() {
                    continue;
                }
                let n = as_printed(v.as_f64().unwrap());
                let stated = [" percent", " billion", " million", " cubic meters"]
                    .iter()
                    .any(|unit| {
                        text.match_indices(&format!("{n}{unit}")).any(|(at, _)| {
                            !text[..at].ends_with(|c: char| c.is_ascii_digit() || c == '.')
                        })
                    });
                assert!(stated, "{id}: {n} is not stated in the text");
            }
        }
    }
}

/// The derived first-half 2022 values follow from the stated 2023 values and growth rates.
#[test]
fn derived_trade_values_follow_from_the_stated_growth() {
    let chart = chart_json("trade-h1-2023");
    let v = |s: usize, i: usize| chart["series"][s]["values"][i].as_f64().unwrap();
    assert!((v(0, 0) - 62.263 / 1.194).abs() < 0.001);
    assert!((v(0, 1) - 52.284 / 1.781).abs() < 0.001);
    let growth = (v(1, 0) + v(1, 1)) / (v(0, 0) + v(0, 1)) - 1.0;
    assert!((growth - 0.406).abs() < 0.002, "{growth}");
}
