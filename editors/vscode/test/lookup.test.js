// The server lookup order: gongkai.server.path → bundled server/ → PATH,
// each checked with `--version`. Real executables in temp folders, real probes.
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const lookup = require("../out/serverLookup.js");

const made = [];
function tmp() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-lookup-"));
  made.push(d);
  return d;
}
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fake gongkai: a shell script printing `out` and exiting with `code`. */
function fake(dir, name, out, code = 0) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho '${out}'\nexit ${code}\n`, { mode: 0o755 });
  return file;
}

function layout({ setting, bundled, onPath, pathEntries = [] } = {}) {
  const root = tmp();
  const ext = path.join(root, "ext");
  fs.mkdirSync(ext);
  const bin = path.join(root, "bin");
  fs.mkdirSync(bin);
  const r = { root, ext, env: { PATH: [...pathEntries, bin].join(":") } };
  if (setting) r.setting = fake(path.join(root, "custom"), "gongkai-custom", setting);
  if (bundled) r.bundled = fake(path.join(ext, "server"), "gongkai", bundled);
  if (onPath) r.onPath = fake(bin, "gongkai", onPath);
  return r;
}

test("the setting comes first", async () => {
  const l = layout({ setting: "gongkai 9.9.9", bundled: "gongkai 1.0.0", onPath: "gongkai 2.0.0" });
  const r = await lookup.findServer({ settingPath: l.setting, extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.source, "setting");
  assert.equal(r.found.path, l.setting);
  assert.equal(r.found.version, "gongkai 9.9.9");
  assert.deepEqual(r.attempts.map((a) => a.source), ["setting"]);
});

test("no setting: the bundled server before PATH", async () => {
  const l = layout({ bundled: "gongkai 1.0.0", onPath: "gongkai 2.0.0" });
  const r = await lookup.findServer({ settingPath: "", extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.source, "bundled");
  assert.equal(r.found.path, path.join(l.ext, "server", "gongkai"));
});

test("a platform-specific bundled server wins over the generic one", async () => {
  const l = layout({ bundled: "gongkai 1.0.0" });
  const specific = fake(path.join(l.ext, "server", `linux-${process.arch}`), "gongkai", "gongkai 1.1.0");
  const r = await lookup.findServer({ extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.path, specific);
});

test("nothing bundled: gongkai on PATH", async () => {
  const l = layout({ onPath: "gongkai 2.0.0" });
  const r = await lookup.findServer({ extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.source, "path");
  assert.equal(r.found.path, l.onPath);
  assert.deepEqual(r.attempts.map((a) => [a.source, !!a.error]), [["bundled", true], ["path", false]]);
});

test("a broken setting falls through, and says so", async () => {
  const l = layout({ bundled: "gongkai 1.0.0" });
  const bogus = path.join(l.root, "nowhere", "gongkai");
  const r = await lookup.findServer({ settingPath: bogus, extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.source, "bundled");
  assert.equal(r.attempts[0].source, "setting");
  assert.equal(r.attempts[0].error, "文件不存在");
  const warning = lookup.settingIgnoredMessage(r);
  assert.match(warning, /gongkai\.server\.path/);
  assert.ok(warning.includes(bogus));
  assert.ok(warning.includes(r.found.path));
});

test("every candidate is checked with --version: wrong program, failing program", async () => {
  const l = layout({ setting: "ruff 0.6.0", bundled: "", onPath: "gongkai 2.0.0" });
  fake(path.join(l.ext, "server"), "gongkai", "boom", 3);
  const r = await lookup.findServer({ settingPath: l.setting, extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found.source, "path");
  assert.match(r.attempts[0].error, /不是 gongkai 的版本号/);
  assert.match(r.attempts[1].error, /--version` 运行失败/);
});

