use super::*;
use crate::packs::builtin_template;

fn parse(src: &str) -> Document<'_> {
    let t = Box::leak(Box::new(builtin_template("default").unwrap().unwrap()));
    Document::parse(
        src,
        &ParseOptions {
            template: t,
            owner_patterns: &[],
            date_order: DateOrder::Unknown,
        },
    )
}

fn text<'a>(doc: &'a Document<'_>, r: &Range<usize>) -> &'a str {
    &doc.source[r.clone()]
}

#[test]
fn title_and_sections() {
    let doc =
        parse("# DB outage\n\n## Summary\n\nIt broke.\n\n## Impact\n\n### Details\n\n## Timeline (UTC)\n");
    assert_eq!(text(&doc, doc.title.as_ref().unwrap()), "DB outage");
    let names: Vec<&str> = doc.sections.iter().map(|s| text(&doc, &s.heading)).collect();
    assert_eq!(names, ["Summary", "Impact", "Details", "Timeline (UTC)"]);
    assert!(doc.sections[0].has_content);
    assert!(!doc.sections[1].has_content, "a sub-heading alone is not content");
    assert_eq!(doc.sections[3].matches, 1 << 2);
}

#[test]
fn bold_labels_are_sections() {
    let doc =
        parse("**Impact**: users saw errors.\n\n**Root Causes:**\n\n**Detection**: alert\n\n**Note**: x\n");
    let names: Vec<&str> = doc.sections.iter().map(|s| text(&doc, &s.heading)).collect();
    assert_eq!(names, ["**Impact**", "**Root Causes:**", "**Detection**"]);
    assert!(doc.sections[0].has_content);
    assert!(!doc.sections[1].has_content);
}

#[test]
fn comments_are_not_content() {
    let doc = parse("## Impact\n\n<!-- describe the impact -->\n\n## Timeline\n\n- 10:00 start\n");
    assert!(!doc.sections[0].has_content);
    assert!(doc.sections[1].has_content);
}

#[test]
fn prose_excludes_code_quotes_and_urls() {
    let src = "Human `error` here.\n\n> human error\n\n```\nhuman error\n```\n\nSaid \"human error\" at https://x.org/human-error ok\n";
    let doc = parse(src);
    assert!(doc.prose.len() == src.len());
    assert!(!doc.prose.contains("error"), "{:?}", doc.prose);
    assert!(doc.prose.contains("Human"));
    assert!(doc.prose.contains("ok"));
}

#[test]
fn prose_joins_emphasis_and_line_breaks() {
    let src = "It was **human**\nerror.\n";
    let doc = parse(src);
    let run = &doc.prose[doc.runs[0].clone()];
    assert_eq!(
        run.split_whitespace().collect::<Vec<_>>(),
        ["It", "was", "human", "error."]
    );
}

