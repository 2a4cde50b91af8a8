//! Numbers as the article's language writes them ("4,801,237" in English, "4 801 237,5" in
//! Russian), and value axes with round ticks for any magnitude. Shared by the chart pictures,
//! data tables and (through the plotly layer) hover labels; CSV and JSON downloads keep raw
//! numbers ([`raw`]).

/// The largest magnitude a chart draws; beyond it, axis arithmetic would overflow.
pub(crate) const MAX_MAGNITUDE: f64 = 1e300;
/// The smallest non-zero magnitude a chart draws.
pub(crate) const MIN_MAGNITUDE: f64 = 1e-300;

/// How a language writes numbers and short month names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// Between groups of three digits.
    pub group: &'static str,
    /// Before the decimals.
    pub decimal: &'static str,
    /// Between a number and a percent sign ("" in English, a no-break space in Russian).
    pub percent_gap: &'static str,
    /// Short month names, January first; `None` writes months as numbers (`2022-02`).
    pub months: Option<&'static [&'static str; 12]>,
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const RU_MONTHS: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];
const DE_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];
const FR_MONTHS: [&str; 12] = [
    "janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc",
];
const ES_MONTHS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];

const NBSP: &str = "\u{a0}";
const NNBSP: &str = "\u{202f}";

impl Locale {
    pub const ENGLISH: Locale = Locale {
        group: ",",
        decimal: ".",
        percent_gap: "",
        months: Some(&EN_MONTHS),
    };

    /// The conventions of a BCP 47 language tag (`en`, `ru`, `de-AT`…); English where unknown,
    /// with numeric months unless the language's month names are known.
    pub fn for_lang(tag: &str) -> Locale {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let comma = |group, percent_gap, months| Locale {
            group,
            decimal: ",",
            percent_gap,
            months,
        };
        match lang.as_str() {
            "en" => Locale::ENGLISH,
            "ru" => comma(NBSP, NBSP, Some(&RU_MONTHS)),
            "uk" | "be" | "bg" | "kk" | "pl" | "cs" | "sk" | "sv" | "fi" | "nb" | "no" | "lt"
            | "lv" | "et" | "hu" => comma(NBSP, NBSP, None),
            "fr" => comma(NNBSP, NNBSP, Some(&FR_MONTHS)),
            "de" => comma(".", NBSP, Some(&DE_MONTHS)),
            "es" => comma(".", NBSP, Some(&ES_MONTHS)),
            "it" | "pt" | "nl" | "da" | "tr" | "id" | "ro" | "el" | "sr" | "hr" | "sl" => {
                comma(".", "", None)
            }
            _ => Locale {
                months: None,
                ..Locale::ENGLISH
            },
        }
    }
}

/// Whether a chart can draw `v`; the error says why not and what to write instead.
pub(crate) fn check_drawable(v: f64) -> Result<(), String> {
    if !v.is_finite() {
        Err(format!("`{v}` is not a finite number"))
    } else if v.abs() > MAX_MAGNITUDE {
        Err(format!(
            "{v:e} is too large to draw (the limit is 1e300 in magnitude)"
        ))
    } else if v != 0.0 && v.abs() < MIN_MAGNITUDE {
        Err(format!(
            "{v:e} is too small to draw (the limit is 1e-300 in magnitude, or 0)"
        ))
    } else {
        Ok(())
    }
}

/// The number as plain data: shortest exact form, `.` decimals, no grouping (CSV, JSON).
pub(crate) fn raw(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else {
        v.to_string()
    }
}

/// A value as a reader sees it in the article's language: grouped thousands, up to three
/// decimals (more for small values, so at least three significant digits show), scientific
/// notation ("1.7 × 10³⁰⁸") beyond what digits can show readably.
pub(crate) fn format(v: f64, locale: &Locale) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v == 0.0 {
        return "0".into();
    }
    let magnitude = v.abs();
    if !(1e-4..1e15).contains(&magnitude) {
        return scientific(v, 2, locale);
    }
    let decimals = (2 - magnitude.log10().floor() as i32).clamp(3, 6) as usize;
    fixed(v, decimals, true, locale)
}

/// A written value with its unit: "43.4%" / "43,4 %", "≈16%", "62.263 billion US$".
pub(crate) fn with_unit(number: &str, unit: &str, locale: &Locale) -> String {
    match unit.trim() {
        "" => number.to_string(),
        "%" => format!("{number}{}%", locale.percent_gap),
        unit => format!("{number}{NBSP}{unit}"),
    }
}

