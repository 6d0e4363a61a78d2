//! Real editors running the README's snippets as written: Neovim's
//! `vim.lsp.start` with `pmlint server`, and Vim's `errorformat` reading
//! `--format short`. Each snippet is read out of README.md, so the docs and
//! the test cannot drift.
//!
//! Needs `nvim` (0.10 or later), `vim`, and `emacs` with markdown-mode,
//! flycheck and eglot (`PMLINT_NVIM`, `PMLINT_VIM`, `PMLINT_EMACS` name
//! other binaries). Without them the tests skip, saying so; `.ci/run`
//! installs them and sets `PMLINT_REQUIRE_EDITORS=1`, so there they cannot
//! skip. VS Code and Helix are not packaged here: their snippets are
//! checked for what they say, not run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use common::{Dir, manifest_dir, pmlint_bin};

/// A complete postmortem but for the wording: multi-byte characters before
/// the finding on its line (of one screen column each: see the README on
/// wide characters and `%v`).
const POSTMORTEM: &str = "# Outage at the café

## Summary

The café’s deploy stalled. It was human error.

## Impact

Checkout was down for 20 minutes.

## Timeline

- 10:00 UTC the page fired

## Contributing factors

- The drain step was manual.

## Resolution

We drained the node.

## Action items

- [ ] Automate the drain (owner: @sam, due: 2026-07-01)
";

/// The ```LANG blocks of the README's section `### HEADING`, in order.
fn readme_snippets(heading: &str, lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let section = readme
        .split(&format!("\n### {heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("README.md has no ### {heading}"));
    let section = section.split("\n## ").next().unwrap();
    let section = section.split("\n### ").next().unwrap();
    section
        .split(&format!("```{lang}\n"))
        .skip(1)
        .map(|block| block.split("```\n").next().unwrap().to_owned())
        .collect()
}

fn readme_snippet(heading: &str, lang: &str) -> String {
    readme_snippets(heading, lang)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("### {heading} has no ```{lang} block"))
}

/// The editor to run, or `None` (having said why) when the test may skip.
fn editor(name: &str, usable: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    let variable = format!("PMLINT_{}", name.to_uppercase());
    let program = std::env::var_os(&variable).map_or_else(|| PathBuf::from(name), PathBuf::from);
    if usable(&program) {
        return Some(program);
    }
    assert!(
        std::env::var_os("PMLINT_REQUIRE_EDITORS").is_none_or(|v| v != "1"),
        "{} is missing or too old, and PMLINT_REQUIRE_EDITORS says it must run",
        program.display()
    );
    eprintln!(
        "skipping: {} is missing or too old (see .ci/run for the packages, or set {variable})",
        program.display()
    );
    None
}

/// Runs `cmd` to its end, killing it after a generous limit so that a
/// stuck editor fails the test instead of hanging it.
fn run(mut cmd: Command) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the editor starts");
    let id = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("the editor did not finish within two minutes");
        }
    }
}

/// PATH with the pmlint under test first, as a user's would have it.
fn path_with_pmlint() -> std::ffi::OsString {
    let bin = Path::new(pmlint_bin()).parent().unwrap().to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest))).unwrap()
}

/// An editor with no user configuration or state of its own.
fn isolated(program: &Path, dir: &Dir) -> Command {
    let mut cmd = common::command(program);
    cmd.current_dir(dir.path())
        .env("PATH", path_with_pmlint())
        .env("HOME", dir.path().join(".home"))
        .env("XDG_CONFIG_HOME", dir.path().join(".home/config"))
        .env("XDG_DATA_HOME", dir.path().join(".home/data"))
        .env("XDG_STATE_HOME", dir.path().join(".home/state"))
        .env("XDG_CACHE_HOME", dir.path().join(".home/cache"))
        .env_remove("VIMINIT")
        .env_remove("MYVIMRC");
    cmd
}

fn byte_column(line: &str, needle: &str) -> usize {
    line.find(needle).unwrap()
}

