use super::*;
use crate::document::ParseOptions;
use crate::packs::{self, Template};

fn lexicon() -> Lexicon {
    Lexicon::new(builtin_wording_packs())
}

/// The (rule, text) of every finding in a one-paragraph document.
fn found(text: &str) -> Vec<(&'static str, String)> {
    found_with(&lexicon(), &People::default(), text)
}

fn found_with(lex: &Lexicon, people: &People, text: &str) -> Vec<(&'static str, String)> {
    let template: Template = packs::builtin_template("default").unwrap().unwrap();
    let doc = Document::parse(
        text,
        &ParseOptions {
            template: &template,
            owner_patterns: &[],
            date_order: Default::default(),
        },
    );
    lex.scan(&doc, people)
        .into_iter()
        .map(|f| (f.rule, text[f.span].to_owned()))
        .collect()
}

#[test]
fn literals_come_from_prefixes_or_suffixes() {
    let pack = PhrasePack::parse(
        "p.toml",
        "rule = \"blame-wording\"\n[[phrase]]\npattern = \"careless(ly|ness)?\"\nmessage = \"m\"\n\
         [[phrase]]\npattern = \"[A-Z][a-z]+'s fault\"\ncase-sensitive = true\nmessage = \"m\"\n\
         [[phrase]]\npattern = \"\\\\w+ed\"\nmessage = \"m\"\n",
    )
    .unwrap();
    let careless = literals(&pack.phrases[0]).unwrap();
    assert_eq!(careless.place, Place::Starts);
    assert_eq!(careless.words, ["careless"]);
    let fault = literals(&pack.phrases[1]).unwrap();
    assert_eq!(fault.place, Place::Ends);
    assert!(fault.words.iter().all(|l| l.ends_with("fault")));
    assert!(literals(&pack.phrases[2]).is_none());
    let lex = Lexicon::new(vec![pack]);
    assert_eq!(lex.unfiltered.len(), 1);
    assert_eq!(
        found_with(
            &lex,
            &People::default(),
            "He was careless; it was Kim's fault; it crashed."
        )
        .len(),
        3
    );
}

#[test]
fn subjects_decide() {
    let flagged = [
        "The engineer, tired after a long shift, failed to notice the alert.",
        "The engineer who was on call failed to notice the alert.",
        "The on-call engineer acknowledged the page and didn't check the graph.",
        "The author of the change failed to test it.",
        "Most of the engineers failed to notice.",
        "@alex forgot to renew the certificate.",
        "The engineers were tired and they failed to notice.",
        "The support desk failed to escalate the ticket.",
        "Renata Costa skipped the canary step.",
        "Kim, tired after a long shift, merged it without a review.",
    ];
    for s in flagged {
        assert_eq!(found(s).len(), 1, "{s}");
    }
    let clean = [
        "The health check failed to connect.",
        "The script ran but failed to check the exit code.",
        "The pods were evicted because they failed to respond.",
        "The script of the engineer failed to check the exit code.",
        "Customers failed to see their carts.",
        "We did not check the replica lag.",
        "15:28 The Kubernetes operator failed to update the status.",
        "The `billing-worker` skipped the retry.",
        "The cert manager failed to renew the certificate.",
        "Asking who failed to notice the alert is the wrong question.",
        // An aside between a system and its verb, with a person in it.
        "The migration script, written by Aisha, ran without a dry-run mode.",
        "The deploy, approved by Kim, went out without a canary.",
    ];
    for s in clean {
        assert_eq!(found(s), [], "{s}");
    }
}

/// A person's act named as the cause is the person named as the cause; a
/// system's is not, and "Zara's change" elsewhere does not make Zara a
/// system (as "the Zara service" would).
#[test]
fn a_persons_act_as_the_cause() {
    let text = "The root cause was Paolo's decision to bypass review.\n\n\
                The outage was caused by Zara's change to the retry config.\n\n\
                The root cause was his call to skip the canary.\n\n\
                The root cause was the scheduler's decision to evict the pod.\n\n\
                The outage was caused by Kubernetes' change to the node pool.\n\n\
                The root cause was our decision to skip the canary.\n\n\
                Zara's change was reverted at 10:02.\n";
    assert_eq!(
        found(text),
        [
            ("blame-wording", "root cause was Paolo's decision".to_owned()),
            ("blame-wording", "caused by Zara's change".to_owned()),
            ("blame-wording", "root cause was his call".to_owned()),
        ]
    );
}

