//! The language server: protocol only, translating between the report model
//! and LSP.
//!
//! [`server`] holds the open documents and answers the protocol; every
//! feature is a pure function of a checked [`document::Snapshot`] in its own
//! module; [`position`] is the one place where byte offsets meet LSP
//! positions.

pub mod actions;
pub mod completion;
pub mod diagnostics;
pub mod document;
pub mod framing;
pub mod hover;
pub mod labels;
pub mod law_bridge;
pub mod outline;
pub mod position;
pub mod server;
pub mod settings;
pub mod skeleton;
pub mod totals;

/// Serve LSP on stdin/stdout until the client exits.
pub fn run_stdio() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shut_down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    runtime.block_on(async {
        // Frames pass through a guard that turns undecodable messages into
        // requests the server answers with the right error.
        let (reader, writer) = tokio::io::duplex(1 << 16);
        tokio::spawn(async move {
            let stdin = tokio::io::BufReader::new(tokio::io::stdin());
            let _ = framing::pump(stdin, writer).await;
        });
        let stdout = tokio::io::stdout();
        let flag = shut_down.clone();
        let (service, socket) = tower_lsp_server::LspService::build(move |client| {
            server::Backend::with_shutdown_flag(client, flag.clone())
        })
        .custom_method(framing::PARSE_ERROR, server::Backend::parse_error)
        .custom_method(framing::INVALID_REQUEST, server::Backend::invalid_request)
        .custom_method(
            framing::UNKNOWN_DOLLAR_REQUEST,
            server::Backend::unknown_dollar_request,
        )
        .finish();
        tower_lsp_server::Server::new(reader, stdout, socket)
            .serve(service)
            .await;
    });
    // Blocking checks still running must not keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if !shut_down.load(std::sync::atomic::Ordering::SeqCst) {
        // The protocol: `exit` (or the end of the input) without a
        // `shutdown` before it ends the server with 1.
        eprintln!("gongkai lsp: exit without shutdown");
        std::process::exit(1);
    }
    Ok(())
}
