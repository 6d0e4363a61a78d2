//! `pmlint server`: a Language Server Protocol front end on stdio.
//!
//! lsp-server is synchronous: one thread reads messages and lints, which
//! suits a CPU-bound linter whose every answer takes milliseconds. Text is
//! synced whole (`TextDocumentSyncKind::FULL`): postmortems are small and a
//! whole-file parse is what a lint needs anyway. Notifications that queue
//! up while one is linted are taken together, so a burst of keystrokes
//! costs one lint per document.

mod actions;
mod edits;
pub mod position;
mod session;

use anyhow::Context as _;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    ClientCapabilities, CodeActionProviderCapability, DidChangeWatchedFilesRegistrationOptions,
    FileSystemWatcher, GlobPattern, HoverProviderCapability, InitializeParams, InitializeResult, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};

use position::{Encoding, LineIndex};
use session::Session;

/// Runs the server until the client says `exit`; the exit status is 0
/// after a `shutdown`, 1 without one (as the specification asks).
pub fn run() -> anyhow::Result<crate::ExitStatus> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).context("invalid initialize parameters")?;
    let encoding = negotiate(&params.capabilities);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "pmlint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    if watches_files(&params.capabilities) {
        register_watchers(&connection);
    }
    let mut server = Server {
        connection: &connection,
        session: Session::default(),
        encoding,
        told: Vec::new(),
    };
    let status = server.main_loop()?;
    drop(connection);
    io_threads.join()?;
    Ok(status)
}

/// UTF-8 when the client offers it (no conversion at all), else UTF-16,
/// which every client must accept.
fn negotiate(caps: &ClientCapabilities) -> Encoding {
    let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|list| list.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn watches_files(caps: &ClientCapabilities) -> bool {
    caps.workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the client to report changes to configs and packs (any TOML file:
/// a pack can be called anything).
fn register_watchers(connection: &Connection) {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*.toml".to_owned()),
            kind: None,
        }],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "pmlint-config".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        RequestId::from("pmlint-register".to_owned()),
        RegisterCapability::METHOD.to_owned(),
        params,
    );
    let _ = connection.sender.send(request.into());
}

struct Server<'a> {
    connection: &'a Connection,
    session: Session,
    encoding: Encoding,
    /// Config errors already shown, so each is said once.
    told: Vec<String>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> anyhow::Result<crate::ExitStatus> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(crate::ExitStatus::Success);
                    }
                    // Answer from what the client last sent.
                    self.publish_changed();
                    self.answer(request);
                }
                Message::Notification(n) if n.method == "exit" => return Ok(crate::ExitStatus::Failure),
                Message::Notification(n) => self.notified(n),
                Message::Response(_) => {}
            }
            if self.connection.receiver.is_empty() {
                self.publish_changed();
            }
        }
        Ok(crate::ExitStatus::Failure)
    }

    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let doc = p.text_document;
                    self.session.open(doc.uri, doc.text, doc.version);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                {
                    // Full sync: the last change holds the whole text.
                    let (Some(doc), Some(change)) = (
                        self.session.documents.get_mut(&p.text_document.uri),
                        p.content_changes.into_iter().last(),
                    ) else {
                        return;
                    };
                    doc.text = change.text;
                    doc.version = p.text_document.version;
                    doc.dirty = true;
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                {
                    if let Some(doc) = self.session.documents.get_mut(&p.text_document.uri) {
                        doc.dirty = true;
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    if self.session.documents.remove(&p.text_document.uri).is_some() {
                        self.publish(p.text_document.uri, Vec::new(), None);
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                {
                    if p.changes.iter().any(|c| c.uri.path().ends_with(".toml")) {
                        self.told.clear();
                        self.session.reload();
                    }
                }
            }
            _ => {}
        }
    }

    fn answer(&mut self, request: Request) {
        let id = request.id.clone();
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                match request.extract::<lsp_types::CodeActionParams>(CodeActionRequest::METHOD) {
                    Ok((_, p)) => {
                        let uri = p.text_document.uri;
                        // Every action is a quick fix: none for a client that asks for other kinds.
                        let wanted = p.context.only.as_ref().is_none_or(|only| {
                            only.iter().any(|k| {
                                lsp_types::CodeActionKind::QUICKFIX
                                    .as_str()
                                    .starts_with(k.as_str())
                            })
                        });
                        let actions = match self.session.documents.get(&uri) {
                            Some(doc) if wanted => actions::code_actions(&uri, doc, p.range, self.encoding),
                            _ => Vec::new(),
                        };
                        Response::new_ok(id, actions)
                    }
                    Err(e) => invalid(id, &e),
                }
            }
            HoverRequest::METHOD => match request.extract::<lsp_types::HoverParams>(HoverRequest::METHOD) {
                Ok((_, p)) => {
                    let at = p.text_document_position_params;
                    let hover = self
                        .session
                        .documents
                        .get(&at.text_document.uri)
                        .and_then(|doc| actions::hover(doc, at.position, self.encoding));
                    Response::new_ok(id, hover)
                }
                Err(e) => invalid(id, &e),
            },
            other => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("pmlint does not handle {other}"),
            ),
        };
        let _ = self.connection.sender.send(response.into());
    }

    /// Lints every document that changed and publishes its diagnostics.
    fn publish_changed(&mut self) {
        let changed: Vec<Url> = self
            .session
            .documents
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in changed {
            let (publish, failure) = self.session.lint(&uri);
            if let Some(message) = failure.filter(|m| !self.told.contains(m)) {
                self.told.push(message.clone());
                self.notify::<ShowMessage>(ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: format!("pmlint: {message}"),
                });
            }
            if !publish {
                continue;
            }
            let Some(doc) = self.session.documents.get(&uri) else {
                continue;
            };
            let ix = LineIndex::new(&doc.text, self.encoding);
            let diagnostics = doc.diagnostics.iter().map(|d| actions::to_lsp(&ix, d)).collect();
            let version = doc.version;
            self.publish(uri, diagnostics, Some(version));
        }
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        let n = Notification::new(N::METHOD.to_owned(), params);
        let _ = self.connection.sender.send(n.into());
    }
}

fn invalid(id: RequestId, e: &lsp_server::ExtractError<Request>) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, format!("{e:?}"))
}
