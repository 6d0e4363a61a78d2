//! The document model: each file is parsed once, here, into front matter,
//! sections, action items and prose, all with byte spans into the source.
//! Every rule reads this model; none parses Markdown again.
//!
//! Prose is kept as a *masked copy* of the source: the same length, with
//! every byte that is not prose (markup, code, headings, block quotes,
//! comments, URLs, "quoted speech") replaced by a space and a `\0` at the end
//! of each block. Offsets into it are offsets into the source, and a phrase
//! can cross a line break or `**emphasis**` but never a block edge.

pub mod action_items;
pub mod dates;
pub mod directives;
pub mod front_matter;
mod sections;
mod timestamps;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

pub use action_items::ActionItem;
pub use dates::DateOrder;
pub use directives::Directive;
pub use front_matter::FrontMatter;

use crate::packs::Template;
use crate::packs::template::HeadingMatch;
use crate::packs::template::SectionSpec;

/// What parsing needs besides the text.
pub struct ParseOptions<'a> {
    pub template: &'a Template,
    /// Extra regular expressions that name an action item's owner.
    pub owner_patterns: &'a [Regex],
    /// How to read `03/04/2026`.
    pub date_order: DateOrder,
}

/// A heading, or a bold label on its own line, with the body under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// 1 to 6 for headings; 7 for a bold label (`**Impact:** ...`); 0 for a
    /// front matter key (`summary: ...`), a lead, timestamped entries or an
    /// action table.
    pub level: u8,
    /// The heading's text.
    pub heading: Range<usize>,
    /// From the end of the heading to the next heading of the same or a
    /// higher level (for a bold label: the next heading or bold label).
    pub body: Range<usize>,
    /// The template sections it satisfies, as a bit set.
    pub matches: u64,
    /// Those of `matches` it satisfies through a loose alias only: its
    /// content is not read as theirs (see [`HeadingMatch::loose`]).
    pub loose: u64,
    /// Has anything but whitespace, comments and empty sub-headings.
    pub has_content: bool,
}

/// A parsed postmortem.
#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a str,
    pub front_matter: Option<FrontMatter>,
    /// The text of the title heading: the only level-1 heading, when it
    /// comes first. It names the document and is not a section.
    pub title: Option<Range<usize>>,
    /// Headings and recognised bold labels, in order (the title excluded).
    pub sections: Vec<Section>,
    pub action_items: Vec<ActionItem>,
    /// Masked prose, the same length as `source` (see the module docs).
    pub prose: String,
    /// The prose blocks (paragraphs, list items, table cells), in order.
    pub runs: Vec<Range<usize>>,
    /// Code, HTML comments and block quotes: sorted, not overlapping.
    pub unchecked: Vec<Range<usize>>,
    /// Every `<!-- pmlint-... -->` comment, as written.
    pub directives: Vec<Directive>,
    /// Emphasis, strong emphasis and link texts, in order of their start:
    /// where a title ("*Careless People*") may be.
    pub emphasis: Vec<Range<usize>>,
}

struct Heading {
    level: u8,
    start: usize,
    text: String,
    text_span: Option<Range<usize>>,
}

/// A bold run that may be a section label.
enum Label {
    None,
    /// Collecting the text of a paragraph's leading `**...**`.
    Collecting {
        start: usize,
        text: String,
    },
    /// The bold run ended without `:`; the next event decides.
    Pending {
        span: Range<usize>,
        text: String,
    },
}

/// A paragraph that starts in italics: a template prompt ("_What was the
/// impact?_", "_Describe the impact._") if it is only italics that read as
/// an instruction; not content.
#[derive(Default)]
struct Prompt {
    depth: usize,
    only_emphasis: bool,
    instruction: bool,
    last_text: String,
    /// Content seen, to count if this is not a prompt after all.
    pending: bool,
}

/// A list item as seen while walking; action items are chosen afterwards.
/// List items nested deeper than this are not items of the model (no
/// action item is written 64 lists deep), so that a file of nothing but
/// list markers costs no more memory than pulldown-cmark's own tree.
const MAX_ITEM_DEPTH: usize = 64;

pub(crate) struct RawItem {
    pub span: Range<usize>,
    pub text_start: Option<usize>,
    pub nested_start: Option<usize>,
    pub checked: Option<bool>,
    pub parent: Option<usize>,
    pub quoted: bool,
}

pub(crate) struct RawTable {
    pub header: Vec<String>,
    pub rows: Vec<RawRow>,
    pub span: Range<usize>,
    pub quoted: bool,
}

pub(crate) struct RawRow {
    pub span: Range<usize>,
    pub cells: Vec<Range<usize>>,
}