#[test]
fn neovim_shows_the_servers_diagnostics() {
    let usable = |nvim: &Path| {
        Command::new(nvim)
            .args([
                "--headless",
                "--clean",
                "+lua io.stdout:write(vim.fn.has('nvim-0.10'))",
                "+qa!",
            ])
            .output()
            .is_ok_and(|o| o.stdout == b"1")
    };
    let Some(nvim) = editor("nvim", usable) else {
        return;
    };
    // The language server is exact for astral characters too.
    let text = POSTMORTEM.replace("deploy", "🚀 deploy");
    let dir = Dir::new();
    dir.write("pmlint.toml", "")
        .write("postmortems/outage.md", &text)
        .write("init.lua", readme_snippet("Neovim", "lua"))
        .write(
            "check.lua",
            r#"
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code,
                        source = d.source, severity = d.severity })
end
local client = vim.lsp.get_clients({ name = "pmlint" })[1]
-- Choose "Disable ... for this line" on the finding, as a user would in
-- vim.lsp.buf.code_action(), and let Neovim apply its edit.
local applied = false
for _, d in ipairs(vim.diagnostic.get(0)) do
  if d.code == "blame-wording" then
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(0),
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } },
      context = { diagnostics = {} },
    }
    local answers = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 60000) or {}
    for _, answer in pairs(answers) do
      for _, action in ipairs(answer.result or {}) do
        if action.title == "Disable blame-wording for this line" then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          applied = true
        end
      end
    end
  end
end
local result = { ok = ok, diagnostics = found, encoding = client and client.offset_encoding,
                 applied = applied, lines = vim.api.nvim_buf_get_lines(0, 0, -1, false) }
vim.fn.writefile({ vim.json.encode(result) }, "result.json")
vim.cmd("qa!")
"#,
        );
    let mut cmd = isolated(&nvim, &dir);
    cmd.args(["--headless", "-n", "-i", "NONE", "-u", "init.lua"])
        .args(["-c", "luafile check.lua", "postmortems/outage.md"]);
    let output = run(cmd);
    let result = std::fs::read_to_string(dir.path().join("result.json")).unwrap_or_else(|_| {
        panic!(
            "Neovim wrote no result: {}{}",
            common::stdout(&output),
            common::stderr(&output)
        )
    });
    let result: Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["ok"], true, "no diagnostics reached Neovim: {result}");
    // Neovim offers UTF-8, and pmlint takes it.
    assert_eq!(result["encoding"], "utf-8");
    let blame: Vec<&Value> = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "blame-wording")
        .collect();
    assert_eq!(blame.len(), 1, "{result}");
    let line = text.lines().nth(4).unwrap();
    // vim.diagnostic counts 0-based lines and byte columns.
    assert_eq!(blame[0]["lnum"], 4);
    assert_eq!(blame[0]["col"], byte_column(line, "human error"));
    assert_eq!(
        blame[0]["end_col"],
        byte_column(line, "human error") + "human error".len()
    );
    assert_eq!(blame[0]["source"], "pmlint");
    assert_eq!(blame[0]["severity"], 1);
    // The quick fix, applied by Neovim, puts the comment above that line.
    assert_eq!(result["applied"], true, "{result}");
    assert_eq!(
        result["lines"][4],
        "<!-- pmlint-disable-next-line blame-wording -->"
    );
    assert_eq!(result["lines"][5], line);
}

