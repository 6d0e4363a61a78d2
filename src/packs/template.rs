//! Template packs: the sections a postmortem must have, each with the
//! headings that satisfy it.
//!
//! A heading satisfies a section when one of the section's names appears in
//! it as whole words, after normalising both sides (case, numbering,
//! parentheticals, `&`, emoji, plurals). When names of two sections overlap in
//! one heading, the longer name wins: "Remediation items" is an action-items
//! heading, not a resolution one.

use serde::Deserialize;
use toml::Spanned;

use crate::error::SpannedError;

/// The most sections a template may declare (they are tracked in a `u64`).
pub const MAX_SECTIONS: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TemplateFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(rename = "section")]
    sections: Spanned<Vec<SectionFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SectionFile {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    action_items: Option<Spanned<bool>>,
}

/// One section of a template.
#[derive(Clone, Debug)]
pub struct SectionSpec {
    pub id: String,
    /// The canonical name, shown in messages.
    pub name: String,
    /// Every name that satisfies the section, canonical name first.
    pub names: Vec<String>,
    pub required: bool,
    pub action_items: bool,
}

/// A compiled template pack.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub sections: Vec<SectionSpec>,
    /// Normalised words of every name, with the index of its section.
    names: Vec<(Vec<String>, usize)>,
}

impl Template {
    /// Parses and validates a template pack.
    pub fn parse(file: &str, text: &str) -> Result<Template, Vec<SpannedError>> {
        let raw: TemplateFile =
            toml::from_str(text).map_err(|e| vec![SpannedError::from_toml(file, text, &e)])?;
        let mut errors = Vec::new();
        let err = |span: std::ops::Range<usize>, msg: String| SpannedError::new(file, text, span, msg);

        if raw.sections.get_ref().is_empty() {
            errors.push(err(
                raw.sections.span(),
                "a template needs at least one [[section]]".into(),
            ));
        }
        if raw.sections.get_ref().len() > MAX_SECTIONS {
            errors.push(err(
                raw.sections.span(),
                format!("a template may declare at most {MAX_SECTIONS} sections"),
            ));
        }
        if raw.name.get_ref().trim().is_empty() {
            errors.push(err(raw.name.span(), "the template name is empty".into()));
        }

        let mut sections = Vec::new();
        let mut names = Vec::new();
        let mut action_sections = 0;
        for (index, s) in raw.sections.into_inner().into_iter().enumerate() {
            let id = s.id.get_ref();
            if !is_kebab_case(id) {
                errors.push(err(
                    s.id.span(),
                    format!("section id `{id}` must be kebab-case (lowercase words joined by `-`)"),
                ));
            }
            if sections.iter().any(|o: &SectionSpec| o.id == *id) {
                errors.push(err(s.id.span(), format!("section id `{id}` is declared twice")));
            }
            let holds_items = s.action_items.as_ref().is_some_and(|a| *a.get_ref());
            if let Some(a) = s.action_items.as_ref().filter(|_| holds_items) {
                action_sections += 1;
                if action_sections > 1 {
                    errors.push(err(a.span(), "only one section may hold the action items".into()));
                }
            }
            let mut all = vec![s.name.clone()];
            if words(&s.name).is_empty() {
                errors.push(err(
                    s.id.span(),
                    format!("section `{id}` has a name with no words"),
                ));
            }
            for alias in &s.aliases {
                if words(alias.get_ref()).is_empty() {
                    errors.push(err(alias.span(), "this alias has no words to match".into()));
                }
                all.push(alias.get_ref().clone());
            }
            for n in &all {
                let w = words(n);
                if !w.is_empty() {
                    names.push((w, index));
                }
            }
            sections.push(SectionSpec {
                id: id.clone(),
                name: s.name,
                names: all,
                required: s.required,
                action_items: holds_items,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Template {
            name: raw.name.into_inner(),
            description: raw.description,
            sections,
            names,
        })
    }

    /// The index of the section that holds action items, if any.
    pub fn action_items_section(&self) -> Option<usize> {
        self.sections.iter().position(|s| s.action_items)
    }

    /// The sections (as a bit set) that a heading's text satisfies.
    pub fn match_heading(&self, heading: &str) -> u64 {
        let hw = words(heading);
        if hw.is_empty() {
            return 0;
        }
        // (start, end, section) of every name found in the heading.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (nw, section) in &self.names {
            if nw.len() > hw.len() {
                continue;
            }
            for start in 0..=hw.len() - nw.len() {
                if hw[start..start + nw.len()] == nw[..] {
                    found.push((start, start + nw.len(), *section));
                }
            }
        }
        let mut mask = 0u64;
        for &(s, e, sec) in &found {
            let shadowed = found
                .iter()
                .any(|&(s2, e2, sec2)| sec2 != sec && s2 <= s && e <= e2 && (e2 - s2) > (e - s));
            if !shadowed {
                mask |= 1 << sec;
            }
        }
        mask
    }
}

fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Normalised words of a heading or a section name: lowercased, without
/// leading numbering ("3.", "III.", "a)"), parentheticals, emoji and
/// punctuation, with `&` read as "and" and a plural `s` dropped.
pub fn words(text: &str) -> Vec<String> {
    let text = strip_numbering(text.trim());
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            let w = std::mem::take(word);
            out.push(singular(w));
        }
    };
    for c in text.chars() {
        match c {
            '(' | '[' => {
                flush(&mut word, &mut out);
                depth += 1;
            }
            ')' | ']' => {
                flush(&mut word, &mut out);
                depth = depth.saturating_sub(1);
            }
            _ if depth > 0 => {}
            '&' | '+' => {
                flush(&mut word, &mut out);
                out.push("and".to_owned());
            }
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => flush(&mut word, &mut out),
        }
    }
    flush(&mut word, &mut out);
    out
}

