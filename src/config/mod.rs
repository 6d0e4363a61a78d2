//! `pmlint.toml`: which files are postmortems, which template they follow,
//! extra phrase packs, rule severities and action-item options.
//!
//! Each file has its own: `--config PATH`, or the nearest `pmlint.toml` /
//! `.pmlint.toml` from the file's folder up to the repository root (see
//! [`resolve`]). Every mistake in it is an error with a snippet of the file
//! (exit 2).

pub mod resolve;

pub use resolve::{Configs, for_file};

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use globset::{Candidate, GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::document::DateOrder;
use crate::error::{ConfigError, SpannedError};
use crate::input;
use crate::packs::{self, PhrasePack, Template};
use crate::rules;
use crate::rules::selector::{selected_rules, unknown_rule_help};

/// The config file names looked for, in order.
pub const FILE_NAMES: &[&str] = &["pmlint.toml", ".pmlint.toml"];

/// Where postmortems live, unless `include` says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &[
    "**/postmortems/**/*.{md,markdown}",
    "**/post-mortems/**/*.{md,markdown}",
    "**/post_mortems/**/*.{md,markdown}",
    "**/postmortem/**/*.{md,markdown}",
    "**/post-mortem/**/*.{md,markdown}",
    "**/incidents/**/*.{md,markdown}",
    "**/incident-reports/**/*.{md,markdown}",
    "**/incident_reports/**/*.{md,markdown}",
    "**/*postmortem*.{md,markdown}",
    "**/*post-mortem*.{md,markdown}",
    "**/*post_mortem*.{md,markdown}",
    "**/*incident[-_]report*.{md,markdown}",
];

/// What is never a postmortem, unless `exclude` says otherwise: indexes,
/// templates and vendored folders.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    "**/{readme,index,_index,changelog,license,contributing}.{md,markdown}",
    "**/*template*.{md,markdown}",
    "**/*template*/**",
    "**/node_modules/**",
    "**/.git/**",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_include: Vec<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    template: Option<Spanned<String>>,
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    action_items: ActionItemsFile,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    not_people: Vec<String>,
    max_file_size: Option<Spanned<SizeValue>>,
    #[serde(default)]
    require_suppression_reason: bool,
}

/// `max-file-size = 1048576` or `"16MiB"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(i64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ActionItemsFile {
    /// Unset: the template's default.
    #[serde(default)]
    ticket_as_due_date: Option<bool>,
    #[serde(default)]
    done_items_need_owner: bool,
    #[serde(default)]
    date_order: Option<Spanned<String>>,
    #[serde(default)]
    owner_patterns: Vec<Spanned<String>>,
}

/// Reads a file a config names.
pub type FileReader<'a> = dyn Fn(&Path) -> std::io::Result<String> + 'a;

/// Reads a file from disk as text: a regular file of at most the default
/// `max-file-size`, never one in a `.git` folder.
pub fn read_file(path: &Path) -> std::io::Result<String> {
    input::read_text(path, &input::Tree::anywhere(), input::DEFAULT_MAX_FILE_SIZE)
}

/// The resolved configuration.
#[derive(Debug)]
pub struct Config {
    /// The config file, when there is one.
    pub file: Option<PathBuf>,
    /// The folder the config's own `include` and `exclude` lines are
    /// relative to.
    pub root: PathBuf,
    /// The folder the built-in patterns are matched from: the repository
    /// root, so that a config in `docs/incidents/` still sees `incidents/`.
    pub base: PathBuf,
    pub include: Globs,
    pub exclude: Globs,
    pub template: Template,
    pub phrase_packs: Vec<PhrasePack>,
    /// Severity overrides; `None` turns a rule off.
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    /// From `[action-items]`, else the template's default.
    pub ticket_as_due_date: bool,
    pub done_items_need_owner: bool,
    pub date_order: DateOrder,
    pub owner_patterns: Vec<Regex>,
    /// Names that are people's (`people`) or never are (`not-people`),
    /// whatever else pmlint would conclude.
    pub people: Vec<String>,
    pub not_people: Vec<String>,
    /// Files larger than this are not read (`unreadable-file`).
    pub max_file_size: u64,
    /// Every suppression must say why (`-- reason`).
    pub require_suppression_reason: bool,
}

/// `include` or `exclude`: the config's own lines, and whether the built-in
/// patterns still apply (no `include =` line, or only `extend-include`).
#[derive(Debug)]
pub struct Globs {
    own: GlobSet,
    /// The lines as written, for `--show-settings`.
    pub patterns: Vec<String>,
    pub builtin: bool,
}

