//! Pictures of synthetic charts and timelines (a 150-year span, 7-digit values, 60+ character
//! labels, negative and tiny values), and random charts of every kind: well-formed SVG, every
//! value and label present, text inside the picture, a bounded number of ticks.

use super::*;
use crate::model::charts::Series;
use crate::render::figure::time_axis::{date_ticks, day_number};

fn chart(kind: &str, categories: &[&str], series: &[(&str, &[f64], &[bool])]) -> Chart {
    Chart {
        id: format!("test-{kind}"),
        title: format!(
            "A {kind} chart whose title is long enough to need a second line on a phone"
        ),
        caption: "Caption".into(),
        kind: ChartKind::ALL
            .into_iter()
            .find(|k| k.name() == kind)
            .unwrap_or(ChartKind::Bar),
        unit: "million US$".into(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        notes: Vec::new(),
        sources: Vec::new(),
        derived_note: None,
        series: series
            .iter()
            .map(|(name, values, derived)| Series {
                name: name.to_string(),
                values: values.to_vec(),
                derived: if derived.is_empty() {
                    vec![false; values.len()]
                } else {
                    derived.to_vec()
                },
                qualifiers: vec![None; values.len()],
            })
            .collect(),
        span: 0..0,
    }
}

const LONG: &str =
    "Machine tools, bearings and numerically controlled lathes imported through third countries";
const SOURCE: &str = "Source: General Administration of Customs of the People's Republic of China, 2023 (note 15); Reuters, 12 July 2023 (note 16). From “A very long article title” by An Author.";

/// Every chart kind with the troublesome data of issue 9.
fn fixtures() -> Vec<Chart> {
    vec![
        chart(
            "bar",
            &["2021", "2022", "2023"],
            &[(
                "Exports",
                &[4_801_237.0, 102_000.0, -35_000.0],
                &[false, false, true],
            )],
        ),
        chart(
            "grouped-bar",
            &[LONG, "Chinese exports to Russia"],
            &[
                (
                    "First half of 2022 (derived)",
                    &[52.147, 29.357],
                    &[true, true],
                ),
                ("First half of 2023", &[62.263, -12.5], &[]),
            ],
        ),
        chart(
            "hbar",
            &[LONG, "Russia, H1 2023", "Saudi Arabia, H1 2023", "Tiny"],
            &[("Share", &[4_801_237.0, 18.2, -16.5, 0.00042], &[])],
        ),
        chart(
            "slope",
            &["2021", "2022"],
            &[
                (
                    "China's share of Russian metalworking-machine imports",
                    &[10.93, 43.25],
                    &[],
                ),
                ("Another series with a similar value", &[11.5, 42.0], &[]),
            ],
        ),
        chart(
            "line",
            &(1860..2016)
                .map(|y| Box::leak(y.to_string().into_boxed_str()) as &str)
                .collect::<Vec<_>>(),
            &[(
                "Population",
                &(1860..2016)
                    .map(|y| f64::from(y - 1800) * 1000.0)
                    .collect::<Vec<_>>(),
                &[],
            )],
        ),
        chart(
            "bar",
            &["Nothing", "Still nothing"],
            &[("Zero", &[0.0, 0.0], &[])],
        ),
        chart("bar", &["a", "b"], &[("Tiny", &[1e-20, 3e-20], &[])]),
        chart(
            "bar",
            &(0..40)
                .map(|i| Box::leak(format!("Category {i}").into_boxed_str()) as &str)
                .collect::<Vec<_>>(),
            &[(
                "Many",
                &(0..40).map(|i| f64::from(i) * 12345.0).collect::<Vec<_>>(),
                &[],
            )],
        ),
    ]
}

/// The SVG parsed as XML: every element closed, every entity known.
fn well_formed(svg: &str) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.decode().expect("text decodes");
                let unescaped = t.xml_content();
                assert!(unescaped.is_ok(), "bad entity in {svg}");
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{svg}"),
        }
    }
    assert_eq!(depth, 0);
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
}

