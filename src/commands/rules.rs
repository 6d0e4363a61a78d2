//! `pmlint rules` and `pmlint explain`.

use std::io::Write;

use anyhow::bail;

use crate::ExitStatus;
use crate::cli::ListFormat;
use crate::config;
use crate::packs::{self, Template};
use crate::rules::{self, RULES};

pub fn list(format: ListFormat) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Human => {
            writeln!(out, "{:<30}{:<14}{:<10}SUMMARY", "RULE", "GROUP", "SEVERITY")?;
            for r in RULES {
                writeln!(
                    out,
                    "{:<30}{:<14}{:<10}{}",
                    r.id(),
                    r.group().as_str(),
                    r.default_severity().as_str(),
                    r.summary()
                )?;
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "group": r.group().as_str(),
                        "severity": r.default_severity(),
                        "summary": r.summary(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
    }
    Ok(ExitStatus::Success)
}

pub fn explain(id: &str) -> anyhow::Result<ExitStatus> {
    let groups = [
        rules::Group::Sections,
        rules::Group::ActionItems,
        rules::Group::Wording,
        rules::Group::Input,
    ];
    if let Some(group) = groups.iter().find(|g| g.as_str() == id) {
        let mut out = std::io::stdout().lock();
        writeln!(out, "# {id} (a group of rules)\n")?;
        for r in RULES.iter().filter(|r| r.group() == *group) {
            writeln!(
                out,
                "- {} ({}): {}",
                r.id(),
                r.default_severity().as_str(),
                r.summary()
            )?;
        }
        writeln!(out, "\n`pmlint explain RULE` explains one of them.")?;
        return Ok(ExitStatus::Success);
    }
    let Some(rule) = rules::find(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let hint =
            crate::suggest::suggest(id, &ids).map_or_else(String::new, |c| format!(" (did you mean {c}?)"));
        bail!("unknown rule `{id}`{hint}; `pmlint rules` lists them");
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {}\n", rule.id())?;
    writeln!(
        out,
        "{}. Group: {}. Default severity: {}.\n",
        rule.summary(),
        rule.group().as_str(),
        rule.default_severity().as_str()
    )?;
    write!(out, "{}", rule.explain())?;
    if rule.group() == rules::Group::Sections && matches!(id, "missing-section" | "empty-section") {
        write_headings(&mut out, &current_template())?;
    }
    Ok(ExitStatus::Success)
}

/// The template of the configuration `pmlint check` would use here; the
/// default one when there is none or it cannot be read.
fn current_template() -> Template {
    let from_config = || -> Option<Template> {
        let cwd = std::env::current_dir().ok()?;
        let configs = config::resolve::Configs::discover(&cwd, None).ok()?;
        Some(configs.for_folder(&cwd).ok()?.template.clone())
    };
    from_config()
        .or_else(|| packs::builtin_template("default").and_then(Result::ok))
        .expect("the built-in default template is valid")
}

/// Every heading that satisfies each section of `template`.
fn write_headings(out: &mut impl Write, template: &Template) -> std::io::Result<()> {
    writeln!(out, "\n## Headings (template `{}`)", template.name)?;
    for s in &template.sections {
        let required = if s.required { "required" } else { "optional" };
        writeln!(out, "- {} ({required}): {}", s.id, s.names.join(", "))?;
    }
    Ok(())
}
