// Builds the extension and packages it with @vscode/vsce.
//
//   node scripts/package.mjs                                  # gongkai.vsix, no server inside (setting or PATH)
//   node scripts/package.mjs --build-server --target linux-x64 --out gongkai-linux-x64.vsix
//                                                             # release build, bundled as server/gongkai
//   node scripts/package.mjs --server PATH [--target T]       # bundles the binary at PATH
//
// `npm run package:linux-x64` is the second line. --build-server runs the same
// cargo command as the wheel build (maturin, pyproject.toml), so after one of
// them the other finds the release build fresh. Runs offline, without prompts.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(root, "../..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const target = opt("--target");
const out = resolve(opt("--out") ?? join(root, "gongkai.vsix"));
let server = opt("--server") ?? process.env.GONGKAI_BUNDLE_SERVER;

if (args.includes("--build-server")) {
  const host = `${process.platform}-${process.arch}`;
  if (target && target !== host) {
    console.error(`--build-server builds for this machine (${host}), not for ${target}: build on ${target}, or pass --server`);
    process.exit(2);
  }
  // What maturin runs for pyproject.toml (bindings = "bin", strip = true).
  execFileSync("cargo", ["rustc", "--profile", "release", "--locked", "--bin", "gongkai", "--", "-C", "strip=symbols"], { cwd: repo, stdio: "inherit" });
  const meta = JSON.parse(execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], { cwd: repo, encoding: "utf8" }));
  server = join(meta.target_directory, "release", "gongkai");
}

const serverDir = join(root, "server");
rmSync(serverDir, { recursive: true, force: true });
if (server) {
  mkdirSync(serverDir, { recursive: true });
  const exe = join(serverDir, process.platform === "win32" || target?.startsWith("win32") ? "gongkai.exe" : "gongkai");
  copyFileSync(server, exe);
  chmodSync(exe, 0o755);
  if (!target || target === `${process.platform}-${process.arch}`) {
    const version = execFileSync(exe, ["--version"], { encoding: "utf8" }).trim();
    console.log(`bundled ${server} (${version}) as ${exe}`);
  } else console.log(`bundled ${server} as ${exe}`);
}

execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--minify"], { cwd: root, stdio: "inherit" });

// The packaged README: its images inside the .vsix (images/), and links into
// the repository as plain text (there is no public URL to point them at).
const images = join(root, "images");
rmSync(images, { recursive: true, force: true });
mkdirSync(images);
let readme = readFileSync(join(root, "README.md"), "utf8");
readme = readme.replace(/\]\(\.\.\/\.\.\/docs\/img\/([^)]+)\)/g, (_, file) => {
  copyFileSync(join(repo, "docs/img", file), join(images, file));
  return `](images/${file})`;
});
readme = readme.replace(/(?<!!)\[([^\]]+)\]\(\.\.\/\.\.\/([^)#]+)(#[^)]*)?\)/g, "$1 (`$2` in the gongkai repository)");
mkdirSync(join(root, "dist"), { recursive: true });
writeFileSync(join(root, "dist/README.md"), readme);

const vsce = join(root, "node_modules/@vscode/vsce/vsce");
const vsceArgs = ["package", "--no-dependencies", "-o", out, "--readme-path", "dist/README.md", "--allow-missing-repository", "--no-rewrite-relative-links"];
if (target) vsceArgs.push("--target", target);
execFileSync(process.execPath, [vsce, ...vsceArgs], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
console.log(`packaged ${out}`);
