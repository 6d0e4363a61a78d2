//! `pmlint rules` and `pmlint explain`.

use std::io::Write;

use anyhow::bail;

use crate::cli::ListFormat;
use crate::rules::{self, RULES};

pub fn list(format: ListFormat) -> anyhow::Result<u8> {
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
    Ok(crate::EXIT_OK)
}

pub fn explain(id: &str) -> anyhow::Result<u8> {
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
        return Ok(crate::EXIT_OK);
    }
    let Some(rule) = rules::find(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let hint =
            crate::config::suggest(id, &ids).map_or_else(String::new, |c| format!(" (did you mean {c}?)"));
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
    Ok(crate::EXIT_OK)
}