/// Where a file stands with a config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Lint,
    /// Matched by `exclude`: the built-in patterns, or the config's own.
    Excluded {
        builtin: bool,
    },
    /// Not matched by `include` (named files: only with `--force-exclude`).
    NotIncluded,
}

static DEFAULT_INCLUDE_SET: LazyLock<GlobSet> = LazyLock::new(|| builtin_set(DEFAULT_INCLUDE));
static DEFAULT_EXCLUDE_SET: LazyLock<GlobSet> = LazyLock::new(|| builtin_set(DEFAULT_EXCLUDE));

fn builtin_set(patterns: &[&str]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(glob(p).expect("the built-in globs are valid"));
    }
    builder.build().expect("the built-in globs are valid")
}

fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .case_insensitive(true)
        .literal_separator(true)
        .build()
}

impl Config {
    /// Builds the configuration from a config file's text; relative paths
    /// in it (globs, packs) are relative to `dir`, and `read` reads the
    /// packs it names (from disk, or from a commit's tree).
    pub fn from_text(
        file: Option<&Path>,
        text: &str,
        dir: &Path,
        read: &FileReader<'_>,
    ) -> Result<Config, ConfigError> {
        let name = file.map_or_else(|| "pmlint.toml".to_owned(), |p| p.display().to_string());
        let raw: ConfigFile = toml::from_str(text).map_err(|e| SpannedError::from_toml(&name, text, &e))?;
        let mut errors = Vec::new();
        let err = |span: Range<usize>, msg: String| SpannedError::new(&name, text, span, msg);

        let include = globs(&raw.include, &raw.extend_include, &err, &mut errors);
        let exclude = globs(&raw.exclude, &raw.extend_exclude, &err, &mut errors);

        let template = match &raw.template {
            None => packs::builtin_template("default").and_then(Result::ok),
            Some(t) => load_template(t, dir, read, &err, &mut errors),
        };

        let mut phrase_packs = match packs::builtin_phrases() {
            Ok(p) => p,
            Err(e) => {
                errors.extend(e);
                Vec::new()
            }
        };
        for p in &raw.packs {
            let path = crate::paths::normalize(&dir.join(p.get_ref()));
            let shown = path.display().to_string();
            match read(&path) {
                Ok(pack_text) => match PhrasePack::parse_user(&shown, &pack_text) {
                    Ok(pack) => phrase_packs.push(pack),
                    Err(e) => errors.extend(named_file_errors(&shown, &pack_text, e, PHRASE_PACK)),
                },
                Err(e) => errors.push(err(
                    p.span(),
                    format!("cannot read pack `{}`: {e}", path.display()),
                )),
            }
        }

        // Groups first, so that a rule's own setting wins over its group's.
        let mut severities = BTreeMap::new();
        let mut entries: Vec<_> = raw.rules.iter().collect();
        entries.sort_by_key(|(k, _)| rules::find(k.get_ref()).is_some());
        for (key, value) in entries {
            let severity = match value.get_ref().as_str() {
                "off" => None,
                s => match Severity::parse(s) {
                    Some(sev) => Some(sev),
                    None => {
                        errors.push(
                            err(value.span(), format!("unknown severity `{s}`"))
                                .with_help("use \"error\", \"warning\", \"info\" or \"off\""),
                        );
                        continue;
                    }
                },
            };
            if let Some(rule) = rules::find(key.get_ref()).filter(|r| r.always_on()) {
                errors.push(err(key.span(), format!("`{}` is always an error", rule.id())));
                continue;
            }
            match selected_rules(key.get_ref()) {
                Some(ids) => {
                    for id in ids {
                        severities.insert(id, severity);
                    }
                }
                None => errors.push(
                    err(key.span(), format!("unknown rule or group `{}`", key.get_ref()))
                        .with_help(unknown_rule_help(key.get_ref())),
                ),
            }
        }

        let max_file_size =
            match &raw.max_file_size {
                None => crate::input::DEFAULT_MAX_FILE_SIZE,
                Some(v) => parse_size(v.get_ref()).unwrap_or_else(|msg| {
                    errors.push(err(v.span(), msg).with_help(
                        "a number of bytes, or a number and a unit: \"16MiB\", \"512KiB\", \"1GB\"",
                    ));
                    crate::input::DEFAULT_MAX_FILE_SIZE
                }),
            };

        let mut owner_patterns = Vec::new();
        for p in &raw.action_items.owner_patterns {
            match Regex::new(p.get_ref()) {
                Ok(re) => owner_patterns.push(re),
                Err(e) => errors.push(err(p.span(), format!("invalid pattern: {e}"))),
            }
        }

        let date_order = match &raw.action_items.date_order {
            None => DateOrder::Unknown,
            Some(o) => DateOrder::parse(o.get_ref()).unwrap_or_else(|| {
                errors.push(
                    err(o.span(), format!("unknown date order `{}`", o.get_ref()))
                        .with_help("use \"mdy\" (12/20/2026) or \"dmy\" (20/12/2026)"),
                );
                DateOrder::Unknown
            }),
        };

        match (template, include, exclude) {
            (Some(template), Some(include), Some(exclude)) if errors.is_empty() => Ok(Config {
                file: file.map(Path::to_path_buf),
                root: dir.to_path_buf(),
                base: dir.to_path_buf(),
                include,
                exclude,
                ticket_as_due_date: raw
                    .action_items
                    .ticket_as_due_date
                    .unwrap_or(template.ticket_as_due_date),
                template,
                phrase_packs,
                severities,
                done_items_need_owner: raw.action_items.done_items_need_owner,
                date_order,
                owner_patterns,
                people: raw.people,
                not_people: raw.not_people,
                max_file_size,
                require_suppression_reason: raw.require_suppression_reason,
            }),
            _ => Err(ConfigError(errors.into())),
        }
    }