test("PATH order is kept, and a non-executable file is skipped", async () => {
  const root = tmp();
  const a = path.join(root, "a");
  const b = path.join(root, "b");
  fs.mkdirSync(a);
  fs.writeFileSync(path.join(a, "gongkai"), "not executable", { mode: 0o644 });
  const good = fake(b, "gongkai", "gongkai 3.0.0");
  const later = fake(path.join(root, "c"), "gongkai", "gongkai 4.0.0");
  const env = { PATH: [a, b, path.dirname(later)].join(":") };
  assert.deepEqual(lookup.searchPath(env, "linux"), [good, later]);
  const r = await lookup.findServer({ extensionPath: path.join(root, "ext"), env, platform: "linux" });
  assert.equal(r.found.path, good);
});

test("none works: a clear message naming every place tried", async () => {
  const l = layout({});
  const bogus = "/definitely/not/here/gongkai";
  const r = await lookup.findServer({ settingPath: bogus, extensionPath: l.ext, env: l.env, platform: "linux" });
  assert.equal(r.found, undefined);
  assert.deepEqual(r.attempts.map((a) => a.source), ["setting", "bundled", "path"]);
  const msg = lookup.noServerMessage(r.attempts);
  assert.match(msg, /^gongkai：找不到可用的语言服务器/);
  assert.ok(msg.includes(bogus));
  assert.match(msg, /PATH 中没有 gongkai/);
  assert.match(msg, /没有内置服务器/);
  assert.match(msg, /gongkai\.server\.path/);
});

test("the probe is only called in lookup order, and stops at the first success", async () => {
  const l = layout({ bundled: "x", onPath: "x" });
  const calls = [];
  const probe = async (p) => {
    calls.push(p);
    if (p === l.setting || calls.length === 1) throw new Error("nope");
    return "gongkai 0.0.0";
  };
  const r = await lookup.findServer({ settingPath: "/s/gongkai", extensionPath: l.ext, env: l.env, platform: "linux", probe });
  assert.deepEqual(calls, ["/s/gongkai", path.join(l.ext, "server", "gongkai")]);
  assert.equal(r.found.source, "bundled");
});

test("Windows: gongkai.exe in server/, PATHEXT on PATH", async () => {
  const root = tmp();
  const ext = path.join(root, "ext");
  fs.mkdirSync(path.join(ext, "server"), { recursive: true });
  fs.writeFileSync(path.join(ext, "server", "gongkai.exe"), "");
  const bin = path.join(root, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "gongkai.exe"), "");
  assert.deepEqual(lookup.bundledCandidates(ext, "win32", "x64"), [path.join(ext, "server", "win32-x64", "gongkai.exe"), path.join(ext, "server", "gongkai.exe")]);
  assert.deepEqual(lookup.searchPath({ Path: bin, PATHEXT: ".EXE;.CMD" }, "win32"), [path.join(bin, "gongkai.exe")]);
  const seen = [];
  const r = await lookup.findServer({ extensionPath: ext, env: { Path: bin, PATHEXT: ".EXE" }, platform: "win32", probe: async (p) => (seen.push(p), "gongkai 1") });
  assert.equal(r.found.path, path.join(ext, "server", "gongkai.exe"));
});

test("setting paths: ~, ${workspaceFolder}, relative", () => {
  assert.equal(lookup.resolveSettingPath("~/bin/gongkai", undefined, "/home/u"), "/home/u/bin/gongkai");
  assert.equal(lookup.resolveSettingPath("${workspaceFolder}/target/debug/gongkai", "/w"), "/w/target/debug/gongkai");
  assert.equal(lookup.resolveSettingPath("target/release/gongkai", "/w"), "/w/target/release/gongkai");
  assert.equal(lookup.resolveSettingPath("gongkai", "/w"), "gongkai");
  assert.equal(lookup.resolveSettingPath("  /opt/gongkai  ", "/w"), "/opt/gongkai");
});

test("the real probe: missing file and non-executable file", async () => {
  await assert.rejects(lookup.versionProbe("/no/such/gongkai"), /文件不存在/);
  const d = tmp();
  const f = path.join(d, "gongkai");
  fs.writeFileSync(f, "#!/bin/sh\necho gongkai 1\n", { mode: 0o644 });
  await assert.rejects(lookup.versionProbe(f), /没有执行权限/);
});
