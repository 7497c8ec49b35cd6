// The gongkai extension: a thin client. Everything a report is checked
// against lives in the server (`gongkai lsp`); this file finds the server,
// decides which documents it sees, mirrors the settings and adds commands.

import * as path from "node:path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { articleArgs, newReportArgs, parseArticle, runGongkai } from "./cli";
import { findServer, Found, noServerMessage, settingIgnoredMessage, describeAttempts } from "./serverLookup";
import { formatForYear, toServerSettings } from "./settings";

export const LANGUAGE = "gongkai-report";
const SECTION = "gongkai";
const ARTICLE_SCHEME = "gongkai-article";
/** The `source` the server puts on its diagnostics. */
const DIAGNOSTIC_SOURCE = "gongkai";
/** Languages whose documents the server checks when they read as a report. */
const HOST_LANGUAGES = ["markdown", "plaintext"];

let ext: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ext = new Extension(context);
  await ext.start();
}

export async function deactivate(): Promise<void> {
  await ext?.stopClient();
  ext = undefined;
}

class Extension {
  private client: LanguageClient | undefined;
  private server: Found | undefined;
  private readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;
  private readonly articles = new Map<string, string>();
  private readonly tomlCache = new Map<string, boolean>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel("gongkai", { log: true });
    this.status = vscode.window.createStatusBarItem("gongkai.findings", vscode.StatusBarAlignment.Left, 50);
    this.status.name = "gongkai";
    this.status.command = "workbench.actions.view.problems";
    context.subscriptions.push(this.output, this.status);

    const reg = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
    reg("gongkai.restartServer", () => this.restart());
    reg("gongkai.newReport", () => this.newReport());
    reg("gongkai.showArticle", (n?: unknown) => this.showArticle(typeof n === "string" || typeof n === "number" ? String(n) : undefined));
    reg("gongkai.fixAll", () => this.fixAll());

    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(ARTICLE_SCHEME, {
        provideTextDocumentContent: (uri) => this.articles.get(uri.toString()) ?? "",
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.adoptLanguage(d)),
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      vscode.languages.onDidChangeDiagnostics(() => this.updateStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.workspace.onDidCreateFiles(() => this.tomlCache.clear()),
      vscode.workspace.onDidDeleteFiles(() => this.tomlCache.clear()),
    );
    vscode.workspace.textDocuments.forEach((d) => this.adoptLanguage(d));
  }

  private config(scope?: vscode.Uri) {
    return vscode.workspace.getConfiguration(SECTION, scope);
  }

  // ---- which documents are reports -------------------------------------

  /**
   * Markdown and plain-text files that match `gongkai.files.globs`, or lie
   * under a folder holding a gongkai.toml, become `gongkai-report` documents.
   */
  private async adoptLanguage(doc: vscode.TextDocument): Promise<void> {
    if (!HOST_LANGUAGES.includes(doc.languageId) || doc.uri.scheme !== "file") return;
    const globs = this.config(doc.uri).get<string[]>("files.globs") ?? [];
    const byGlob = globs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
    if (byGlob || (await this.underGongkaiToml(doc.uri))) {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    }
  }

  private async underGongkaiToml(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    let dir = path.dirname(uri.fsPath);
    const root = folder.uri.fsPath;
    const seen: string[] = [];
    let found = false;
    for (;;) {
      const cached = this.tomlCache.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      seen.push(dir);
      try {
        await vscode.workspace.fs.stat(vscode.Uri.file(path.join(dir, "gongkai.toml")));
        found = true;
        break;
      } catch {
        /* not here */
      }
      const parent = path.dirname(dir);
      if (dir === root || parent === dir || !parent.startsWith(root)) break;
      dir = parent;
    }
    seen.forEach((d) => this.tomlCache.set(d, found));
    return found;
  }

  /**
   * Whether `doc` is a report the server checks: every `gongkai-report`
   * document, and the Markdown/plain-text ones the server recognised as
   * reports (it publishes findings only for those).
   */
  private isReport(doc: vscode.TextDocument): boolean {
    if (doc.languageId === LANGUAGE) return true;
    return HOST_LANGUAGES.includes(doc.languageId) && this.findings(doc.uri).length > 0;
  }

