//! pmlint never panics on user input, and every span it reports is a valid
//! range of the file that renders to a real position.

mod common;

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
    check_sorted_and_unique(&diags);
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

/// Diagnostics come sorted by position (then in the order `pmlint rules`
/// lists the rules), and no two say the same thing at the same place.
fn check_sorted_and_unique(diags: &[pmlint::diagnostic::Diagnostic]) {
    let order = |d: &pmlint::diagnostic::Diagnostic| {
        let rule = pmlint::rules::RULES.iter().position(|r| r.id() == d.rule.id());
        (d.span.start, d.span.end, rule)
    };
    for pair in diags.windows(2) {
        assert!(order(&pair[0]) <= order(&pair[1]), "not sorted: {pair:?}");
        assert!(
            (pair[0].rule, &pair[0].span, &pair[0].message)
                != (pair[1].rule, &pair[1].span, &pair[1].message),
            "reported twice: {:?}",
            pair[0]
        );
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
        let report = linter().lint_bytes("x.md".into(), bytes.clone());
        if let Some(text) = &report.text {
            for d in &report.diagnostics {
                prop_assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
                prop_assert!(text.is_char_boundary(d.span.end));
                // Offsets into the file as stored, never past its end.
                prop_assert!(d.span.start <= d.span.end && d.span.end <= bytes.len());
            }
        }
    }

    /// Bytes that are mostly Markdown, with some that are not UTF-8 or NUL:
    /// the unreadable-file diagnostic points at the first bad byte.
    #[test]
    fn bad_bytes_are_found_where_they_are(text in markdownish(), at in any::<prop::sample::Index>(), bad in prop::sample::select(&[0x00u8, 0x80, 0xC3, 0xE2, 0xFF][..])) {
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len() + 1);
        bytes.insert(i, bad);
        let report = linter().lint_bytes("x.md".into(), bytes.clone());
        let first_bad = match std::str::from_utf8(&bytes) {
            Err(e) => Some(e.valid_up_to()),
            Ok(_) => None,
        };
        let nul = bytes.iter().position(|&b| b == 0).filter(|&n| n < pmlint::input::SNIFF_LEN);
        if let Some(n) = nul {
            prop_assert_eq!(report.diagnostics.len(), 1);
            prop_assert_eq!(report.diagnostics[0].span.clone(), n..n + 1);
        } else if let Some(b) = first_bad {
            prop_assert_eq!(report.diagnostics.len(), 1);
            prop_assert_eq!(report.diagnostics[0].span.start, b);
            prop_assert!(report.diagnostics[0].span.end <= bytes.len());
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

/// The same files give the same output, byte for byte, whatever the number
/// of threads and however often pmlint runs: files are linted in parallel,
/// but reports are sorted before they are printed.
#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for rule in std::fs::read_dir(&fixtures).unwrap().flatten() {
        for f in std::fs::read_dir(rule.path()).unwrap().flatten() {
            // Many copies, so that threads really do finish out of order.
            for copy in 0..8 {
                let to = dir.path().join(format!(
                    "postmortems/{copy}/{}-{}",
                    n,
                    f.file_name().to_string_lossy()
                ));
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(f.path(), to).unwrap();
            }
            n += 1;
        }
    }
    let run = |threads: &str, format: &str| {
        let out = common::command(env!("CARGO_BIN_EXE_pmlint"))
            .args(["check", "--today", "2026-06-01", "--format", format])
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    // Workers render each file's output (snippets, JSON objects, SARIF
    // results); the order and what joins them must not depend on timing.
    for (format, threads) in [
        ("json", &["1", "2", "8", "1", "8"][..]),
        ("human", &["1", "2", "8", "1", "8"]),
        ("short", &["1", "2", "8", "1", "8"]),
        ("sarif", &["8"]),
        ("gitlab", &["8"]),
        ("github", &["8"]),
        ("jsonl", &["8"]),
    ] {
        let first = run("1", format);
        assert!(first.len() > 10_000, "{format}: too little output to compare");
        for &threads in threads {
            assert!(
                run(threads, format) == first,
                "{format} differs with {threads} threads"
            );
        }
    }
}