    /// Where `path` (absolute, or as discovery has it) stands: chosen by
    /// `include` and not set aside by `exclude`? A file `named` on the
    /// command line needs `include` only with `force_exclude`.
    pub fn verdict(&self, path: &Path, named: bool, force_exclude: bool) -> Verdict {
        // Each path is made a glob candidate once: building one costs more
        // than matching it (10,000 files: a tenth of discovery).
        let own = Candidate::new(relative_or_whole(path, &self.root));
        let base = (self.base != self.root).then(|| Candidate::new(relative_or_whole(path, &self.base)));
        let base = base.as_ref().unwrap_or(&own);
        let builtin_excludes = self.exclude.builtin && DEFAULT_EXCLUDE_SET.is_match_candidate(base);
        if builtin_excludes || (!self.exclude.own.is_empty() && self.exclude.own.is_match_candidate(&own)) {
            return Verdict::Excluded {
                builtin: builtin_excludes,
            };
        }
        // A named file needs no `include` (whose built-in globs cost a
        // one-file run a tenth of its time to build).
        if (named && !force_exclude) || self.includes_candidates(&own, base) {
            Verdict::Lint
        } else {
            Verdict::NotIncluded
        }
    }

    /// Does `include` match `path`?
    pub fn includes(&self, path: &Path) -> bool {
        let own = Candidate::new(relative_or_whole(path, &self.root));
        let base = Candidate::new(relative_or_whole(path, &self.base));
        self.includes_candidates(&own, &base)
    }

    fn includes_candidates(&self, own: &Candidate<'_>, base: &Candidate<'_>) -> bool {
        (!self.include.own.is_empty() && self.include.own.is_match_candidate(own))
            || (self.include.builtin && DEFAULT_INCLUDE_SET.is_match_candidate(base))
    }

    /// Is a file found by discovery a postmortem?
    pub fn chooses(&self, path: &Path) -> bool {
        self.verdict(path, false, false) == Verdict::Lint
    }

    /// Is a file named on the command line to be linted? Always, unless
    /// `exclude` matches it; with `--force-exclude` it must match `include` too.
    pub fn accepts_named(&self, path: &Path, force_exclude: bool) -> bool {
        self.verdict(path, true, force_exclude) == Verdict::Lint
    }
}

/// `path` relative to `folder` when inside it, else as given (absolute, so
/// that `**/postmortems/**` still sees the folder a path lies in).
fn relative_or_whole<'a>(path: &'a Path, folder: &Path) -> &'a Path {
    path.strip_prefix(folder).unwrap_or(path)
}

/// A kind of file a config names: what it is called, and the top-level key
/// every such file has.
struct PackKind {
    what: &'static str,
    key: &'static str,
    written: &'static str,
}

const PHRASE_PACK: PackKind = PackKind {
    what: "phrase pack",
    key: "rule",
    written: "`rule = ...` line",
};
const TEMPLATE_PACK: PackKind = PackKind {
    what: "template pack",
    key: "section",
    written: "`[[section]]` table",
};

