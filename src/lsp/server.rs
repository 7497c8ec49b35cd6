//! The protocol: open documents, settings, and the handlers.
//!
//! Document state changes synchronously at the top of `didOpen` /
//! `didChange` (before any await: requests run concurrently). Checking runs
//! on the blocking pool after a short debounce; results are pushed with the
//! document version and dropped when the document has moved on.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::actions;
use super::completion;
use super::diagnostics;
use super::document::{discover_config, project_config, Flavor, Snapshot};
use super::hover;
use super::outline;
use super::position::{self, Encoding};
use super::settings::Settings;

/// Default delay between the last change and checking.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How long a check waits for the scan for last year's report before
/// going on without it (it is checked again when the scan ends).
const PREVIOUS_WAIT: Duration = Duration::from_millis(300);

struct Doc {
    rope: Rope,
    version: i32,
    flavor: Flavor,
    path: String,
    /// Bumped on every change of text or of the settings that apply.
    generation: u64,
    snapshot: Option<Arc<Snapshot>>,
    /// Whether the last push had any diagnostics (to clear them once).
    pushed_any: bool,
}

#[derive(Default)]
struct Session {
    encoding: Encoding,
    /// Push diagnostics (the client does not pull them).
    push: bool,
    /// The client answers `workspace/configuration`.
    config_pull: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    refresh_pull: bool,
    /// From initializationOptions or didChangeConfiguration.
    global: Settings,
    /// Workspace folders: path prefix, URI, and their settings.
    folders: Vec<(String, Uri, Option<Settings>)>,
    debounce: Duration,
}

pub struct Backend {
    client: Client,
    docs: Arc<Mutex<HashMap<Uri, Doc>>>,
    session: Arc<RwLock<Session>>,
    /// Set once the client's settings are in (after `initialized`): checks
    /// wait for it so the first push already follows the settings.
    ready: Arc<tokio::sync::watch::Sender<bool>>,
    /// Generations are unique over the whole session (a document closed
    /// and opened again never reuses one), so result ids never repeat.
    generations: Arc<AtomicU64>,
    /// Set by `shutdown`: `exit` without it ends the process with 1.
    shut_down: Arc<AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Run a pure handler; a panic becomes an error response, not a dead
/// server.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| Error {
        code: ErrorCode::InternalError,
        message: format!("gongkai: internal error while answering {what}").into(),
        data: None,
    })
}