struct Walker<'a, 't> {
    source: &'a str,
    template: &'t Template,
    prose: Vec<u8>,
    runs: Vec<Range<usize>>,
    run: Option<Range<usize>>,
    unchecked: Vec<Range<usize>>,
    comments: Vec<Range<usize>>,
    sections: Vec<Section>,
    /// Open sections, innermost last.
    open: Vec<usize>,
    /// Sections whose heading names one of several sections, or a section
    /// only if a cue follows: decided once the whole document is read.
    undecided: Vec<(usize, HeadingMatch)>,
    heading: Option<Heading>,
    label: Label,
    prompt: Option<Prompt>,
    paragraph_start: bool,
    /// The next event starts a top-level list item's text.
    item_start: bool,
    /// Inside a top-level paragraph; and the next event starts one of its
    /// lines ("**Severity:** S2\n**Impact:** ...").
    in_paragraph: bool,
    line_start: bool,
    quote_depth: usize,
    list_depth: usize,
    code_depth: usize,
    table_depth: usize,
    in_table_head: bool,
    autolink_depth: usize,
    image_depth: usize,
    items: Vec<RawItem>,
    item_stack: Vec<usize>,
    /// Open items nested deeper than [`MAX_ITEM_DEPTH`], not recorded.
    too_deep: usize,
    /// Top-level paragraphs (not in a list, table or quote).
    paragraphs: Vec<Range<usize>>,
    tables: Vec<RawTable>,
    /// Link targets (after reference resolution) and where they are.
    links: Vec<(Range<usize>, String)>,
    emphasis: Vec<Range<usize>>,
}

impl<'a> Document<'a> {
    /// Parses `source`. Never fails: whatever is wrong with the text becomes
    /// a diagnostic of some rule.
    pub fn parse(source: &'a str, options: &ParseOptions<'_>) -> Document<'a> {
        let front_matter = front_matter::parse(source);
        let body_start = match &front_matter {
            Some(fm) => fm.span.end,
            None if source.starts_with('\u{feff}') => 3,
            None => 0,
        };
        let mut w = Walker {
            source,
            template: options.template,
            prose: vec![b' '; source.len()],
            runs: Vec::new(),
            run: None,
            unchecked: Vec::new(),
            comments: Vec::new(),
            sections: Vec::new(),
            open: Vec::new(),
            undecided: Vec::new(),
            heading: None,
            label: Label::None,
            prompt: None,
            paragraph_start: false,
            item_start: false,
            in_paragraph: false,
            line_start: false,
            quote_depth: 0,
            list_depth: 0,
            code_depth: 0,
            table_depth: 0,
            in_table_head: false,
            autolink_depth: 0,
            image_depth: 0,
            items: Vec::new(),
            item_stack: Vec::new(),
            too_deep: 0,
            paragraphs: Vec::new(),
            tables: Vec::new(),
            links: Vec::new(),
            emphasis: Vec::new(),
        };
        // Front matter keys that name sections count as those sections.
        for key in front_matter.iter().flat_map(|f| &f.keys) {
            let matches = options.template.match_heading(&key.name).sections;
            if matches != 0 {
                w.sections.push(Section {
                    level: 0,
                    heading: key.span.clone(),
                    body: key.span.clone(),
                    matches,
                    loose: 0,
                    has_content: key.filled,
                });
            }
        }
        let markdown_options = Options::ENABLE_TABLES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES;
        let parser = Parser::new_ext(&source[body_start..], markdown_options).into_offset_iter();
        for (event, range) in parser {
            let range = range.start + body_start..range.end + body_start;
            w.event(event, range);
        }
        w.finish();

        let mut prose = w.prose;
        for run in &w.runs {
            mask_quotes_and_urls(&mut prose[run.clone()]);
        }
        // Only whole characters were copied; the rest is ASCII.
        let prose = String::from_utf8(prose).unwrap_or_default();

        let title = find_title(&w.sections);
        sections::decide(source, options.template, &mut w.sections, &w.undecided, title);
        let mut sections = w.sections;
        let title_span = title.map(|i| sections.remove(i).heading);
        // Sections no heading names, for the template sections the document lacks.
        let position = |f: fn(&SectionSpec) -> bool| options.template.sections.iter().position(f);
        add_unheaded(&mut sections, position(|s| s.lead), |sections| {
            lead_summary(source, sections, &w.paragraphs, title_span.as_ref(), body_start)
        });
        add_unheaded(&mut sections, position(|s| s.timestamped), |_| {
            timestamps::timeline_entries(source, &w.items, &w.tables, &w.paragraphs).map(|e| (e.clone(), e))
        });

