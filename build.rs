//! Writes the built-in packs and English word lists (TOML under `rules/`,
//! the source people edit) as JSON for the binary to embed: serde_json
//! reads them in a fraction of the instructions the TOML parser takes, and
//! every run reads them once.

use std::path::Path;

use serde::{Deserialize, Serialize};

// The packs' schema, shared with the crate; spans survive the trip through
// JSON in the form `toml::Spanned` reads back.
#[path = "src/packs/schema.rs"]
#[allow(dead_code)]
mod schema;

/// A `toml::Spanned` that writes its span into the JSON.
struct Spanned<T>(toml::Spanned<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        toml::Spanned::deserialize(d).map(Spanned)
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("$__serde_spanned_private_start", &self.0.span().start)?;
        map.serialize_entry("$__serde_spanned_private_end", &self.0.span().end)?;
        map.serialize_entry("$__serde_spanned_private_value", self.0.get_ref())?;
        map.end()
    }
}

const TEMPLATES: &[&str] = &[
    "rules/templates/default",
    "rules/templates/pagerduty",
    "rules/templates/google-sre",
];
const PHRASES: &[&str] = &[
    "rules/wording/blame",
    "rules/wording/hindsight",
    "rules/placeholders",
];

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    for name in TEMPLATES {
        convert::<schema::TemplateFile>(&root, &out, name);
    }
    for name in PHRASES {
        convert::<schema::PackFile>(&root, &out, name);
    }
    convert::<toml::Value>(&root, &out, "rules/english");
    literal_table(&root, &out);
    lexicon_table(&root, &out);
}

/// The built-in wording packs' trigger tables (`rules/wording/lexicon.json`,
/// kept current by a test) as a Rust `Table` (see `src/wording/mod.rs`),
/// its phrase ids checked: the binary indexes the packs with them.
fn lexicon_table(root: &str, out: &str) {
    #[derive(Deserialize)]
    struct Lexicon {
        packs: Vec<Vec<String>>,
        literals: Vec<String>,
        /// (pack, phrase, where its matches start in the literal)
        owners: Vec<Vec<(u16, u16, u8)>>,
        unfiltered: Vec<(u16, u16)>,
    }
    let source = "rules/wording/lexicon.json";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(Path::new(root).join(source)).expect("read lexicon.json");
    let t: Lexicon = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let known = |&(pack, phrase): &(u16, u16)| {
        t.packs
            .get(pack as usize)
            .is_some_and(|p| (phrase as usize) < p.len())
    };
    let owners = t.owners.iter().flatten().map(|&(pack, phrase, _)| (pack, phrase));
    assert_eq!(
        t.owners.len(),
        t.literals.len(),
        "{source}: a list of owners for each literal"
    );
    assert!(
        owners.chain(t.unfiltered.iter().copied()).all(|id| known(&id)),
        "{source}: a phrase id outside the packs"
    );
    // Debug writes strings, slices and tuples as Rust literals; `&` makes
    // each vector a slice.
    let packs: Vec<String> = t.packs.iter().map(|p| format!("&{p:?}")).collect();
    let owners: Vec<String> = t.owners.iter().map(|o| format!("&{o:?}")).collect();
    let rust = format!(
        "Table {{ packs: &[{}], literals: &{:?}, owners: &[{}], unfiltered: &{:?} }}",
        packs.join(", "),
        t.literals,
        owners.join(", "),
        t.unfiltered
    );
    write(out, "rules/wording/lexicon.rs", &rust);
}

/// `rules/wording/prefilter.json` (a test keeps it current) as a Rust
/// slice sorted by source, for a binary search that decodes nothing.
fn literal_table(root: &str, out: &str) {
    let source = "rules/wording/prefilter.json";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(Path::new(root).join(source)).expect("read prefilter.json");
    /// A phrase's literals: the words its matches start with, end with,
    /// or hold.
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Literals {
        Prefixes(Vec<String>),
        Suffixes(Vec<String>),
        Inside(Vec<String>),
    }
    let table: std::collections::BTreeMap<String, Option<Literals>> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let mut rust = String::from("&[\n");
    for (pattern, literals) in &table {
        // Debug writes a string as a Rust literal.
        let literals = match literals {
            Some(Literals::Prefixes(words)) => format!("Some((Place::Starts, &{words:?}))"),
            Some(Literals::Suffixes(words)) => format!("Some((Place::Ends, &{words:?}))"),
            Some(Literals::Inside(words)) => format!("Some((Place::Inside, &{words:?}))"),
            None => "None".to_owned(),
        };
        rust.push_str(&format!("    ({pattern:?}, {literals}),\n"));
    }
    rust.push(']');
    write(out, "rules/wording/prefilter.rs", &rust);
}

/// `rules/<name>.toml` read as `T`, written to `$OUT_DIR/<name>.json`.
fn convert<T: serde::de::DeserializeOwned + Serialize>(root: &str, out: &str, name: &str) {
    let source = format!("{name}.toml");
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(Path::new(root).join(&source)).expect("read a built-in pack");
    let value: T = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let json = serde_json::to_string(&value).expect("a pack as JSON");
    write(out, &format!("{name}.json"), &json);
}

/// Writes `$OUT_DIR/<name>`, making its folder.
fn write(out: &str, name: &str, text: &str) {
    let path = Path::new(out).join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create a folder in OUT_DIR");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
