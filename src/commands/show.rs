//! `pmlint check --show-settings [FILE]` and `--show-files`: what a run
//! would use and lint, without linting.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::ExitStatus;
use crate::cli::CheckArgs;
use crate::config::resolve::Configs;
use crate::discover::Skip;
use crate::document::DateOrder;
use crate::git::Git;
use crate::lint::Linter;
use crate::packs::PhrasePack;
use crate::paths::{display, normalize, relative};
use crate::report::escape::line;
use crate::rules::RULES;

/// The resolved settings for `file` (the current folder when `None`), as
/// TOML, headed by the config file they came from.
pub fn settings(cwd: &Path, file: Option<&Path>, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let path = normalize(&cwd.join(file.unwrap_or(Path::new(""))));
    let repo = Git::find(cwd)?.and_then(|g| g.workdir());
    let configs = Configs::new(cwd, repo.as_deref(), args.config.as_deref());
    let config = if file.is_some() && !path.is_dir() {
        configs.for_file(&path)?
    } else {
        configs.for_folder(&path)?
    };
    let today = args.today.unwrap_or_else(crate::today::today);
    let linter = Linter::from_config(&config, today, &args.select, &args.ignore)?;

    let strings = |v: &[String]| toml::Value::Array(v.iter().cloned().map(toml::Value::String).collect());
    let mut table = toml::Table::new();
    let mut put = |key: &str, value: toml::Value| {
        table.insert(key.to_owned(), value);
    };
    // Paths as a config file in `root` would write them.
    let from_root = |file: &str| display(&relative(Path::new(file), &config.root));
    for (key, globs) in [("include", &config.include), ("exclude", &config.exclude)] {
        let mut lines: Vec<String> = Vec::new();
        if globs.builtin {
            let builtin = if key == "include" {
                crate::config::DEFAULT_INCLUDE
            } else {
                crate::config::DEFAULT_EXCLUDE
            };
            lines.extend(builtin.iter().map(|s| s.to_string()));
        }
        lines.extend(globs.patterns.iter().cloned());
        put(key, strings(&lines));
    }
    let template = &config.template;
    let builtin_template = crate::packs::BUILTIN_TEMPLATES
        .iter()
        .any(|(_, (file, ..))| *file == template.file);
    put(
        "template",
        if builtin_template {
            template.name.clone()
        } else {
            from_root(&template.file)
        }
        .into(),
    );
    let builtin_pack = |p: &&PhrasePack| {
        crate::packs::BUILTIN_PHRASES
            .iter()
            .any(|(file, ..)| *file == p.source)
    };
    let (builtin_packs, own_packs): (Vec<&PhrasePack>, Vec<&PhrasePack>) =
        config.phrase_packs.iter().partition(builtin_pack);
    let own_packs: Vec<String> = own_packs.iter().map(|p| from_root(&p.source)).collect();
    put("packs", strings(&own_packs));
    put("people", strings(&config.people));
    put("not-people", strings(&config.not_people));
    put(
        "max-file-size",
        toml::Value::Integer(config.max_file_size.min(i64::MAX as u64) as i64),
    );
    put(
        "require-suppression-reason",
        config.require_suppression_reason.into(),
    );

    let mut action_items = toml::Table::new();
    action_items.insert("ticket-as-due-date".into(), config.ticket_as_due_date.into());
    action_items.insert(
        "done-items-need-owner".into(),
        config.done_items_need_owner.into(),
    );
    // Unknown, the default, has no name in a config.
    let order = match config.date_order {
        DateOrder::Unknown => None,
        DateOrder::Mdy => Some("mdy"),
        DateOrder::Dmy => Some("dmy"),
    };
    if let Some(order) = order {
        action_items.insert("date-order".into(), order.into());
    }
    let owners: Vec<String> = config
        .owner_patterns
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect();
    action_items.insert("owner-patterns".into(), strings(&owners));
    put("action-items", action_items.into());

    // What runs: the config's severities after --select and --ignore.
    let mut rules = toml::Table::new();
    for rule in RULES.iter().filter(|r| !r.always_on()) {
        let severity = linter
            .rules
            .iter()
            .find(|(r, _)| r.id() == rule.id())
            .map_or("off", |(_, s)| s.as_str());
        rules.insert(rule.id().into(), severity.into());
    }
    put("rules", rules.into());

    let from = config.file.as_ref().map_or_else(
        || "no config file: the built-in settings".to_owned(),
        |f| format!("from {}", f.display()),
    );
    let shown = display(&relative(&path, cwd));
    let root = display(&relative(&config.root, cwd));
    let builtin: Vec<&str> = builtin_packs.iter().map(|p| p.source.as_str()).collect();
    let text = toml::to_string(&table).context("cannot write the settings")?;
    let mut out = std::io::stdout().lock();
    // A valid config (the comments say what a config cannot): written to
    // `root`/pmlint.toml, it gives the same settings.
    write!(
        out,
        "# Settings for {}, {}\n# Paths are relative to {}; built-in phrase packs: {}\n{text}",
        line(&shown),
        line(&from),
        line(&root),
        builtin.join(", ")
    )
    .and_then(|()| out.flush())
    .or_else(ignore_broken_pipe)?;
    Ok(ExitStatus::Success)
}

/// The files a run would lint, one a line, then each named file that it
/// would skip, with why, then each named path that cannot be read.
pub fn files<'a>(
    linted: impl Iterator<Item = &'a str>,
    skipped: &[(String, Skip)],
    missing: impl Iterator<Item = (&'a str, &'a str)>,
    broken: &[(&str, &str)],
) -> anyhow::Result<ExitStatus> {
    let mut linted: Vec<&str> = linted.collect();
    linted.sort_unstable();
    let mut text = String::new();
    for path in linted {
        text.push_str(&crate::report::escape::line(path));
        text.push('\n');
    }
    for (path, why) in skipped {
        text.push_str(&format!("skipped {}: {why}\n", crate::report::escape::line(path)));
    }
    // A named path that cannot be read fails `check` (exit 2): so here.
    let mut unreadable = false;
    for (path, why) in missing {
        let (path, why) = (
            crate::report::escape::line(path),
            crate::report::escape::line(why),
        );
        text.push_str(&format!("unreadable {path}: {why}\n"));
        unreadable = true;
    }
    // The list is incomplete: a broken config's files are not in it.
    for (path, why) in broken {
        let (path, why) = (
            crate::report::escape::line(path),
            crate::report::escape::line(why),
        );
        text.push_str(&format!(
            "invalid config {path}: {why} (the files it applies to are not linted)\n"
        ));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)?;
    Ok(if broken.is_empty() && !unreadable {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    })
}

fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}