        let mut unchecked = w.unchecked;
        unchecked.extend(w.comments.iter().cloned());
        let unchecked = merge(unchecked);
        let directives = directives::parse(source, &w.comments);

        let action_bit = options.template.action_items_section();
        add_unheaded(&mut sections, action_bit, |_| {
            action_table(source, &w.tables).map(|t| (t.clone(), t))
        });
        let action_items = match action_bit {
            Some(bit) => action_items::collect(&action_items::Parts {
                source,
                sections: &sections,
                action_bit: bit,
                items: &w.items,
                tables: &w.tables,
                paragraphs: &w.paragraphs,
                links: &w.links,
                owner_patterns: options.owner_patterns,
                date_order: options.date_order,
            }),
            None => Vec::new(),
        };

        Document {
            source,
            front_matter,
            title: title_span,
            sections,
            action_items,
            prose,
            runs: w.runs,
            unchecked,
            directives,
            emphasis: w.emphasis,
        }
    }

    /// Where diagnostics about the whole document go: the title heading,
    /// else the front matter's title, else the first line of the body
    /// (never the front matter's `---`).
    pub fn anchor(&self) -> Range<usize> {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let fm_title = self.front_matter.as_ref().and_then(|fm| {
            let key = fm.keys.iter().find(|k| k.name.eq_ignore_ascii_case("title"))?;
            let line = key.span.end..line_end(self.source, key.span.end);
            let value = self.source[line.clone()]
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '=' | '"' | '\''));
            let start = line.end - value.len();
            let value = value.trim_end().trim_end_matches(['"', '\'']);
            (!value.is_empty()).then(|| start..start + value.len())
        });
        fm_title.unwrap_or_else(|| {
            let body = match &self.front_matter {
                Some(fm) => fm.span.end,
                None if self.source.starts_with('\u{feff}') => 3,
                None => 0,
            };
            let rest = &self.source[body..];
            let start = body + (rest.len() - rest.trim_start().len());
            start..line_end(self.source, start)
        })
    }

    /// The sections that satisfy template section `index`.
    pub fn sections_for(&self, index: usize) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |s| s.matches & (1 << index) != 0)
    }

    /// Is `span` inside code, a comment or a block quote?
    pub fn is_unchecked(&self, span: &Range<usize>) -> bool {
        let i = self.unchecked.partition_point(|r| r.end <= span.start);
        self.unchecked
            .get(i)
            .is_some_and(|r| r.start < span.end.max(span.start + 1))
    }

    /// Is `span` inside an emphasized or linked title: words in Title
    /// Case ("*Careless People*", "[The Blame Game](...)")?
    pub fn in_title(&self, span: &Range<usize>) -> bool {
        let i = self.emphasis.partition_point(|r| r.start <= span.start);
        self.emphasis[..i]
            .iter()
            .rev()
            .take(4)
            .filter(|r| r.end >= span.end)
            .any(|r| is_title(&self.prose[r.clone()], at_sentence_start(&self.prose, r.start)))
    }

    /// Is `at` inside an action item?
    pub fn in_action_item(&self, at: usize) -> bool {
        // Items are in document order and do not overlap.
        let i = self.action_items.partition_point(|i| i.text.start <= at);
        i > 0 && at < self.action_items[i - 1].text.end
    }
}

/// The paragraphs between the title (or the front matter) and the first
/// section, as the summary when the document has none: a blog post's lead
/// ("# Outage of June 23\n\nOn Tuesday the API ...\n\n## Timeline").
/// A line ("See below.") is not one; a sentence that tells what happened is.
fn lead_summary(
    source: &str,
    sections: &[Section],
    paragraphs: &[Range<usize>],
    title: Option<&Range<usize>>,
    body_start: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    // "Google's DNS stopped responding to requests for usegalaxy.eu for 35
    // minutes." is a summary; "See below." and "This is a blameless
    // postmortem. Please read it in that spirit." are not.
    const LEAD_MIN: usize = 60;
    const LEAD_LONG: usize = 160;
    let start = title.map_or(body_start, |t| t.end);
    let end = sections
        .iter()
        .filter(|s| (1..=7).contains(&s.level) && s.heading.start >= start)
        .map(|s| s.heading.start)
        .min()?;
    let lead: Vec<&Range<usize>> = paragraphs
        .iter()
        .filter(|p| p.start >= start && p.end <= end)
        .collect();
    let first = lead.first()?;
    let size: usize = lead.iter().map(|p| p.len()).sum();
    // A short lead is one when a sentence of it tells what happened: it
    // ends, and has a verb in the past ("stopped", "crashed", "was").
    let tells = |p: &&Range<usize>| {
        let t = source[(*p).clone()].trim_end();
        let ends = t.ends_with(['.', '!']) || t.ends_with(".)") || t.ends_with(".\"");
        let en = crate::wording::english::english();
        // Not "read" or "set": their past is their present.
        let past = t.split(|c: char| !c.is_alphabetic()).any(|w| {
            let w = w.to_lowercase();
            en.is_past(&w) && !en.is_base_participle(&w)
        });
        p.len() >= LEAD_MIN && ends && past && !t.starts_with("**")
    };
    let enough = size >= LEAD_LONG || lead.iter().any(tells);
    enough.then(|| ((*first).clone(), first.start..end))
}

