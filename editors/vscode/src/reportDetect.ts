// Whether a Markdown or plain-text document is a 政府信息公开工作年度报告.
// The client forwards such documents to the server even when they are not
// of the `gongkai-report` language. Free of `vscode`.

/** Labels that only the report's tables and headings use. */
const MARKERS = [
  "政府信息公开工作年度报告",
  "政府信息公开年度报告",
  "本年新收政府信息公开申请数量",
  "收到和处理政府信息公开申请情况",
  "主动公开政府信息情况",
  "政府信息公开行政复议、行政诉讼情况",
  "政府信息公开行政复议",
];

/** How much of the start of the document to look at. */
const HEAD = 20000;

export function looksLikeReport(text: string): boolean {
  const head = text.slice(0, HEAD).replace(/\s+/g, "");
  return MARKERS.some((m) => head.includes(m));
}