/// Text elements as (x, y, anchor, font size, bold, lines).
fn texts(svg: &str) -> Vec<(f64, f64, String, f64, bool, Vec<String>)> {
    let mut out = Vec::new();
    for part in svg.split("<text ").skip(1) {
        let attr = |name: &str| -> String {
            let key = format!("{name}=\"");
            let start = part.find(&key).map(|i| i + key.len()).unwrap_or(0);
            part[start..]
                .split('"')
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let body = &part[part.find('>').unwrap() + 1..part.find("</text>").unwrap()];
        let lines: Vec<String> = if body.contains("<tspan") {
            body.split("<tspan")
                .skip(1)
                .map(|t| t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()].to_string())
                .collect()
        } else {
            vec![body.to_string()]
        };
        let lines = lines
            .into_iter()
            .map(|l| {
                l.replace("&#60;", "<")
                    .replace("&#62;", ">")
                    .replace("&#39;", "'")
                    .replace("&#34;", "\"")
                    .replace("&#38;", "&")
            })
            .collect();
        out.push((
            attr("x").parse().unwrap(),
            attr("y").parse().unwrap(),
            attr("text-anchor"),
            attr("font-size").parse().unwrap(),
            attr("font-weight") == "700",
            lines,
        ));
    }
    out
}

/// Every text's estimated box lies inside the picture.
fn text_inside(p: &Picture) {
    for (x, y, anchor, size, bold, lines) in texts(&p.svg) {
        for (i, line) in lines.iter().enumerate() {
            let w = text_width(line, size, bold);
            let (left, right) = match anchor.as_str() {
                "start" => (x, x + w),
                "end" => (x - w, x),
                _ => (x - w / 2.0, x + w / 2.0),
            };
            let baseline = y + i as f64 * size * LINE;
            assert!(
                left >= -0.5 && right <= f64::from(p.width) + 0.5,
                "`{line}` runs out sideways ({left:.0}..{right:.0} of {})",
                p.width
            );
            assert!(
                baseline - size >= 0.0 && baseline <= f64::from(p.height),
                "`{line}` runs out vertically ({baseline:.0} of {})",
                p.height
            );
        }
    }
}