/// A table of action items under a heading that names no section (an
/// "Action item | Owner" table after a field block).
fn action_table(source: &str, tables: &[RawTable]) -> Option<Range<usize>> {
    // "| 10:02 | Action | Owner |" rows are a timeline's.
    let timed = |t: &RawTable| {
        t.rows
            .iter()
            .filter_map(|r| r.cells.first())
            .any(|c| timestamps::starts_with_time(&source[c.clone()]))
    };
    let table = tables
        .iter()
        .find(|t| !t.quoted && action_items::is_action_table(&t.header) && !timed(t))?;
    Some(table.span.clone())
}

/// Adds a section that no heading names (a blog post's lead, a timeline
/// kept inside another section, an action table after a field block) for
/// template section `index`, when no section satisfies it: `find` gives its
/// heading and body.
fn add_unheaded(
    sections: &mut Vec<Section>,
    index: Option<usize>,
    find: impl FnOnce(&[Section]) -> Option<(Range<usize>, Range<usize>)>,
) {
    let Some(index) = index else { return };
    if sections.iter().any(|s| s.matches & (1 << index) != 0) {
        return;
    }
    let Some((heading, body)) = find(sections) else {
        return;
    };
    let at = sections.partition_point(|s| s.heading.start < heading.start);
    sections.insert(
        at,
        Section {
            level: 0,
            heading,
            body,
            matches: 1 << index,
            loose: 0,
            has_content: true,
        },
    );
}

/// The title: the first heading, when it is a level-1 heading that is not
/// one of several level-1 sections: the only one, or followed by deeper
/// headings, or directly by the next heading (documents whose sections are
/// all level-1 headings, as Confluence exports them).
fn find_title(sections: &[Section]) -> Option<usize> {
    let mut headings = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| (1..=6).contains(&s.level));
    let (first, s) = headings.next()?;
    let next_is_deeper = headings.next().is_none_or(|(_, n)| n.level > 1);
    (s.level == 1 && (next_is_deeper || !s.has_content)).then_some(first)
}