fn singular(mut w: String) -> String {
    if w.len() >= 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    w
}

/// Drops a leading "3.", "3)", "3.1", "III.", "a)" or a bare "3 " from a heading.
fn strip_numbering(text: &str) -> &str {
    let token_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let token = &text[..token_end];
    let rest = text[token_end..].trim_start();
    if rest.is_empty() {
        return text;
    }
    let digits = token.trim_end_matches(['.', ')', ':']);
    let dotted = token.len() != digits.len();
    let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    let roman = !digits.is_empty() && digits.len() <= 5 && digits.chars().all(|c| "ivxlcIVXLC".contains(c));
    let letter = digits.len() == 1 && digits.chars().all(|c| c.is_ascii_alphabetic());
    if numeric || (dotted && (roman || letter)) {
        rest
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_normalise() {
        assert_eq!(words("3. Root Cause(s)"), ["root", "cause"]);
        assert_eq!(words("III. Timeline (all times UTC)"), ["timeline"]);
        assert_eq!(words("🔥 Impact & Metrics:"), ["impact", "and", "metric"]);
        assert_eq!(words("Follow-ups"), ["follow", "up"]);
        assert_eq!(words("I wrote this"), ["i", "wrote", "thi"]);
        assert_eq!(words("A. Summary"), ["summary"]);
        assert_eq!(words("2021-10-03 timeline"), ["2021", "10", "03", "timeline"]);
    }

    fn tiny() -> Template {
        Template::parse(
            "t.toml",
            r#"
name = "t"
[[section]]
id = "resolution"
name = "Resolution"
aliases = ["Remediation", "Mitigation"]
[[section]]
id = "action-items"
name = "Action items"
aliases = ["Remediation items"]
action-items = true
[[section]]
id = "causes"
name = "Root cause"
"#,
        )
        .unwrap()
    }

    #[test]
    fn whole_words_and_longest_name_wins() {
        let t = tiny();
        assert_eq!(t.match_heading("PgBouncer Transaction Pooling"), 0);
        assert_eq!(t.match_heading("Action Items"), 0b010);
        assert_eq!(t.match_heading("Remediation items"), 0b010);
        assert_eq!(t.match_heading("Remediation"), 0b001);
        assert_eq!(t.match_heading("Root cause and mitigation"), 0b101);
    }

    #[test]
    fn rejects_bad_ids_with_a_span() {
        let text = "name = \"x\"\n[[section]]\nid = \"Bad Id\"\nname = \"X\"\n";
        let errs = Template::parse("x.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "\"Bad Id\"");
    }
}