/// A tick value: as many decimals as the step needs, so neighbouring ticks differ.
pub(crate) fn format_tick(v: f64, step: f64, locale: &Locale) -> String {
    if v == 0.0 || !v.is_finite() {
        return format(v, locale);
    }
    let step = step.abs();
    if !(1e-4..1e15).contains(&step) || v.abs() >= 1e15 {
        let digits = (v.abs().log10().floor() - step.log10().floor()).clamp(0.0, 6.0) as usize;
        return scientific(v, digits, locale);
    }
    let decimals = (0..=12)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() <= scaled * 1e-9
        })
        .unwrap_or(12) as usize;
    fixed(v, decimals, false, locale)
}

/// `v` with `decimals` decimals (trailing zeros dropped when `trim`), grouped thousands.
fn fixed(v: f64, decimals: usize, trim: bool, locale: &Locale) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = if trim {
        frac.trim_end_matches('0')
    } else {
        frac
    };
    let mut out = String::new();
    if v < 0.0 && (int.bytes().any(|b| b != b'0') || frac.bytes().any(|b| b != b'0')) {
        out.push('\u{2212}');
    }
    out.push_str(&group(int, locale.group));
    if !frac.is_empty() {
        out.push_str(locale.decimal);
        out.push_str(frac);
    }
    out
}

/// Digits in groups of three from the right.
fn group(int: &str, sep: &str) -> String {
    let n = int.len();
    let mut out = String::with_capacity(n + n / 3 * sep.len());
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// "1.7 × 10³⁰⁸", with at most `digits` decimals in the mantissa (trailing zeros dropped).
fn scientific(v: f64, digits: usize, locale: &Locale) -> String {
    let text = format!("{:.*e}", digits, v.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    let sign = if v < 0.0 { "\u{2212}" } else { "" };
    format!(
        "{sign}{} × 10{}",
        mantissa.replace('.', locale.decimal),
        superscript(exponent)
    )
}

fn superscript(digits: &str) -> String {
    digits
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            other => other,
        })
        .collect()
}

/// A value axis: its ends, the step between ticks, and the ticks (from `min` to `max`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueAxis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
}

