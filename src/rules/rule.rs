//! What a rule is: the [`Rule`] trait, the [`Context`] it reads, and the
//! helpers rules share. The registry is in [`super`].

use jiff::civil::Date;
use regex::Regex;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::document::{DateOrder, Document};
use crate::packs::{PhrasePack, Template};
use crate::wording::names::People;
use crate::wording::{Finding, Lexicon};

/// The groups `--select` and `--ignore` accept besides rule ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Sections,
    ActionItems,
    Wording,
    /// The file as input: conflict markers, and unreadable-file and
    /// invalid-config (which are always on, whatever selects or ignores
    /// their group).
    Input,
}

impl Group {
    pub const SELECTABLE: &[Group] = &[Group::Sections, Group::ActionItems, Group::Wording, Group::Input];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Sections => "sections",
            Group::ActionItems => "action-items",
            Group::Wording => "wording",
            Group::Input => "input",
        }
    }
}

/// Everything a rule may consult besides the document.
pub struct Settings {
    pub template: Template,
    /// Placeholder packs (wording packs are in `lexicon`).
    pub phrase_packs: Vec<PhrasePack>,
    /// The phrases of the enabled wording rules.
    pub lexicon: Lexicon,
    /// Who the people are: pmlint.toml, the repository, given names.
    pub people: People,
    /// The date "overdue" is judged against.
    pub today: Date,
    /// A linked ticket stands in for an action item's due date.
    pub ticket_as_due_date: bool,
    /// Done and rejected items need an owner too.
    pub done_items_need_owner: bool,
    pub date_order: DateOrder,
    pub owner_patterns: Vec<Regex>,
    /// Every suppression must give a reason (`-- why`).
    pub require_suppression_reason: bool,
}

/// What a rule's `check` gets.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub settings: &'a Settings,
    /// The wording findings of the document, found once for every wording
    /// rule (see [`crate::wording`]).
    pub wording: &'a [Finding],
    /// For the rules that run after suppressions are applied (see
    /// [`Rule::after_suppressions`]): the suppressions that silenced nothing.
    pub unused: &'a [UnusedSuppression],
}

/// A directive of [`Document::directives`], or one name of it, that
/// silenced nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnusedSuppression {
    pub directive: usize,
    /// The index of the name in the directive; `None` when it names none.
    pub name: Option<usize>,
}

/// A lint rule.
pub trait Rule: Sync {
    /// The stable, kebab-case id.
    fn id(&self) -> &'static str;
    fn group(&self) -> Group;
    fn default_severity(&self) -> Severity;
    /// One line, for `pmlint rules`.
    fn summary(&self) -> &'static str;
    /// The long text `pmlint explain` prints: "What it does", "Why is this
    /// bad?", "Example".
    fn explain(&self) -> &'static str;
    /// `'static`: the diagnostics it makes point back at it.
    fn check(&'static self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// About the whole document rather than the place it is shown at.
    fn file_level(&self) -> bool {
        false
    }

    /// Reported by pmlint itself, whatever selects or ignores it: it says
    /// pmlint could not do its job (exit status 2).
    fn always_on(&self) -> bool {
        false
    }

    /// Runs once the other rules' diagnostics have met the suppressions,
    /// reading [`Context::unused`].
    fn after_suppressions(&self) -> bool {
        false
    }

    /// A diagnostic of this rule at its default severity.
    fn diagnostic(&'static self, span: std::ops::Range<usize>, message: String) -> Diagnostic
    where
        Self: Sized,
    {
        Diagnostic::new(self, self.default_severity(), span, message)
    }
}

/// Rules are one of a kind: the same id is the same rule.
impl PartialEq for dyn Rule {
    fn eq(&self, other: &dyn Rule) -> bool {
        self.id() == other.id()
    }
}

impl Eq for dyn Rule {}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The id of the pseudo-rule for files that cannot be read.
pub const UNREADABLE_FILE: &str = "unreadable-file";

/// The id of the pseudo-rule for mistakes in config and pack files.
pub const INVALID_CONFIG: &str = "invalid-config";

/// Reports every phrase of the packs feeding `rule` found in `text`.
pub(super) fn phrase_diagnostics(
    cx: &Context<'_>,
    rule: &'static dyn Rule,
    text: &str,
    keep: impl Fn(&crate::packs::phrases::Phrase, &std::ops::Range<usize>) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    for pack in cx.settings.phrase_packs.iter().filter(|p| p.rule == rule.id()) {
        for m in pack.find(text) {
            let phrase = &pack.phrases[m.phrase];
            if !keep(phrase, &m.span) {
                continue;
            }
            // From the text searched: in prose, markup is blanked out.
            let found = text[m.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let message = phrase.message.replace("{match}", &found);
            let mut d = Diagnostic::new(rule, rule.default_severity(), m.span, message);
            d.help = phrase.help.clone();
            out.push(d);
        }
    }
}

/// Reports the wording findings of `rule`.
pub(super) fn wording_diagnostics(cx: &Context<'_>, rule: &'static dyn Rule, out: &mut Vec<Diagnostic>) {
    for f in cx.wording.iter().filter(|f| f.rule == rule.id()) {
        let mut d = Diagnostic::new(rule, rule.default_severity(), f.span.clone(), f.message.clone());
        d.help = f.help.clone();
        // A rewrite says something else: never applied without a person.
        d.fix = f.suggestion.as_ref().map(|s| Fix {
            title: format!("Replace with '{s}'"),
            edits: vec![Edit {
                span: f.span.clone(),
                replacement: s.clone(),
            }],
            applicability: Applicability::Unsafe,
        });
        out.push(d);
    }
}
