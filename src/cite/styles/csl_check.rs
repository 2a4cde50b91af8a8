//! Checks a `.csl` file before it is handed to the CSL processor, which evaluates macros by
//! recursion and would overflow its stack or run for hours on a hostile style: the XML must be
//! well formed and nested at most [`MAX_DEPTH`] deep, no macro may call itself (directly or
//! through others), and the style fully expanded may not exceed [`MAX_EXPANDED`] elements.
//! Each problem is placed at its line of the `.csl` file.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The deepest element nesting read (real styles nest about a dozen deep).
pub const MAX_DEPTH: usize = 200;

/// The most elements the style's citation and bibliography may expand to once every macro
/// call is replaced by the macro (real styles: a few thousand).
pub const MAX_EXPANDED: u64 = 200_000;

/// A problem with a style, at a byte offset of its text.
#[derive(Debug, PartialEq, Eq)]
pub struct StyleProblem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

#[derive(Default)]
struct Macro {
    /// Where `<macro name="…">` is.
    offset: usize,
    /// Elements inside it, itself included.
    elements: u64,
    /// The macros it calls, with the offset of each call, in order.
    calls: Vec<(String, usize)>,
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Checks the style's XML; `Err` names the first problem found.
pub fn check(xml: &str) -> Result<(), StyleProblem> {
    let mut reader = Reader::from_str(xml);
    let mut macros: HashMap<String, Macro> = HashMap::new();
    // The layouts (citation, bibliography) as one pseudo-macro: what is evaluated.
    let mut roots = Macro::default();
    let mut depth = 0usize;
    // The macro being read, and the depth at which it opened.
    let mut current: Option<(String, usize)> = None;
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| StyleProblem {
            offset: reader.error_position() as usize,
            message: format!("this CSL style is not well-formed XML: {e}"),
            hint: "fix the XML at this line (every element closed, attributes quoted)".into(),
        })?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if current.as_ref().is_some_and(|(_, d)| *d == depth) {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(e) = start else { continue };
        if !empty {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(StyleProblem {
                    offset,
                    message: format!("this CSL style nests elements more than {MAX_DEPTH} deep"),
                    hint: "real styles nest about a dozen deep; check the file".into(),
                });
            }
        }
        let name = e.local_name();
        if name.as_ref() == b"macro" && current.is_none() {
            let Some(macro_name) = attribute(&e, b"name") else {
                continue;
            };
            if macros.contains_key(&macro_name) {
                return Err(StyleProblem {
                    offset,
                    message: format!("this CSL style defines the macro `{macro_name}` twice"),
                    hint: "give each macro its own name".into(),
                });
            }
            macros.insert(
                macro_name.clone(),
                Macro {
                    offset,
                    elements: 1,
                    calls: Vec::new(),
                },
            );
            if !empty {
                current = Some((macro_name, depth - 1));
            }
            continue;
        }
        let into = match &current {
            Some((m, _)) => macros.get_mut(m).unwrap_or(&mut roots),
            None => &mut roots,
        };
        into.elements += 1;
        if let Some(called) = attribute(&e, b"macro") {
            into.calls.push((called, offset));
        }
    }
    check_calls(&macros, &roots)
}