/// Round ticks from zero (or below it) to at least `hi`, at most about `max_ticks` of them.
/// Zero is always on the axis, so bars start from it. Any finite input gives a finite axis;
/// values beyond [`MAX_MAGNITUDE`] are clamped (the loader refuses them, see [`check_drawable`]).
pub(crate) fn value_axis(lo: f64, hi: f64, max_ticks: usize) -> ValueAxis {
    let clamp = |v: f64| {
        if v.is_nan() {
            0.0
        } else {
            v.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE)
        }
    };
    let (lo, hi) = (clamp(lo.min(hi)).min(0.0), clamp(hi.max(lo)).max(0.0));
    let span = hi - lo;
    if span < MIN_MAGNITUDE {
        return ValueAxis {
            min: 0.0,
            max: 1.0,
            step: 0.5,
            ticks: vec![0.0, 0.5, 1.0],
        };
    }
    let intervals = max_ticks.clamp(2, 12) - 1;
    let raw_step = span / intervals as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(raw_step);
    // Both are at most `intervals + 2` steps from zero, so the loop below is short.
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    // Values on both sides of zero: the axis stops a little below the lowest value rather than at
    // the next round number, which could take half the plot for a small negative value.
    let min = if last >= 1 {
        (first as f64 * step).max(lo - span * 0.04)
    } else {
        first as f64 * step
    };
    let ticks: Vec<f64> = (first..=last)
        .map(|i| i as f64 * step)
        .filter(|&t| t >= min)
        .collect();
    ValueAxis {
        min,
        max: last as f64 * step,
        step,
        ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Locale = Locale::ENGLISH;

    #[test]
    fn english_groups_thousands() {
        assert_eq!(format(4_801_237.0, &EN), "4,801,237");
        assert_eq!(format(102_000.0, &EN), "102,000");
        assert_eq!(format(62.263, &EN), "62.263");
        assert_eq!(format(-1234.5, &EN), "\u{2212}1,234.5");
        assert_eq!(format(999.0, &EN), "999");
        assert_eq!(format(-0.0001, &EN), "\u{2212}0.0001");
    }

    #[test]
    fn other_languages_use_their_separators() {
        let ru = Locale::for_lang("ru");
        assert_eq!(format(4_801_237.5, &ru), "4\u{a0}801\u{a0}237,5");
        assert_eq!(with_unit(&format(43.4, &ru), "%", &ru), "43,4\u{a0}%");
        let de = Locale::for_lang("de-AT");
        assert_eq!(format(1_234_567.25, &de), "1.234.567,25");
        let fr = Locale::for_lang("fr");
        assert_eq!(format(1234.5, &fr), "1\u{202f}234,5");
        assert_eq!(with_unit(&format(43.4, &EN), "%", &EN), "43.4%");
        assert_eq!(
            with_unit(&format(62.263, &EN), "billion US$", &EN),
            "62.263\u{a0}billion US$"
        );
        assert_eq!(Locale::for_lang("zh").group, ",");
        assert!(Locale::for_lang("zh").months.is_none());
    }

    #[test]
    fn small_values_keep_three_significant_digits() {
        assert_eq!(format(0.00042, &EN), "0.00042");
        assert_eq!(format(0.123456, &EN), "0.123");
        assert_eq!(format(0.0123456, &EN), "0.0123");
    }

    #[test]
    fn extreme_values_are_scientific() {
        assert_eq!(format(1.7e308, &EN), "1.7 × 10³⁰⁸");
        assert_eq!(format(1e-20, &EN), "1 × 10⁻²⁰");
        assert_eq!(
            format(-2.5e18, &Locale::for_lang("ru")),
            "\u{2212}2,5 × 10¹⁸"
        );
    }

    #[test]
    fn raw_numbers_round_trip() {
        for v in [1e-20, 1.7e308, 62.263, -4801237.0, 0.1 + 0.2] {
            assert_eq!(raw(v).parse::<f64>().unwrap(), v);
            assert!(!raw(v).contains(','));
        }
        assert_eq!(raw(-0.0), "0");
    }

    #[test]
    fn ticks_show_the_step_precision() {
        assert_eq!(format_tick(2.5, 2.5, &EN), "2.5");
        assert_eq!(format_tick(5.0, 2.5, &EN), "5.0");
        assert_eq!(format_tick(1_000_000.0, 500_000.0, &EN), "1,000,000");
        assert_eq!(format_tick(2e-20, 1e-20, &EN), "2 × 10⁻²⁰");
        assert_eq!(format_tick(1.5e300, 5e299, &EN), "1.5 × 10³⁰⁰");
    }

    #[test]
    fn axes_are_round_and_include_zero() {
        let a = value_axis(0.0, 62.263, 5);
        assert_eq!((a.min, a.max, a.step), (0.0, 80.0, 20.0));
        let a = value_axis(-30.0, 102_000.0, 6);
        assert!(a.min <= -30.0);
        // A small negative value does not take a whole step below zero.
        assert!(a.min > -5_000.0, "{a:?}");
        assert_eq!(a.ticks[0], 0.0);
        assert!(a.max >= 102_000.0);
        assert!(a.ticks.contains(&0.0));
        let a = value_axis(5.0, 5.0, 5);
        assert_eq!(a.min, 0.0);
        assert!(a.max >= 5.0);
        let a = value_axis(0.0, 0.0, 5);
        assert_eq!((a.min, a.max), (0.0, 1.0));
        let a = value_axis(-7.0, -3.0, 5);
        assert_eq!(a.max, 0.0);
        assert!(a.min <= -7.0);
    }

    #[test]
    fn loader_refuses_what_cannot_be_drawn() {
        assert!(check_drawable(1.7e308).unwrap_err().contains("too large"));
        assert!(check_drawable(1e-320).unwrap_err().contains("too small"));
        assert!(check_drawable(f64::NAN).is_err());
        for v in [0.0, 1e-20, -1e300, 4_801_237.0] {
            assert!(check_drawable(v).is_ok());
        }
    }

    #[test]
    fn the_chart_loader_reports_values_it_cannot_draw() {
        let file = crate::load::TextFile {
            path: "charts.toml".into(),
            text: "[[chart]]\nid = \"big\"\ntitle = \"T\"\ncaption = \"C\"\nkind = \"bar\"\nunit = \"u\"\ncategories = [\"a\", \"b\", \"c\"]\n\n[[chart.series]]\nname = \"S\"\nvalues = [1.7e308, nan, -5]\n".into(),
        };
        let mut problems = crate::diag::Problems::default();
        let charts = crate::parse::charts::load_charts(&file, &mut problems).unwrap();
        assert!(charts.charts.is_empty(), "the chart is refused");
        let messages: Vec<String> = problems
            .errors()
            .map(|p| format!("{}:{} {}", p.line, p.message, p.hint))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with("11:")
                && messages[0].contains("value 1: 1.7e308 is too large to draw"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("value 2: `NaN` is not a finite number"),
            "{messages:?}"
        );
        assert!(messages[0].contains("larger or smaller unit"));
    }
}
