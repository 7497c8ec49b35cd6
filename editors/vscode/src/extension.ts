// The gongkai extension: a thin client. Everything a report is checked
// against lives in the server (`gongkai lsp`); this file finds the server,
// decides which documents it sees, mirrors the settings and adds commands.

import * as fs from "node:fs";
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

// Button labels of the notifications.
const INSTALL_HELP = "安装说明";
const OPEN_SETTINGS = "打开设置";
const SHOW_OUTPUT = "查看输出";

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
    if (ignored) void vscode.window.showWarningMessage(ignored, OPEN_SETTINGS).then((c) => c && this.openSettings());
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
      void vscode.window.showErrorMessage(`gongkai：语言服务器 ${result.found.path} 没有启动：${msg}`, SHOW_OUTPUT).then((c) => c && this.output.show());
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
    if (this.client) void vscode.window.setStatusBarMessage("gongkai：服务器已重启", 3000);
  }

  private async offerInstall(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, INSTALL_HELP, OPEN_SETTINGS, SHOW_OUTPUT);
    // The instructions ship inside the extension (its README), so the button works offline.
    if (choice === INSTALL_HELP) {
      // vsce stores it as readme.md; a checkout has README.md.
      const readme = ["readme.md", "README.md"].map((f) => path.join(this.context.extensionPath, f)).find((f) => fs.existsSync(f));
      if (readme) await vscode.commands.executeCommand("markdown.showPreview", vscode.Uri.file(readme));
    }
    else if (choice === OPEN_SETTINGS) await this.openSettings();
    else if (choice === SHOW_OUTPUT) this.output.show();
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
    void vscode.window.showErrorMessage("gongkai：没有可用的语言服务器（详见 gongkai 输出）。请安装 gongkai 或设置 gongkai.server.path，然后运行“gongkai: 重启服务器”。", SHOW_OUTPUT).then((c) => c && this.output.show());
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
      this.status.text = "$(error) gongkai：无服务器";
      this.status.tooltip = "gongkai 语言服务器没有运行。点击重试。";
      this.status.accessibilityInformation = { label: "gongkai: 无服务器" };
      this.status.command = "gongkai.restartServer";
      this.status.show();
      return;
    }
    const diags = this.findings(doc.uri);
    const count = (sev: vscode.DiagnosticSeverity) => diags.filter((d) => d.severity === sev).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const infos = diags.length - errors - warnings;
    this.status.command = "workbench.actions.view.problems";
    this.status.text = diags.length === 0 ? "$(check) gongkai" : `$(error) ${errors} $(warning) ${warnings}${infos ? ` $(info) ${infos}` : ""} gongkai`;
    const summary = diags.length === 0 ? "gongkai: 本报告没有发现问题" : `gongkai: 本报告有 ${errors} 个错误，${warnings} 个警告，${infos} 个提示`;
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
      title: "gongkai：新建报告",
      prompt: "报告年度（报告所总结的年份）",
      value: String(last),
      validateInput: (v) => (/^\s*(20[1-9]\d)\s*$/.test(v) && Number(v) >= 2019 ? undefined : "2019 年及以后的年份，例如 2024"),
    });
    if (!yearText) return;
    const year = Number(yearText.trim());
    const suggested = formatForYear(year);
    const items: Array<vscode.QuickPickItem & { format: string }> = [
      { label: "2021", description: "国办公开办函〔2021〕30号 — 适用于 2021 年度及以后的报告", format: "2021" },
      { label: "2019", description: "国办公开办函〔2019〕60号 — 适用于 2019、2020 年度的报告", format: "2019" },
    ].sort((a, b) => (a.format === suggested ? -1 : b.format === suggested ? 1 : 0));
    const pick = await vscode.window.showQuickPick(items, { title: `gongkai：新建 ${year} 年度报告`, placeHolder: `格式（${year} 年度适用 ${suggested} 格式）` });
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
        title: "gongkai：查看《条例》条文",
        prompt: "条号：20、20.5（第二十条第（五）项）或“第二十条第（五）项”",
        value: this.citationAtCursor() ?? "",
        validateInput: (v) => (parseArticle(v) ? undefined : "请输入条号，例如 20、20.5 或 第三十六条"),
      }));
    if (input === undefined) return;
    const n = parseArticle(input);
    if (!n) {
      void vscode.window.showErrorMessage(`gongkai：“${input}”不是条号`);
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
      void vscode.window.showInformationMessage("gongkai：请先打开一份报告（并确保服务器在运行），再修复。");
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
      void vscode.window.showInformationMessage("gongkai：没有可以自动修复的问题。");
      return;
    }
    await vscode.workspace.applyEdit(edit);
    void vscode.window.setStatusBarMessage(`gongkai：已应用 ${count} 处修复`, 4000);
  }
}
