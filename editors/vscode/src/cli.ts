// Running gongkai's one-shot commands (`new`, `article`). Free of `vscode`.

import { execFile } from "node:child_process";

export function runGongkai(bin: string, args: string[], timeoutMs = 15000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const detail = (stderr || "").toString().trim() || err.message;
        reject(new Error(`gongkai ${args.join(" ")}: ${detail}`));
      } else resolve(stdout.toString());
    });
  });
}

/** `gongkai new --year Y --format F`. */
export function newReportArgs(year: number, format: string): string[] {
  return ["new", "--year", String(year), "--format", format];
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 → 1 … 99. */
export function chineseNumber(s: string): number | undefined {
  if (!s || ![...s].every((c) => c in CN_DIGITS || c === "十")) return undefined;
  const i = s.indexOf("十");
  if (i < 0) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const tens = i === 0 ? 1 : i === 1 ? CN_DIGITS[s[0]] : undefined;
  const rest = s.slice(i + 1);
  const ones = rest === "" ? 0 : rest.length === 1 ? CN_DIGITS[rest] : undefined;
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

/**
 * The argument for `gongkai article`: `20`, `20.5`, full-width digits, or a
 * citation as written in a report (`第二十条`, `第二十条第（五）项`).
 */
export function parseArticle(input: string): string | undefined {
  const s = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。、]/g, ".")
    .replace(/\s+/g, "");
  if (/^\d{1,2}(\.\d{1,2})?$/.test(s)) return s;
  const m = /^第?([一二三四五六七八九十\d]+)条(?:第?[（(]?([一二三四五六七八九十\d]+)[）)]?项)?$/.exec(s);
  if (!m) return undefined;
  const num = (t: string) => (/^\d+$/.test(t) ? Number(t) : chineseNumber(t));
  const art = num(m[1]);
  const item = m[2] === undefined ? undefined : num(m[2]);
  if (!art || (m[2] !== undefined && !item)) return undefined;
  return item ? `${art}.${item}` : String(art);
}

export function articleArgs(n: string): string[] {
  return ["article", n];
}
