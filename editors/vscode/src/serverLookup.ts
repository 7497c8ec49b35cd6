// Finding the gongkai binary. Kept free of the `vscode` module so that
// `node --test` can exercise the lookup order directly.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export type Source = "setting" | "bundled" | "path";

export interface Attempt {
  source: Source;
  /** What was tried: a file path, or `gongkai` for a PATH search that found nothing. */
  path: string;
  /** Why it was rejected; absent when it worked. */
  error?: string;
}

export interface Found {
  source: Source;
  path: string;
  /** First line of `gongkai --version`. */
  version: string;
}

export interface LookupResult {
  found?: Found;
  /** Every candidate, in the order tried, up to and including the one that worked. */
  attempts: Attempt[];
}

/** Runs `<path> --version`; resolves to its first output line, rejects with a readable reason. */
export type Probe = (file: string) => Promise<string>;

export interface LookupOptions {
  /** The `gongkai.server.path` setting (may be empty). */
  settingPath?: string;
  /** The extension's install folder; a bundled server lives in `<it>/server/`. */
  extensionPath: string;
  /** Folder that a relative `settingPath` is resolved against (the first workspace folder). */
  workspaceFolder?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  probe?: Probe;
}

export const BINARY = "gongkai";

function exeName(platform: NodeJS.Platform): string {
  return platform === "win32" ? `${BINARY}.exe` : BINARY;
}

/** `~` and `${workspaceFolder}` expanded; relative paths taken from the workspace folder. */
export function resolveSettingPath(setting: string, workspaceFolder?: string, home = os.homedir()): string {
  let p = setting.trim();
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) p = path.join(home, p.slice(1));
  if (workspaceFolder) p = p.split("${workspaceFolder}").join(workspaceFolder);
  if (!path.isAbsolute(p) && workspaceFolder && /[\\/]/.test(p)) p = path.resolve(workspaceFolder, p);
  return p;
}

/** The candidates the bundled-server step looks at, most specific first. */
export function bundledCandidates(extensionPath: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const exe = exeName(platform);
  return [path.join(extensionPath, "server", `${platform}-${arch}`, exe), path.join(extensionPath, "server", exe)];
}

/** Every executable `gongkai` on PATH, in PATH order. */
export function searchPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const pathVar = env.PATH ?? env.Path ?? "";
  const sep = platform === "win32" ? ";" : ":";
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean) : [""];
  const out: string[] = [];
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, BINARY + ext.toLowerCase());
      if (isExecutableFile(file, platform)) out.push(file);
    }
  }
  return out;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The default probe: `<file> --version` must exit 0 within 5 s and name gongkai. */
export const versionProbe: Probe = (file) =>
  new Promise((resolve, reject) => {
    execFile(file, ["--version"], { timeout: 5000, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === "ENOENT") return reject(new Error("文件不存在"));
        if (e.code === "EACCES") return reject(new Error("没有执行权限"));
        if (e.killed) return reject(new Error("`--version` 5 秒内没有回应"));
        const detail = (stderr || stdout || e.message).toString().trim().split("\n")[0];
        return reject(new Error(`\`--version\` 运行失败：${detail}`));
      }
      const line = stdout.toString().trim().split("\n")[0] ?? "";
      if (!/gongkai/i.test(line)) return reject(new Error(`\`--version\` 输出 ${JSON.stringify(line)}，不是 gongkai 的版本号`));
      resolve(line);
    });
  });

/**
 * The server, in this order: the `gongkai.server.path` setting, a binary bundled
 * in the extension (`server/`), then `gongkai` on PATH. Each is checked with
 * `--version`; the first that answers wins. A setting that does not work is
 * reported in `attempts` (the caller warns about it) but does not stop the search.
 */
export async function findServer(opts: LookupOptions): Promise<LookupResult> {
  const platform = opts.platform ?? process.platform;
  const probe = opts.probe ?? versionProbe;
  const setting = opts.settingPath?.trim();
  const stages: Array<{ source: Source; candidates: string[]; absent?: Attempt }> = [
    { source: "setting", candidates: setting ? [resolveSettingPath(setting, opts.workspaceFolder)] : [] },
    {
      source: "bundled",
      candidates: bundledCandidates(opts.extensionPath, platform).filter((p) => fs.existsSync(p)),
      absent: { source: "bundled", path: path.join(opts.extensionPath, "server"), error: "这个版本的扩展没有内置服务器" },
    },
    {
      source: "path",
      candidates: searchPath(opts.env ?? process.env, platform),
      absent: { source: "path", path: BINARY, error: "PATH 中没有 gongkai" },
    },
  ];
  const attempts: Attempt[] = [];
  for (const stage of stages) {
    if (stage.candidates.length === 0 && stage.absent) attempts.push(stage.absent);
    for (const p of stage.candidates) {
      try {
        const version = await probe(p);
        attempts.push({ source: stage.source, path: p });
        return { found: { source: stage.source, path: p, version }, attempts };
      } catch (e) {
        attempts.push({ source: stage.source, path: p, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { attempts };
}

const LABEL: Record<Source, string> = { setting: "设置 gongkai.server.path", bundled: "扩展内置的服务器", path: "PATH" };

/** One line per attempt, for the error message and the output channel. */
export function describeAttempts(attempts: Attempt[]): string {
  return attempts.map((a) => `${LABEL[a.source]}（${a.path}）：${a.error ?? "可用"}`).join("；");
}

/** The message shown when no server works. */
export function noServerMessage(attempts: Attempt[]): string {
  return `gongkai：找不到可用的语言服务器，报告不会被检查。已尝试：${describeAttempts(attempts)}。请安装 gongkai（见安装说明），或在设置 gongkai.server.path 中填写它的路径。`;
}

/** The warning shown when the setting failed but a later candidate works. */
export function settingIgnoredMessage(result: LookupResult): string | undefined {
  const bad = result.attempts.find((a) => a.source === "setting" && a.error);
  if (!bad || !result.found) return undefined;
  return `gongkai：设置 gongkai.server.path 指向的 ${bad.path} 不可用（${bad.error}），改用${result.found.source === "path" ? "PATH 中的 gongkai" : LABEL[result.found.source]}：${result.found.path}。`;
}
