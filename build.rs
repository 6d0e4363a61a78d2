//! Writes the built-in English word lists (`rules/english.toml`, the source
//! people edit) as JSON for the binary to embed: serde_json reads them in a
//! tenth of the instructions the TOML parser takes, and every run that
//! checks wording reads them once.

fn main() {
    println!("cargo::rerun-if-changed=rules/english.toml");
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let path = std::path::Path::new(&dir).join("rules/english.toml");
    let text = std::fs::read_to_string(path).expect("read rules/english.toml");
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("rules/english.toml: {e}"));
    let json = serde_json::to_string(&value).expect("the English lists as JSON");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("english.json");
    std::fs::write(out, json).expect("write english.json");
}
