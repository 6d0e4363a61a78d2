//! How headings become sections beyond matching their names: which bold
//! runs are labels, which headings are timeline entries, and the headings
//! whose names the document has to decide.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use super::Section;
use crate::packs::Template;
use crate::packs::template::HeadingMatch;

/// How much of a section's text is searched for its cues.
const CUE_REACH: usize = 4096;

/// A bold run that reads as a label ("Root Causes:", "What went well?"):
/// a few words, not a sentence ("Readers need to take no action.").
pub(crate) fn is_label_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', ' ']);
    let words = t.split_whitespace().count();
    (1..=10).contains(&words) && !t.ends_with(['.', '!', ',', ';']) && !t.contains(". ")
}

const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static TIME_START: LazyLock<Pattern> = LazyLock::new(|| {
    let date = format!(
        r"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{MONTHS})[a-z]*(?:,?\s+\d{{4}})?"
    );
    Pattern::new(&format!(
        r"(?i-u)^\s*(?:~|≈)?\s*(?:(?:{date})[\s,:T-]+(?:at\s+)?)?(?:~|≈)?\s*(?:[0-9X]{{1,2}}[:h][0-9X]{{2}}|\d{{1,2}}\s*[ap]\.?m\b)"
    ))
    .unwrap()
});

/// A heading that starts with a clock time, after an optional date
/// ("14:30 UTC: rollback", "~9:43 AM", "Feb 20 2018 14:17", "2X:XX"): an entry
/// of a timeline, whatever words follow it.
pub(crate) fn starts_with_time(heading: &str) -> bool {
    // Cheap test first: a digit, `~`, or a month's name opens it.
    let t = heading.trim_start();
    let opens = t.starts_with(|c: char| c.is_ascii_digit() || c == '~' || c == '≈' || c == 'X')
        || t.get(..3)
            .is_some_and(|m| MONTH_NAMES.iter().any(|n| n.eq_ignore_ascii_case(m)));
    opens && TIME_START.is_match(heading)
}

/// Decides the undecided headings (see [`HeadingMatch`]), in document order:
/// a cued name counts when a cue of its section follows the heading; a name
/// two sections share goes to the one the document lacks, else to the
/// earlier section when it is the document's first section (a summary often
/// says the cause too), else to the one whose cues follow, else to the later
/// one; and also to each section the document lacks whose cues follow it.
/// `title` is not a section.
pub(crate) fn decide(
    source: &str,
    template: &Template,
    sections: &mut [Section],
    undecided: &[(usize, HeadingMatch)],
    title: Option<usize>,
) {
    let has_cue = |body: &Range<usize>, section: usize| {
        let cues = &template.sections[section].cues;
        !cues.is_empty() && contains_any(source, body, cues)
    };
    let undecided: Vec<(usize, HeadingMatch)> = undecided
        .iter()
        .copied()
        .filter(|(i, _)| Some(*i) != title)
        .collect();
    for &(i, m) in &undecided {
        for bit in bits(m.cued) {
            if has_cue(&sections[i].body, bit) {
                sections[i].matches |= 1 << bit;
            }
        }
    }
    let mut taken = sections
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title)
        .fold(0u64, |acc, (_, s)| acc | s.matches);
    let recognised = |j: usize, s: &Section| Some(j) != title && s.level > 0 && s.matches != 0;
    let first_named = sections.iter().enumerate().position(|(j, s)| recognised(j, s));
    let first_shared = undecided.iter().find(|(_, m)| m.either != 0).map(|(i, _)| *i);
    let first_section = first_named.into_iter().chain(first_shared).min();
    for &(i, m) in undecided.iter().filter(|(_, m)| m.either != 0) {
        let free = m.either & !taken;
        let cued: Vec<usize> = bits(free).filter(|&b| has_cue(&sections[i].body, b)).collect();
        let first = first_section.is_none_or(|f| f >= i);
        let chosen = match bits(free).count() {
            0 => bits(m.either).next(),
            1 => bits(free).next(),
            _ if first => bits(free).next(),
            _ if cued.len() == 1 => Some(cued[0]),
            _ => bits(free).last(),
        };
        // "What happened" that also says why ("... because ...") is the
        // summary and the causes at once.
        let also = cued.iter().fold(0u64, |acc, b| acc | 1 << b);
        if let Some(bit) = chosen {
            sections[i].matches |= 1 << bit | also;
            taken |= 1 << bit | also;
        }
    }
}

fn bits(mask: u64) -> impl Iterator<Item = usize> {
    (0..64).filter(move |b| mask & (1 << b) != 0)
}

/// Does the start of `body` hold one of `phrases` (lowercase) as whole words?
fn contains_any(source: &str, body: &Range<usize>, phrases: &[String]) -> bool {
    let mut end = body.end.min(body.start + CUE_REACH);
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let text = source[body.start.min(end)..end].to_lowercase();
    phrases.iter().any(|p| {
        text.match_indices(p.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + p.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// This module's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static Pattern> {
    vec![&TIME_START]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_short_and_not_sentences() {
        assert!(is_label_like("Root Causes:"));
        assert!(is_label_like("What went well?"));
        assert!(is_label_like("How are we going to do better in the future?"));
        assert!(!is_label_like("Readers need to take no action."));
        assert!(!is_label_like(
            "We have taken action on every finding and will report on each one of them"
        ));
        assert!(!is_label_like(""));
    }

    #[test]
    fn timeline_entries() {
        for h in [
            "4:09-4:56 PM: Post-incident follow-up",
            "22:04-23:00 UTC: Network Split Identified",
            "~9:43 AM: Identifying the Issue",
            "Feb 20 2018 14:17",
            "2X:XX (not sure exact time)",
            "07:30am - First report",
            "2022-01-27 11:00",
            "19. April, 11:00",
            "10h47 alert",
            "9 pm: follow-up call",
        ] {
            assert!(starts_with_time(h), "{h}");
        }
        for h in [
            "Follow-ups",
            "2024-03-17 Summary",
            "5 Whys",
            "Q3 follow-up",
            "1:1 notes",
        ] {
            assert!(!starts_with_time(h), "{h}");
        }
    }

    #[test]
    fn cues_are_whole_words() {
        let src = "This was caused by two factors.";
        let cues = ["caused by".to_owned()];
        assert!(contains_any(src, &(0..src.len()), &cues));
        assert!(!contains_any("unbecause", &(0..9), &["because".to_owned()]));
    }
}