impl Walker<'_, '_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Label::Pending { .. } = self.label {
            // A colon, maybe after a parenthetical, the end of the paragraph's
            // line, or a nested list: "**Impact**: ...", "**Timeline** (UTC):",
            // "- **Impact**" over sub-items. A list item that is only bold
            // ("- **Automatic recovery**") is emphasis, not a label.
            let confirms = match &event {
                Event::Text(t) => {
                    let t = t.trim_start();
                    let after = match t.strip_prefix('(') {
                        Some(p) => p.find(')').map_or("", |i| p[i + 1..].trim_start()),
                        None => t,
                    };
                    after.starts_with(':')
                }
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Paragraph)
                | Event::Start(Tag::List(_)) => true,
                _ => false,
            };
            if let Label::Pending { span, text } = std::mem::replace(&mut self.label, Label::None) {
                if confirms {
                    self.bold_label(span, &text);
                } else {
                    self.mark_content();
                }
            }
        }
        let starts_paragraph = std::mem::take(&mut self.paragraph_start);
        let starts_item = std::mem::take(&mut self.item_start);
        let starts_line = std::mem::take(&mut self.line_start);
        match event {
            Event::Start(tag) => self.start(tag, range, starts_paragraph, starts_item || starts_line),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if let Label::Collecting { text: label, .. } = &mut self.label {
                    label.push_str(&text);
                    return;
                }
                // "Impact: ..." opening a paragraph's line, or a top-level
                // list item ("- Root Causes: ...", Cosmos Hub's incident logs).
                if (starts_paragraph || starts_line) && self.in_paragraph {
                    self.plain_label(&text, range.clone(), false);
                } else if starts_item {
                    self.plain_label(&text, range.clone(), true);
                }
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&text);
                    h.text_span = Some(grow(&h.text_span, &range));
                    return;
                }
                if self.code_depth > 0 {
                    return;
                }
                if let Some(p) = &mut self.prompt {
                    if p.depth > 0 {
                        p.last_text.push_str(&text);
                    } else if !text.trim().is_empty() {
                        p.only_emphasis = false;
                    }
                }
                self.item_text(range.start);
                if !text.trim().is_empty() && !self.in_table_head {
                    self.mark_content();
                }
                if self.in_table_head {
                    if let Some(t) = self.tables.last_mut() {
                        if let Some(cell) = t.header.last_mut() {
                            cell.push_str(&text);
                        }
                    }
                    return;
                }
                if self.quote_depth == 0 && self.autolink_depth == 0 && self.image_depth == 0 {
                    self.prose_text(range);
                }
            }
            Event::Code(code) => {
                self.unchecked.push(range.clone());
                if let Some(p) = &mut self.prompt {
                    p.only_emphasis &= p.depth > 0;
                }
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&code);
                    h.text_span = Some(grow(&h.text_span, &range));
                    return;
                }
                if let Label::Collecting { text, .. } = &mut self.label {
                    text.push_str(&code);
                    return;
                }
                self.item_text(range.start);
                if self.in_table_head {
                    if let Some(cell) = self.tables.last_mut().and_then(|t| t.header.last_mut()) {
                        cell.push_str(&code);
                    }
                } else {
                    self.mark_content();
                    // A sentence may open with code: "`@deploy-bot` forgot its lock."
                    if self.run.is_none() && self.quote_depth == 0 {
                        self.run = Some(range);
                    }
                }
            }
            // Block HTML is read whole at its end.
            Event::Html(_) => {}
            Event::InlineHtml(html) => {
                if self.comments.last().is_some_and(|c| range.start < c.end) {
                    // A piece of a comment that spans lines.
                } else if html.starts_with("<!--") {
                    let end = self.source[range.start..]
                        .find("-->")
                        .map_or(range.end, |i| range.start + i + 3);
                    self.comments.push(range.start..end);
                } else if !html.trim().is_empty() && self.heading.is_none() {
                    self.item_text(range.start);
                    self.mark_content();
                }
            }
            Event::InlineMath(_) | Event::DisplayMath(_) | Event::FootnoteReference(_) => {
                self.item_text(range.start);
                self.mark_content();
            }
            Event::TaskListMarker(checked) => {
                if let Some(&i) = self.item_stack.last().filter(|_| self.too_deep == 0) {
                    self.items[i].checked = Some(checked);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.line_start = self.in_paragraph,
            Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>, starts_paragraph: bool, starts_item: bool) {
        if let Some(p) = &mut self.prompt {
            match tag {
                Tag::Emphasis => p.depth += 1,
                _ if p.depth == 0 => p.only_emphasis = false,
                _ => {}
            }
        }
        if matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ) {
            self.item_text(range.start);
            if !matches!(tag, Tag::Image { .. }) {
                self.emphasis.push(range.clone());
            }
        }
        match tag {
            Tag::Heading { level, .. } => {
                self.end_run();
                self.heading = Some(Heading {
                    level: level as u8,
                    start: range.start,
                    text: String::new(),
                    text_span: None,
                });
            }
            Tag::Paragraph => {
                self.end_run();
                self.paragraph_start = self.quote_depth == 0 && self.list_depth == 0 && self.table_depth == 0;
                self.in_paragraph = self.paragraph_start;
                if self.paragraph_start {
                    self.paragraphs.push(range);
                }
                // The first paragraph of a loose list item.
                self.item_start = starts_item;
            }
            Tag::Emphasis if starts_paragraph && self.heading.is_none() => {
                self.prompt = Some(Prompt {
                    depth: 1,
                    only_emphasis: true,
                    ..Prompt::default()
                });
            }
            Tag::Strong if (starts_paragraph || starts_item) && self.heading.is_none() => {
                self.label = Label::Collecting {
                    start: range.start,
                    text: String::new(),
                };
            }
            Tag::BlockQuote(_) => {
                self.end_run();
                self.quote_depth += 1;
                self.unchecked.push(range);
            }
            Tag::CodeBlock(_) => {
                self.end_run();
                self.code_depth += 1;
                self.unchecked.push(range);
                self.item_text(self.source.len());
                self.mark_content();
            }
            Tag::HtmlBlock => self.end_run(),
            Tag::List(_) => {
                self.end_run();
                self.list_depth += 1;
                if let Some(&i) = self.item_stack.last() {
                    let item = &mut self.items[i];
                    item.nested_start.get_or_insert(range.start);
                }
            }
            Tag::Item if self.item_stack.len() >= MAX_ITEM_DEPTH => {
                self.end_run();
                self.too_deep += 1;
            }
            Tag::Item => {
                self.end_run();
                let parent = self.item_stack.last().copied();
                self.items.push(RawItem {
                    span: range,
                    text_start: None,
                    nested_start: None,
                    checked: None,
                    parent,
                    quoted: self.quote_depth > 0,
                });
                self.item_stack.push(self.items.len() - 1);
                // "- **Impact**: ...": a top-level list item may start with a label.
                self.item_start = self.list_depth == 1 && self.quote_depth == 0 && self.table_depth == 0;
            }
            Tag::Table(_) => {
                self.end_run();
                self.table_depth += 1;
                self.tables.push(RawTable {
                    header: Vec::new(),
                    rows: Vec::new(),
                    span: range,
                    quoted: self.quote_depth > 0,
                });
            }
            Tag::TableHead => self.in_table_head = true,
            Tag::TableRow => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(RawRow {
                        span: range,
                        cells: Vec::new(),
                    });
                }
            }
            Tag::TableCell => {
                self.end_run();
                if let Some(t) = self.tables.last_mut() {
                    if self.in_table_head {
                        t.header.push(String::new());
                    } else if let Some(row) = t.rows.last_mut() {
                        row.cells.push(trim(self.source, range));
                    }
                }
            }
            Tag::Link {
                link_type, dest_url, ..
            } => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    self.autolink_depth += 1;
                }
                self.links.push((range, dest_url.into_string()));
            }
            Tag::Image { .. } => {
                self.image_depth += 1;
                self.mark_content();
            }
            Tag::FootnoteDefinition(_) => self.end_run(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(h) = self.heading.take() {
                    self.heading_done(h, range);
                }
            }
            TagEnd::Strong => {
                if let Label::Collecting { start, text } = std::mem::replace(&mut self.label, Label::None) {
                    let span = start..range.end;
                    if text.trim_end().ends_with(':') {
                        self.bold_label(span, &text);
                    } else {
                        self.label = Label::Pending { span, text };
                    }
                }
            }
            TagEnd::Emphasis => {
                if let Some(p) = &mut self.prompt {
                    p.depth = p.depth.saturating_sub(1);
                    if p.depth == 0 {
                        p.instruction |= is_prompt(&p.last_text);
                        p.last_text.clear();
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                self.end_run();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.code_depth = self.code_depth.saturating_sub(1),
            TagEnd::List(_) => {
                self.end_run();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::Item => {
                self.end_run();
                if self.too_deep > 0 {
                    self.too_deep -= 1;
                } else {
                    self.item_stack.pop();
                }
            }
            TagEnd::Table => {
                self.end_run();
                self.table_depth = self.table_depth.saturating_sub(1);
            }
            TagEnd::TableHead => self.in_table_head = false,
            // Only autolinks were counted; other links start with `[`.
            TagEnd::Link if self.autolink_depth > 0 && self.source[range.clone()].starts_with('<') => {
                self.autolink_depth -= 1;
            }
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::HtmlBlock => {
                self.end_run();
                self.html_block(range);
            }
            TagEnd::Paragraph => {
                self.end_run();
                self.in_paragraph = false;
                if let Some(p) = self.prompt.take() {
                    if p.pending && !(p.only_emphasis && p.instruction) {
                        self.mark_content();
                    }
                }
            }
            TagEnd::TableCell | TagEnd::FootnoteDefinition => self.end_run(),
            _ => {}
        }
    }

    fn heading_done(&mut self, h: Heading, range: Range<usize>) {
        // Headings quoted or inside list items are content, not sections.
        if self.quote_depth > 0 || self.list_depth > 0 {
            self.mark_content();
            return;
        }
        let heading = h
            .text_span
            .unwrap_or_else(|| h.start..line_end(self.source, h.start));
        let heading = trim(self.source, heading);
        while let Some(&top) = self.open.last() {
            if self.sections[top].level < h.level {
                break;
            }
            self.sections[top].body.end = h.start;
            self.open.pop();
        }
        // "### 4:09-4:56 PM: Post-incident follow-up" is a timeline entry.
        let m = if sections::starts_with_time(&h.text) {
            HeadingMatch::default()
        } else {
            self.restrict(self.template.match_heading(&h.text))
        };
        self.push_section(h.level, heading, range.end, m);
    }

    fn push_section(&mut self, level: u8, heading: Range<usize>, body_start: usize, m: HeadingMatch) {
        if m.either != 0 || m.cued != 0 {
            self.undecided.push((self.sections.len(), m));
        }
        self.sections.push(Section {
            level,
            heading,
            body: body_start..self.source.len(),
            matches: m.sections,
            loose: m.loose,
            has_content: false,
        });
        self.open.push(self.sections.len() - 1);
    }

    fn bold_label(&mut self, span: Range<usize>, text: &str) {
        let name = text.trim().trim_end_matches([':', '?', ' ']);
        let m = if sections::is_label_like(text) {
            self.restrict(self.template.match_heading(name))
        } else {
            HeadingMatch::default()
        };
        if m.is_none() {
            self.mark_content();
            return;
        }
        while let Some(&top) = self.open.last() {
            if self.sections[top].level < 7 {
                break;
            }
            self.sections[top].body.end = span.start;
            self.open.pop();
        }
        self.push_section(7, span.clone(), span.end, m);
    }

    /// A plain `Key: value` line of a paragraph whose key names a section
    /// ("Impact: ...", "User impact: ..." in Flutter's template), or of a
    /// top-level list item (`item`) whose whole key is a section's name
    /// ("- Root Causes: ...").
    fn plain_label(&mut self, text: &str, range: Range<usize>, item: bool) {
        let Some(colon) = text.find(':') else { return };
        let key = &text[..colon];
        // Offsets are the source's only when the text is as written (no
        // escapes or entities before the colon).
        if !self.source[range.clone()].starts_with(&text[..=colon]) {
            return;
        }
        let at = range.start;
        let plain = key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’' || c == '&');
        let after_ok = text[colon + 1..].chars().next().is_none_or(char::is_whitespace);
        if !plain || !after_ok || key.trim().is_empty() || key.split_whitespace().count() > 4 {
            return;
        }
        let m = if item {
            self.template.match_whole_label(key)
        } else {
            self.template.match_heading(key)
        };
        let m = self.restrict(m);
        if m.is_none() {
            return;
        }
        while let Some(&top) = self.open.last() {
            if self.sections[top].level < 7 {
                break;
            }
            self.sections[top].body.end = at;
            self.open.pop();
        }
        self.push_section(7, at..at + colon + 1, at + colon + 1, m);
    }

    /// Records the comments of an HTML block; any other HTML is content.
    fn html_block(&mut self, range: Range<usize>) {
        let text = &self.source[range.clone()];
        let mut rest = 0;
        let mut other = false;
        while let Some(i) = text[rest..].find("<!--") {
            other |= !text[rest..rest + i].trim().is_empty();
            let start = rest + i;
            let end = text[start + 4..]
                .find("-->")
                .map_or(text.len(), |j| start + 4 + j + 3);
            self.comments.push(range.start + start..range.start + end);
            rest = end;
        }
        other |= !text[rest..].trim().is_empty();
        if other {
            self.item_text(range.start);
            self.mark_content();
        }
    }

    /// Under the action-items section, a heading is a group of action items
    /// ("### Mitigation" in Flutter's template), never another section.
    fn restrict(&self, m: HeadingMatch) -> HeadingMatch {
        let Some(bit) = self.template.action_items_section() else {
            return m;
        };
        let under_actions = self
            .open
            .iter()
            .any(|&i| self.sections[i].matches & !self.sections[i].loose & (1 << bit) != 0);
        if under_actions { m.within(1 << bit) } else { m }
    }

    /// Marks every open section as having content.
    fn mark_content(&mut self) {
        if let Some(p) = &mut self.prompt {
            p.pending = true;
            return;
        }
        for &i in self.open.iter().rev() {
            if self.sections[i].has_content {
                break;
            }
            self.sections[i].has_content = true;
        }
    }

    /// Notes where the innermost open list item's text begins.
    fn item_text(&mut self, at: usize) {
        if let Some(&i) = self.item_stack.last() {
            let item = &mut self.items[i];
            if item.text_start.is_none() && item.nested_start.is_none() {
                item.text_start = Some(at.min(item.span.end));
            }
        }
    }

    fn prose_text(&mut self, range: Range<usize>) {
        self.prose[range.clone()].copy_from_slice(&self.source.as_bytes()[range.clone()]);
        match &mut self.run {
            Some(run) => run.end = range.end,
            None => self.run = Some(range),
        }
    }

    fn end_run(&mut self) {
        if let Some(run) = self.run.take() {
            if let Some(b) = self.prose.get_mut(run.end) {
                *b = 0;
            }
            self.runs.push(run);
        }
    }

    fn finish(&mut self) {
        self.end_run();
        if let Label::Pending { span, text } = std::mem::replace(&mut self.label, Label::None) {
            self.bold_label(span, &text);
        }
    }
}

fn grow(span: &Option<Range<usize>>, r: &Range<usize>) -> Range<usize> {
    match span {
        Some(s) => s.start.min(r.start)..s.end.max(r.end),
        None => r.clone(),
    }
}

/// Italic text a template leaves as an instruction: a question ("What was
/// the impact?"), or an imperative ("Describe the impact.", "(List the
/// responders)").
fn is_prompt(italic: &str) -> bool {
    let t = italic.trim();
    let first = t
        .trim_start_matches(['(', '['])
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    t.ends_with('?')
        || matches!(
            first.as_str(),
            "describe"
                | "list"
                | "explain"
                | "summarize"
                | "summarise"
                | "include"
                | "add"
                | "write"
                | "provide"
                | "enter"
                | "insert"
                | "note"
                | "give"
                | "state"
                | "link"
                | "attach"
                | "document"
                | "outline"
                | "detail"
                | "mention"
                | "specify"
                | "identify"
                | "fill"
                | "replace"
                | "put"
        )
}

/// The range without surrounding whitespace.
pub(crate) fn trim(source: &str, r: Range<usize>) -> Range<usize> {
    let text = &source[r.clone()];
    let start = r.start + (text.len() - text.trim_start().len());
    let end = r.start + text.trim_end().len();
    start..end.max(start)
}

pub(crate) fn line_end(source: &str, at: usize) -> usize {
    source[at..].find(['\n', '\r']).map_or(source.len(), |i| at + i)
}

/// Title Case: every word of four letters or more capitalized, and more
/// than one word (a single capitalized word at a sentence's start is only
/// that).
fn is_title(text: &str, sentence_start: bool) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    !words.is_empty()
        && capitalized(&words[0])
        && words.iter().filter(|w| w.chars().count() >= 4).all(capitalized)
        && (words.len() > 1 || !sentence_start)
}

