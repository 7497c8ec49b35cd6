// Shared by the tests: where the gongkai binary is, the fixtures, and a
// client on the protocol stack VS Code's client is built on.
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { pathToFileURL } = require("node:url");

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const fixtures = path.join(repoRoot, "editors", "fixtures");

/** GONGKAI_BIN, else the debug build in CARGO_TARGET_DIR or target/. */
function gongkaiBin() {
  const candidates = [
    process.env.GONGKAI_BIN,
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, "debug", "gongkai"),
    path.join(repoRoot, "target", "debug", "gongkai"),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no gongkai binary: build it (cargo build) or set GONGKAI_BIN; looked at ${candidates.join(", ")}`);
  return found;
}

/** Spawns `gongkai lsp --stdio` as VS Code's client does and connects to it. */
function startServer({ settings, bin = gongkaiBin() } = {}) {
  const rpc = require("vscode-languageserver-protocol/node");
  const child = spawn(bin, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === "gongkai" ? settings : null)));
  conn.onRequest(rpc.RegistrationRequest.type, () => null);
  conn.onRequest(rpc.UnregistrationRequest.type, () => null);
  conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(rpc.ApplyWorkspaceEditRequest.type, () => ({ applied: false }));
  conn.onNotification(rpc.LogMessageNotification.type, () => {});
  conn.onNotification(rpc.ShowMessageNotification.type, () => {});
  conn.listen();
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

  /** Resolves with the diagnostics for `uri` once `pred` holds for them. */
  function waitDiagnostics(uri, pred, ms = 15000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = diagnostics.get(uri);
        if (p && pred(p)) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(p);
        }
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(check), 1);
        reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(diagnostics.get(uri))}; server stderr: ${stderr.slice(-2000)}`));
      }, ms);
      timer.unref();
      waiters.push(check);
      check();
    });
  }
  return { rpc, child, conn, diagnostics, waitDiagnostics, exited, stderr: () => stderr };
}

/** What VS Code 1.9x announces, trimmed to what matters here. */
const vscodeCapabilities = {
  general: { positionEncodings: ["utf-16"] },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true }, applyEdit: true },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true, willSave: true, willSaveWaitUntil: true },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: false },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    completion: { dynamicRegistration: true, contextSupport: true, completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"], labelDetailsSupport: true } },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "refactor", "source", "source.fixAll", "source.organizeImports"] } },
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    inlayHint: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

function fileUri(p) {
  return pathToFileURL(p).href;
}

/** Applies LSP TextEdits (UTF-16 positions, as negotiated) to a string. */
function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

module.exports = { repoRoot, fixtures, gongkaiBin, startServer, vscodeCapabilities, fileUri, applyEdits };
