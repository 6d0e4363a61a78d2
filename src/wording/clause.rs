//! The subject model: who a phrase is said about. For the words of one
//! sentence, it finds the noun phrase that is the subject of a verb (over
//! auxiliaries, adverbs, asides between commas, prepositional phrases,
//! relative clauses and coordinated verbs), the object after a phrase, the
//! "by ..." agent of a passive, the possessor before a noun, and what an
//! adjective describes; then it classifies that noun phrase (see
//! [`Class`]).

use super::english::{Class, English, english};
use super::names::{DocNamesOf, People};
use super::sentence::{Kind, Token};

/// How many asides, prepositional phrases or clauses the search may cross.
const HOPS: usize = 4;
/// The longest noun phrase considered.
const NP_WORDS: usize = 6;

/// What the analysis of one sentence needs.
pub struct Clause<'s, 'a> {
    pub tokens: &'s [Token<'a>],
    pub people: &'s People,
    /// What the document says about its words (worked out on first need).
    pub doc: &'s dyn DocNamesOf,
    /// Prose before the sentence, in the same block: where "they" may point.
    pub before: &'s str,
}

/// A noun phrase found for a phrase, with what it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Np {
    /// Token indices, inclusive; `None` when there is no such phrase.
    pub tokens: Option<(usize, usize)>,
    pub class: Class,
    /// "no engineer", "nobody".
    pub negated: bool,
    /// "who" asking, not pointing: "asking who was careless".
    pub question: bool,
}

impl Np {
    fn none() -> Np {
        Np {
            tokens: None,
            class: Class::NONE,
            negated: false,
            question: false,
        }
    }
}

fn en() -> &'static English {
    english()
}

