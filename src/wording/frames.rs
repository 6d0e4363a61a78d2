//! Negation and mention: a blameless postmortem names blame in order to
//! reject it ("no engineer acted carelessly", "we do not think the
//! responder was negligent", "calling this human error would stop the
//! analysis", "human error is a starting point, never a conclusion").

use super::clause::Clause;
use super::english::english;
use super::sentence::Kind;

fn is_term(w: &str) -> bool {
    matches!(
        w,
        "word" | "words" | "term" | "terms" | "phrase" | "phrases" | "label" | "labels"
    )
}

/// Words that look like negations and are not.
fn false_negation(words: &[&str]) -> bool {
    matches!(
        words,
        ["not", "only", ..]
            | ["no", "doubt", ..]
            | ["no", "matter", ..]
            | ["never", "mind", ..]
            | ["not", "just", ..]
    )
}

impl Clause<'_, '_> {
    /// Where the phrase at token `i` stops being in scope of what comes
    /// before: a punctuation mark, a conjunction or a subordinating word.
    fn scope_start(&self, i: usize) -> usize {
        let en = english();
        let mut k = i;
        while k > 0 {
            let t = &self.tokens[k - 1];
            let stop = match t.kind {
                Kind::Punct(_) => true,
                Kind::Word => {
                    // "anything but careless": the conjunction is part of a negation.
                    let negation = k >= 2
                        && en
                            .negators
                            .ends(&[self.tokens[k - 2].lower.as_ref(), t.lower.as_ref()])
                            .is_some_and(|n| n == 2);
                    !negation && (en.conjunctions.contains(&*t.lower) || en.subordinators.contains(&*t.lower))
                }
                _ => false,
            };
            if stop {
                break;
            }
            k -= 1;
        }
        k
    }

    /// Is the phrase at tokens `first..=last` negated or mentioned to be
    /// rejected?
    pub fn is_denied(&self, first: usize, last: usize) -> bool {
        let en = english();
        let words: Vec<&str> = self.tokens.iter().map(|t| t.lower.as_ref()).collect();
        // A negation in the phrase's own clause: "was not careless", "no one
        // is to blame", "hardly careless".
        // A phrase that opens a clause ("... would not have happened if
        // she had checked") is not negated by the clause before it.
        // "not because of the on-call" still is.
        let opens = en.subordinators.contains(words[first]);
        let before = &words[first.saturating_sub(3)..first];
        if opens && (en.negators.ends(before).is_some() || before.last().is_some_and(|w| w.ends_with("n't")))
        {
            return true;
        }
        let from = if opens { first } else { self.scope_start(first) };
        for k in from..first {
            if false_negation(&words[k..first]) {
                continue;
            }
            if en.negators.starts(&words[k..first]).is_some() || words[k].ends_with("n't") {
                return true;
            }
        }
        // A negated verb of thinking or saying before it, in the sentence:
        // "there is no evidence that anyone was negligent".
        // Its scope ends at "but", "yet", ";": "nobody wants to say who is
        // to blame, but the team dropped the ball".
        let scope = (0..first)
            .rev()
            .find(|&k| {
                matches!(words[k], "but" | "yet" | "however" | "although" | "though")
                    || self.tokens[k].kind == Kind::Punct(';')
            })
            .map_or(0, |k| k + 1);
        for k in scope..first {
            let negation = en.negators.starts(&words[k..first]).is_some() || words[k].ends_with("n't");
            if negation
                && !false_negation(&words[k..first])
                && words[k + 1..first]
                    .iter()
                    .take(4)
                    .any(|w| en.cognitive.contains(*w) || *w == "because")
            {
                return true;
            }
        }
        // Named in order to be rejected: "calling this X", "to label this
        // X would ...", "the term X".
        let from = if opens {
            first
        } else {
            self.clause_start(first).max(first.saturating_sub(10))
        };
        // ("on call that night" is a shift, not a name; "instead of
        // waiting, Ana made it worse" names nothing.)
        if (from..first).any(|k| {
            en.mention_before.starts(&words[k..first]).is_some()
                && !(k > 0 && words[k - 1] == "on")
                && !self.tokens[k..first].iter().any(|t| t.kind == Kind::Punct(','))
        }) {
            return true;
        }
        let after = &words[(last + 1).min(words.len())..];
        // "Careless, reckless and negligent are words this document avoids."
        let at = |i: usize| after.get(i).copied().unwrap_or("");
        let named = (0..after.len()).any(|i| {
            matches!(at(i), "is" | "are" | "was" | "were")
                && (is_term(at(i + 1))
                    || (matches!(at(i + 1), "a" | "the" | "just" | "only") && is_term(at(i + 2))))
        });
        if named {
            return true;
        }
        en.mention_after
            .iter()
            .any(|m| m.len() <= after.len() && after.iter().zip(m).all(|(a, b)| *a == b))
    }
}

impl Clause<'_, '_> {
    /// Does the sentence say why the phrase at token `first` happened: a
    /// word of consequence right before it ("so nobody noticed"), or a word
    /// of cause ("because", "due to") after it or in a clause of its own
    /// before it ("Because the pager was silent, Priya took too long")? A
    /// cause that opens the phrase's own clause gives the phrase as the
    /// reason ("Why? Because Chidi took too long", as five whys answer).
    pub fn is_explained(&self, first: usize) -> bool {
        let en = english();
        let before = self.tokens[..first]
            .iter()
            .rev()
            .find(|t| !(t.is("and") || t.kind == Kind::Punct(',')));
        if before.is_some_and(|t| t.is_word() && en.consequence.contains(&*t.lower)) {
            return true;
        }
        // Where the phrase's clause starts: after the last clause mark
        // before it that does not go on with "and", "or", "but".
        let clause_start = (1..first)
            .rev()
            .find(|&k| {
                matches!(self.tokens[k - 1].kind, Kind::Punct(',' | ';' | ':' | '—' | '('))
                    && !en.conjunctions.contains(&*self.tokens[k].lower)
            })
            .unwrap_or(0);
        let words: Vec<&str> = self.tokens.iter().map(|t| t.lower.as_ref()).collect();
        (0..words.len())
            .filter(|&k| k < clause_start || k > first)
            .any(|k| en.cause.starts(&words[k..]).is_some())
    }
}
