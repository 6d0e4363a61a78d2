//! Phrase packs: the word lists behind `blame-wording`, `hindsight-wording`
//! and `placeholder-text`.
//!
//! Each phrase is a regular expression matched on whole words; a space in a
//! pattern matches any run of whitespace, line breaks included. Conditions
//! (`subject`, `followed-by`, ...) keep a phrase from firing where it would
//! be a false positive.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::english::{self, Subject};
use crate::error::SpannedError;

/// The rules a phrase pack may feed.
pub const PHRASE_RULES: &[&str] = &["blame-wording", "hindsight-wording", "placeholder-text"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    rule: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    skip_negated: bool,
    #[serde(rename = "phrase", default)]
    phrases: Vec<PhraseFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PhraseFile {
    pattern: Spanned<String>,
    message: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    subject: Option<Spanned<String>>,
    #[serde(default)]
    followed_by: Option<Spanned<String>>,
    #[serde(default)]
    not_followed_by: Option<Spanned<String>>,
    #[serde(default)]
    skip_in_action_items: bool,
    #[serde(default)]
    skip_emphasized: bool,
}

/// Which subjects a phrase may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectFilter {
    Any,
    Person,
    PersonOrNone,
}

/// One compiled phrase.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub pattern: String,
    regex: Regex,
    pub message: String,
    pub help: Option<String>,
    subject: SubjectFilter,
    participle: bool,
    not_followed_by: Option<Regex>,
    pub skip_in_action_items: bool,
    skip_emphasized: bool,
}

/// A compiled phrase pack.
#[derive(Clone, Debug)]
pub struct PhrasePack {
    /// The rule its matches are reported under.
    pub rule: &'static str,
    pub source: String,
    pub description: String,
    skip_negated: bool,
    pub phrases: Vec<Phrase>,
    /// Every phrase in one alternation: one pass finds where any may match,
    /// instead of one pass per phrase.
    any: Option<Regex>,
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub span: Range<usize>,
    /// Index into [`PhrasePack::phrases`].
    pub phrase: usize,
}

