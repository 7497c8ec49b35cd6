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
    runtime.block_on(async {
        let stdin = tokio::io::stdin();
        let stdout = tokio::io::stdout();
        let (service, socket) = tower_lsp_server::LspService::new(server::Backend::new);
        tower_lsp_server::Server::new(stdin, stdout, socket)
            .serve(service)
            .await;
    });
    // Blocking checks still running must not keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}
