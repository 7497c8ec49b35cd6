//! The language server: protocol only, translating between the report model
//! and LSP. (Being built: see the LSP work package.)

/// Serve LSP on stdin/stdout until the client exits.
pub fn run_stdio() -> anyhow::Result<()> {
    anyhow::bail!("the language server is not built yet")
}