/// Vim runs the README's `makeprg` and `errorformat`; returns, for each
/// blame-wording entry, its column as Vim read it and the text from where
/// `:cc` put the cursor.
fn vim_quickfix(vim: &Path, errorformat: &str) -> Vec<(u64, String)> {
    let dir = Dir::new();
    let snippet = readme_snippet("Vim", "vim");
    let snippet = match errorformat {
        "" => snippet,
        other => format!("{snippet}set errorformat={other}\n"),
    };
    dir.write("postmortems/outage.md", POSTMORTEM)
        .write("pmlint.vim", snippet)
        .write(
            "check.vim",
            r#"
source pmlint.vim
silent make!
let s:out = []
let s:n = 0
for s:e in getqflist()
  let s:n += 1
  if s:e.valid && s:e.text =~# 'blame-wording'
    execute 'cc' s:n
    call add(s:out, json_encode({'col': s:e.col, 'vcol': s:e.vcol, 'at': strpart(getline('.'), col('.') - 1)}))
  endif
endfor
call writefile(s:out, 'result.txt')
qa!
"#,
        );
    let mut cmd = isolated(vim, &dir);
    cmd.args([
        "-N",
        "-u",
        "NONE",
        "-i",
        "NONE",
        "-n",
        "-es",
        "-c",
        "source check.vim",
    ]);
    let output = run(cmd);
    let result = std::fs::read_to_string(dir.path().join("result.txt")).unwrap_or_else(|_| {
        panic!(
            "Vim wrote no result: {}{}",
            common::stdout(&output),
            common::stderr(&output)
        )
    });
    result
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["col"].as_u64().unwrap(), v["at"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn vim_reads_short_output_where_pmlint_points() {
    let usable = |vim: &Path| {
        Command::new(vim)
            .args(["-N", "-u", "NONE", "-i", "NONE", "-es", "-c", "qa!"])
            .status()
            .is_ok_and(|s| s.success())
    };
    let Some(vim) = editor("vim", usable) else {
        return;
    };
    let line = POSTMORTEM.lines().nth(4).unwrap();
    let characters = line[..line.find("human error").unwrap()].chars().count() as u64 + 1;
    let found = vim_quickfix(&vim, "");
    assert_eq!(found.len(), 1, "{found:?}");
    // pmlint prints character columns, Vim reads them as screen columns
    // (`%v`), and `:cc` lands on the finding.
    assert_eq!(found[0].0, characters);
    assert!(found[0].1.starts_with("human error"), "{found:?}");

    // Read as bytes (`%c`), the same column lands early on this line: the
    // reason the README's errorformat says `%v`.
    let as_bytes = vim_quickfix(&vim, r"%f:%l:%c:\ %t%*[a-z]%m");
    assert_eq!(as_bytes.len(), 1, "{as_bytes:?}");
    assert!(!as_bytes[0].1.starts_with("human error"), "{as_bytes:?}");
}

/// VS Code is not here to run, but its problem matcher is a regular
/// expression: the README's, applied to real `--format short` output, must
/// find what `--format json` says.
#[test]
fn the_vs_code_problem_matcher_reads_short_output() {
    let tasks: Value = serde_json::from_str(&readme_snippet("VS Code", "json")).expect("tasks.json is JSON");
    let task = &tasks["tasks"][0];
    let matcher = &task["problemMatcher"]["pattern"];
    let regexp = regex::Regex::new(matcher["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| matcher[name].as_u64().unwrap() as usize;

    let dir = Dir::new();
    dir.write(
        "postmortems/outage.md",
        POSTMORTEM.replace("## Impact", "## Impacts 😀"),
    );
    let args: Vec<&str> = task["command"].as_str().unwrap().split(' ').skip(1).collect();
    let short = common::stdout(&common::pmlint(dir.path(), &args));
    let json: Vec<Value> = serde_json::from_str(&common::stdout(&common::pmlint(
        dir.path(),
        &["check", "--format", "json"],
    )))
    .unwrap();
    let lines: Vec<&str> = short.lines().collect();
    assert_eq!(lines.len(), json.len(), "{short}");
    assert!(json.len() > 1, "{short}");
    for (line, expected) in lines.iter().zip(&json) {
        let m = regexp
            .captures(line)
            .unwrap_or_else(|| panic!("the matcher misses {line:?}"));
        assert_eq!(&m[group("file")], expected["path"].as_str().unwrap());
        assert_eq!(
            m[group("line")].parse::<u64>().unwrap(),
            expected["line"].as_u64().unwrap()
        );
        assert_eq!(
            m[group("column")].parse::<u64>().unwrap(),
            expected["column"].as_u64().unwrap()
        );
        assert_eq!(&m[group("severity")], expected["severity"].as_str().unwrap());
        assert_eq!(&m[group("code")], expected["rule"].as_str().unwrap());
        assert_eq!(&m[group("message")], expected["message"].as_str().unwrap());
    }
}

/// Helix is not packaged here either: its snippet must at least be the
/// TOML Helix reads, naming `pmlint server` for Markdown.
#[test]
fn the_helix_snippet_starts_pmlint_server_for_markdown() {
    let config: toml::Table = readme_snippet("Helix", "toml")
        .parse()
        .expect("languages.toml is TOML");
    let server = &config["language-server"]["pmlint"];
    assert_eq!(server["command"].as_str(), Some("pmlint"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &vec![toml::Value::from("server")]
    );
    let markdown = config["language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .unwrap();
    assert!(
        markdown["language-servers"]
            .as_array()
            .unwrap()
            .contains(&"pmlint".into())
    );
}

/// Emacs in batch mode with the README's flycheck checker and eglot
/// server entry, each loaded as written. Returns what `report` (a form
/// evaluated in the postmortem's buffer once `wait` holds) wrote.
fn emacs(emacs: &Path, snippet: usize, start: &str, wait: &str, report: &str) -> String {
    let code = &readme_snippets("Emacs", "elisp")[snippet];
    let dir = Dir::new();
    dir.write("pmlint.toml", "")
        .write("postmortems/outage.md", POSTMORTEM.replace("deploy", "🚀 deploy"))
        .write("snippet.el", code)
        .write(
            "check.el",
            format!(
                r#"
(package-initialize)
(require 'markdown-mode)
(load (expand-file-name "snippet.el") nil t)
(find-file "postmortems/outage.md")
(markdown-mode)
{start}
(let ((tries 0))
  (while (and (< tries 1200) (not {wait}))
    (accept-process-output nil 0.05)
    (setq tries (1+ tries))))
(let ((found {report}))
  (with-temp-file (getenv "PMLINT_RESULT") (insert (mapconcat #'identity found "\n"))))
"#
            ),
        );
    let result = dir.path().join("result.txt");
    let mut cmd = isolated(emacs, &dir);
    cmd.env("PMLINT_RESULT", &result)
        .args(["--batch", "-l", "check.el"]);
    let output = run(cmd);
    std::fs::read_to_string(&result).unwrap_or_else(|_| {
        panic!(
            "Emacs wrote no result: {}{}",
            common::stdout(&output),
            common::stderr(&output)
        )
    })
}

fn usable_emacs(emacs: &Path) -> bool {
    Command::new(emacs)
        .args(["--batch", "--eval"])
        .arg("(progn (package-initialize) (require 'markdown-mode) (require 'flycheck) (require 'eglot))")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn emacs_flycheck_reads_short_output_where_pmlint_points() {
    let Some(program) = editor("emacs", usable_emacs) else {
        return;
    };
    let found = emacs(
        &program,
        1,
        "(require 'flycheck) (flycheck-mode 1) (flycheck-select-checker 'pmlint) (flycheck-buffer)",
        "(and (not (flycheck-running-p)) flycheck-current-errors)",
        r#"(mapcar (lambda (e) (format "%s %s|%s" (flycheck-error-level e) (flycheck-error-line e)
                  (save-excursion (goto-char (flycheck-error-pos e))
                                  (buffer-substring (point) (line-end-position)))))
                flycheck-current-errors)"#,
    );
    let blame: Vec<&str> = found.lines().filter(|l| l.starts_with("error 5|")).collect();
    // Flycheck counts characters, as pmlint does, astral ones included.
    assert_eq!(blame, ["error 5|human error."], "{found}");
}

#[test]
fn emacs_eglot_shows_the_servers_diagnostics() {
    let Some(program) = editor("emacs", usable_emacs) else {
        return;
    };
    let found = emacs(
        &program,
        0,
        "(require 'eglot) (apply #'eglot (eglot--guess-contact))",
        "(flymake-diagnostics)",
        r#"(mapcar (lambda (d) (format "%s|%s" (flymake-diagnostic-text d)
                  (buffer-substring (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))
                (flymake-diagnostics))"#,
    );
    let blame: Vec<&str> = found.lines().filter(|l| l.contains("[blame-wording]")).collect();
    assert_eq!(blame.len(), 1, "{found}");
    assert!(blame[0].ends_with("|human error"), "{found}");
}