impl PhrasePack {
    pub fn parse(file: &str, text: &str) -> Result<PhrasePack, Vec<SpannedError>> {
        let raw: PackFile =
            toml::from_str(text).map_err(|e| vec![SpannedError::from_toml(file, text, &e)])?;
        let mut errors = Vec::new();
        let err = |span: Range<usize>, msg: String| SpannedError::new(file, text, span, msg);

        let rule = PHRASE_RULES.iter().find(|r| **r == raw.rule.get_ref().as_str());
        if rule.is_none() {
            errors.push(
                err(raw.rule.span(), format!("unknown rule `{}`", raw.rule.get_ref()))
                    .with_help(format!("a phrase pack feeds one of: {}", PHRASE_RULES.join(", "))),
            );
        }

        let mut phrases = Vec::new();
        let mut alternatives = Vec::new();
        for p in raw.phrases {
            let source = regex_source(p.pattern.get_ref());
            let regex = match RegexBuilder::new(&source)
                .case_insensitive(!p.case_sensitive)
                .size_limit(1 << 20)
                .build()
            {
                Ok(r) => r,
                Err(e) => {
                    // Report the error on the pattern as written, not on our wrapping.
                    let e = Regex::new(p.pattern.get_ref()).err().unwrap_or(e);
                    errors.push(err(p.pattern.span(), format!("invalid pattern: {e}")));
                    continue;
                }
            };
            if (p.skip_in_action_items || p.skip_emphasized) && rule != Some(&"placeholder-text") {
                errors.push(err(
                    p.pattern.span(),
                    "`skip-in-action-items` and `skip-emphasized` apply to placeholder-text packs only"
                        .into(),
                ));
                continue;
            }
            if regex.is_match("") {
                errors.push(err(p.pattern.span(), "this pattern matches empty text".into()));
                continue;
            }
            let subject = match p.subject.as_ref().map(|s| s.get_ref().as_str()) {
                None | Some("any") => SubjectFilter::Any,
                Some("person") => SubjectFilter::Person,
                Some("person-or-none") => SubjectFilter::PersonOrNone,
                Some(other) => {
                    let span = p.subject.as_ref().map_or(0..0, |s| s.span());
                    errors.push(
                        err(span, format!("unknown subject `{other}`"))
                            .with_help("use \"any\", \"person\" or \"person-or-none\""),
                    );
                    continue;
                }
            };
            let participle = match p.followed_by.as_ref().map(|s| s.get_ref().as_str()) {
                None => false,
                Some("past-participle") => true,
                Some(other) => {
                    let span = p.followed_by.as_ref().map_or(0..0, |s| s.span());
                    errors.push(
                        err(span, format!("unknown `followed-by` value `{other}`"))
                            .with_help("the only value is \"past-participle\""),
                    );
                    continue;
                }
            };
            let not_followed_by = match &p.not_followed_by {
                None => None,
                Some(s) => match RegexBuilder::new(&format!("^(?:{})", s.get_ref()))
                    .case_insensitive(!p.case_sensitive)
                    .build()
                {
                    Ok(r) => Some(r),
                    Err(e) => {
                        let e = Regex::new(s.get_ref()).err().unwrap_or(e);
                        errors.push(err(s.span(), format!("invalid pattern: {e}")));
                        continue;
                    }
                },
            };
            alternatives.push(format!(
                "(?{}:{source})",
                if p.case_sensitive { "-i" } else { "i" }
            ));
            phrases.push(Phrase {
                pattern: p.pattern.into_inner(),
                regex,
                message: p.message,
                help: p.help,
                subject,
                participle,
                not_followed_by,
                skip_in_action_items: p.skip_in_action_items,
                skip_emphasized: p.skip_emphasized,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PhrasePack {
            rule: rule.copied().unwrap_or("blame-wording"),
            source: file.to_owned(),
            description: raw.description,
            skip_negated: raw.skip_negated,
            phrases,
            any: RegexBuilder::new(&alternatives.join("|"))
                .size_limit(1 << 24)
                .build()
                .ok(),
        })
    }

    /// Every phrase of the pack found in `text`; where matches overlap, the
    /// earlier phrase of the pack wins.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut candidates: Vec<(usize, Range<usize>)> = Vec::new();
        match &self.any {
            Some(any) => {
                for m in any.find_iter(text) {
                    // Which phrases match here? Search each only to the end of
                    // the block (phrases never cross one), so that a phrase
                    // absent from the text costs nothing.
                    let end = block_end(text, m.end());
                    for (i, p) in self.phrases.iter().enumerate() {
                        if let Some(pm) = p.regex.find_at(&text[..end], m.start()) {
                            if pm.start() < m.end() {
                                candidates.push((i, pm.range()));
                            }
                        }
                    }
                }
            }
            None => {
                for (i, p) in self.phrases.iter().enumerate() {
                    candidates.extend(p.regex.find_iter(text).map(|m| (i, m.range())));
                }
            }
        }
        candidates.sort_by_key(|(i, r)| (*i, r.start));
        candidates.dedup();
        // Accepted spans by start; they never overlap, so the one starting
        // last before a candidate's end is the only one it could overlap.
        let mut taken: std::collections::BTreeMap<usize, (usize, usize)> = std::collections::BTreeMap::new();
        for (index, range) in candidates {
            if let Some(span) = self.accept(&self.phrases[index], text, range) {
                let overlaps = taken
                    .range(..span.end)
                    .next_back()
                    .is_some_and(|(_, &(end, _))| end > span.start);
                if !overlaps {
                    taken.insert(span.start, (span.end, index));
                }
            }
        }
        taken
            .into_iter()
            .map(|(start, (end, phrase))| PhraseMatch {
                span: start..end,
                phrase,
            })
            .collect()
    }

    /// Checks a raw regex match against the phrase's conditions; returns the
    /// span to report (grown to the participle for `followed-by`).
    fn accept(&self, phrase: &Phrase, text: &str, span: Range<usize>) -> Option<Range<usize>> {
        // A pattern may match masked text (spaces, `\0`) at its edges; the
        // reported span starts and ends on real text.
        let found = &text[span.clone()];
        let start = span.start + (found.len() - found.trim_start_matches(is_blank).len());
        let end = span.start + found.trim_end_matches(is_blank).len();
        if start >= end {
            return None;
        }
        let mut span = start..end;
        if !on_word_boundaries(text, &span) {
            return None;
        }
        if phrase.skip_emphasized && is_emphasized(text, &span) {
            return None;
        }
        if self.skip_negated
            && (english::is_negated(text, span.start) || english::starts_negated(&text[span.clone()]))
        {
            return None;
        }
        if phrase.participle {
            let participle = english::participle_after(text, span.end)?;
            if english::is_receipt_or_passive(text, &participle) {
                return None;
            }
            span.end = participle.end;
        }
        if let Some(re) = &phrase.not_followed_by {
            if re.is_match(text[span.end..].trim_start_matches([' ', '\t'])) {
                return None;
            }
        }
        let ok = match phrase.subject {
            SubjectFilter::Any => true,
            SubjectFilter::Person => english::subject_before(text, span.start) == Subject::Person,
            SubjectFilter::PersonOrNone => english::subject_before(text, span.start) != Subject::Other,
        };
        ok.then_some(span)
    }
}

/// Where the block holding byte `from` ends: at a `\0` block edge of masked
/// prose, or a blank line (or a little way on, in a huge paragraph).
fn block_end(text: &str, from: usize) -> usize {
    // Phrases are short: no match reaches further than this past another.
    const REACH: usize = 512;
    let mut limit = (from + REACH).min(text.len());
    while !text.is_char_boundary(limit) {
        limit += 1;
    }
    let rest = &text.as_bytes()[from..limit];
    let block = &rest[..memchr::memchr(0, rest).unwrap_or(rest.len())];
    from + memchr::memmem::find(block, b"\n\n").unwrap_or(block.len())
}

/// The regex for a pattern: a literal space matches any whitespace run.
fn regex_source(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut class = 0usize;
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                out.push(c);
            }
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' => {
                class = class.saturating_sub(1);
                out.push(c);
            }
            ' ' if class == 0 => out.push_str(r"\s+"),
            _ => out.push(c),
        }
    }
    format!("(?:{out})")
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\0'
}

