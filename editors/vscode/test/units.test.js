// Settings mirrored to the server, command arguments, package.json.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { toServerSettings, formatForYear } = require("../out/settings.js");
const { parseArticle, chineseNumber, newReportArgs, articleArgs } = require("../out/cli.js");


test("settings are mirrored as {reportFormat, select, ignore, severity}", () => {
  const cfg = {
    "server.path": "/x",
    "trace.server": "verbose",
    reportFormat: "2019",
    select: ["gk2", "GK301", "bogus"],
    ignore: ["GK203"],
    severity: { GK203: "warning", gk501: "off", GK1: "loud", nope: "error" },
  };
  const s = toServerSettings((k) => cfg[k]);
  assert.deepEqual(s, { reportFormat: "2019", select: ["GK2", "GK301"], ignore: ["GK203"], severity: { GK203: "warning", GK501: "off" } });
});

test("settings defaults", () => {
  assert.deepEqual(toServerSettings(() => undefined), { reportFormat: "auto", select: [], ignore: [], severity: {} });
  assert.equal(toServerSettings((k) => (k === "reportFormat" ? "2020" : undefined)).reportFormat, "auto");
});

test("the report year picks the format", () => {
  assert.equal(formatForYear(2019), "2019");
  assert.equal(formatForYear(2020), "2019");
  assert.equal(formatForYear(2021), "2021");
  assert.equal(formatForYear(2025), "2021");
});

test("article arguments", () => {
  assert.equal(parseArticle("20"), "20");
  assert.equal(parseArticle(" 20.5 "), "20.5");
  assert.equal(parseArticle("２０．５"), "20.5");
  assert.equal(parseArticle("第二十条"), "20");
  assert.equal(parseArticle("第三十六条"), "36");
  assert.equal(parseArticle("第五十条"), "50");
  assert.equal(parseArticle("第二十条第（五）项"), "20.5");
  assert.equal(parseArticle("第十四条第(三)项"), "14.3");
  assert.equal(parseArticle("二十"), undefined);
  assert.equal(parseArticle("abc"), undefined);
  assert.equal(parseArticle(""), undefined);
  assert.equal(chineseNumber("十"), 10);
  assert.equal(chineseNumber("十五"), 15);
  assert.equal(chineseNumber("五十六"), 56);
  assert.equal(chineseNumber("五五"), undefined);
  assert.deepEqual(articleArgs("20.5"), ["article", "20.5"]);
  assert.deepEqual(newReportArgs(2024, "2021"), ["new", "--year", "2024", "--format", "2021"]);
});

test("package.json: every contributed command is registered, every setting is read", () => {
  const root = path.join(__dirname, "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const src = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8") + fs.readFileSync(path.join(root, "src", "settings.ts"), "utf8");
  for (const c of pkg.contributes.commands) assert.ok(src.includes(`reg("${c.command}"`), `${c.command} is not registered`);
  for (const key of Object.keys(pkg.contributes.configuration.properties)) {
    const short = key.replace(/^gongkai\./, "");
    if (short === "trace.server") continue; // read by vscode-languageclient itself (client id "gongkai")
    assert.ok(src.includes(`"${short}"`), `${key} is never read`);
  }
  assert.equal(pkg.contributes.languages[0].id, "gongkai-report");
  assert.ok(pkg.activationEvents.includes("onLanguage:gongkai-report"));
});
