//! Time axes for any span: ticks that step by days, months, years, decades or centuries as the
//! span and the room demand, labelled in the article's language; and a broken axis that gives a
//! few far-off events their own short segment instead of squeezing the rest into a sliver.
//! Days are counted from 1 January 1970 (proleptic Gregorian calendar), so they subtract.

use crate::model::numbers::Locale;

/// Day number of a date (any year; out-of-range months and days are clamped).
pub(crate) fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month.clamp(1, 12)), i64::from(day.clamp(1, 31)));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month, day).
pub(crate) fn civil_date(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Day numbers further than this from 1970 (about 2.7 million years) are clamped.
const DAY_LIMIT: i64 = 1_000_000_000;

/// The distance between ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Every n-th day of the month, counted from the 1st.
    Days(u8),
    Months(u8),
    Years(i64),
}

/// One tick: where it is, and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateTick {
    pub day: i64,
    pub label: String,
}

const SMALL_STEPS: [Step; 9] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(5),
    Step::Days(10),
    Step::Days(15),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
];

/// Year steps: 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, … as far as needed.
fn year_steps() -> impl Iterator<Item = i64> {
    (0..16).flat_map(|p| {
        let m = 10i64.pow(p);
        [m, 2 * m, 5 * m]
    })
}

fn ticks_for(step: Step, from: i64, to: i64) -> Vec<i64> {
    let (y0, m0, _) = civil_date(from);
    let (y1, _, _) = civil_date(to);
    let mut out = Vec::new();
    match step {
        Step::Years(k) => {
            let first = y0.div_euclid(k) * k;
            let mut y = first;
            while y <= y1 + k {
                let d = day_number(
                    y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
                    1,
                    1,
                );
                if (from..=to).contains(&d) {
                    out.push(d);
                }
                y += k;
            }
        }
        Step::Months(k) => {
            let k = i64::from(k);
            let mut index = y0 * 12 + (i64::from(m0) - 1) / k * k;
            let end = y1 * 12 + 12;
            while index <= end {
                let d = day_number(
                    index.div_euclid(12) as i32,
                    (index.rem_euclid(12) + 1) as u8,
                    1,
                );
                if (from..=to).contains(&d) {
                    out.push(d);
                }
                index += k;
            }
        }
        Step::Days(k) => {
            let mut d = from;
            while d <= to {
                let (_, _, day) = civil_date(d);
                if (day - 1) % k == 0 && (k == 1 || day <= 31 - k + 1 || day == 1) {
                    out.push(d);
                }
                d += 1;
            }
        }
    }
    out
}

/// About how many ticks `step` gives over the span (never fewer), without listing them, so a
/// vast span with a small step costs nothing.
fn count(step: Step, from: i64, to: i64) -> i64 {
    let days = to - from + 1;
    match step {
        Step::Days(k) => days / i64::from(k) + 2,
        Step::Months(k) => days / (28 * i64::from(k)) + 2,
        Step::Years(k) => days / (365 * k) + 2,
    }
}

/// Ticks from `from` to `to` (day numbers) for an axis `width` pixels wide, whose labels are
/// `measure`d in pixels: the finest step whose labels sit side by side with a gap of `gap`
/// pixels, none past either end. Terminates for any input.
pub(crate) fn date_ticks(
    from: i64,
    to: i64,
    width: f64,
    gap: f64,
    measure: &dyn Fn(&str) -> f64,
    locale: &Locale,
) -> Vec<DateTick> {
    let from = from.clamp(-DAY_LIMIT, DAY_LIMIT);
    let to = to.clamp(from, DAY_LIMIT);
    let width = if width.is_finite() {
        width.clamp(0.0, 1e5)
    } else {
        0.0
    };
    let gap = if gap.is_finite() { gap.max(1.0) } else { 1.0 };
    // No label is narrower than a year's four digits: a bound on how many can fit.
    let most = (width / (measure("0000").max(1.0) + gap)).floor() as i64 + 1;
    let fits = |ticks: &[DateTick]| {
        let mut right = f64::MIN;
        ticks.iter().all(|t| {
            let w = measure(&t.label);
            let x = position(t.day, from, to, width).clamp(w / 2.0, (width - w / 2.0).max(w / 2.0));
            let ok = w <= width && x - w / 2.0 >= right + gap;
            right = x + w / 2.0;
            ok
        })
    };
    SMALL_STEPS
        .into_iter()
        .chain(year_steps().map(Step::Years))
        .filter(|&step| count(step, from, to) <= most + 2)
        .map(|step| labelled(step, from, to, locale))
        .find(|ticks| fits(ticks))
        .unwrap_or_default()
}

/// Where `day` falls on an axis `width` wide from `from` to `to`.
pub(crate) fn position(day: i64, from: i64, to: i64, width: f64) -> f64 {
    let span = (to - from).max(1) as f64;
    width * (day - from) as f64 / span
}

fn labelled(step: Step, from: i64, to: i64, locale: &Locale) -> Vec<DateTick> {
    let mut previous_year = None;
    ticks_for(step, from, to)
        .into_iter()
        .map(|day| {
            let (y, m, d) = civil_date(day);
            let new_year = previous_year != Some(y);
            previous_year = Some(y);
            DateTick {
                day,
                label: label(step, (y, m, d), new_year, locale),
            }
        })
        .collect()
}

