//! pmlint never panics on user input, and every span it reports is a valid
//! range of the file that renders to a real position.

use pmlint::config::Config;
use pmlint::lint::Linter;
use pmlint::source::SourceFile;
use proptest::prelude::*;

fn linter() -> &'static Linter {
    static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(|| {
        let config =
            Config::from_text(None, "", std::path::Path::new("."), &pmlint::config::read_file).unwrap();
        Linter::from_config(&config, "2026-06-01".parse().unwrap(), &[], &[]).unwrap()
    });
    &LINTER
}

/// Pieces of Markdown that real postmortems are made of, and that stress
/// the parser: front matter, headings, labels, lists, tables, code, quotes,
/// comments, directives, CRLF, a BOM, tabs and wide characters.
const PIECES: &[&str] = &[
    "---\n",
    "+++\n",
    "title: x\n",
    "title = \"x\"\n",
    "# Title\n",
    "## Summary\n",
    "## Impact\n",
    "## Timeline (UTC)\n",
    "## Contributing factors\n",
    "## Resolution\n",
    "## Action items\n",
    "### Sub\n",
    "Setext\n---\n",
    "**Impact:** ",
    "**Root Causes**\n",
    "- ",
    "* ",
    "1. ",
    "  - ",
    "- [ ] ",
    "- [x] ",
    "| Action | Owner | Due | Status |\n",
    "|---|---|---|---|\n",
    "| a | @b | 2026-02-30 | DONE |\n",
    "|",
    "```\n",
    "~~~\n",
    "    indented code\n",
    "`code`",
    "> ",
    ">> ",
    "<!-- ",
    " -->",
    "<!-- pmlint-disable-next-line -->\n",
    "<!-- pmlint-disable wording -->",
    "<!-- pmlint-enable -->",
    "<!-- pmlint-disable-file -->",
    "<describe it>",
    "[insert x]",
    "{{ v }}",
    "TODO",
    "TBD",
    "human error",
    "should have known",
    "the engineer failed to notice",
    "forgot to",
    "lazy-loaded",
    "\"quoted human error\"",
    "https://x.org/a_b",
    "<https://x.org>",
    "[link](https://x.org/issues/1)",
    "Owner: ",
    "@kim",
    "due ",
    "2026-12-01",
    "Dec 15, 2026",
    "Q3 2026",
    "(done)",
    "✅",
    "~~",
    "**",
    "_",
    "*",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "日本語",
    "é",
    "🔥",
    "\u{feff}",
    "\u{0}",
    "[^1]",
    "[^1]: note\n",
    "<details>",
    "</details>",
    "\\",
    "&amp;",
    "#",
    ":",
    "(",
    ")",
    "[",
    "]",
];

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn check_spans(text: &str, linter: &Linter) {
    let diags = linter.lint_text(text);
    let file = SourceFile::new("x.md", text);
    for d in diags {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
        let (a, b) = (file.position(d.span.start), file.position(d.span.end));
        assert!(a <= b, "{d:?}");
        assert!(a.line >= 1 && a.column >= 1);
    }
}

/// A user's pack whose patterns reach into masked (non-prose) text.
fn linter_with_odd_pack() -> &'static Linter {
    static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(|| {
        let pack = "rule = \"blame-wording\"\n\
                    [[phrase]]\npattern = '\\s+\\w+\\s+'\nmessage = \"m\"\n\
                    [[phrase]]\npattern = '.{3}'\nmessage = \"m\"\nfollowed-by = \"past-participle\"\n\
                    [[phrase]]\npattern = '\\W+'\nmessage = \"m\"\nsubject = \"person\"\n";
        let read = |_: &std::path::Path| Ok(pack.to_owned());
        let config =
            Config::from_text(None, "packs = [\"odd.toml\"]\n", std::path::Path::new(""), &read).unwrap();
        Linter::from_config(&config, "2026-06-01".parse().unwrap(), &[], &[]).unwrap()
    });
    &LINTER
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn markdownish_text_never_panics(text in markdownish()) {
        check_spans(&text, linter());
    }

    #[test]
    fn odd_user_patterns_never_panic(text in markdownish()) {
        check_spans(&text, linter_with_odd_pack());
    }

    #[test]
    fn any_text_never_panics(text in any::<String>()) {
        check_spans(&text, linter());
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let report = linter().lint_bytes("x.md".into(), bytes);
        if let Some(text) = &report.text {
            for d in &report.diagnostics {
                prop_assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
            }
        }
    }
}

/// A match that ends in masked text must not end inside a character of the
/// source: here the masked "é" (two bytes) is two spaces in the prose copy.
#[test]
fn spans_never_split_a_masked_character() {
    let pack = "rule = \"blame-wording\"\n[[phrase]]\npattern = '\"\\s'\nmessage = \"m\"\n";
    let read = |_: &std::path::Path| Ok(pack.to_owned());
    let config = Config::from_text(None, "packs = [\"p.toml\"]\n", std::path::Path::new(""), &read).unwrap();
    let l = Linter::from_config(
        &config,
        "2026-06-01".parse().unwrap(),
        &["blame-wording".into()],
        &[],
    )
    .unwrap();
    let text = "He said \"é\" then.\n";
    let diags = l.lint_text(text);
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(diags.iter().all(|d| &text[d.span.clone()] == "\""), "{diags:?}");
    check_spans(text, &l);
}

/// Pathological nesting must not overflow the stack.
#[test]
fn deep_nesting() {
    let l = linter();
    for piece in [">", "- ", "*", "[", "<!--", "---\n[", "+++\na = ["] {
        let text = piece.repeat(20_000);
        check_spans(&text, l);
    }
    let yaml = format!("---\na: {}\n---\n", "[".repeat(50_000));
    check_spans(&yaml, l);
}
