//! `pmlint server` as an editor sees it: the real binary, spoken to in
//! JSON-RPC over its standard input and output. Every wait has a generous
//! limit, so a server that never answers fails the test instead of hanging
//! it; nothing here depends on how fast the server is.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use common::{Dir, command, pmlint_bin};

const PATIENCE: Duration = Duration::from_secs(60);

/// A minimal LSP client: framing by `Content-Length`, one reader thread.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Value>,
    /// Notifications read while waiting for something else.
    queued: VecDeque<Value>,
    /// Requests the server made (each answered with `null`).
    server_requests: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts the server and initializes it, offering `encodings`.
    fn start(dir: &Path, encodings: &[&str]) -> (Client, Value) {
        let mut child = command(pmlint_bin())
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("pmlint server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            queued: VecDeque::new(),
            server_requests: Vec::new(),
            next_id: 0,
        };
        let capabilities = json!({
            "general": { "positionEncodings": encodings },
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
        });
        let result = client.request("initialize", json!({ "capabilities": capabilities }));
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message from the server; requests it makes are answered.
    fn next(&mut self) -> Value {
        loop {
            let m = self
                .incoming
                .recv_timeout(PATIENCE)
                .expect("the server answers within the time limit");
            if m.get("method").is_some() && m.get("id").is_some() {
                let id = m["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
                self.server_requests.push(m);
                continue;
            }
            return m;
        }
    }

    /// Sends a request and returns its result; notifications that come
    /// first are kept for later.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.next();
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
            self.queued.push_back(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_ours =
            |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        if let Some(i) = self.queued.iter().position(is_ours) {
            let m = self.queued.remove(i).unwrap();
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next();
            if is_ours(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.queued.push_back(m);
        }
    }

    /// Was anything published for `uri` before the server answered a
    /// request sent now? (It lints what changed before it answers.)
    fn published_before_answering(&mut self, uri: &str) -> bool {
        self.request("textDocument/hover", hover_params(uri, 0, 0));
        self.queued
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let (tx, rx) = mpsc::channel();
        let mut child = std::mem::replace(&mut self.child, command("true").spawn().unwrap());
        std::thread::spawn(move || tx.send(child.wait()));
        let status = rx.recv_timeout(PATIENCE).expect("the server exits").unwrap();
        assert!(status.success(), "exit after shutdown is status 0, got {status}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri_of(path: &Path) -> String {
    // Temporary folders have plain ASCII names: no escaping needed.
    format!("file://{}", path.display())
}

fn hover_params(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

/// The LSP position of byte `at` of `text` (lines end at `\n` here),
/// counted independently of the server.
fn position(text: &str, at: usize, utf8: bool) -> Value {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({ "line": text[..at].matches('\n').count(), "character": character })
}

fn range(text: &str, needle: &str, utf8: bool) -> Value {
    let at = text.find(needle).unwrap();
    json!({ "start": position(text, at, utf8), "end": position(text, at + needle.len(), utf8) })
}

fn of_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

fn apply(text: &str, edit: &Value, utf8: bool) -> String {
    // Only insertions and single-line replacements are offered.
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= p["character"].as_u64().unwrap() as usize {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let (a, b) = (offset(&edit["range"]["start"]), offset(&edit["range"]["end"]));
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().unwrap(),
        &text[b..]
    )
}

/// A complete postmortem but for the wording: astral and multi-byte
/// characters stand before each finding on its line.
const POSTMORTEM: &str = "# Outage 😀 at the café

## Summary

The 🚀 deploy stalled; 日本 traffic 😀 failed over. It was human error.

## Impact

Checkout was down for 20 minutes.

## Timeline

- 10:00 UTC 😀 the operator forgot to drain the node

## Contributing factors

- The drain step was manual.

## Resolution

We drained the node.

## Action items

- [ ] Automate the drain (owner: @sam, due: 2026-07-01)
";

#[test]
fn ranges_are_exact_in_both_encodings() {
    let dir = Dir::new();
    let path = dir.path().join("postmortems/outage.md");
    let uri = uri_of(&path);
    for (offered, utf8) in [
        (vec!["utf-8", "utf-16"], true),
        (vec!["utf-16"], false),
        (vec![], false),
    ] {
        let (mut client, init) = Client::start(dir.path(), &offered);
        let expected = if utf8 { "utf-8" } else { "utf-16" };
        assert_eq!(
            init["capabilities"]["positionEncoding"], expected,
            "offered {offered:?}"
        );
        let diagnostics = client.open(&uri, POSTMORTEM);
        let blame = of_rule(&diagnostics, "blame-wording");
        assert_eq!(blame.len(), 1, "{diagnostics:?}");
        assert_eq!(blame[0]["range"], range(POSTMORTEM, "human error", utf8));
        assert_eq!(blame[0]["severity"], 1);
        assert_eq!(blame[0]["source"], "pmlint");
        assert!(
            blame[0]["codeDescription"]["href"]
                .as_str()
                .unwrap()
                .ends_with("#blame-wording")
        );
        let hindsight = of_rule(&diagnostics, "hindsight-wording");
        assert_eq!(hindsight.len(), 1, "{diagnostics:?}");
        assert_eq!(hindsight[0]["range"], range(POSTMORTEM, "forgot to", utf8));
        assert_eq!(hindsight[0]["severity"], 2);
        client.shutdown();
    }
}

#[test]
fn diagnostics_follow_change_save_and_close() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    assert_eq!(of_rule(&client.open(&uri, POSTMORTEM), "blame-wording").len(), 1);

    let fixed = POSTMORTEM.replace("It was human error.", "The 😀 runbook was out of date.");
    let after = client.change(&uri, 2, &fixed);
    assert!(of_rule(&after, "blame-wording").is_empty(), "{after:?}");
    assert_eq!(of_rule(&after, "hindsight-wording").len(), 1);

    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(&uri), after);

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert!(client.diagnostics(&uri).is_empty());
    client.shutdown();
}

#[test]
fn only_the_files_the_config_calls_postmortems() {
    let dir = Dir::new();
    dir.write("pmlint.toml", "exclude = [\"**/drafts/**\"]\n");
    let (mut client, _) = Client::start(dir.path(), &["utf-8"]);
    for rel in [
        "notes/outage.md",
        "postmortems/drafts/outage.md",
        "postmortems/outage.txt",
    ] {
        let uri = uri_of(&dir.path().join(rel));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": POSTMORTEM } }),
        );
        assert!(
            !client.published_before_answering(&uri),
            "{rel} is not a postmortem"
        );
    }
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    assert!(!client.open(&uri, POSTMORTEM).is_empty());
    client.shutdown();
}

#[test]
fn a_changed_config_applies_at_once() {
    let dir = Dir::new();
    dir.write("pmlint.toml", "[rules]\nblame-wording = \"off\"\n");
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let (mut client, _) = Client::start(dir.path(), &["utf-8"]);
    assert!(of_rule(&client.open(&uri, POSTMORTEM), "blame-wording").is_empty());

    dir.write("pmlint.toml", "[rules]\nblame-wording = \"warning\"\n");
    let config = uri_of(&dir.path().join("pmlint.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    let diagnostics = client.diagnostics(&uri);
    let blame = of_rule(&diagnostics, "blame-wording");
    assert_eq!(blame.len(), 1, "{diagnostics:?}");
    assert_eq!(blame[0]["severity"], 2);
    // It asked to hear of such changes, configs and packs alike.
    let registration = client
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("the server registers a file watcher");
    let watcher = &registration["params"]["registrations"][0];
    assert_eq!(watcher["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        watcher["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.toml"
    );

    // A broken config is said once, and nothing is reported under it.
    dir.write("pmlint.toml", "[rules]\nblame-wording = \"loud\"\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    assert!(client.diagnostics(&uri).is_empty());
    let said = client
        .queued
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .expect("the config error is shown");
    assert_eq!(said["params"]["type"], 1);
    assert!(
        said["params"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown severity `loud`"),
        "{said}"
    );
    client.shutdown();
}

#[test]
fn only_quick_fixes_and_only_when_asked() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let (mut client, _) = Client::start(dir.path(), &["utf-8"]);
    client.open(&uri, POSTMORTEM);
    let at = position(POSTMORTEM, POSTMORTEM.find("human").unwrap(), true);
    let ask = |only: Value| {
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": at, "end": at },
            "context": { "diagnostics": [], "only": only },
        })
    };
    let fixes = client.request("textDocument/codeAction", ask(json!(["quickfix"])));
    assert!(!fixes.as_array().unwrap().is_empty());
    let none = client.request("textDocument/codeAction", ask(json!(["source.organizeImports"])));
    assert_eq!(none, json!([]));
    client.shutdown();
}

fn code_actions(client: &mut Client, uri: &str, at: &Value) -> Vec<Value> {
    let params = json!({
        "textDocument": { "uri": uri },
        "range": { "start": at, "end": at },
        "context": { "diagnostics": [] },
    });
    client
        .request("textDocument/codeAction", params)
        .as_array()
        .unwrap()
        .clone()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

fn only_edit<'a>(action: &'a Value, uri: &str) -> &'a Value {
    let edits = action["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{action}");
    &edits[0]
}

#[test]
fn the_rewrite_is_offered_never_preferred() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    for (offered, utf8) in [(["utf-8"], true), (["utf-16"], false)] {
        let (mut client, _) = Client::start(dir.path(), &offered);
        client.open(&uri, POSTMORTEM);
        let inside = POSTMORTEM.find("forgot to").unwrap() + 2;
        let actions = code_actions(&mut client, &uri, &position(POSTMORTEM, inside, utf8));
        let rewrite = titled(&actions, "Replace with 'did not'");
        assert!(rewrite["title"].as_str().unwrap().contains("changes the meaning"));
        assert_eq!(rewrite["kind"], "quickfix");
        assert!(rewrite.get("isPreferred").is_none(), "{rewrite}");
        assert_eq!(rewrite["diagnostics"][0]["code"], "hindsight-wording");
        let edit = only_edit(rewrite, &uri);
        assert_eq!(edit["range"], range(POSTMORTEM, "forgot to", utf8));
        let rewritten = apply(POSTMORTEM, edit, utf8);
        assert!(rewritten.contains("😀 the operator did not drain the node"));
        // A rule without a rewrite gets none.
        let at = position(POSTMORTEM, POSTMORTEM.find("human error").unwrap(), utf8);
        let actions = code_actions(&mut client, &uri, &at);
        assert!(
            actions
                .iter()
                .all(|a| !a["title"].as_str().unwrap().starts_with("Rewrite"))
        );
        let after = client.change(&uri, 2, &rewritten);
        assert!(of_rule(&after, "hindsight-wording").is_empty(), "{after:?}");
        client.shutdown();
    }
}

#[test]
fn disabling_a_rule_for_a_line_inside_a_list_item() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let text = POSTMORTEM.replace(
        "- 10:00 UTC 😀 the operator forgot to drain the node",
        "- 10:00 UTC the page fired\n  - 10:05 UTC 😀 the operator forgot to drain the node",
    );
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    assert_eq!(of_rule(&client.open(&uri, &text), "hindsight-wording").len(), 1);
    let at = position(&text, text.find("forgot").unwrap(), false);
    let actions = code_actions(&mut client, &uri, &at);
    let disable = titled(&actions, "Disable hindsight-wording for this line");
    assert!(disable.get("isPreferred").is_none());
    let edit = only_edit(disable, &uri);
    let disabled = apply(&text, edit, false);
    assert!(
        disabled.contains(
            "- 10:00 UTC the page fired\n  <!-- pmlint-disable-next-line hindsight-wording -->\n  - 10:05 UTC 😀"
        ),
        "{disabled}"
    );
    let after = client.change(&uri, 2, &disabled);
    assert!(of_rule(&after, "hindsight-wording").is_empty(), "{after:?}");
    // The other findings stay: only that rule, only that line.
    assert_eq!(of_rule(&after, "blame-wording").len(), 1, "{after:?}");
    assert!(of_rule(&after, "invalid-suppression").is_empty(), "{after:?}");
    client.shutdown();
}

#[test]
fn a_missing_section_is_inserted_where_the_template_puts_it() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let start = POSTMORTEM.find("## Timeline").unwrap();
    let end = POSTMORTEM.find("## Contributing").unwrap();
    let text = format!("{}{}", &POSTMORTEM[..start], &POSTMORTEM[end..]);
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    let diagnostics = client.open(&uri, &text);
    let missing = of_rule(&diagnostics, "missing-section");
    assert_eq!(missing.len(), 1, "{diagnostics:?}");
    assert_eq!(missing[0]["message"], "missing required section 'Timeline'");
    // On the title, after its emoji.
    assert_eq!(missing[0]["range"], range(&text, "Outage 😀 at the café", false));

    let at = position(&text, text.find("café").unwrap(), false);
    let actions = code_actions(&mut client, &uri, &at);
    let insert = titled(&actions, "Insert section \u{2018}Timeline\u{2019}");
    let disables = actions
        .iter()
        .filter(|a| a["title"] == "Disable missing-section for this line")
        .count();
    assert_eq!(disables, 1, "{actions:#?}");
    let inserted = apply(&text, only_edit(insert, &uri), false);
    assert!(
        inserted.contains("20 minutes.\n\n## Timeline\n\n## Contributing factors\n"),
        "{inserted}"
    );
    let after = client.change(&uri, 2, &inserted);
    assert!(of_rule(&after, "missing-section").is_empty(), "{after:?}");
    // The heading alone is not the section: it still needs writing.
    let empty = of_rule(&after, "empty-section");
    assert_eq!(empty.len(), 1, "{after:?}");
    client.shutdown();
}