/// The errors of a file the config names, without echoing a file that is
/// not a pack at all: one that is not TOML, or lacks the key every pack of
/// its kind has, may be anything (a config pointed at a secret), so only
/// where and what is said. A pack's own mistakes keep their snippet.
fn named_file_errors(file: &str, text: &str, errors: Vec<SpannedError>, kind: PackKind) -> Vec<SpannedError> {
    let plain = |message: String| vec![SpannedError::new(file, "", 0..0, message)];
    match text.parse::<toml::Table>() {
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start).min(text.len());
            let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = 1 + text[line_start..]
                .char_indices()
                .take_while(|(i, _)| line_start + i < at)
                .count();
            plain(format!(
                "not a valid {}: TOML syntax error at line {line}, column {column}: {}",
                kind.what,
                e.message().trim_end()
            ))
        }
        Ok(table) if !table.contains_key(kind.key) => {
            plain(format!("not a {}: it has no {}", kind.what, kind.written))
        }
        Ok(_) => errors,
    }
}

/// A size in bytes: a number, or a number and a unit (`KiB`, `MiB`, `GiB`
/// and `K`, `M`, `G` count in 1024s, as ripgrep's `--max-filesize` does;
/// `KB`, `MB`, `GB` in 1000s).
fn parse_size(value: &SizeValue) -> Result<u64, String> {
    let text = match value {
        SizeValue::Bytes(n) if *n > 0 => return Ok(*n as u64),
        SizeValue::Bytes(_) => return Err("`max-file-size` must be more than 0".to_owned()),
        SizeValue::Text(t) => t.trim(),
    };
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = (&text[..split], text[split..].trim());
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return Err(format!("unknown size unit `{unit}`")),
    };
    let n: f64 = number.parse().map_err(|_| format!("`{text}` is not a size"))?;
    let bytes = n * factor as f64;
    if !(bytes >= 1.0 && bytes < u64::MAX as f64) {
        return Err("`max-file-size` must be more than 0".to_owned());
    }
    Ok(bytes as u64)
}

/// A glob as `.gitignore` reads it: without a `/` it matches a name at any
/// depth; `dir/` matches what is inside; a leading `/` or `./` anchors it to
/// the root; and a folder's pattern also matches everything under it.
fn expand_glob(pattern: &str) -> Vec<String> {
    let p = pattern.trim();
    let (anchored, p) = match p.strip_prefix("./").or_else(|| p.strip_prefix('/')) {
        Some(rest) => (true, rest),
        None => (false, p),
    };
    let dir_only = p.ends_with('/');
    let p = p.trim_end_matches('/');
    let base = if anchored || p.contains('/') {
        p.to_owned()
    } else {
        format!("**/{p}")
    };
    if dir_only {
        vec![format!("{base}/**")]
    } else {
        vec![format!("{base}/**"), base]
    }
}

fn globs(
    replace: &Option<Vec<Spanned<String>>>,
    extend: &[Spanned<String>],
    err: &dyn Fn(Range<usize>, String) -> SpannedError,
    errors: &mut Vec<SpannedError>,
) -> Option<Globs> {
    let mut builder = GlobSetBuilder::new();
    let mut ok = true;
    let lines = replace.iter().flatten().chain(extend);
    // Users' lines read like .gitignore; the built-in ones are written out.
    for line in lines.clone() {
        for pattern in expand_glob(line.get_ref()) {
            match glob(&pattern) {
                Ok(g) => {
                    builder.add(g);
                }
                Err(e) => {
                    ok = false;
                    errors.push(err(line.span(), format!("invalid glob: {}", e.kind())));
                    break;
                }
            }
        }
    }
    let own = builder.build().ok().filter(|_| ok)?;
    Some(Globs {
        own,
        patterns: lines.map(|l| l.get_ref().clone()).collect(),
        builtin: replace.is_none(),
    })
}

