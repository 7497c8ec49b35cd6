// End to end on the protocol stack VS Code's client is built on
// (vscode-languageserver-protocol / vscode-jsonrpc): the real `gongkai lsp --stdio`,
// the seed report with one wrong 总计.
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repoRoot, fixtures, startServer, vscodeCapabilities, fileUri, applyEdits } = require("./helpers.js");

const settings = { reportFormat: "auto", select: [], ignore: [], severity: {} };
const file = path.join(fixtures, "建国门街道2020年政府信息公开工作年度报告.txt");
const uri = fileUri(file);
const broken = fs.readFileSync(path.join(fixtures, "seed-2020-wrong-total.txt"), "utf8");
const correct = fs.readFileSync(path.join(repoRoot, "tests", "fixtures", "seed", "seed-2020.txt"), "utf8");
const lines = broken.split("\n");
// The （七）总计 row's last cell (the row total), 0-based: the line holding "\t7".
const labelLine = lines.findIndex((l) => l.trim() === "（七）总计");
const totalLine = labelLine + 7;
assert.equal(lines[totalLine], "\t7", "fixture: the wrong 总计 is where the test expects it");

const server = startServer({ settings });
const { rpc, conn } = server;
let version = 1;
let gk201;
let initResult;

after(async () => {
  server.child.kill();
});

test("initialize: capabilities VS Code uses", async () => {
  initResult = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
    rootUri: fileUri(fixtures),
    workspaceFolders: [{ uri: fileUri(fixtures), name: "fixtures" }],
    capabilities: vscodeCapabilities,
    initializationOptions: settings,
  });
  const caps = initResult.capabilities;
  assert.ok(caps.textDocumentSync !== undefined, "text document sync");
  assert.ok(caps.hoverProvider, "hover");
  assert.ok(caps.completionProvider, "completion");
  assert.ok(caps.codeActionProvider, "code actions");
  if (caps.positionEncoding) assert.equal(caps.positionEncoding, "utf-16");
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  await conn.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: { gongkai: settings } });
});

test("didOpen → GK201 on the wrong 总计 cell, GK202/GK203 on its column", async () => {
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "gongkai-report", version, text: broken } });
  const p = await server.waitDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "GK201"));
  gk201 = p.diagnostics.find((d) => d.code === "GK201");
  assert.equal(gk201.severity, 1, "error");
  assert.deepEqual(gk201.range, { start: { line: totalLine, character: 1 }, end: { line: totalLine, character: 2 } });
  assert.match(gk201.message, /总计/);
  const codes = new Set(p.diagnostics.map((d) => d.code));
  assert.ok(codes.has("GK202") || codes.has("GK203"), `column checks too: ${[...codes].join(" ")}`);
});

test("hover on the wrong 总计 gives the computed sum", async () => {
  const h = await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: gk201.range.start });
  assert.ok(h && h.contents, "a hover");
  const text = typeof h.contents === "string" ? h.contents : Array.isArray(h.contents) ? h.contents.map((c) => c.value ?? c).join("\n") : h.contents.value;
  assert.match(text, /6/);
});

test("completion offers standard labels", async () => {
  // At the start of the （七）总计 label, where a row label goes.
  const c = await conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: labelLine, character: 1 }, context: { triggerKind: 1 } });
  const items = Array.isArray(c) ? c : (c?.items ?? []);
  assert.ok(items.length > 0, "completion items");
  assert.ok(items.some((i) => /总计|公开|申请/.test(i.label)), `a standard label among ${items.slice(0, 10).map((i) => i.label).join(", ")}`);
});

test("the quick fix sets the 总计 to the sum, and the findings go away", async () => {
  const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri },
    range: gk201.range,
    context: { diagnostics: [gk201], only: ["quickfix"], triggerKind: 1 },
  });
  assert.ok(Array.isArray(actions) && actions.length > 0, "code actions");
  let action = actions.find((a) => a.kind === "quickfix" && (a.diagnostics ?? []).some((d) => d.code === "GK201"));
  assert.ok(action, `a GK201 quick fix among ${actions.map((a) => a.title).join(" | ")}`);
  if (!action.edit && initResult.capabilities.codeActionProvider.resolveProvider) action = await conn.sendRequest(rpc.CodeActionResolveRequest.type, action);
  const edits = action.edit.changes?.[uri] ?? action.edit.documentChanges.find((c) => c.textDocument.uri === uri).edits;
  const fixed = applyEdits(broken, edits);
  assert.equal(fixed, correct, "the fix restores the published 6");
  version += 1;
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: fixed }] });
  const p = await server.waitDiagnostics(uri, (p) => !p.diagnostics.some((d) => /^GK20[123]$/.test(d.code)));
  assert.ok(!p.diagnostics.some((d) => d.severity === 1 && String(d.code).startsWith("GK2")));
});

test("shutdown and exit end the server", async () => {
  await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 5000);
  const { code } = await server.exited;
  clearTimeout(timer);
  assert.equal(code, 0);
});