/// No macro calls itself, and the whole style expands to at most [`MAX_EXPANDED`] elements.
fn check_calls(macros: &HashMap<String, Macro>, roots: &Macro) -> Result<(), StyleProblem> {
    // Depth-first over the call graph with an explicit stack: 0 unseen, 1 on the path, 2 done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut size: HashMap<&str, u64> = HashMap::new();
    let mut names: Vec<&str> = macros.keys().map(String::as_str).collect();
    names.sort_by_key(|n| macros[*n].offset);
    for start in names {
        if state.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        // (macro, index of the next call to follow)
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((name, next)) = path.last().copied() {
            let m = &macros[name];
            if let Some((callee, at)) = m.calls.get(next) {
                path.last_mut().unwrap_or_else(|| unreachable!()).1 += 1;
                let Some((callee, _)) = macros.get_key_value(callee.as_str()) else {
                    return Err(StyleProblem {
                        offset: *at,
                        message: format!(
                            "the macro `{name}` calls `{callee}`, which this style does not define"
                        ),
                        hint: "define the macro, or correct its name".into(),
                    });
                };
                let callee = callee.as_str();
                match state.get(callee).copied().unwrap_or(0) {
                    0 => {
                        state.insert(callee, 1);
                        path.push((callee, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == callee).unwrap_or(0);
                        let mut chain: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        chain.push(callee);
                        return Err(StyleProblem {
                            offset: *at,
                            message: format!(
                                "the macros of this CSL style call each other in a circle: {}",
                                chain
                                    .iter()
                                    .map(|n| format!("`{n}`"))
                                    .collect::<Vec<_>>()
                                    .join(" → ")
                            ),
                            hint: "a macro may not call itself, directly or through others; \
                                   remove one of these calls"
                                .into(),
                        });
                    }
                    _ => {}
                }
            } else {
                let total = m.calls.iter().fold(m.elements, |acc, (c, _)| {
                    acc.saturating_add(size.get(c.as_str()).copied().unwrap_or(0))
                });
                if total > MAX_EXPANDED {
                    return Err(too_large(name, m.offset));
                }
                size.insert(name, total);
                state.insert(name, 2);
                path.pop();
            }
        }
    }
    let mut total = roots.elements;
    for (callee, at) in &roots.calls {
        let Some(s) = size.get(callee.as_str()) else {
            return Err(StyleProblem {
                offset: *at,
                message: format!(
                    "this CSL style calls the macro `{callee}`, which it does not define"
                ),
                hint: "define the macro, or correct its name".into(),
            });
        };
        total = total.saturating_add(*s);
        if total > MAX_EXPANDED {
            return Err(too_large(callee, *at));
        }
    }
    Ok(())
}

fn too_large(name: &str, offset: usize) -> StyleProblem {
    StyleProblem {
        offset,
        message: format!(
            "this CSL style expands to more than {MAX_EXPANDED} elements at the macro `{name}` \
             (its macros call others many times over)"
        ),
        hint: "real styles expand to a few thousand; check the macros this one calls".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(macros: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<style xmlns=\"http://purl.org/net/xbiblio/csl\" \
             version=\"1.0\">\n{macros}\n<citation><layout><text macro=\"a\"/></layout>\
             </citation>\n</style>\n"
        )
    }

    #[test]
    fn a_macro_calling_itself_is_named_with_its_chain() {
        let e = check(&style(r#"<macro name="a"><text macro="a"/></macro>"#)).unwrap_err();
        assert!(e.message.contains("`a` → `a`"), "{}", e.message);
        let xml = style(
            "<macro name=\"a\"><text macro=\"b\"/></macro>\n<macro name=\"b\"><group>\
             <text macro=\"a\"/></group></macro>",
        );
        let e = check(&xml).unwrap_err();
        assert!(e.message.contains("`a` → `b` → `a`"), "{}", e.message);
        assert_eq!(xml[..e.offset].lines().count(), 4, "at the call in line 4");
    }

    #[test]
    fn doubling_macros_are_refused_by_their_expanded_size() {
        let mut macros = String::from("<macro name=\"m0\"><text value=\"x\"/></macro>\n");
        for i in 1..40 {
            let p = i - 1;
            macros.push_str(&format!(
                "<macro name=\"m{i}\"><text macro=\"m{p}\"/><text macro=\"m{p}\"/></macro>\n"
            ));
        }
        macros.push_str("<macro name=\"a\"><text macro=\"m39\"/></macro>");
        let e = check(&style(&macros)).unwrap_err();
        assert!(e.message.contains("expands to more than"), "{}", e.message);
        // Twelve doublings are fine.
        let mut fine = String::from("<macro name=\"m0\"><text value=\"x\"/></macro>\n");
        for i in 1..12 {
            let p = i - 1;
            fine.push_str(&format!(
                "<macro name=\"m{i}\"><text macro=\"m{p}\"/><text macro=\"m{p}\"/></macro>\n"
            ));
        }
        fine.push_str("<macro name=\"a\"><text macro=\"m11\"/></macro>");
        assert_eq!(check(&style(&fine)), Ok(()));
    }

    #[test]
    fn deep_nesting_and_broken_xml_are_located() {
        let deep = format!(
            "{}{}",
            "<group>".repeat(MAX_DEPTH + 5),
            "</group>".repeat(MAX_DEPTH + 5)
        );
        let e = check(&style(&format!("<macro name=\"a\">{deep}</macro>"))).unwrap_err();
        assert!(e.message.contains("nests elements"), "{}", e.message);
        let e = check("<style>\n<macro name=\"a\">\n</style>").unwrap_err();
        assert!(e.message.contains("not well-formed"), "{}", e.message);
    }
}