#[test]
fn a_document_can_make_a_role_software() {
    let text = "We run the Postgres operator.\n\nThe operator failed to update the status.\n\n\
                The on-call operator failed to page the secondary.\n";
    assert_eq!(found(text), [("hindsight-wording", "failed to page".to_owned())]);
}

#[test]
fn long_paragraphs_cost_a_bounded_window_per_phrase() {
    // One paragraph, no sentence ends, a trigger every few words.
    let text = "the engineer forgot to renew it and ".repeat(2_000);
    let n = found(&text).len();
    assert_eq!(n, 2_000);
}

#[test]
fn titles_in_emphasis_or_links_are_not_prose() {
    assert_eq!(
        found("We read *Careless People* and [The Lazy Review](https://example.com)."),
        []
    );
    assert_eq!(
        found("The reviewer was *careless*."),
        [("blame-wording", "careless".to_owned())]
    );
}

#[test]
fn the_prefilter_prefers_rare_literals() {
    let pack = PhrasePack::parse(
        "p.toml",
        "rule = \"blame-wording\"\n[[phrase]]\npattern = \"(was|were) (ignored|missed)\"\nmessage = \"m\"\n",
    )
    .unwrap();
    let words = literals(&pack.phrases[0]).unwrap();
    assert_eq!(words.place, Place::Ends);
    assert_eq!(words.words, ["ignored", "missed"]);
}

/// A part every match has is a literal when its words are rarer than
/// those a match starts or ends with.
#[test]
fn the_prefilter_takes_a_rare_word_from_inside_a_phrase() {
    let pack = PhrasePack::parse(
        "p.toml",
        "rule = \"blame-wording\"\n\
         [[phrase]]\npattern = \"(the )?(real |main )?culprits? (was|is)\"\nmessage = \"m\"\n\
         [[phrase]]\npattern = \"no excuse for\"\nmessage = \"m\"\n\
         [[phrase]]\npattern = \"(he|she) was (lazy|careless) (again|then)|(had|has) (never|not) (bothered|cared) (again|then)\"\nmessage = \"m\"\n",
    )
    .unwrap();
    let words = |i: usize| {
        let l = literals(&pack.phrases[i]).unwrap();
        (l.place, l.words)
    };
    assert_eq!(words(0), (Place::Inside, vec!["culprit".to_owned()]));
    assert_eq!(words(1), (Place::Inside, vec!["excuse".to_owned()]));
    // Alternatives: each one's rarest words.
    assert_eq!(words(2).0, Place::Inside);
    assert_eq!(words(2).1, ["bothered", "cared", "careless", "lazy"]);
    let lex = Lexicon::new(vec![pack]);
    let text = "The real culprit was a stale cache. There is no excuse for that. \
                She was lazy again, and he had not bothered then.";
    let found: Vec<String> = found_with(&lex, &People::default(), text)
        .into_iter()
        .map(|(_, span)| span)
        .collect();
    assert_eq!(
        found,
        [
            "The real culprit was",
            "no excuse for",
            "She was lazy again",
            "had not bothered then"
        ]
    );
}

/// A phrase without prefilter literals runs its pattern over all prose of
/// every document: only the one whose words are all short may.
#[test]
fn every_builtin_wording_phrase_but_one_has_prefilter_literals() {
    let lex = lexicon();
    let unfiltered: Vec<&str> = lex
        .unfiltered
        .iter()
        .map(|id| lex.phrase(*id).1.pattern.as_str())
        .collect();
    assert_eq!(unfiltered.len(), 1, "{unfiltered:#?}");
    assert!(unfiltered[0].starts_with("(this|that|it|"), "{unfiltered:#?}");
}