/// Does a sentence start at byte `at` of masked prose?
fn at_sentence_start(prose: &str, at: usize) -> bool {
    let before = prose[..at].trim_end_matches([' ', '\n', '\t', '\r']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\0'])
}

/// Sorts and merges ranges.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Blanks "quoted speech" and bare URLs in a prose run.
fn mask_quotes_and_urls(run: &mut [u8]) {
    // Bare URLs: `http://` or `https://` up to whitespace or a block edge.
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&run[from..], b"http").map(|i| from + i) {
        let rest = &run[i + 4..];
        if rest.starts_with(b"://") || rest.starts_with(b"s://") {
            let end = run[i..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == 0)
                .map_or(run.len(), |p| i + p);
            run[i..end].fill(b' ');
            from = end;
        } else {
            from = i + 4;
        }
    }
    // Quoted speech: "...", “...”, „...“, ‘...’, «...», and '...' when the quote
    // marks stand at word edges (19" is an inch mark, Kim's an apostrophe).
    let Ok(text) = std::str::from_utf8(run) else {
        return;
    };
    let mut blank: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<(char, usize)> = None;
    // Only bytes that can start a quote mark: " ' and the lead bytes of
    // “ ” ‘ ’ (E2) and « » (C2).
    let marks = memchr::memchr3_iter(b'"', b'\'', 0xE2, &*run).chain(memchr::memchr_iter(0xC2, &*run));
    let mut marks: Vec<usize> = marks.collect();
    marks.sort_unstable();
    for i in marks {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        let prev = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        let after_edge = prev.is_none_or(|p| !p.is_alphanumeric());
        let before_edge = next.is_none_or(|n| !n.is_alphanumeric());
        match open {
            Some((close, start)) if c == close && prev.is_some_and(|p| !p.is_whitespace()) && before_edge => {
                blank.push(start..i);
                open = None;
            }
            None => {
                let closer = match c {
                    '"' => Some('"'),
                    '\u{201c}' => Some('\u{201d}'),
                    '\u{2018}' => Some('\u{2019}'),
                    '\u{ab}' => Some('\u{bb}'),
                    '\u{201e}' => Some('\u{201c}'),
                    '\'' if prev.is_none_or(|p| p.is_whitespace() || "([:".contains(p)) => Some('\''),
                    _ => None,
                };
                if let Some(closer) = closer {
                    if after_edge && next.is_some_and(|n| !n.is_whitespace()) {
                        open = Some((closer, i + c.len_utf8()));
                    }
                }
            }
            Some(_) => {}
        }
    }
    for r in blank {
        run[r].fill(b' ');
    }
}

/// The model's patterns, for the table built ahead (see [`crate::automata`]).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static crate::pattern::Pattern> {
    let mut out = dates::patterns();
    out.extend(action_items::patterns());
    out.extend(sections::patterns());
    out
}

#[cfg(test)]
mod tests;