#[test]
fn action_items_from_lists_and_tables() {
    let src = "\
## Action items

- [ ] Add an alert on queue depth (Owner: @sre-team, due 2026-12-15)
- [x] Roll back the config
- Process:
  - Write the runbook
    Assignee: Kim
- Fix the [bug](https://github.com/o/r/issues/12)

| Action | Owner | Due date | Status |
|---|---|---|---|
| Add dry-run | alice | 2026-02-30 | open |
| Remove flag | TBD | | DONE |
| | | | |
";
    let doc = parse(src);
    let items: Vec<&str> = doc.action_items.iter().map(|a| text(&doc, &a.span)).collect();
    assert_eq!(
        items,
        [
            "Add an alert on queue depth (Owner: @sre-team, due 2026-12-15)",
            "Roll back the config",
            "Write the runbook",
            "Fix the [bug](https://github.com/o/r/issues/12)",
            "Add dry-run",
            "Remove flag",
        ]
    );
    let a = &doc.action_items;
    assert_eq!(text(&doc, a[0].owner.as_ref().unwrap()), "@sre-team");
    assert!(a[0].due_date().unwrap().date.is_some());
    assert!(a[1].done && a[1].owner.is_none());
    assert_eq!(text(&doc, a[2].owner.as_ref().unwrap()), "Kim");
    assert!(a[3].has_ticket && a[3].due.is_none());
    assert_eq!(text(&doc, a[4].owner.as_ref().unwrap()), "alice");
    assert!(
        a[4].due_date().unwrap().date.is_none(),
        "2026-02-30 is not a date"
    );
    assert!(a[5].done && a[5].owner.is_none());
}

#[test]
fn not_action_items_outside_the_section() {
    let doc = parse("## Timeline\n\n- 10:00 it broke\n\n## Lessons\n\n- fix it\n");
    assert!(doc.action_items.is_empty());
}

#[test]
fn crlf_and_bom_spans() {
    let src = "\u{feff}# T\r\n\r\n## Action items\r\n\r\n- Do it\r\n";
    let doc = parse(src);
    assert_eq!(text(&doc, doc.title.as_ref().unwrap()), "T");
    assert_eq!(text(&doc, &doc.action_items[0].span), "Do it");
}

#[test]
fn italic_questions_are_template_prompts() {
    let doc = parse(
        "## Resolution\n_What steps were taken?_\n_Date/time of resolution_\n\n## Impact\n*No customer impact.*\n\n## Timeline\n_When?_ at 10:00\n",
    );
    assert!(!doc.sections[0].has_content);
    assert!(doc.sections[1].has_content);
    assert!(doc.sections[2].has_content);
}

#[test]
fn italic_imperatives_are_template_prompts() {
    let doc = parse(
        "## Impact\n\n*Describe the impact here.*\n\n## Timeline\n\n_(List the events)_\n\n## Summary\n\n*No customer impact.*\n",
    );
    assert!(!doc.sections[0].has_content);
    assert!(!doc.sections[1].has_content);
    assert!(doc.sections[2].has_content);
}

#[test]
fn headings_under_action_items_are_groups_not_sections() {
    let doc = parse("# T\n\n## Action items\n\n### Mitigation\n\n- Add a limit (@a, due 2026-12-01)\n");
    assert_eq!(
        doc.sections[1].matches, 0,
        "Mitigation here is not the resolution section"
    );
    assert_eq!(doc.action_items.len(), 1);
}

#[test]
fn a_first_h1_followed_by_a_heading_is_the_title() {
    let doc = parse("# Postmortem: recovery job timeline drift\n# Summary\n\nx\n# Timeline\n\n- 10:00 a\n");
    assert_eq!(
        text(&doc, doc.title.as_ref().unwrap()),
        "Postmortem: recovery job timeline drift"
    );
    assert_eq!(doc.sections.len(), 2);
}

#[test]
fn a_trailing_h1_does_not_make_the_title_a_section() {
    let doc = parse("# Timeline service outage\n\nIntro.\n\n## Summary\n\nx\n\n# Appendix\n\ny\n");
    assert_eq!(text(&doc, doc.title.as_ref().unwrap()), "Timeline service outage");
    let doc = parse("# Summary\n\nx\n\n# Impact\n\ny\n");
    assert!(doc.title.is_none());
}

#[test]
fn bold_labels_of_top_level_list_items_are_sections() {
    let doc = parse(
        "- **Impact**: users saw errors.\n- **Root cause** (short): a bad config.\n- **Note**: x\n  - **Resolution**: nested, not a section\n- **Automatic recovery**\n\n> - **Timeline**: quoted\n",
    );
    let names: Vec<&str> = doc.sections.iter().map(|s| text(&doc, &s.heading)).collect();
    assert_eq!(names, ["**Impact**", "**Root cause**"]);
    assert!(doc.sections.iter().all(|s| s.has_content && s.level == 7));
}

#[test]
fn bold_sentences_are_not_labels() {
    let doc = parse("## Notes\n\n**Readers need to take no action.**\n\n**Impact**\n\nNone.\n");
    let names: Vec<&str> = doc.sections.iter().map(|s| text(&doc, &s.heading)).collect();
    assert_eq!(names, ["Notes", "**Impact**"]);
}

#[test]
fn timeline_entries_are_not_sections() {
    let doc = parse("## Timeline\n\n### 4:09 PM: Post-incident follow-up\n\n- 4:10 blog post\n");
    assert_eq!(doc.sections[1].matches, 0);
    assert!(doc.action_items.is_empty());
}

#[test]
fn a_shared_heading_names_the_section_the_document_lacks() {
    let summary = 1 << 0;
    let causes = 1 << 3;
    // First, with the causes elsewhere: the summary.
    let doc = parse("# T\n\n## What happened\n\nIt broke.\n\n## Root cause\n\nA bug.\n");
    assert_eq!(doc.sections[0].matches, summary);
    // After the summary: the causes.
    let doc = parse("# T\n\n## Overview\n\nIt broke.\n\n## What happened\n\nA bug.\n");
    assert_eq!(doc.sections[1].matches, causes);
    // Neither elsewhere: first in the document, the summary; later, the causes.
    let doc = parse("# T\n\n## What happened?\n\nIt broke.\n");
    assert_eq!(doc.sections[0].matches, summary);
    let doc = parse("# T\n\n## Mitigation\n\nRestarted.\n\n## What happened\n\nA disk filled.\n");
    assert_eq!(doc.sections[1].matches, causes);
    // Neither, later, and the text is a causal account: the causes; first,
    // and a causal account: both, the summary and the only causes it has.
    let doc = parse("# T\n\n## Impact\n\nx\n\n## What happened\n\nIt broke because a disk filled.\n");
    assert_eq!(doc.sections[1].matches, causes);
    let doc = parse("# T\n\n## What happened\n\nIt broke because a disk filled.\n\n## Mitigation\n\nx\n");
    assert_eq!(doc.sections[0].matches, summary | causes);
}

#[test]
fn a_conclusion_is_the_causes_only_with_a_causal_account() {
    let causes = 1 << 3;
    let doc = parse("# T\n\n## Conclusion\n\nThis was caused by two factors.\n");
    assert_ne!(doc.sections[0].matches & causes, 0);
    let doc = parse("# T\n\n## Conclusion\n\nApologies for the trouble.\n");
    assert_eq!(doc.sections[0].matches & causes, 0);
}

#[test]
fn the_anchor_is_the_title_never_the_front_matter() {
    let doc = parse("---\ntitle: \"Disk full\"\n---\n\n## Summary\n");
    assert_eq!(text(&doc, &doc.anchor()), "Disk full");
    let doc = parse("+++\ndate = 2026-01-01\n+++\n\nIntro.\n");
    assert_eq!(text(&doc, &doc.anchor()), "Intro.");
    let doc = parse("---\ntitle: x\n---\n# Real title\n");
    assert_eq!(text(&doc, &doc.anchor()), "Real title");
}

#[test]
fn labels_at_the_start_of_a_paragraph_line() {
    let doc = parse("**Severity:** S2\n**Impact:** Missed attestations.\nUser impact: none.\nNote: x\n");
    let names: Vec<&str> = doc.sections.iter().map(|s| text(&doc, &s.heading)).collect();
    assert_eq!(names, ["**Impact:**", "User impact:"]);
    assert!(doc.sections.iter().all(|s| s.has_content));
    // Not mid-line, and not words that merely end in a colon.
    let doc = parse("We looked at the impact: none.\nThe root cause of it all: a typo.\n");
    assert!(doc.sections.is_empty());
}

#[test]
fn a_plain_label_after_an_entity_keeps_true_spans() {
    // The parser's text ("R&D impact:") differs from the source here.
    let doc = parse("R&amp;D impact: none\nRoot cause\\: a typo\n");
    for s in &doc.sections {
        assert!(doc.source.is_char_boundary(s.heading.start) && doc.source.is_char_boundary(s.heading.end));
        assert!(doc.source[s.heading.clone()].ends_with(':'));
    }
}

#[test]
fn items_nested_past_the_limit_are_not_items() {
    // 100 lists deep, a task at the bottom, then a real item.
    let deep: String = (0..100).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
    let src = format!(
        "# T\n\n## Action items\n\n{}{}- [ ] Fix\n\n- [ ] Add a limit (@kim, due 2026-12-01)\n",
        deep,
        "  ".repeat(100)
    );
    let doc = parse(&src);
    let texts: Vec<&str> = doc.action_items.iter().map(|a| text(&doc, &a.span)).collect();
    assert_eq!(texts, ["a", "Add a limit (@kim, due 2026-12-01)"]);
}

#[test]
fn a_lead_is_the_section_that_takes_it_in_every_builtin_template() {
    let lead = "On Tuesday the API returned errors for two hours, because a certificate \
        expired on the storage backend and every download failed its TLS check. Publishing kept working.";
    let src = format!("# Outage\n\n{lead}\n\n## Timeline\n\n- 10:00 x\n");
    for name in ["default", "pagerduty", "google-sre"] {
        let t = Box::leak(Box::new(builtin_template(name).unwrap().unwrap()));
        let index = t.sections.iter().position(|s| s.lead).unwrap();
        let options = ParseOptions {
            template: t,
            owner_patterns: &[],
            date_order: DateOrder::Unknown,
        };
        let doc = Document::parse(&src, &options);
        assert!(doc.sections_for(index).next().is_some(), "{name}");
        // "See below." is no lead.
        let doc = Document::parse("# Outage\n\nSee below.\n\n## Timeline\n\n- 10:00 x\n", &options);
        assert!(doc.sections_for(index).next().is_none(), "{name}");
    }
}