fn label(step: Step, (y, m, d): (i64, u8, u8), new_year: bool, locale: &Locale) -> String {
    let month = |m: u8| locale.months.map(|names| names[usize::from(m - 1)]);
    match (step, month(m)) {
        (Step::Years(_), _) => y.to_string(),
        (Step::Months(_), Some(name)) if new_year => format!("{name} {y}"),
        (Step::Months(_), Some(name)) => name.to_string(),
        (Step::Months(_), None) => format!("{y:04}-{m:02}"),
        (Step::Days(_), Some(name)) if new_year => format!("{d} {name} {y}"),
        (Step::Days(_), Some(name)) => format!("{d} {name}"),
        (Step::Days(_), None) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// A stretch of the time axis drawn continuously: the first and last day it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub from: i64,
    pub to: i64,
}

/// Stretches of the axis that hold every day in `days`: one, or (when a few days lie far from
/// the rest) up to three, split at the gaps wider than 40 % of the whole span. Each segment is
/// padded a little, and a lone day gets room around it.
pub(crate) fn segments(days: &[i64]) -> Vec<Segment> {
    let mut sorted: Vec<i64> = days
        .iter()
        .map(|&d| d.clamp(-DAY_LIMIT, DAY_LIMIT))
        .collect();
    sorted.sort_unstable();
    let (Some(&first), Some(&last)) = (sorted.first(), sorted.last()) else {
        return vec![Segment { from: 0, to: 365 }];
    };
    let span = last - first;
    let mut gaps: Vec<(i64, usize)> = sorted
        .windows(2)
        .enumerate()
        .map(|(i, w)| (w[1] - w[0], i + 1))
        .filter(|&(gap, _)| span > 0 && gap * 10 > span * 4)
        .collect();
    gaps.sort_unstable_by(|a, b| b.cmp(a));
    let mut cuts: Vec<usize> = gaps.into_iter().take(2).map(|(_, at)| at).collect();
    cuts.sort_unstable();
    let mut bounds = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([sorted.len()]) {
        bounds.push((sorted[start], sorted[cut - 1]));
        start = cut;
    }
    let widest = bounds.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    bounds
        .into_iter()
        .map(|(a, b)| {
            let pad = ((b - a) / 25).max(widest / 20).max(15);
            Segment {
                from: a - pad,
                to: b + pad,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Locale = Locale::ENGLISH;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2022, 2, 4) - day_number(2022, 1, 1), 34);
        for d in [-800_000, -1, 0, 59, 60, 365 * 30, 2_932_896] {
            let (y, m, dd) = civil_date(d);
            assert_eq!(day_number(y as i32, m, dd), d);
        }
        assert_eq!(civil_date(day_number(0, 2, 29)), (0, 2, 29));
    }

    /// About the width of 13 px text.
    fn measure(label: &str) -> f64 {
        label.chars().count() as f64 * 7.5
    }

    fn labels(from: (i32, u8, u8), to: (i32, u8, u8), width: f64) -> Vec<String> {
        date_ticks(
            day_number(from.0, from.1, from.2),
            day_number(to.0, to.1, to.2),
            width,
            8.0,
            &measure,
            &EN,
        )
        .into_iter()
        .map(|t| t.label)
        .collect()
    }

    #[test]
    fn a_century_and_a_half_gets_decades_not_161_labels() {
        let l = labels((1860, 1, 1), (2015, 12, 31), 600.0);
        assert!(l.len() <= 12, "{l:?}");
        assert!(l.len() >= 4, "{l:?}");
        assert!(
            l.iter().all(|s| s.parse::<i32>().unwrap() % 10 == 0),
            "{l:?}"
        );
    }

    #[test]
    fn steps_adapt_from_days_to_millennia() {
        assert_eq!(
            labels((2022, 2, 1), (2022, 2, 5), 600.0),
            ["1 Feb 2022", "2 Feb", "3 Feb", "4 Feb", "5 Feb"]
        );
        let months = labels((2022, 1, 15), (2023, 6, 1), 600.0);
        assert!(months.contains(&"Jan 2023".to_string()), "{months:?}");
        assert!(
            months.iter().any(|m| m == "Apr" || m == "Jul"),
            "{months:?}"
        );
        let years = labels((2012, 1, 1), (2023, 12, 31), 600.0);
        assert!(years.contains(&"2020".to_string()), "{years:?}");
        let wide = labels((0, 1, 1), (9999, 12, 31), 600.0);
        assert!(wide.len() <= 12 && wide.len() >= 3, "{wide:?}");
        assert_eq!(wide[0], "0");
        let ru = Locale::for_lang("ru");
        let t = date_ticks(
            day_number(2022, 12, 1),
            day_number(2023, 3, 1),
            600.0,
            8.0,
            &measure,
            &ru,
        );
        assert!(t.iter().any(|t| t.label == "янв 2023"), "{t:?}");
    }

    #[test]
    fn one_far_event_gets_its_own_segment() {
        let mut days = vec![day_number(2012, 6, 5)];
        for m in 1..=12 {
            days.push(day_number(2022, m, 10));
            days.push(day_number(2023, m, 3));
        }
        let s = segments(&days);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].from <= days[0] && s[0].to >= days[0]);
        assert!(s[1].from <= day_number(2022, 1, 10) && s[1].to >= day_number(2023, 12, 3));
        assert!(s[0].to < day_number(2013, 1, 1));
        // Events spread over 150 years need no break.
        let even: Vec<i64> = (1860..2015)
            .step_by(5)
            .map(|y| day_number(y, 3, 1))
            .collect();
        assert_eq!(segments(&even).len(), 1);
        assert_eq!(segments(&[5]).len(), 1);
        assert!(segments(&[5])[0].from < 5 && segments(&[5])[0].to > 5);
    }
}
