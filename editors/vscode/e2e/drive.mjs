// Drives code-server in Debian's Chromium with playwright-core.
//
//   node drive.mjs diagnostics <url> <file-name> <expect.json> <screenshot-dir>
//   node drive.mjs no-server   <url> <file-name> <expect.json> <screenshot-dir>
//
// expect.json: {"line": 366, "message": "…", "code": "GK201"} for `diagnostics`,
// {"notification": ["…", …]} for `no-server` (every string must appear).
// Prints one "ok - …" / "not ok - …" line per check; exits 1 if any failed.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const [scenario, url, fileName, expectPath, shots] = process.argv.slice(2);
const expect = JSON.parse(readFileSync(expectPath, "utf8"));
mkdirSync(shots, { recursive: true });

let failed = 0;
let passed = 0;
const results = [];
function check(name, ok, detail = "") {
  if (ok) passed++;
  else failed++;
  const line = `${ok ? "ok" : "not ok"} - ${name}${detail ? ` (${detail})` : ""}`;
  results.push(line);
  console.log(line);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--lang=zh-CN"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
page.setDefaultTimeout(30000);
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
const text = async (sel) => ((await page.locator(sel).allInnerTexts()) ?? []).join("\n");

async function openFile() {
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.locator(".monaco-workbench").waitFor();
  const row = page.locator(`.explorer-folders-view .monaco-list-row`, { hasText: fileName }).first();
  try {
    await row.waitFor({ timeout: 20000 });
    await row.click();
  } catch {
    // The explorer may be collapsed: Quick Open instead.
    await page.keyboard.press("Control+P");
    await page.keyboard.type(fileName);
    await page.keyboard.press("Enter");
  }
  await page.locator(`.tabs-container .tab`, { hasText: fileName }).first().waitFor();
  await page.locator(".monaco-editor .view-lines").first().waitFor();
}

async function goToLine(line, column = 1) {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input").waitFor();
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

/** The text of the editor line the cursor is on (without inlay hints, which are CSS content). */
async function lineAtCursor() {
  const cursor = await page.locator(".monaco-editor .cursors-layer .cursor").first().boundingBox();
  for (const l of await page.locator(".monaco-editor .view-lines .view-line").all()) {
    const box = await l.boundingBox();
    if (box && cursor && Math.abs(box.y + box.height / 2 - (cursor.y + cursor.height / 2)) < cursor.height / 2) return l.innerText();
  }
  return undefined;
}

/** The squiggle of `kind` on the cursor's line (the editor only renders what is in view). */
async function squiggleOnCursorLine(kind) {
  const cursor = await page.locator(".monaco-editor .cursors-layer .cursor").first().boundingBox();
  for (const s of await page.locator(`.monaco-editor .squiggly-${kind}`).all()) {
    const box = await s.boundingBox();
    if (box && cursor && Math.abs(box.y + box.height / 2 - (cursor.y + cursor.height / 2)) < cursor.height) return box;
  }
  return undefined;
}

async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

try {
  if (scenario === "diagnostics") {
    const t0 = Date.now();
    await openFile();
    await goToLine(expect.line, expect.column);
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 30000 });
    let box;
    for (let i = 0; i < 50 && !box; i++) {
      box = await squiggleOnCursorLine("error");
      if (!box) await page.waitForTimeout(200);
    }
    check("squiggle under the wrong 总计", !!box, `after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!box) throw new Error("no error squiggle on the 总计 line");
    const lang = await text(".statusbar-item.editor-status-mode, #status\\.editor\\.mode");
    check("the file opens as the gongkai-report language", /政府信息公开年度报告|gongkai/.test(lang), lang.trim());

    // The squiggle sits on the 总计 cell: the line the cursor went to.
    const cursorLine = await text(".statusbar-item.editor-status-selection, #status\\.editor\\.selection");
    check("cursor on the 总计 line", cursorLine.includes(String(expect.line)), cursorLine.trim());

    // Hover the squiggle with the mouse; under load the first move can go unnoticed, so
    // move away and back a few times, then fall back on the keyboard (Show Hover).
    const hover = page.locator(".monaco-hover:not(.hidden)").filter({ hasText: expect.code }).first();
    let shown = false;
    for (let i = 0; i < 4 && !shown; i++) {
      await page.mouse.move(5, 400);
      await page.mouse.move(box.x + box.width / 2 + (i % 2), box.y + box.height / 2, { steps: 4 });
      shown = await hover.waitFor({ timeout: 4000 }).then(() => true, () => false);
    }
    if (!shown) {
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      await hover.waitFor({ timeout: 10000 });
    }
    await page.waitForTimeout(500);
    const hoverText = await hover.innerText();
    check("hover shows the finding's code", hoverText.includes(expect.code), expect.code);
    check("hover shows the finding's message", hoverText.includes(expect.message), expect.message);
    // Below the findings, the server's own hover on the 总计 cell: the computed sum.
    const serverHover = (await hover.locator(".markdown-hover").allInnerTexts()).join("\n").replace(/\s+/g, " ");
    check("hover shows the computed sum from the server", serverHover.includes("总计") && new RegExp(`\\b${expect.sum}\\b`).test(serverHover), serverHover.slice(0, 60));
    await shot("vscode-squiggle");

    const statusText = (await page.locator('.statusbar-item [aria-label^="gongkai: "]').first().getAttribute("aria-label")) ?? "";
    check("status bar counts the findings", statusText.includes(`有 ${expect.errors} 个错误`), statusText);

    await page.mouse.move(5, 400);
    await runCommand("Problems: Focus on Problems View");
    const panel = page.locator(".markers-panel");
    await panel.waitFor();
    const entry = panel.locator(".monaco-list-row", { hasText: expect.message }).first();
    await entry.waitFor({ timeout: 15000 });
    const entryText = await entry.innerText();
    check("Problems panel lists the finding", entryText.includes(expect.message), entryText.replace(/\s+/g, " ").trim());
    const rows = await text(".markers-panel .monaco-list-row");
    check("Problems panel gives the position", rows.includes(`[Ln ${expect.line}`), `Ln ${expect.line}`);
    await shot("vscode-problems");

    // gongkai: 修复所有可安全修复的问题 → the 总计 becomes the computed sum and the errors go.
    await page.locator(".monaco-editor .view-lines").first().click();
    await goToLine(expect.line, expect.column);
    await runCommand("gongkai: 修复所有可安全修复的问题");
    const label = '.statusbar-item [aria-label^="gongkai: "]';
    await page.waitForFunction((sel) => /有 0 个错误/.test(document.querySelector(sel)?.getAttribute("aria-label") ?? ""), label, { timeout: 15000 }).catch(() => {});
    const after = (await page.locator(label).first().getAttribute("aria-label")) ?? "";
    check("Fix All: no errors left", /有 0 个错误/.test(after), after);
    let cell = "";
    for (let i = 0; i < 25 && cell !== String(expect.sum); i++) {
      await page.waitForTimeout(200);
      cell = ((await lineAtCursor()) ?? "").replace(/[\s\u00a0]+/g, " ").trim().split(" ")[0];
    }
    check("Fix All: the 总计 cell now reads the computed sum", cell === String(expect.sum), `line ${expect.line}: ${JSON.stringify(cell)}`);
    await shot("vscode-fixed");
  } else if (scenario === "no-server") {
    await openFile();
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "gongkai" }).first();
    await toast.waitFor({ timeout: 30000 });
    await page.waitForTimeout(300);
    const toastText = await toast.innerText();
    for (const s of expect.notification) check(`error notification says ${JSON.stringify(s)}`, toastText.includes(s));
    const icon = await toast.locator(".codicon-error").count();
    check("it is an error notification", icon > 0);
    check("it offers the install instructions (安装说明)", /安装说明/.test(toastText));
    const status = (await page.locator('.statusbar-item [aria-label^="gongkai: "]').first().getAttribute("aria-label")) ?? "";
    check("status bar says there is no server", status === "gongkai: 无服务器", status);
    await shot("vscode-no-server");
    // The button opens the extension's own README (installing the server), not a web page.
    await toast.locator(".monaco-button", { hasText: "安装说明" }).first().click();
    const tab = page.locator(".tabs-container .tab", { hasText: /readme\.md/i }).first();
    const opened = await tab.waitFor({ timeout: 15000 }).then(() => true, () => false);
    check("安装说明 opens the extension's README in a preview", opened && /preview/i.test((await tab.getAttribute("aria-label")) ?? ""), opened ? await tab.getAttribute("aria-label") : "no readme tab");
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
} catch (e) {
  check(`${scenario}: ${e.message.split("\n")[0]}`, false);
  await shot(`${scenario}-failure`).catch(() => {});
} finally {
  await browser.close();
}
console.log(`${scenario}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