impl Clause<'_, '_> {
    fn tok(&self, i: usize) -> &Token<'_> {
        &self.tokens[i]
    }

    fn is_adverb(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.is_word()
            && (en().adverbs.has(&t.lower)
                || (t.lower.len() > 4
                    && t.lower.ends_with("ly")
                    && !t.is_capitalized()
                    && self.people.noun(&t.lower).is_empty()))
    }

    /// Skips leftwards over auxiliaries, adverbs and negations ending
    /// before `i`; returns the new end.
    fn skip_verb_group(&self, mut i: usize) -> usize {
        while i > 0 {
            let t = self.tok(i - 1);
            if !t.is_word() {
                break;
            }
            let two = (i >= 2).then(|| [self.tok(i - 2).lower.as_ref(), t.lower.as_ref()]);
            if let Some(n) = two.and_then(|w| en().adverbs.ends(&w)).filter(|n| *n == 2) {
                i -= n;
                continue;
            }
            // "need to pay", "have to remember"
            if t.is("to") && i >= 2 && en().catenatives.contains(&*self.tok(i - 2).lower) {
                i -= 2;
                continue;
            }
            if en().auxiliaries.contains(&*t.lower) || self.is_adverb(i - 1) || en().negators.has(&t.lower) {
                i -= 1;
            } else {
                break;
            }
        }
        i
    }

    /// Can token `i` be inside a noun phrase?
    fn nounish(&self, i: usize) -> bool {
        let t = self.tok(i);
        match t.kind {
            Kind::Code | Kind::Quote => true,
            Kind::Punct(_) => false,
            Kind::Word => {
                let l = t.lower.as_ref();
                !(en().prepositions.contains(l)
                    || en().auxiliaries.contains(l)
                    || en().conjunctions.contains(l)
                    || (en().subordinators.contains(l) && !matches!(l, "that"))
                    || en().negators.has(l)
                    || matches!(l, "who" | "whom" | "which" | "that"))
            }
        }
    }

    fn is_determiner(&self, i: usize) -> bool {
        let t = self.tok(i);
        // "Nguyen Van An", "Plan A": a capital after a capital is a name's part.
        let in_name = t.is_capitalized() && i > 0 && {
            let p = self.tok(i - 1);
            p.is_word() && p.is_capitalized()
        };
        t.is_word() && !in_name && en().determiners.contains(&*t.lower)
    }

    /// Is token `i` a verb that can head a clause of its own: an auxiliary
    /// or modal, a simple past, a present in -s ("took", "was", "should",
    /// "ignores"), not a bare participle or an -ing form?
    fn is_finite(&self, i: usize) -> bool {
        let t = self.tok(i);
        let l = t.lower.as_ref();
        t.is_word()
            && ((en().auxiliaries.contains(l) && l != "to")
                || en().is_past(l)
                || (l.ends_with('s') && !l.ends_with("ss")))
    }

    /// A verb form that can end a subject: an auxiliary, an irregular past,
    /// a word in -ed not after a determiner ("the misconfigured node").
    fn is_verbish(&self, i: usize) -> bool {
        let t = self.tok(i);
        if !t.is_word() {
            return false;
        }
        let l = t.lower.as_ref();
        if en().auxiliaries.contains(l) && l != "to" {
            return true;
        }
        let after_det = i > 0 && self.is_determiner(i - 1);
        !after_det && !t.is_capitalized() && (en().is_past(l) || self.is_present_after_name(i))
    }

    /// "Ana tries", "he ignores": a present-tense verb after a name or a
    /// personal pronoun, as timelines narrate.
    fn is_present_after_name(&self, i: usize) -> bool {
        let l = self.tok(i).lower.as_ref();
        if i == 0 || !l.ends_with('s') || l.ends_with("ss") || l.ends_with("us") || l.len() < 4 {
            return false;
        }
        let p = self.tok(i - 1);
        p.is_word()
            && (matches!(p.lower.as_ref(), "he" | "she")
                || (p.is_capitalized()
                    && self.people.classify(p.text, &p.lower, self.doc.names()) == Class::PERSON))
    }

    fn is_time(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.is_word() && t.lower.starts_with(|c: char| c.is_ascii_digit())
    }

    /// The start of the noun phrase whose last word is `head`.
    fn np_start(&self, head: usize) -> usize {
        let mut start = head;
        if is_pronoun(&self.tok(head).lower) {
            return head;
        }
        while start > 0 && head - start < NP_WORDS {
            let p = start - 1;
            // "the cause is that Kevin did not ...": "that" opens a clause.
            if self.tok(p).is("that") && self.tok(p + 1).is_capitalized() {
                break;
            }
            if self.is_determiner(p) {
                start = p;
                break;
            }
            let t = self.tok(p);
            let ok = match t.kind {
                Kind::Code | Kind::Quote => true,
                Kind::Word => self.nounish(p) && !self.is_verbish(p) && !self.is_adverb(p),
                Kind::Punct(_) => false,
            };
            if !ok {
                break;
            }
            start = p;
        }
        start
    }

    /// Where the clause holding token `i` starts: after a clause
    /// punctuation mark or a subordinating word.
    pub fn clause_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 {
            let t = self.tok(k - 1);
            let stop = match t.kind {
                Kind::Punct(c) => matches!(
                    c,
                    ';' | ':' | '—' | '(' | ')' | '.' | '!' | '?' | '"' | '|' | '[' | ']'
                ),
                Kind::Word => {
                    en().subordinators.contains(&*t.lower)
                        && !matches!(t.lower.as_ref(), "that" | "as" | "so")
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

    /// The subject of the verb whose first token is `verb`.
    pub fn subject(&self, verb: usize) -> Np {
        let mut i = verb;
        for _ in 0..HOPS {
            i = self.skip_verb_group(i);
            if i == 0 {
                return Np::none();
            }
            let t = self.tok(i - 1);
            match t.kind {
                // "The engineer, tired after a long shift, failed": back to
                // the comma that opens the aside.
                Kind::Punct(',') => {
                    let open = (0..i - 1)
                        .rev()
                        .take_while(|&k| {
                            !matches!(self.tok(k).kind, Kind::Punct(';' | ':' | '—' | '(' | ')' | '.'))
                        })
                        .find(|&k| self.tok(k).kind == Kind::Punct(','));
                    match open {
                        // "Sky, the internal telemetry pipeline, ignored": an
                        // aside that says what the subject is.
                        Some(open) if self.aside_is_system(open + 1, i - 1) => {
                            return Np {
                                class: Class::SYSTEM,
                                ..self.np_at(open.saturating_sub(1))
                            };
                        }
                        Some(open) => i = open,
                        None => return Np::none(),
                    }
                }
                Kind::Punct(_) => return Np::none(),
                _ if t.is_word() && en().conjunctions.contains(&*t.lower) => return self.first_np(i - 1),
                _ if t.is("who") || t.is("whom") => {
                    let before = i - 1;
                    // "asking who", "to know who": a question, not a person.
                    let asking = before > 0 && {
                        let p = self.tok(before - 1);
                        p.lower.ends_with("ing")
                            || matches!(
                                p.lower.as_ref(),
                                "ask"
                                    | "asks"
                                    | "asked"
                                    | "know"
                                    | "knows"
                                    | "knew"
                                    | "decide"
                                    | "determine"
                                    | "wonder"
                                    | "see"
                                    | "saw"
                                    | "say"
                                    | "said"
                                    | "tell"
                                    | "explain"
                                    | "establish"
                                    | "find"
                                    | "out"
                                    | "about"
                                    | "matter"
                                    | "question"
                                    | "care"
                                    | "whether"
                            )
                    };
                    if !asking && before > 0 && self.nounish(before - 1) && !self.is_verbish(before - 1) {
                        let np = self.np_at(before - 1);
                        // "the engineer who", "Renata, who": the antecedent;
                        // "who" always stands for a person.
                        return if np.class.intersects(Class::PERSON.union(Class::TEAM)) {
                            np
                        } else {
                            Np {
                                class: Class::PERSON,
                                ..np
                            }
                        };
                    }
                    if !asking && before > 0 && self.tok(before - 1).kind == Kind::Punct(',') && before > 1 {
                        return self.np_at(before - 2);
                    }
                    return Np {
                        class: Class::PERSON,
                        question: true,
                        ..Np::none()
                    };
                }
                _ if t.is("that") || t.is("which") => {
                    let before = i - 1;
                    let at = if before > 0 && self.tok(before - 1).kind == Kind::Punct(',') {
                        before.checked_sub(2)
                    } else {
                        before.checked_sub(1)
                    };
                    return match at.filter(|&a| self.nounish(a)) {
                        Some(a) => self.np_at(a),
                        None => Np {
                            class: Class::SYSTEM,
                            ..Np::none()
                        },
                    };
                }
                // "This should have contained the fallout": a pronoun.
                _ if matches!(t.lower.as_ref(), "this" | "that" | "these" | "those") => {
                    return Np {
                        tokens: Some((i - 1, i - 1)),
                        class: Class::SYSTEM,
                        ..Np::none()
                    };
                }
                _ if !self.nounish(i - 1) || self.is_determiner(i - 1) => return Np::none(),
                _ => {
                    let head = i - 1;
                    let start = self.np_start(head);
                    if start > 0 && self.tok(start - 1).is_word() {
                        let p = start - 1;
                        let prev = self.tok(p);
                        if en().prepositions.contains(&*prev.lower) {
                            // "most of the engineers"
                            if prev.is("of") && p > 0 && en().quantifiers.contains(&*self.tok(p - 1).lower) {
                                return self.classify(p - 1, head);
                            }
                            // "the engineer on call", "the deploy approved by
                            // Renata": the phrase before the preposition.
                            let mut k = p;
                            if k > 0 && en().is_participle(&self.tok(k - 1).lower) {
                                k -= 1;
                            }
                            // "It turns out Renata ...": a verb and its particle,
                            // not a noun and its prepositional phrase.
                            let particle = k >= 2 && is_pronoun(&self.tok(k - 2).lower);
                            if particle {
                                return self.classify(start, head);
                            }
                            if k > 0 && self.nounish(k - 1) && !self.is_verbish(k - 1) {
                                i = k;
                                // Continue from the noun before the phrase; no
                                // verb group to skip there.
                                let h = k - 1;
                                let s = self.np_start(h);
                                if s > 0 && en().prepositions.contains(&*self.tok(s - 1).lower) {
                                    continue;
                                }
                                return self.classify(s, h);
                            }
                            // A relative clause between the subject and its
                            // verb: "the engineer who was on call failed".
                            return self.first_np(verb);
                        }
                        // "Jun said the page took too long": the subject
                        // of a clause reported without "that"; "Jun restarted
                        // the pod ignoring ...": the object, so the subject
                        // is further back.
                        if self.is_verbish(p)
                            && !(en().reporting.contains(&*prev.lower) && self.is_finite(head + 1))
                        {
                            return self.first_np(verb);
                        }
                    }
                    return self.classify(start, head);
                }
            }
        }
        Np::none()
    }

    /// Are tokens `from..to` a noun phrase that names software: "the
    /// internal telemetry pipeline", "our scheduler"?
    fn aside_is_system(&self, from: usize, to: usize) -> bool {
        if from + 1 >= to
            || !self.is_determiner(from) && !matches!(self.tok(from).lower.as_ref(), "our" | "their")
        {
            return false;
        }
        let head = self.tok(to - 1);
        let c = self.people.noun(&head.lower);
        head.is_word() && c.intersects(Class::SYSTEM) && !c.intersects(Class::PERSON.union(Class::TEAM))
    }

    /// The noun phrase ending at token `head`.
    fn np_at(&self, head: usize) -> Np {
        let start = self.np_start(head);
        self.classify(start, head)
    }

    /// The subject of the clause that ends before token `end`: the noun
    /// phrase before its first verb.
    pub fn first_np(&self, end: usize) -> Np {
        let cs = self.clause_start(end);
        let mut k = cs;
        while k < end && (self.is_adverb(k) || self.is_time(k) || self.tok(k).kind == Kind::Punct(',')) {
            k += 1;
        }
        let mut v = (k..end)
            .find(|&j| self.is_verbish(j) || matches!(self.tok(j).lower.as_ref(), "who" | "which" | "that"))
            .unwrap_or(end);
        // "The migration script, written by Aisha, ran": an aside closed
        // before the verb is about the noun phrase that opens the clause.
        let opens_with_np =
            self.is_determiner(k) || (self.nounish(k) && !en().prepositions.contains(&*self.tok(k).lower));
        let mut commas = (k..v).filter(|&j| self.tok(j).kind == Kind::Punct(','));
        if let (true, Some(first), Some(_)) = (opens_with_np, commas.next(), commas.next()) {
            v = first;
        }
        let mut head = v;
        // "Tomás just clicked": back over the adverb to the noun.
        while head > k && (!self.nounish(head - 1) || self.is_adverb(head - 1)) {
            head -= 1;
        }
        if head <= k {
            return Np::none();
        }
        let head = head - 1;
        let start = self.np_start(head).max(k);
        self.classify(start, head)
    }

    /// The noun phrase that starts at token `from` (an object, an agent):
    /// its head is its last noun, or the noun after a possessive.
    pub fn np_after(&self, from: usize) -> Option<Np> {
        let mut i = from;
        while i < self.tokens.len() && self.is_adverb(i) {
            i += 1;
        }
        let start = i;
        if i < self.tokens.len() && self.is_determiner(i) {
            i += 1;
        }
        let mut head = None;
        while i < self.tokens.len() && i - start < NP_WORDS && self.nounish(i) && !self.is_verbish(i) {
            // "had Siobhan only read": an adverb ends the phrase; so does an
            // irregular participle after a name ("had Kwame taken the time").
            if head.is_some()
                && (self.is_adverb(i)
                    || (self.tok(i - 1).is_capitalized()
                        && !self.tok(i).is_capitalized()
                        && en().is_participle(&self.tok(i).lower)
                        && !en().is_past(&self.tok(i).lower)))
            {
                break;
            }
            let t = self.tok(i);
            head = Some(i);
            i += 1;
            // "Ivo, who": ends at the comma; "the on-call engineer" goes on.
            let l = t.lower.as_ref();
            if matches!(
                l,
                "he" | "she" | "they" | "we" | "i" | "you" | "him" | "her" | "them" | "us" | "me"
            ) {
                break;
            }
            if i < self.tokens.len()
                && self.tok(i).is_word()
                && self.tok(i).lower.ends_with("ing")
                && !en().prepositions.contains(&*self.tok(i).lower)
            {
                // "due to Renata being on leave": a situation, not a person;
                // "caused by Beatriz deleting the bucket" is her act.
                if is_state_gerund(&self.tok(i).lower) {
                    return None;
                }
                break;
            }
        }
        let head = head?;
        Some(self.classify(start, head))
    }

    /// The agent of a passive: "by X" after token `from`, in its clause.
    pub fn agent(&self, from: usize) -> Option<Np> {
        let mut i = from;
        while i < self.tokens.len() && i - from < 8 {
            let t = self.tok(i);
            if t.is_punct() && !matches!(t.kind, Kind::Punct(',')) {
                return None;
            }
            if t.is("by") {
                return self.np_after(i + 1);
            }
            i += 1;
        }
        None
    }

    /// The "by X" agent of a passive before token `at`, in its clause: whom
    /// "without a review" is about in "was pushed by the release team
    /// without a review".
    pub fn agent_before(&self, at: usize) -> Option<Np> {
        let cs = self.clause_start(at);
        let by = (cs..at).rev().find(|&k| self.tok(k).is("by"))?;
        let passive = (cs..by).any(|k| self.is_passive(k));
        if !passive {
            return None;
        }
        let np = self.np_after(by + 1)?;
        // "The script, written by Aisha, ran without a dry run": the
        // passive was an aside, and another verb has its own subject.
        let end = np.tokens.map_or(by + 1, |(_, h)| h + 1);
        if (end..at).any(|k| self.is_verbish(k)) {
            return None;
        }
        Some(np)
    }

    /// Does a review come right after token `last` ("should have been caught
    /// in code review", "during review")? Then people do what the
    /// participle says, whatever it is.
    pub fn in_review(&self, last: usize) -> bool {
        let mut prep = false;
        for t in self.tokens.iter().skip(last + 1).take(5) {
            if t.is_punct() {
                return false;
            }
            if matches!(t.lower.as_ref(), "in" | "during" | "at" | "on" | "through" | "by") {
                prep = true;
            } else if prep
                && (t.lower.starts_with("review")
                    || matches!(t.lower.as_ref(), "approval" | "sign-off" | "signoff"))
            {
                return true;
            }
        }
        false
    }

    /// The possessor before token `at`: "his", "Dagný's", "the on-call
    /// engineer's".
    pub fn possessor(&self, at: usize) -> Option<Np> {
        let mut i = at;
        if i > 0 && self.tok(i - 1).is("own") {
            i -= 1;
        }
        let p = i.checked_sub(1)?;
        let t = self.tok(p);
        if !t.is_word() {
            return None;
        }
        let class = match t.lower.as_ref() {
            "my" | "his" | "her" | "your" => Class::PERSON,
            "their" => self.antecedent(p),
            "our" => Class::WE,
            "its" | "whose" => Class::SYSTEM,
            _ if t.is_possessive() => return Some(self.np_at(p)),
            _ => return None,
        };
        Some(Np {
            tokens: Some((p, p)),
            class,
            negated: false,
            question: false,
        })
    }

    /// Is there a form of "be" right before token `first`, over adverbs
    /// ("was never told", "were not asked")?
    pub fn is_passive_before(&self, first: usize) -> bool {
        let mut i = first;
        while i > 0 && (self.is_adverb(i - 1) || en().negators.has(&self.tok(i - 1).lower)) {
            i -= 1;
        }
        i > 0
            && matches!(
                self.tok(i - 1).lower.as_ref(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being" | "got" | "get" | "gets"
            )
    }

    /// Is the phrase starting at token `first` passive ("was ignored")?
    pub fn is_passive(&self, first: usize) -> bool {
        let t = self.tok(first);
        if !(t.is_word() && en().is_participle(&t.lower)) {
            return false;
        }
        let mut i = first;
        while i > 0 && self.is_adverb(i - 1) {
            i -= 1;
        }
        i > 0
            && matches!(
                self.tok(i - 1).lower.as_ref(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being" | "got" | "get" | "gets" | "getting"
            )
    }

    /// What the adjective (tokens `first..=last`) describes: the noun after
    /// it ("a sloppy review"), or the subject of the linking verb before it
    /// ("the runbook was sloppy").
    pub fn said_of(&self, first: usize, last: usize) -> Class {
        let mut i = last + 1;
        while i < self.tokens.len() && (self.is_adverb(i) || self.tok(i).kind == Kind::Punct(',')) {
            i += 1;
        }
        let attributive = i < self.tokens.len()
            && self.tok(i).is_word()
            && self.nounish(i)
            && !self.is_verbish(i)
            // "lazy loading" is a technique; "sloppy handling" is work.
            && (!self.tok(i).lower.ends_with("ing") || !self.people.noun(&self.tok(i).lower).is_empty());
        if attributive {
            // The first noun pmlint knows, or the end of the noun phrase:
            // "a sloppy code review", "inexperienced managers handle ...".
            let known = (i..self.tokens.len().min(i + 3))
                .take_while(|&k| self.tok(k).is_word() && self.nounish(k) && !self.is_verbish(k))
                .find(|&k| !self.people.noun(self.tok(k).stem()).is_empty());
            if let Some(k) = known {
                let c = self.classify(i, k).class;
                if c.intersects(Class::PERSON.union(Class::TEAM).union(Class::WORK)) {
                    return c;
                }
            }
            let mut head = i;
            while head + 1 < self.tokens.len()
                && head + 1 - i < NP_WORDS
                && self.tok(head + 1).is_word()
                && self.nounish(head + 1)
                && !self.is_verbish(head + 1)
            {
                head += 1;
            }
            // "a sloppy copy-paste by the author": a person's work.
            let by_person = self.tokens.get(head + 1).is_some_and(|t| t.is("by"))
                && self
                    .np_after(head + 2)
                    .is_some_and(|np| !np.negated && np.class.intersects(Class::PERSON.union(Class::TEAM)));
            if by_person {
                return Class::WORK;
            }
            return self.vouched(&self.classify(i, head));
        }
        // Predicative: "was (really) lazy", "seemed careless", "was sloppy
        // and, frankly, lazy": back over adverbs, other adjectives, commas
        // and "and" to the linking verb.
        let mut k = first;
        while k > 0 && first - k < 8 {
            let t = self.tok(k - 1);
            let skip = self.is_adverb(k - 1)
                || t.kind == Kind::Punct(',')
                || t.is("a")
                || t.is("bit")
                || t.is("and")
                || t.is("or")
                || (t.is_word()
                    && !en().is_function_word(&t.lower)
                    && self.people.noun(&t.lower).is_empty()
                    && !t.is_capitalized()
                    && !self.is_verbish(k - 1));
            if !skip {
                break;
            }
            k -= 1;
        }
        if k > 0 && self.tok(k - 1).is_word() && en().copulas.contains(&*self.tok(k - 1).lower) {
            // "..., which was careless", "Hardcoding the key was careless"
            // and "It was careless" judge an act, whatever it acted on.
            let which = k >= 3 && self.tok(k - 2).is("which") && self.tok(k - 3).kind == Kind::Punct(',');
            let np = self.subject(k - 1);
            let gerund = np.tokens.is_some_and(|(start, _)| {
                start > 0 && self.tok(start - 1).is_word() && self.tok(start - 1).lower.ends_with("ing")
            });
            let pronoun = k >= 2
                && matches!(self.tok(k - 2).lower.as_ref(), "it" | "this" | "that")
                && (k == 2
                    || !self.tok(k - 3).is_word()
                    || en().conjunctions.contains(&*self.tok(k - 3).lower));
            let act = gerund || pronoun;
            return if which || act {
                Class::WORK
            } else {
                self.vouched(&np)
            };
        }
        if k == 0 {
            return Class::NONE;
        }
        // "Sven, careless as ever, ...": nothing to tell by.
        Class::UNKNOWN
    }

    /// The class of `np`, but unknown where only the default makes it a
    /// system: "the liaison" may be a person; "the service" is not.
    fn vouched(&self, np: &Np) -> Class {
        let unlisted = np.tokens.is_some_and(|(_, h)| {
            let t = self.tok(h);
            t.is_word() && !t.is_capitalized() && self.people.noun(t.stem()).is_empty()
        });
        if np.class == Class::SYSTEM && unlisted {
            Class::UNKNOWN
        } else {
            np.class
        }
    }

    /// What the noun phrase `start..=head` stands for.
    pub fn classify(&self, start: usize, head: usize) -> Np {
        let np = |class: Class| Np {
            tokens: Some((start, head)),
            class,
            negated: false,
            question: false,
        };
        let t = self.tok(head);
        match t.kind {
            Kind::Code => {
                return np(if t.text.starts_with('@') && !is_bot_handle(t.text) {
                    Class::PERSON
                } else {
                    Class::SYSTEM
                });
            }
            Kind::Quote => return np(Class::SYSTEM),
            Kind::Punct(_) => return Np::none(),
            Kind::Word => {}
        }
        let mut w = t.stem();
        // "we'd", "they'll", "I've": the pronoun.
        for suffix in ["'d", "'ll", "'ve", "'re", "'m"] {
            if let Some(base) = w.strip_suffix(suffix) {
                w = base;
            }
        }
        let negated_det = (start..head).any(|k| self.tok(k).is("no") || self.tok(k).is("neither"));
        if negated_det
            || matches!(w, "nobody" | "noone" | "none")
            || (w == "one" && start < head && self.tok(head - 1).is("no"))
        {
            return Np {
                negated: true,
                ..np(Class::PERSON)
            };
        }
        match w {
            "we" | "us" | "ourselves" => return np(Class::WE),
            "they" | "them" | "themselves" => return np(self.antecedent(start)),
            "it" | "this" | "that" | "these" | "those" | "which" | "what" | "something" | "everything"
            | "nothing" => {
                return np(Class::SYSTEM);
            }
            "anyone" | "anybody" | "everyone" | "everybody" | "someone" | "somebody" | "who" | "whoever" => {
                return np(Class::PERSON);
            }
            _ => {}
        }
        if let Some(handle) = t.text.strip_prefix('@') {
            return np(if is_bot_handle(handle) {
                Class::SYSTEM
            } else {
                Class::PERSON
            });
        }
        if head > start {
            let two = format!("{} {}", self.tok(head - 1).lower, w);
            let c = self.people.noun(&two);
            if !c.is_empty() {
                return np(c);
            }
        }
        let class = self.people.noun(w);
        if class.intersects(Class::PERSON.union(Class::TEAM).union(Class::PUBLIC))
            && en().ambiguous.contains(singular(w))
        {
            // "the on-call operator" is a person wherever the document
            // also runs a Kubernetes operator.
            let personal = (start..head).any(|k| {
                self.people
                    .noun(&self.tok(k).lower)
                    .intersects(Class::PERSON.union(Class::TEAM))
            });
            let software = !personal
                && (self.doc.names().is_software_role(singular(w))
                    || (start..head).any(|k| self.is_software_modifier(k)));
            if software {
                return np(Class::SYSTEM);
            }
        }
        if !class.is_empty() {
            return np(class);
        }
        if is_identifier(t.text) {
            return np(Class::SYSTEM);
        }
        let written = t
            .text
            .trim_end_matches(['\'', '’'])
            .trim_end_matches("'s")
            .trim_end_matches("’s");
        if t.is_capitalized()
            && written
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && written.len() > 1
        {
            // An acronym: "CDN", "AWS".
            return np(Class::SYSTEM);
        }
        // "Will restarted ...", "If only Bill had ...": a name that is also
        // a word, as a noun phrase of its own ("Rich text" is not one).
        if start == head
            && t.is_capitalized()
            && en().word_names.contains(w)
            && !en().software.contains(written)
            && !self.doc.names().ident_of(w).0
        {
            return np(Class::PERSON);
        }
        let c = self.people.classify(written, w, self.doc.names());
        // "Renata Costa"; "Nguyen Van An", whose last word is also English.
        if (c == Class::UNKNOWN || (t.is_capitalized() && !c.intersects(Class::PERSON)))
            && (start..head).any(|k| {
                let m = self.tok(k);
                m.is_capitalized()
                    && self.people.classify(m.text, &m.lower, self.doc.names()) == Class::PERSON
            })
        {
            return np(Class::PERSON);
        }
        if c.is_empty() {
            return np(Class::SYSTEM);
        }
        np(c)
    }

    /// A word before a role that makes it software: a product name, an
    /// identifier, code, a system noun ("the Redis operator", "the cert
    /// manager").
    fn is_software_modifier(&self, k: usize) -> bool {
        let m = self.tok(k);
        match m.kind {
            Kind::Code => true,
            Kind::Word => {
                if self.is_determiner(k) {
                    return false;
                }
                let c = self.people.noun(&m.lower);
                if c.intersects(Class::PERSON.union(Class::TEAM)) {
                    return false;
                }
                c.intersects(Class::SYSTEM)
                    || is_identifier(m.text)
                    || (m.is_capitalized()
                        && self.people.classify(m.text, &m.lower, self.doc.names()) != Class::PERSON)
            }
            _ => false,
        }
    }

    /// Whom "they" (at token `at`) stands for: the nearest plural noun or
    /// person word before it ("the pods ... because they failed" are not
    /// people).
    fn antecedent(&self, at: usize) -> Class {
        // In the same sentence, the nearest candidate: "the pods were
        // evicted because they failed".
        for t in self.tokens[..at].iter().rev().filter(|t| t.is_word()) {
            if let Some(c) = candidate(&t.lower) {
                return c;
            }
        }
        // Else the subject of the sentence before: "The on-call restarted
        // both replicas. They ...".
        let trimmed = self
            .before
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?'));
        let last = trimmed
            .rfind(['.', '!', '?', '\0'])
            .map_or(trimmed, |i| &trimmed[i + 1..]);
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        if let Some(c) = words(last).iter().take(5).find_map(|w| candidate(w)) {
            return c;
        }
        // Else the nearest candidate before.
        let mut from = trimmed.len().saturating_sub(300);
        while !trimmed.is_char_boundary(from) {
            from += 1;
        }
        words(&trimmed[from..])
            .iter()
            .rev()
            .take(30)
            .find_map(|w| candidate(w))
            .unwrap_or(Class::PERSON)
    }
}

/// What a word "they" could stand for says about it: people, or a plural
/// thing.
fn candidate(w: &str) -> Option<Class> {
    if matches!(w, "they" | "them" | "their" | "themselves") {
        return None;
    }
    let c = en().noun(w);
    if c.intersects(Class::PERSON.union(Class::TEAM).union(Class::PUBLIC)) {
        return Some(c);
    }
    let plural = w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !en().is_function_word(w)
        && !matches!(
            w,
            "this"
                | "thus"
                | "always"
                | "was"
                | "has"
                | "does"
                | "its"
                | "perhaps"
                | "sometimes"
                | "minutes"
                | "hours"
                | "seconds"
                | "days"
        );
    plural.then_some(Class::SYSTEM)
}

/// A personal pronoun: a noun phrase on its own.
fn is_pronoun(w: &str) -> bool {
    let w = w.split('\'').next().unwrap_or(w);
    matches!(
        w,
        "i" | "you"
            | "he"
            | "she"
            | "it"
            | "we"
            | "they"
            | "me"
            | "him"
            | "her"
            | "us"
            | "them"
            | "someone"
            | "somebody"
            | "anyone"
            | "anybody"
            | "everyone"
            | "everybody"
            | "nobody"
    )
}

fn singular(w: &str) -> &str {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// `@deploy-bot`, `github-actions[bot]`, `@renovate`, `@ci-runner`: a
/// handle with a part that names a machine.
pub fn is_bot_handle(h: &str) -> bool {
    let l = h.trim_start_matches('@').to_lowercase();
    l.ends_with("bot")
        || l.split(|c: char| !c.is_alphanumeric()).any(|p| {
            matches!(
                p,
                "bot"
                    | "bots"
                    | "ci"
                    | "cd"
                    | "automation"
                    | "auto"
                    | "runner"
                    | "actions"
                    | "pipeline"
                    | "deploy"
                    | "deployer"
                    | "release"
                    | "build"
                    | "builder"
                    | "sync"
                    | "cron"
                    | "agent"
                    | "service"
                    | "svc"
                    | "system"
                    | "daemon"
                    | "monitor"
                    | "alerts"
                    | "robot"
                    | "renovate"
                    | "dependabot"
                    | "jenkins"
                    | "mergify"
            )
        })
}

/// A token that names a machine rather than a person: it holds a digit, a
/// dot, an underscore or a slash, or is a lower-case hyphenated compound
/// ("renata-api", "db01", "node.js"); "Jean-Luc" is not one.
pub fn is_identifier(text: &str) -> bool {
    let t = text.trim_end_matches("'s").trim_end_matches("’s");
    if t.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '/' | '+'))
    {
        return true;
    }
    if t.contains('-') {
        // "on-call", "co-worker" are English; the classes know them.
        // "Jean-Luc", "Hyun-woo" are names: capitalized, letters only, no
        // part a system noun ("Renata-api" is one).
        let name_like = t.starts_with(char::is_uppercase)
            && t.split('-').all(|p| {
                !p.is_empty()
                    && p.chars().all(char::is_alphabetic)
                    && !en().noun(&p.to_lowercase()).intersects(Class::SYSTEM)
            });
        return !name_like && en().noun(&t.to_lowercase()).is_empty();
    }
    // camelCase: "renataApi" (not "McDonald")
    t.starts_with(char::is_lowercase) && t.chars().any(char::is_uppercase)
}

/// "being", "having", "working": after a noun phrase they make it a
/// situation ("due to Renata being on leave", "the on-call working another
/// incident"), not an actor.
fn is_state_gerund(w: &str) -> bool {
    matches!(
        w,
        "being"
            | "having"
            | "getting"
            | "feeling"
            | "staying"
            | "remaining"
            | "working"
            | "sitting"
            | "travelling"
            | "traveling"
            | "handling"
            | "covering"
            | "juggling"
            | "attending"
            | "recovering"
            | "resting"
            | "waiting"
            | "responding"
            | "dealing"
    )
}
