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
    // Paths as the config file would write them: relative to its folder
    // (the root, but for one named with --config), and a bare name made a
    // path, since a config reads it as a built-in template's.
    let folder = config
        .file
        .as_ref()
        .and_then(|f| f.parent())
        .unwrap_or(&config.root);
    let folder = normalize(&cwd.join(folder));
    let from_folder = |file: &str| {
        let shown = display(&relative(&normalize(&cwd.join(file)), &folder));
        if shown.contains('/') || shown.ends_with(".toml") {
            shown
        } else {
            format!("./{shown}")
        }
    };
    // Built-in globs that still apply are left to apply, named in a
    // comment: the config's own lines extend them (written out as
    // `include`, they would replace them and be read from the config's
    // folder instead of the root).
    let mut builtin_globs = String::new();
    for (key, globs, builtin) in [
        ("include", &config.include, crate::config::DEFAULT_INCLUDE),
        ("exclude", &config.exclude, crate::config::DEFAULT_EXCLUDE),
    ] {
        if globs.builtin {
            let line = format!(
                "# Built-in {key}, from the repository root: {}\n",
                builtin.join(", ")
            );
            builtin_globs.push_str(&line);
            put(&format!("extend-{key}"), strings(&globs.patterns));
        } else {
            put(key, strings(&globs.patterns));
        }
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
            from_folder(&template.file)
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
    let own_packs: Vec<String> = own_packs.iter().map(|p| from_folder(&p.source)).collect();
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
    let folder = display(&relative(&folder, &normalize(cwd)));
    let builtin_packs: Vec<&str> = builtin_packs.iter().map(|p| p.source.as_str()).collect();
    let head = format!(
        "# Settings for {}, {}\n# Paths are relative to {}\n# Built-in phrase packs: {}\n{builtin_globs}",
        line(&shown),
        line(&from),
        line(&folder),
        builtin_packs.join(", ")
    );
    let text = toml::to_string(&table).context("cannot write the settings")?;
    let mut out = std::io::stdout().lock();
    // A valid config (the comments say what a config cannot): saved over
    // the config it came from, or as pmlint.toml in the folder the paths
    // are relative to when there is none, it gives the same settings.
    write!(out, "{head}{text}")
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