/// rules/wording/prefilter.json holds every built-in phrase's literals as
/// they are worked out now. `PMLINT_BLESS=1 cargo test` rewrites it.
#[test]
fn the_builtin_literal_table_is_current() {
    let mut table = std::collections::BTreeMap::new();
    for pack in crate::packs::builtin_phrases().unwrap() {
        if crate::packs::phrases::WORDING_RULES.contains(&pack.rule) {
            for phrase in &pack.phrases {
                table.insert(phrase.source.clone(), super::extract_literals(phrase));
            }
        }
    }
    let mut json = String::from("{\n");
    for (i, (source, literals)) in table.iter().enumerate() {
        let comma = if i + 1 < table.len() { "," } else { "" };
        let key = serde_json::to_string(source).unwrap();
        let value = serde_json::to_string(&literals.as_ref().map(|l| {
            let kind = match l.place {
                super::Place::Starts => "prefixes",
                super::Place::Ends => "suffixes",
                super::Place::Inside => "inside",
            };
            serde_json::json!({ kind: l.words })
        }))
        .unwrap();
        json.push_str(&format!("  {key}: {value}{comma}\n"));
    }
    json.push_str("}\n");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/wording/prefilter.json");
    if std::env::var_os("PMLINT_BLESS").is_some() {
        std::fs::write(path, &json).unwrap();
    }
    assert!(
        super::KNOWN_LITERALS == json,
        "rules/wording/prefilter.json is stale: run `PMLINT_BLESS=1 cargo test the_builtin_literal_table`"
    );
}

/// The literals' automata built ahead find what Aho-Corasick finds, on
/// every fixture (mixed case, curly quotes, two-letter triggers before a
/// space or a line break).
#[test]
fn the_literals_built_ahead_find_what_aho_corasick_finds() {
    let lexicon = lexicon();
    assert!(
        lexicon.ahead.is_some(),
        "no automata built ahead for the built-in literals"
    );
    let ac = automaton(&lexicon.literals, AhoCorasickKind::ContiguousNFA).unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut text = String::from("IF it Was ALL ON him; ‘Blame’ — it’s on HER\nif\n");
    for rule in std::fs::read_dir(dir).unwrap() {
        for file in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            text.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap_or_default());
        }
    }
    let mut ours = Vec::new();
    lexicon.triggers(&text, |at, literal| ours.push((at, literal)));
    let theirs: Vec<(usize, usize)> = ac
        .find_iter(&text)
        .map(|m| (m.start(), m.pattern().as_usize()))
        .collect();
    assert!(theirs.len() > 100, "{}", theirs.len());
    assert_eq!(ours, theirs);
}