fn uri_path(uri: &Uri) -> String {
    uri.to_file_path()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| uri.as_str().to_string())
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self::with_shutdown_flag(client, Arc::default())
    }

    /// A backend that sets `shut_down` when the client asks to shut down.
    pub fn with_shutdown_flag(client: Client, shut_down: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            docs: Arc::new(Mutex::new(HashMap::new())),
            session: Arc::new(RwLock::new(Session {
                debounce: DEBOUNCE,
                push: true,
                ..Default::default()
            })),
            ready: Arc::new(tokio::sync::watch::channel(false).0),
            generations: Arc::default(),
            shut_down,
        }
    }

    fn next_generation(&self) -> u64 {
        self.generations.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// The answer to a `$/` request the server does not know (the protocol
    /// library would drop it unanswered; see [`super::framing`]).
    pub async fn unknown_dollar_request(&self, params: Value) -> Result<()> {
        let method = params
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or("$/…");
        Err(Error {
            code: ErrorCode::MethodNotFound,
            message: format!("Method not found: {method}").into(),
            data: None,
        })
    }

    /// The answer to a message that was not JSON (see [`super::framing`]).
    pub async fn parse_error(&self) -> Result<()> {
        Err(Error::parse_error())
    }

    /// The answer to JSON that is not a JSON-RPC message.
    pub async fn invalid_request(&self) -> Result<()> {
        Err(Error::invalid_request())
    }

    fn encoding(&self) -> Encoding {
        self.session.read().map(|s| s.encoding).unwrap_or_default()
    }

    /// The settings for a document: its workspace folder's, else global.
    fn options_for(session: &Session, path: &str) -> crate::check::CheckOptions {
        let folder = session
            .folders
            .iter()
            .filter(|(root, _, _)| path.starts_with(root.as_str()))
            .max_by_key(|(root, _, _)| root.len());
        match folder {
            Some((_, _, Some(s))) => s.options(),
            _ => session.global.options(),
        }
    }

    /// The checked snapshot of the document's current text, computing it
    /// off the async runtime if needed. `None` if the document is not open
    /// or has changed again (for `only_generation`).
    async fn snapshot(&self, uri: &Uri, only_generation: Option<u64>) -> Option<Arc<Snapshot>> {
        let (text, version, generation, flavor, path) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            if only_generation.is_some_and(|g| g != doc.generation) {
                return None;
            }
            if let Some(s) = &doc.snapshot {
                if s.generation == doc.generation {
                    return Some(s.clone());
                }
            }
            (
                doc.rope.to_string(),
                doc.version,
                doc.generation,
                doc.flavor,
                doc.path.clone(),
            )
        };
        let mut options = {
            let session = self.session.read().ok()?;
            Self::options_for(&session, &path)
        };
        // When a late scan for last year's report finds another one, the
        // document is checked again.
        let on_late: Box<dyn FnOnce() + Send> = {
            let this = self.handle();
            let uri = uri.clone();
            let runtime = tokio::runtime::Handle::current();
            Box::new(move || {
                runtime.spawn(async move { this.refresh(uri).await });
            })
        };
        let snap = tokio::task::spawn_blocking(move || {
            // gongkai.toml once per check: for options, globs and `previous`.
            let config = discover_config(&path);
            let report = project_config(&path, config.as_ref(), &mut options);
            // Last year's report of the same body, for GK207/GK504: the
            // folder scan runs in the background, waited for a moment only.
            let previous = std::path::Path::new(&path)
                .is_absolute()
                .then(|| {
                    crate::previous::find_within(
                        std::path::Path::new(&path),
                        &text,
                        config.as_ref(),
                        Some(PREVIOUS_WAIT),
                        Some(on_late),
                    )
                })
                .flatten();
            Snapshot::build(
                text,
                version,
                generation,
                flavor,
                &options,
                report,
                previous.as_ref().map(|p| p.1.as_str()),
            )
        })
        .await
        .ok()?;
        let snap = Arc::new(snap);
        let mut docs = lock(&self.docs);
        let doc = docs.get_mut(uri)?;
        if doc.generation == generation {
            doc.snapshot = Some(snap.clone());
        }
        Some(snap)
    }

    /// Check after `delay` and push the diagnostics, unless the document
    /// changed in between.
    fn schedule(&self, uri: Uri, generation: u64, delay: Duration) {
        let this = self.handle();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let mut ready = this.ready.subscribe();
            let _ = tokio::time::timeout(Duration::from_secs(2), ready.wait_for(|r| *r)).await;
            let push = this.session.read().map(|s| s.push).unwrap_or(true);
            let Some(snap) = this.snapshot(&uri, Some(generation)).await else {
                return;
            };
            if !push {
                return;
            }
            let encoding = this.encoding();
            let diags = guard("diagnostics", || diagnostics::diagnostics(&snap, encoding))
                .unwrap_or_default();
            {
                let mut docs = lock(&this.docs);
                let Some(doc) = docs.get_mut(&uri) else {
                    return;
                };
                if doc.generation != snap.generation {
                    return; // stale: a newer check will push
                }
                // Reports always get a push (even an empty one); other
                // files only to clear what an earlier push showed.
                if !snap.is_report && !doc.pushed_any {
                    return;
                }
                doc.pushed_any = !diags.is_empty();
            }
            this.client
                .publish_diagnostics(uri, diags, Some(snap.version))
                .await;
        });
    }

    /// A cheap clone sharing all state, for spawned tasks.
    fn handle(&self) -> Backend {
        Backend {
            client: self.client.clone(),
            docs: self.docs.clone(),
            session: self.session.clone(),
            ready: self.ready.clone(),
            generations: self.generations.clone(),
            shut_down: self.shut_down.clone(),
        }
    }

    /// Something the check of `uri` depends on changed outside it (last
    /// year's report turned up): check it again, and tell a pulling client
    /// to pull.
    async fn refresh(&self, uri: Uri) {
        let generation = {
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            doc.generation = self.next_generation();
            doc.snapshot = None;
            doc.generation
        };
        let push = self.session.read().map(|s| s.push).unwrap_or(true);
        if push {
            self.schedule(uri, generation, Duration::ZERO);
        } else if self.session.read().is_ok_and(|s| s.refresh_pull) {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Settings changed: every open document is checked again.
    fn recheck_all(&self) {
        let mut todo = Vec::new();
        {
            let mut docs = lock(&self.docs);
            for (uri, doc) in docs.iter_mut() {
                doc.generation = self.next_generation();
                doc.snapshot = None;
                todo.push((uri.clone(), doc.generation));
            }
        }
        for (uri, g) in todo {
            self.schedule(uri, g, Duration::ZERO);
        }
    }

    /// Ask the client for the `gongkai` settings of each folder (and the
    /// global ones).
    async fn pull_settings(&self) {
        let (pull, roots) = match self.session.read() {
            Ok(s) => (
                s.config_pull,
                s.folders
                    .iter()
                    .map(|(_, u, _)| u.clone())
                    .collect::<Vec<_>>(),
            ),
            Err(_) => return,
        };
        if !pull {
            return;
        }
        let mut items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("gongkai".into()),
        }];
        for r in roots {
            items.push(ConfigurationItem {
                scope_uri: Some(r),
                section: Some("gongkai".into()),
            });
        }
        let Ok(values) = self.client.configuration(items).await else {
            return;
        };
        if let Ok(mut s) = self.session.write() {
            let mut values = values.into_iter();
            if let Some(g) = values.next().as_ref().and_then(section_settings) {
                s.global = g;
            }
            for ((_, _, settings), v) in s.folders.iter_mut().zip(values) {
                *settings = section_settings(&v);
            }
        }
    }
}