/// A letter or digit: `_` is emphasis in Markdown (`_TBD_`), not a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whole words only: a match that starts (ends) with a word character must
/// not have one just before (after) it.
fn on_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let m = &text[span.clone()];
    let first = m.chars().next();
    let last = m.chars().next_back();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let joined = |edge: Option<char>, out: Option<char>| {
        edge.is_some_and(is_word_char) && out.is_some_and(|c| is_word_char(c) || c == '-')
    };
    !(joined(first, before) || joined(last, after))
}

/// `**TODO** add a disk alert`: a status marker before an item, not a
/// placeholder (alone on its line, `**TODO**` is one).
fn is_emphasized(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = &text[span.end..];
    let rest_of_line = after
        .trim_start_matches(['*', '_'])
        .split('\n')
        .next()
        .unwrap_or("");
    matches!(before, Some('*' | '_'))
        && after.starts_with(['*', '_'])
        && rest_of_line.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(body: &str) -> PhrasePack {
        PhrasePack::parse("p.toml", &format!("rule = \"blame-wording\"\n{body}")).unwrap()
    }

    #[test]
    fn whole_words_and_whitespace() {
        let p = pack("[[phrase]]\npattern = \"human error\"\nmessage = \"m\"\n");
        assert_eq!(p.find("it was human\n  error.").len(), 1);
        assert!(p.find("superhuman error").is_empty());
        assert!(p.find("human errors").is_empty());
        assert!(p.find("human-error-handler").is_empty());
    }

    #[test]
    fn participle_and_subject() {
        let p = pack(
            "[[phrase]]\npattern = \"should have\"\nfollowed-by = \"past-participle\"\n\
             subject = \"person-or-none\"\nmessage = \"m\"\n",
        );
        let m = p.find("We should have checked the disk.");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].span, 3..22);
        assert!(p.find("Each repository should have clear rules.").is_empty());
        assert!(p.find("The alert should have fired.").is_empty());
    }

    #[test]
    fn bad_patterns_point_at_the_pattern() {
        let text = "rule = \"blame-wording\"\n[[phrase]]\npattern = \"(unclosed\"\nmessage = \"m\"\n";
        let errs = PhrasePack::parse("p.toml", text).unwrap_err();
        assert_eq!(&text[errs[0].span.clone()], "\"(unclosed\"");
    }
}