/// rules/wording/lexicon.json holds the built-in wording packs' trigger
/// tables as they are worked out now, and a lexicon of the built-in packs
/// reads them from there. `PMLINT_BLESS=1 cargo test the_builtin` rewrites it.
#[test]
fn the_builtin_lexicon_table_is_current() {
    let packs = builtin_wording_packs();
    let tables = super::Tables::with(&packs, super::extract_literals);
    let line = |v: serde_json::Value| serde_json::to_string(&v).unwrap();
    let ids = |ids: &[super::PhraseId]| ids.iter().map(|id| (id.pack, id.phrase)).collect::<Vec<_>>();
    let owners = |o: &[super::Owner]| {
        o.iter()
            .map(|o| (o.id.pack, o.id.phrase, o.at))
            .collect::<Vec<_>>()
    };
    let list = |items: Vec<String>| format!("[\n    {}\n  ]", items.join(",\n    "));
    let sources = packs
        .iter()
        .map(|p| p.phrases.iter().map(|ph| ph.source.as_str()).collect::<Vec<_>>());
    let json = format!(
        "{{\n  \"packs\": {},\n  \"literals\": {},\n  \"owners\": {},\n  \"unfiltered\": {}\n}}\n",
        list(sources.map(|s| line(serde_json::json!(s))).collect()),
        list(
            tables
                .literals
                .iter()
                .map(|l| line(serde_json::json!(l)))
                .collect()
        ),
        list(
            tables
                .owners
                .iter()
                .map(|o| line(serde_json::json!(owners(o))))
                .collect()
        ),
        line(serde_json::json!(ids(&tables.unfiltered))),
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/wording/lexicon.json");
    if std::env::var_os("PMLINT_BLESS").is_some() {
        std::fs::write(path, &json).unwrap();
    }
    let stale = "rules/wording/lexicon.json is stale: run `PMLINT_BLESS=1 cargo test the_builtin`, then the tests again";
    assert!(
        std::fs::read_to_string(path).ok().as_deref() == Some(json.as_str()),
        "{stale}"
    );
    assert!(super::Tables::builtin(&packs) == Some(tables), "{stale}");
    // Other packs: worked out.
    assert!(super::Tables::builtin(&packs[..1]).is_none());
}

/// A phrase whose matches start with its literals is tried only where
/// they are (anchored), one whose matches end with them only up to the
/// last; both find what a search through the sentence finds: the same
/// findings on every fixture and every real postmortem as a lexicon that
/// searches every sentence through, and as one without a prefilter.
#[test]
fn anchored_and_bounded_searches_find_what_searching_every_sentence_finds() {
    let packs = builtin_wording_packs();
    let mut through = Tables::with(&packs, extract_literals);
    through.owners.iter_mut().flatten().for_each(|o| o.at = ANYWHERE);
    let everywhere = Lexicon::with_tables(packs.clone(), through);
    // No prefilter: every phrase over all prose. This one checks the
    // literals themselves (that every match holds one, where the tables say).
    let unfiltered = Tables {
        literals: Vec::new(),
        owners: Vec::new(),
        unfiltered: (0..packs.len())
            .flat_map(|p| {
                (0..packs[p].phrases.len()).map(move |i| PhraseId {
                    pack: p as u16,
                    phrase: i as u16,
                })
            })
            .collect(),
    };
    let unfiltered = Lexicon::with_tables(packs.clone(), unfiltered);
    let anchored = lexicon();
    let owners = || anchored.owners.iter().flatten();
    assert!(owners().any(|o| o.at > 0 && o.at < ANYWHERE));
    assert!(owners().any(|o| o.at == ENDS));
    let mut texts: Vec<String> = vec![
        "The screw-up was his. It was Dagny's mistake, not the deploy's. Errors made by Kim; \
         the ERROR made by Ana was never again touched. Responsible for the outage was Bob."
            .to_owned(),
        // A trigger that starts inside another ("finger pointing" after
        // "fat finger"); a two-letter one before a comma or at the end.
        "The fat finger pointing started at once.".to_owned(),
        "What had we missed, and what if? If only we had known; if,".to_owned(),
        // Literals inside the phrases' matches.
        "The real culprit was Bob. There is no excuse for that, and for reasons unknown to him \
         Kim rarely checks; he hardly ever checks."
            .to_owned(),
    ];
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real");
    for dir in [fixtures.to_owned()]
        .into_iter()
        .chain(
            std::fs::read_dir(fixtures)
                .unwrap()
                .map(|d| d.unwrap().path().display().to_string()),
        )
        .chain([real.to_owned()])
    {
        for file in std::fs::read_dir(&dir).into_iter().flatten() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                texts.push(std::fs::read_to_string(path).unwrap_or_default());
            }
        }
    }
    if !std::path::Path::new(real).exists() {
        eprintln!("../shared/corpus/real is absent: fixtures only");
    }
    assert!(
        found_with(&anchored, &People::default(), &texts[1])
            .iter()
            .any(|(_, f)| f == "finger pointing")
    );
    let mut findings = 0;
    for text in &texts {
        let ours = found_with(&anchored, &People::default(), text);
        findings += ours.len();
        assert_eq!(ours, found_with(&everywhere, &People::default(), text));
        assert_eq!(ours, found_with(&unfiltered, &People::default(), text));
    }
    assert!(findings > 50, "{findings}");
}
