//! Dates of reduced precision: `2023`, `2023-H1`, `2023-Q3`, `2023-06`, `2023-06-07`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Half(u8),
    Quarter(u8),
    Month,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub precision: Precision,
}

/// English month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl PartialDate {
    /// Parses the forms above; the error says what is wrong.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let number = |s: &str, what: &str| -> Result<u32, String> {
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("`{t}`: the {what} `{s}` is not a number"));
            }
            s.parse::<u32>()
                .map_err(|_| format!("`{t}`: the {what} is too large"))
        };
        let year_text = parts[0];
        if year_text.len() != 4 {
            return Err(format!(
                "`{t}` is not a date: write YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD"
            ));
        }
        let year = number(year_text, "year")? as i32;
        let mut date = PartialDate {
            year,
            month: None,
            day: None,
            precision: Precision::Year,
        };
        match parts.len() {
            1 => {}
            2 | 3 => {
                let second = parts[1];
                if parts.len() == 2 && (second.starts_with('H') || second.starts_with('Q')) {
                    // Compared as read, never cast first: `H257` must not become `H1`.
                    let n = number(&second[1..], "period")?;
                    date.precision = match (second.as_bytes()[0], n) {
                        (b'H', 1..=2) => Precision::Half(n as u8),
                        (b'Q', 1..=4) => Precision::Quarter(n as u8),
                        _ => return Err(format!("`{t}`: halves are H1–H2 and quarters Q1–Q4")),
                    };
                    date.month = Some(match date.precision {
                        Precision::Half(h) => (h - 1) * 6 + 1,
                        Precision::Quarter(q) => (q - 1) * 3 + 1,
                        _ => 1,
                    });
                    return Ok(date);
                }
                if second.len() != 2 {
                    return Err(format!("`{t}`: write the month with two digits (e.g. 03)"));
                }
                let month = number(second, "month")?;
                if !(1..=12).contains(&month) {
                    return Err(format!("`{t}`: there is no month {month}"));
                }
                date.month = Some(month as u8);
                date.precision = Precision::Month;
                if parts.len() == 3 {
                    if parts[2].len() != 2 {
                        return Err(format!("`{t}`: write the day with two digits (e.g. 07)"));
                    }
                    let day = number(parts[2], "day")?;
                    if day < 1 || day > u32::from(days_in_month(year, month as u8)) {
                        return Err(format!(
                            "`{t}`: {} {year} has no day {day}",
                            MONTHS[month as usize - 1]
                        ));
                    }
                    date.day = Some(day as u8);
                    date.precision = Precision::Day;
                }
            }
            _ => {
                return Err(format!(
                    "`{t}` is not a date: write YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD"
                ))
            }
        }
        Ok(date)
    }

    /// A value for `<time datetime>`: as precise as HTML allows (halves and quarters as the year).
    pub fn iso(&self) -> String {
        match (self.precision, self.month, self.day) {
            (Precision::Day, Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Precision::Month, Some(m), _) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Sort key: the first day the date covers.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Sort key of the last day the date covers.
    pub fn end_key(&self) -> (i32, u8, u8) {
        let last_month = match self.precision {
            Precision::Year => 12,
            Precision::Half(h) => h * 6,
            Precision::Quarter(q) => q * 3,
            _ => self.month.unwrap_or(12),
        };
        let day = self
            .day
            .unwrap_or_else(|| days_in_month(self.year, last_month));
        (self.year, last_month, day)
    }

    /// The middle of the period (the day itself for a day), for placing the date on an axis.
    pub fn midpoint(&self) -> (i32, u8, u8) {
        let (y, m, d) = self.sort_key();
        if self.precision == Precision::Day {
            return (y, m, d);
        }
        let (_, em, ed) = self.end_key();
        // Roughly the middle: good enough for a marker's position.
        let start = u32::from(m) * 31 + u32::from(d);
        let end = u32::from(em) * 31 + u32::from(ed);
        let mid = (start + end) / 2;
        let (mm, dd) = ((mid / 31).clamp(1, 12) as u8, (mid % 31).max(1) as u8);
        (y, mm, dd.min(days_in_month(y, mm)))
    }

    /// [`PartialDate::midpoint`] as `YYYY-MM-DD`, for a chart's date axis.
    pub fn axis_date(&self) -> String {
        let (y, m, d) = self.midpoint();
        format!("{y:04}-{m:02}-{d:02}")
    }

    pub fn precision_name(&self) -> &'static str {
        match self.precision {
            Precision::Year => "year",
            Precision::Half(_) => "half-year",
            Precision::Quarter(_) => "quarter",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

impl fmt::Display for PartialDate {
    /// "4 February 2022", "February 2022", "first half of 2023", "Q3 2023", "2012".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1];
        match (self.precision, self.month, self.day) {
            (Precision::Day, Some(m), Some(d)) => write!(f, "{d} {} {}", month(m), self.year),
            (Precision::Month, Some(m), _) => write!(f, "{} {}", month(m), self.year),
            (Precision::Half(1), _, _) => write!(f, "first half of {}", self.year),
            (Precision::Half(_), _, _) => write!(f, "second half of {}", self.year),
            (Precision::Quarter(q), _, _) => write!(f, "Q{q} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        assert_eq!(
            PartialDate::parse("2022-02-04").unwrap().to_string(),
            "4 February 2022"
        );
        assert_eq!(PartialDate::parse("2023-03").unwrap().iso(), "2023-03");
        assert_eq!(
            PartialDate::parse("2023-H1").unwrap().to_string(),
            "first half of 2023"
        );
        assert_eq!(PartialDate::parse("2023-Q4").unwrap().iso(), "2023");
        assert_eq!(PartialDate::parse("2012").unwrap().precision_name(), "year");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2023-02-30").is_err());
        assert!(PartialDate::parse("2023-13").is_err());
        assert!(PartialDate::parse("20223").is_err());
        assert!(PartialDate::parse("2023-H3").is_err());
        assert!(PartialDate::parse("2023-H257").is_err());
        assert!(PartialDate::parse("2023-Q260").is_err());
        assert!(PartialDate::parse("2023-H99999999999").is_err());
        assert!(PartialDate::parse("2023-1-2").is_err());
    }
}