fn load_template(
    t: &Spanned<String>,
    dir: &Path,
    read: &FileReader<'_>,
    err: &dyn Fn(Range<usize>, String) -> SpannedError,
    errors: &mut Vec<SpannedError>,
) -> Option<Template> {
    let name = t.get_ref();
    if let Some(builtin) = packs::builtin_template(name) {
        return builtin.map_err(|e| errors.extend(e)).ok();
    }
    if !(name.ends_with(".toml") || name.contains('/') || name.contains('\\')) {
        let known: Vec<&str> = packs::BUILTIN_TEMPLATES.iter().map(|(n, _)| *n).collect();
        errors.push(
            err(t.span(), format!("unknown template `{name}`")).with_help(format!(
                "built-in templates: {}; or give the path of a .toml template pack",
                known.join(", ")
            )),
        );
        return None;
    }
    let path = crate::paths::normalize(&dir.join(name));
    let shown = path.display().to_string();
    match read(&path) {
        Ok(text) => Template::parse(&shown, &text)
            .map_err(|e| errors.extend(named_file_errors(&shown, &text, e, TEMPLATE_PACK)))
            .ok(),
        Err(e) => {
            errors.push(err(
                t.span(),
                format!("cannot read template `{}`: {e}", path.display()),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Config {
        fn is_included(&self, path: &Path) -> bool {
            self.verdict(path, false, false) == Verdict::Lint
        }
        fn is_excluded(&self, path: &Path) -> bool {
            matches!(self.verdict(path, false, false), Verdict::Excluded { .. })
        }
    }

    fn load(text: &str) -> Result<Config, ConfigError> {
        Config::from_text(Some(Path::new("pmlint.toml")), text, Path::new("."), &read_file)
    }

    #[test]
    fn defaults() {
        let c = load("").unwrap();
        assert!(c.is_included(Path::new("docs/postmortems/2026-01-01-db.md")));
        assert!(c.is_included(Path::new("Incidents/x.MD")));
        assert!(c.is_included(Path::new("2026-01-db-postmortem.md")));
        assert!(!c.is_included(Path::new("docs/README.md")));
        assert!(c.is_excluded(Path::new("postmortems/README.md")));
        assert!(c.is_excluded(Path::new("postmortems/template.md")));
        assert!(c.is_excluded(Path::new("postmortems/templates/default.md")));
        assert!(c.is_included(Path::new("docs/2026-01-incident_report.md")));
        assert_eq!(c.template.name, "default");
    }

    #[test]
    fn errors_point_into_the_file() {
        let text =
            "template = \"nope\"\n[rules]\n\"no-such-rule\" = \"error\"\n\"blame-wording\" = \"loud\"\n";
        let e = load(text).unwrap_err();
        let spans: Vec<&str> = e.0.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(spans, ["\"nope\"", "\"no-such-rule\"", "\"loud\""]);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let text = "includes = []\n";
        let e = load(text).unwrap_err();
        assert_eq!(&text[e.0[0].span.clone()], "includes");
    }

    #[test]
    fn globs_read_like_gitignore() {
        let c = load("include = [\"drafts\", \"./docs/*.md\", \"notes/\", \"*.txt\"]\n").unwrap();
        assert!(c.is_included(Path::new("a/b/drafts/x.md")));
        assert!(c.is_included(Path::new("a/drafts")));
        assert!(c.is_included(Path::new("docs/x.md")));
        assert!(!c.is_included(Path::new("a/docs/x.md")));
        assert!(c.is_included(Path::new("notes/2026/x.md")));
        assert!(c.is_included(Path::new("deep/er/x.txt")));
    }

    #[test]
    fn a_rule_wins_over_its_group_in_either_order() {
        let c = load("[rules]\n\"hindsight-wording\" = \"error\"\nwording = \"warning\"\n").unwrap();
        assert_eq!(c.severities["hindsight-wording"], Some(Severity::Error));
        assert_eq!(c.severities["blame-wording"], Some(Severity::Warning));
        let c = load("[rules]\nwording = \"off\"\n\"blame-wording\" = \"error\"\n").unwrap();
        assert_eq!(c.severities["blame-wording"], Some(Severity::Error));
    }

    #[test]
    fn max_file_size_takes_bytes_or_units() {
        assert_eq!(load("").unwrap().max_file_size, 16 << 20);
        for (value, bytes) in [
            ("1048576", 1 << 20),
            ("\"16MiB\"", 16 << 20),
            ("\"16 MiB\"", 16 << 20),
            ("\"512k\"", 512 << 10),
            ("\"1.5G\"", 3 << 29),
            ("\"2MB\"", 2_000_000),
            ("\"300\"", 300),
        ] {
            let c = load(&format!("max-file-size = {value}\n")).unwrap();
            assert_eq!(c.max_file_size, bytes, "{value}");
        }
        for value in ["0", "-5", "\"16 parsecs\"", "\"MiB\"", "\"0.1\"", "true"] {
            let text = format!("max-file-size = {value}\n");
            let e = load(&text).unwrap_err();
            assert_eq!(&text[e.0[0].span.clone()], value, "{value}");
        }
    }

    #[test]
    fn groups_and_off() {
        let c = load("[rules]\nwording = \"info\"\n\"placeholder-text\" = \"off\"\n").unwrap();
        assert_eq!(c.severities["blame-wording"], Some(Severity::Info));
        assert_eq!(c.severities["placeholder-text"], None);
    }
}