#[test]
fn hover_explains_the_rule() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    client.open(&uri, POSTMORTEM);
    let at = position(POSTMORTEM, POSTMORTEM.find("error.").unwrap(), false);
    let hover = client.request(
        "textDocument/hover",
        hover_params(
            &uri,
            at["line"].as_u64().unwrap() as u32,
            at["character"].as_u64().unwrap() as u32,
        ),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(hover["range"], range(POSTMORTEM, "human error", false));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`blame-wording`"), "{text}");
    assert!(text.contains("makes people the cause"), "{text}");
    assert!(text.contains("## What it does"), "{text}");
    // Away from any finding: nothing.
    let nothing = client.request("textDocument/hover", hover_params(&uri, 8, 3));
    assert_eq!(nothing, Value::Null);
    client.shutdown();
}

#[test]
fn bad_requests_get_errors_not_a_dead_server() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    client.open(&uri, POSTMORTEM);
    for (method, params) in [
        ("textDocument/codeAction", json!({ "textDocument": 7 })),
        ("textDocument/hover", json!(null)),
        ("textDocument/formatting", json!({})),
    ] {
        client.next_id += 1;
        let id = client.next_id;
        client.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let answer = loop {
            let m = client.next();
            if m["id"] == json!(id) {
                break m;
            }
        };
        assert!(answer["error"]["code"].is_i64(), "{method}: {answer}");
    }
    // Notifications it cannot read are dropped; positions past the end are
    // the end; a document it never saw has nothing.
    client.notify("textDocument/didChange", json!({ "textDocument": "?" }));
    let far = client.request("textDocument/hover", hover_params(&uri, 9999, 9999));
    assert_eq!(far, Value::Null);
    let unknown = uri_of(&dir.path().join("postmortems/never-opened.md"));
    assert_eq!(
        client.request("textDocument/hover", hover_params(&unknown, 0, 0)),
        Value::Null
    );
    assert!(!client.open(&uri, POSTMORTEM).is_empty());
    client.shutdown();
}

#[test]
fn one_disable_per_rule_and_line_one_insert_per_missing_section() {
    let dir = Dir::new();
    let uri = uri_of(&dir.path().join("postmortems/outage.md"));
    let text = "# Outage 😀\n\nSomething broke.\n";
    let (mut client, _) = Client::start(dir.path(), &["utf-16"]);
    let missing = of_rule(&client.open(&uri, text), "missing-section").len();
    assert_eq!(missing, 6);
    let actions = code_actions(&mut client, &uri, &position(text, 3, false));
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    let inserts = titles.iter().filter(|t| t.starts_with("Insert section")).count();
    assert_eq!(inserts, missing, "{titles:?}");
    let disables: Vec<&&str> = titles.iter().filter(|t| t.starts_with("Disable")).collect();
    assert_eq!(disables, [&"Disable missing-section for this line"], "{titles:?}");
    // The fixes come before the ways to silence a finding.
    assert_eq!(titles.last(), Some(&"Disable missing-section for this line"));
    client.shutdown();
}