/// `workspace/configuration` answers the section itself.
fn section_settings(v: &Value) -> Option<Settings> {
    if v.is_object() {
        Settings::from_json(&serde_json::json!({ "gongkai": v }))
    } else {
        None
    }
}

fn folder_path(uri: &Uri) -> String {
    let mut p = uri_path(uri);
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let pulls = caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let config_pull = caps
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        let refresh_pull = caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let mut folders: Vec<(String, Uri, Option<Settings>)> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| (folder_path(&f.uri), f.uri.clone(), None))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            if let Some(root) = &params.root_uri {
                folders.push((folder_path(root), root.clone(), None));
            }
        }
        let init = params.initialization_options.as_ref();
        let global = init.and_then(Settings::from_json).unwrap_or_default();
        let debounce = init
            .and_then(|v| v.get("debounceMs"))
            .and_then(Value::as_u64)
            .map_or(DEBOUNCE, Duration::from_millis);
        let force_push = init
            .and_then(|v| v.get("pushDiagnostics"))
            .and_then(Value::as_bool);
        if let Ok(mut s) = self.session.write() {
            *s = Session {
                encoding,
                push: force_push.unwrap_or(!pulls),
                config_pull,
                refresh_pull,
                global,
                folders,
                debounce,
            };
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["第".into(), "|".into(), "、".into()]),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::FIX_ALL]),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("gongkai".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    },
                )),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "gongkai".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.pull_settings().await;
        self.ready.send_replace(true);
        self.recheck_all();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let path = uri_path(&d.uri);
        let Some(flavor) = Flavor::of(&d.language_id, &path) else {
            return; // not Markdown or text: not ours
        };
        let generation = {
            let mut docs = lock(&self.docs);
            let generation = self.next_generation();
            docs.insert(
                d.uri.clone(),
                Doc {
                    rope: Rope::from_str(&d.text),
                    version: d.version,
                    flavor,
                    path,
                    generation,
                    snapshot: None,
                    pushed_any: false,
                },
            );
            generation
        };
        self.schedule(d.uri, generation, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let encoding = self.encoding();
        let uri = params.text_document.uri;
        let generation = {
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            let applied = catch_unwind(AssertUnwindSafe(|| {
                for change in &params.content_changes {
                    match change.range {
                        Some(range) => {
                            position::apply_edit(&mut doc.rope, range, &change.text, encoding)
                        }
                        None => doc.rope = Rope::from_str(&change.text),
                    }
                }
            }));
            if applied.is_err() {
                return;
            }
            doc.version = params.text_document.version;
            doc.generation = self.next_generation();
            doc.generation
        };
        let delay = self.session.read().map(|s| s.debounce).unwrap_or(DEBOUNCE);
        self.schedule(uri, generation, delay);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = lock(&self.docs).remove(&uri);
        let push = self.session.read().map(|s| s.push).unwrap_or(true);
        if push && removed.is_some() {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if let Some(s) = Settings::from_json(&params.settings) {
            if let Ok(mut session) = self.session.write() {
                session.global = s;
            }
        }
        self.pull_settings().await;
        self.recheck_all();
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        if let Ok(mut s) = self.session.write() {
            let removed: Vec<String> = params
                .event
                .removed
                .iter()
                .map(|f| folder_path(&f.uri))
                .collect();
            s.folders.retain(|(r, _, _)| !removed.contains(r));
            for f in &params.event.added {
                s.folders.push((folder_path(&f.uri), f.uri.clone(), None));
            }
        }
        self.pull_settings().await;
        self.recheck_all();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(snap) = self.snapshot(&p.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        let enc = self.encoding();
        guard("hover", || hover::hover(&snap, enc, p.position))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(snap) = self.snapshot(&p.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        let enc = self.encoding();
        let items = guard("completion", || {
            completion::completion(&snap, enc, p.position)
        })?;
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        let enc = self.encoding();
        let actions = guard("codeAction", || actions::code_actions(&snap, enc, &params))?;
        Ok(Some(actions))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        let enc = self.encoding();
        let symbols = guard("documentSymbol", || outline::document_symbols(&snap, enc))?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        guard("foldingRange", || Some(outline::folding_ranges(&snap)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri, None).await else {
            return Ok(None);
        };
        if snap.flavor == Flavor::Html {
            return Ok(None);
        }
        let enc = self.encoding();
        guard("inlayHint", || {
            Some(outline::inlay_hints(&snap, enc, params.range))
        })
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri, None).await else {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        };
        let result_id = format!("{}:{}", snap.version, snap.generation);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                }),
            ));
        }
        let enc = self.encoding();
        let items = guard("diagnostic", || diagnostics::diagnostics(&snap, enc))?;
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            }),
        ))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        // A hidden command for the test suite: proves a panicking handler
        // answers with an error and the server lives on.
        if params.command == "gongkai.debug.panic"
            && std::env::var_os("GONGKAI_LSP_DEBUG").is_some()
        {
            return guard("workspace/executeCommand", || -> Option<Value> {
                panic!("requested panic")
            });
        }
        Err(Error::invalid_params(format!(
            "unknown command {}",
            params.command
        )))
    }
}