  /** The server's findings on `uri`, whether pushed or pulled (the client keeps them in different collections). */
  private findings(uri: vscode.Uri): vscode.Diagnostic[] {
    return this.client ? vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE) : [];
  }

  /**
   * The server asks for section `gongkai`: answer with the mirrored settings,
   * not with the editor-only ones (server path, globs, trace).
   */
  private middleware(): Middleware {
    return {
      workspace: {
        configuration: (params, token, next) => {
          const direct = next(params, token);
          const mirrored = params.items.map((item) => {
            if (item.section !== SECTION) return undefined;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return this.serverSettings(scope);
          });
          const merge = (answers: unknown[]) => answers.map((a, i) => mirrored[i] ?? a);
          return direct instanceof Promise ? direct.then((d) => (Array.isArray(d) ? merge(d) : d)) : Array.isArray(direct) ? merge(direct) : direct;
        },
      },
    };
  }

  private serverSettings(scope?: vscode.Uri) {
    const cfg = this.config(scope);
    return toServerSettings((key) => cfg.get(key));
  }

  // ---- the server -------------------------------------------------------

  async start(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const result = await findServer({
      settingPath: this.config().get<string>("server.path"),
      extensionPath: this.context.extensionPath,
      workspaceFolder: folder,
    });
    this.output.info(`server lookup: ${describeAttempts(result.attempts)}`);
    if (!result.found) {
      this.server = undefined;
      this.updateStatus();
      void this.offerInstall(noServerMessage(result.attempts));
      return;
    }
    const ignored = settingIgnoredMessage(result);
    if (ignored) void vscode.window.showWarningMessage(ignored, "Open Settings").then((c) => c && this.openSettings());
    this.server = result.found;
    this.output.info(`using ${result.found.path} (${result.found.version}, from ${result.found.source})`);

    const serverOptions: ServerOptions = {
      // TransportKind.stdio appends `--stdio`: the server runs as `gongkai lsp --stdio`.
      run: { command: result.found.path, args: ["lsp"], transport: TransportKind.stdio },
      debug: { command: result.found.path, args: ["lsp"], transport: TransportKind.stdio },
    };
    // Markdown and plain text go to the server too, which checks only those
    // that read as a report (unless gongkai.files.detectReports is off).
    const hosts = this.config().get<boolean>("files.detectReports") ?? true ? HOST_LANGUAGES : [];
    const selector = [LANGUAGE, ...hosts].flatMap((language) => [
      { language, scheme: "file" },
      { language, scheme: "untitled" },
    ]);
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: this.serverSettings(),
      middleware: this.middleware(),
      diagnosticCollectionName: "gongkai",
    };
    this.client = new LanguageClient("gongkai", "gongkai", serverOptions, clientOptions);
    this.client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.updateStatus();
    });
    try {
      await this.client.start();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.output.info(`the server did not start: ${msg}`);
      void vscode.window.showErrorMessage(`gongkai: the language server ${result.found.path} did not start: ${msg}`, "Show Output").then((c) => c && this.output.show());
    }
    this.updateStatus();
  }

  async stopClient(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c && c.state !== State.Stopped) {
      try {
        await c.stop(3000);
      } catch (e) {
        this.output.info(`stopping the server: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private async restart(): Promise<void> {
    await this.stopClient();
    await this.start();
    if (this.client) void vscode.window.setStatusBarMessage("gongkai: server restarted", 3000);
  }

  private async offerInstall(message: string): Promise<void> {
    const docs = this.context.extension.packageJSON.homepage as string;
    const choice = await vscode.window.showErrorMessage(message, "Install Instructions", "Open Settings", "Show Output");
    if (choice === "Install Instructions") await vscode.env.openExternal(vscode.Uri.parse(`${docs}#install-the-server`));
    else if (choice === "Open Settings") await this.openSettings();
    else if (choice === "Show Output") this.output.show();
  }

  private openSettings() {
    return vscode.commands.executeCommand("workbench.action.openSettings", "gongkai.server.path");
  }

  private async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration(SECTION)) return;
    if (e.affectsConfiguration("gongkai.server.path") || e.affectsConfiguration("gongkai.files.detectReports")) {
      await this.restart();
      return;
    }
    if (e.affectsConfiguration("gongkai.files")) {
      this.tomlCache.clear();
      vscode.workspace.textDocuments.forEach((d) => this.adoptLanguage(d));
    }
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: this.serverSettings() } });
    }
  }

  private needServer(): string | undefined {
    if (this.server) return this.server.path;
    void vscode.window.showErrorMessage("gongkai: no language server is available (see the gongkai output). Install gongkai or set gongkai.server.path, then run “gongkai: Restart Server”.", "Show Output").then((c) => c && this.output.show());
    return undefined;
  }

  // ---- status bar ----------------------------------------------------------

  private updateStatus(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const relevant = doc && this.isReport(doc);
    if (!relevant) {
      this.status.hide();
      return;
    }
    if (!this.server || !this.client) {
      this.status.text = "$(error) gongkai: no server";
      this.status.tooltip = "No gongkai language server is running. Click to try again.";
      this.status.accessibilityInformation = { label: "gongkai: no server" };
      this.status.command = "gongkai.restartServer";
      this.status.show();
      return;
    }
    const diags = this.findings(doc.uri);
    const count = (sev: vscode.DiagnosticSeverity) => diags.filter((d) => d.severity === sev).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const infos = diags.length - errors - warnings;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    this.status.command = "workbench.actions.view.problems";
    this.status.text = diags.length === 0 ? "$(check) gongkai" : `$(error) ${errors} $(warning) ${warnings}${infos ? ` $(info) ${infos}` : ""} gongkai`;
    const summary = diags.length === 0 ? "gongkai: no findings in this report" : `gongkai: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")} in this report`;
    this.status.tooltip = summary;
    this.status.accessibilityInformation = { label: summary };
    this.status.show();
  }

  // ---- commands --------------------------------------------------------------

  private async newReport(): Promise<void> {
    const bin = this.needServer();
    if (!bin) return;
    const last = new Date().getFullYear() - 1;
    const yearText = await vscode.window.showInputBox({
      title: "gongkai: New Report",
      prompt: "Report year (the year the report covers)",
      value: String(last),
      validateInput: (v) => (/^\s*(20[1-9]\d)\s*$/.test(v) && Number(v) >= 2019 ? undefined : "A year from 2019 on, e.g. 2024"),
    });
    if (!yearText) return;
    const year = Number(yearText.trim());
    const suggested = formatForYear(year);
    const items: Array<vscode.QuickPickItem & { format: string }> = [
      { label: "2021", description: "国办公开办函〔2021〕30号 — reports for 2021 and later", format: "2021" },
      { label: "2019", description: "国办公开办函〔2019〕60号 — reports for 2019 and 2020", format: "2019" },
    ].sort((a, b) => (a.format === suggested ? -1 : b.format === suggested ? 1 : 0));
    const pick = await vscode.window.showQuickPick(items, { title: `gongkai: New ${year} Report`, placeHolder: `Format (the ${suggested} format applies to ${year})` });
    if (!pick) return;
    try {
      const content = await runGongkai(bin, newReportArgs(year, pick.format));
      // `gongkai new` prints Markdown; the server recognises it as a report.
      const doc = await vscode.workspace.openTextDocument({ language: "markdown", content });
      await vscode.window.showTextDocument(doc);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  }

  /** The citation under the cursor (第二十条第（五）项), if any, to prefill the article prompt. */
  private citationAtCursor(): string | undefined {
    const ed = vscode.window.activeTextEditor;
    if (!ed) return undefined;
    const range = ed.document.getWordRangeAtPosition(ed.selection.active, /第[一二三四五六七八九十\d]+条(第[（(][一二三四五六七八九十\d]+[)）]项)?/);
    return range ? parseArticle(ed.document.getText(range)) : undefined;
  }

  private async showArticle(arg?: string): Promise<void> {
    const bin = this.needServer();
    if (!bin) return;
    const input =
      arg ??
      (await vscode.window.showInputBox({
        title: "gongkai: Show Article of the 条例",
        prompt: "Article number: 20, 20.5 (item 5 of article 20), or 第二十条第（五）项",
        value: this.citationAtCursor() ?? "",
        validateInput: (v) => (parseArticle(v) ? undefined : "An article number such as 20, 20.5 or 第三十六条"),
      }));
    if (input === undefined) return;
    const n = parseArticle(input);
    if (!n) {
      void vscode.window.showErrorMessage(`gongkai: “${input}” is not an article number`);
      return;
    }
    try {
      const text = await runGongkai(bin, articleArgs(n));
      const uri = vscode.Uri.from({ scheme: ARTICLE_SCHEME, path: `/条例第${n}条.md` });
      this.articles.set(uri.toString(), text);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, "markdown");
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * Applies every safe fix the server offers for the active report: its
   * `source.fixAll` action when it has one, otherwise the preferred quick fix
   * of each gongkai diagnostic, skipping edits that overlap one already taken.
   */
  private async fixAll(): Promise<void> {
    const ed = vscode.window.activeTextEditor;
    if (!ed || !this.isReport(ed.document) || !this.client) {
      void vscode.window.showInformationMessage("gongkai: open a report (with the server running) to fix it.");
      return;
    }
    const doc = ed.document;
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const ours = (a: vscode.CodeAction) => !!a.edit && (a.diagnostics ?? []).every((d) => /^GK\d+/.test(String(typeof d.code === "object" ? d.code.value : d.code)));
    const fixAll = (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, whole, vscode.CodeActionKind.SourceFixAll.value, 5)) ?? [];
    const source = fixAll.find((a) => a.edit && a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind) && /gongkai/i.test(a.title + (a.kind?.value ?? "")));
    if (source?.edit) {
      await vscode.workspace.applyEdit(source.edit);
      return;
    }
    const diags = this.findings(doc.uri);
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.Range[] = [];
    let count = 0;
    for (const d of diags) {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 5)) ?? [];
      const mine = actions.filter((a) => ours(a) && (a.diagnostics ?? []).some((x) => x.range.isEqual(d.range) && x.message === d.message));
      const action = mine.find((a) => a.isPreferred) ?? (mine.length === 1 ? mine[0] : undefined);
      const edits = action?.edit?.get(doc.uri) ?? [];
      if (edits.length === 0 || edits.some((e) => taken.some((t) => t.intersection(e.range) !== undefined))) continue;
      edits.forEach((e) => {
        edit.replace(doc.uri, e.range, e.newText);
        taken.push(e.range);
      });
      count++;
    }
    if (count === 0) {
      void vscode.window.showInformationMessage("gongkai: nothing to fix automatically.");
      return;
    }
    await vscode.workspace.applyEdit(edit);
    void vscode.window.setStatusBarMessage(`gongkai: applied ${count} fix${count === 1 ? "" : "es"}`, 4000);
  }
}