fn all_text(p: &Picture) -> String {
    texts(&p.svg)
        .into_iter()
        .flat_map(|t| t.5)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_kind_draws_whole_values_and_labels_inside_the_picture() {
    for c in fixtures() {
        let pictures = chart_pictures(&c, SOURCE, "en");
        for p in [&pictures.wide, &pictures.narrow] {
            well_formed(&p.svg);
            text_inside(p);
            assert!(p.svg.starts_with("<svg ") && p.svg.trim_end().ends_with("</svg>"));
            assert_eq!(
                chart_picture_heights(&c, SOURCE, "en"),
                (pictures.wide.height, pictures.narrow.height)
            );
            let text = all_text(p);
            // Every word of the title, the labels and the source is in the picture.
            for word in c.title.split_whitespace().chain(SOURCE.split_whitespace()) {
                assert!(
                    text.contains(word) || word.len() > 12,
                    "`{word}` missing from {}",
                    c.id
                );
            }
        }
    }
}

#[test]
fn wrap_lines_counts_characters_and_cuts_long_words() {
    assert_eq!(
        wrap_lines("Russia incl. Malaysian transit, H1 2023", 22),
        ["Russia incl. Malaysian", "transit, H1 2023"]
    );
    let word = "x".repeat(30);
    assert_eq!(
        wrap_lines(&word, 12),
        ["x".repeat(12), "x".repeat(12), "x".repeat(6)]
    );
    assert!(wrap_lines("   ", 10).is_empty());
}

#[test]
fn large_numbers_are_grouped_and_never_cut() {
    let c = &fixtures()[0];
    for p in [
        chart_pictures(c, SOURCE, "en").wide,
        chart_pictures(c, SOURCE, "en").narrow,
    ] {
        let text = all_text(&p);
        assert!(text.contains("4,801,237"), "{text}");
        assert!(text.contains("102,000"), "{text}");
        assert!(text.contains("\u{2212}35,000*"), "{text}");
    }
    let ru = chart_pictures(c, SOURCE, "ru").wide;
    assert!(all_text(&ru).contains("4\u{a0}801\u{a0}237"));
}

#[test]
fn long_labels_wrap_in_full() {
    for c in [&fixtures()[1], &fixtures()[2]] {
        let pictures = chart_pictures(c, SOURCE, "en");
        for p in [&pictures.wide, &pictures.narrow] {
            let text = all_text(p);
            for word in LONG.split_whitespace() {
                assert!(text.contains(word), "`{word}` missing in {}", c.id);
            }
        }
    }
}

/// The y of the zero line and the rectangles (y, height) of the bars in `colour`.
fn zero_and_bars(svg: &str, colour: &str) -> (f64, Vec<(f64, f64)>) {
    let zero = svg
        .split("<line ")
        .find(|l| l.contains("class=\"axis\"") && l.contains("stroke-width=\"1.5\""))
        .map(|l| {
            let y = l.split("y1=\"").nth(1).unwrap().split('"').next().unwrap();
            y.parse::<f64>().unwrap()
        })
        .unwrap();
    let bars = svg
        .split("<rect ")
        .filter(|r| r.contains(&format!("stroke=\"{colour}\"")))
        .map(|r| {
            let get = |k: &str| -> f64 {
                r.split(&format!(" {k}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            (get("y"), get("height"))
        })
        .collect();
    (zero, bars)
}

#[test]
fn negative_bars_go_below_the_zero_line() {
    let c = &fixtures()[0];
    let p = chart_pictures(c, SOURCE, "en").wide;
    let (zero, bars) = zero_and_bars(&p.svg, colour(0));
    assert_eq!(bars.len(), 3);
    assert!(
        bars[0].0 + bars[0].1 <= zero + 0.1,
        "positive bar ends at zero"
    );
    assert!(
        (bars[2].0 - zero).abs() < 0.2 && bars[2].1 > 0.5,
        "negative bar hangs from zero: {bars:?}, zero {zero}"
    );
    assert!(bars[0].1 > bars[1].1 * 40.0, "bars are in proportion");
}

#[test]
fn derived_series_swatch_is_hatched_like_its_bars() {
    let c = &fixtures()[1];
    let p = chart_pictures(c, SOURCE, "en").wide;
    let hatched: Vec<&str> = p
        .svg
        .split("<rect ")
        .filter(|r| r.contains("fill=\"url(#chart-test-grouped-bar-hatch-0)\""))
        .collect();
    // Two bars and the swatch.
    assert_eq!(hatched.len(), 3, "{}", p.svg);
    assert!(hatched
        .iter()
        .any(|r| r.contains("width=\"14\" height=\"14\"")));
    assert!(p
        .svg
        .contains("<pattern id=\"chart-test-grouped-bar-hatch-0\""));
}

#[test]
fn pictures_follow_the_colour_scheme() {
    let p = chart_pictures(&fixtures()[0], SOURCE, "en").wide;
    assert!(p.svg.contains("@media (prefers-color-scheme:dark)"));
    assert!(!p.svg.contains("#ffffff"));
    // Without CSS the light colours still apply.
    assert!(p
        .svg
        .contains("class=\"bg\" width=\"100%\" height=\"100%\" fill=\"#fbfaf7\""));
}

#[test]
fn the_narrow_picture_is_legible_on_a_phone() {
    for c in fixtures() {
        let p = chart_pictures(&c, SOURCE, "en").narrow;
        assert_eq!(p.width, 400);
        for (_, _, _, size, _, lines) in texts(&p.svg) {
            // 14 px in 400 px is 11.5 px on a 328 px column (a 360 px phone).
            assert!(size * 328.0 / 400.0 >= 11.0, "{lines:?} at {size}px");
        }
    }
}

fn lanes_150_years() -> Vec<Lane> {
    vec![
        Lane {
            label: "Diplomacy".into(),
            colour: "#0072B2",
            dates: (1860..=2015).step_by(7).map(|y| (y, 6, 1)).collect(),
            offsets: Vec::new(),
        },
        Lane {
            label: "Neural analytics and the laboratory of long theme labels that wrap".into(),
            colour: "#E69F00",
            dates: vec![(1861, 1, 1), (1950, 3, 5), (2015, 12, 31)],
            offsets: vec![0.0, 0.24, -0.24],
        },
    ]
}

fn circles(svg: &str) -> usize {
    svg.matches("<circle ").count()
}

#[test]
fn a_150_year_timeline_has_decade_ticks_and_every_event() {
    let lanes = lanes_150_years();
    let events: usize = lanes.iter().map(|l| l.dates.len()).sum();
    let pictures = timeline_pictures("Timeline", &lanes, "en");
    for (p, lane_dots) in [(&pictures.wide, 0), (&pictures.narrow, lanes.len())] {
        well_formed(&p.svg);
        text_inside(p);
        assert_eq!(circles(&p.svg), events + lane_dots);
        let years: Vec<i32> = texts(&p.svg)
            .iter()
            .filter_map(|t| t.5[0].parse().ok())
            .collect();
        assert!(years.len() >= 3 && years.len() <= 12, "{years:?}");
        assert!(years.iter().all(|y| y % 10 == 0), "{years:?}");
        let text = all_text(p);
        assert!(
            text.contains("Neural") && text.contains("wrap"),
            "lane label in full: {text}"
        );
    }
    assert!(pictures.wide.height >= 420);
}

#[test]
fn a_far_off_event_gets_its_own_stretch_of_axis() {
    let mut dates: Vec<(i32, u8, u8)> = (1..=12).map(|m| (2022, m, 4)).collect();
    dates.extend((1..=10).map(|m| (2023, m, 20)));
    dates.push((2012, 7, 2));
    let lanes = vec![Lane {
        label: "Energy".into(),
        colour: "#009E73",
        dates,
        offsets: Vec::new(),
    }];
    let p = timeline_pictures("Timeline", &lanes, "en").wide;
    assert_eq!(circles(&p.svg), 23);
    let text = all_text(&p);
    assert!(text.contains("2012"), "{text}");
    assert!(text.contains("2023"), "{text}");
    // The break: dashed edges and no ticks for 2013–2021.
    assert!(p.svg.contains("stroke-dasharray"));
    assert!(!text.contains("2017"), "{text}");
    // The 2022–23 events use most of the width.
    let xs: Vec<f64> = p
        .svg
        .split("<circle ")
        .skip(1)
        .map(|c| {
            c.split("cx=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    let (lo, hi) = xs[..22]
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(hi - lo > 400.0, "2022–23 spread over {:.0} px", hi - lo);
}

/// A small deterministic generator (xorshift), so the property tests need no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A finite value of any sign and magnitude from 1e-300 to 1e300, or a special one.
    fn value(&mut self) -> f64 {
        match self.below(8) {
            0 => 0.0,
            1 => [1.7e308, -1.7e308, 1e-20, f64::MIN_POSITIVE, 5e-324, 1.0][self.below(6) as usize],
            _ => {
                let sign = if self.below(3) == 0 { -1.0 } else { 1.0 };
                sign * (1.0 + self.unit() * 9.0) * 10f64.powi(self.below(601) as i32 - 300)
            }
        }
    }
    fn label(&mut self) -> String {
        let words = self.below(12);
        (0..words)
            .map(|_| {
                let longest = if self.below(10) == 0 { 70 } else { 9 };
                let len = 1 + self.below(longest);
                (0..len)
                    .map(|_| ['a', 'W', 'ж', '中', '1', '&', '<', '"'][self.below(8) as usize])
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[test]
fn value_axes_terminate_with_few_ticks_for_any_finite_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let (a, b) = (rng.value(), rng.value());
        let max_ticks = rng.below(30) as usize;
        let axis = crate::model::numbers::value_axis(a, b, max_ticks);
        assert!(
            axis.min.is_finite() && axis.max.is_finite() && axis.step > 0.0,
            "{a} {b}"
        );
        assert!(
            axis.ticks.len() >= 2 && axis.ticks.len() <= max_ticks.clamp(2, 12) + 3,
            "{a} {b} {max_ticks}: {axis:?}"
        );
        assert!(axis.min <= 0.0 && axis.max >= 0.0);
        let (lo, hi) = (a.min(b).max(-1e300), a.max(b).min(1e300));
        // The axis holds both values (up to a rounding far below a pixel).
        let slack = axis.step * 1e-9;
        assert!(
            axis.min <= lo.min(0.0) + slack && axis.max >= hi.max(0.0) - slack,
            "{a} {b}: {axis:?}"
        );
        let labels: Vec<String> = axis
            .ticks
            .iter()
            .map(|&t| crate::model::numbers::format_tick(t, axis.step, &Locale::ENGLISH))
            .collect();
        let mut unique = labels.clone();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "ticks read alike: {labels:?}");
    }
}

#[test]
fn date_axes_terminate_with_few_ticks_for_any_span() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let english = Locale::ENGLISH;
    let russian = Locale::for_lang("ru");
    let chinese = Locale::for_lang("zh");
    for i in 0..5_000 {
        let from = day_number(
            rng.below(10_000) as i32,
            1 + rng.below(12) as u8,
            1 + rng.below(28) as u8,
        );
        let to = if i % 3 == 0 {
            from + rng.below(60) as i64
        } else {
            day_number(rng.below(10_000) as i32, 1, 1)
        };
        let width = rng.unit() * 1200.0;
        let locale = [&english, &russian, &chinese][i % 3];
        let measure = |l: &str| text_width(l, 13.0, false);
        let ticks = date_ticks(from.min(to), from.max(to), width, 10.0, &measure, locale);
        // Labels sit side by side, 10 px apart, inside the axis.
        let (a, b) = (from.min(to), from.max(to));
        let mut right = f64::MIN;
        for t in &ticks {
            let w = measure(&t.label);
            let x = crate::render::figure::time_axis::position(t.day, a, b, width)
                .clamp(w / 2.0, width - w / 2.0);
            assert!(
                x - w / 2.0 >= right + 10.0 - 1e-9,
                "{ticks:?} over {width:.0} px"
            );
            right = x + w / 2.0;
        }
        assert!(right <= width + 1e-9);
        assert!(ticks.len() as f64 <= width / (measure("0") + 10.0) + 1.0);
        assert!(ticks.windows(2).all(|w| w[0].day < w[1].day));
        assert!(ticks
            .iter()
            .all(|t| t.day >= from.min(to) && t.day <= from.max(to)));
    }
    // Extremes of the day range and of the width.
    for (a, b, w) in [
        (i64::MIN, i64::MAX, 800.0),
        (0, 0, 0.0),
        (5, 4, f64::NAN),
        (-1, 1, f64::INFINITY),
    ] {
        let measure = |l: &str| text_width(l, 13.0, false);
        assert!(date_ticks(a, b, w, 10.0, &measure, &english).len() <= 1300);
    }
}

/// A random chart of `kind`: any number of categories and series, labels of any length
/// (long words, CJK, markup characters), values of any sign and magnitude the loader accepts.
fn random_chart(rng: &mut Rng, kind: &str, many: bool) -> Chart {
    let n = 1 + rng.below(if many { 60 } else { 8 }) as usize;
    let k = 1 + rng.below(4) as usize;
    let categories: Vec<String> = (0..n).map(|_| rng.label()).collect();
    let series: Vec<Series> = (0..k)
        .map(|_| {
            let values: Vec<f64> = (0..n)
                .map(|_| rng.value())
                .map(|v| {
                    if crate::model::numbers::check_drawable(v).is_ok() {
                        v
                    } else {
                        1.0
                    }
                })
                .collect();
            Series {
                name: rng.label(),
                derived: (0..n).map(|_| rng.below(4) == 0).collect(),
                qualifiers: (0..n)
                    .map(|_| {
                        crate::model::charts::Qualifier::ALL
                            .get(rng.below(8) as usize)
                            .copied()
                    })
                    .collect(),
                values,
            }
        })
        .collect();
    let mut c = chart(kind, &[], &[]);
    c.title = rng.label();
    c.unit = rng.label();
    c.categories = categories;
    c.series = series;
    c
}

#[test]
fn random_charts_give_well_formed_pictures() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for round in 0..300 {
        let kind = ChartKind::ALL[round % ChartKind::ALL.len()].name();
        let c = random_chart(&mut rng, kind, round % 10 == 0);
        let (n, k) = (c.categories.len(), c.series.len());
        let lang = ["en", "ru", "zh", "fr"][round % 4];
        let pictures = chart_pictures(&c, &rng.label(), lang);
        for p in [&pictures.wide, &pictures.narrow] {
            well_formed(&p.svg);
            text_inside(p);
            assert!(p.height > 0 && p.height < 40_000, "{}", p.height);
            // Ticks are bounded: the texts are the labels, values, ticks and a few more.
            assert!(
                texts(&p.svg).len() <= n * k + n + k + 30,
                "{} texts",
                texts(&p.svg).len()
            );
        }
    }
}

#[test]
fn random_timelines_give_well_formed_pictures() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..200 {
        let lanes: Vec<Lane> = (0..1 + rng.below(7))
            .map(|_| Lane {
                label: rng.label(),
                colour: "#0072B2",
                dates: (0..rng.below(30))
                    .map(|_| {
                        (
                            rng.below(10_000) as i32,
                            1 + rng.below(12) as u8,
                            1 + rng.below(28) as u8,
                        )
                    })
                    .collect(),
                offsets: Vec::new(),
            })
            .collect();
        let events: usize = lanes.iter().map(|l| l.dates.len()).sum();
        let pictures = timeline_pictures("T", &lanes, "en");
        for (p, extra) in [(&pictures.wide, 0), (&pictures.narrow, lanes.len())] {
            well_formed(&p.svg);
            text_inside(p);
            assert_eq!(circles(&p.svg), events + extra, "every event drawn");
        }
    }
}

/// Writes the fixture pictures to `target/screenshots/pictures/` to look at (see the report).
#[test]
fn write_fixture_pictures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots/pictures");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, c) in fixtures().iter().enumerate() {
        let p = chart_pictures(c, SOURCE, "en");
        std::fs::write(dir.join(format!("{i}-{}.svg", c.id)), &p.wide.svg).unwrap();
        std::fs::write(dir.join(format!("{i}-{}-narrow.svg", c.id)), &p.narrow.svg).unwrap();
    }
    // Random ones, to check with a real font in a browser.
    let mut rng = Rng(0x5eed);
    for i in 0..20 {
        let kind = ChartKind::ALL[i % ChartKind::ALL.len()].name();
        let c = random_chart(&mut rng, kind, i % 4 == 0);
        let p = chart_pictures(&c, &rng.label(), ["en", "ru", "zh", "fr"][i % 4]);
        std::fs::write(dir.join(format!("random-{i}.svg")), &p.wide.svg).unwrap();
        std::fs::write(dir.join(format!("random-{i}-narrow.svg")), &p.narrow.svg).unwrap();
    }
    let p = timeline_pictures("Timeline", &lanes_150_years(), "en");
    std::fs::write(dir.join("timeline-150.svg"), &p.wide.svg).unwrap();
    std::fs::write(dir.join("timeline-150-narrow.svg"), &p.narrow.svg).unwrap();
}
