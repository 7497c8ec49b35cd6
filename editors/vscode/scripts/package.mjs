// Builds the extension and packages it as gongkai.vsix with @vscode/vsce.
//
//   node scripts/package.mjs                      # no server inside: uses gongkai.server.path or PATH
//   node scripts/package.mjs --server PATH        # bundles the binary at PATH as server/gongkai
//   node scripts/package.mjs --server PATH --target linux-x64   # a platform-specific .vsix
//
// Runs offline and without prompts (CI has no stdin).
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const server = opt("--server") ?? process.env.GONGKAI_BUNDLE_SERVER;
const target = opt("--target");
const out = resolve(opt("--out") ?? join(root, "gongkai.vsix"));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const serverDir = join(root, "server");
rmSync(serverDir, { recursive: true, force: true });
if (server) {
  mkdirSync(serverDir, { recursive: true });
  const exe = join(serverDir, process.platform === "win32" || target?.startsWith("win32") ? "gongkai.exe" : "gongkai");
  copyFileSync(server, exe);
  chmodSync(exe, 0o755);
  console.log(`bundled ${server} as ${exe}`);
}

execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--minify"], { cwd: root, stdio: "inherit" });

// The README's images are relative to the repository; the Marketplace needs absolute URLs.
const repo = pkg.repository.url.replace(/\.git$/, "");
const vsce = join(root, "node_modules/@vscode/vsce/vsce");
const vsceArgs = ["package", "--no-dependencies", "-o", out, "--baseContentUrl", `${repo}/blob/HEAD/editors/vscode`, "--baseImagesUrl", `${repo}/raw/HEAD/editors/vscode`];
if (target) vsceArgs.push("--target", target);
execFileSync(process.execPath, [vsce, ...vsceArgs], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
console.log(`packaged ${out}`);
