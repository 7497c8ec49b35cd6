//! End to end: the real `gongkai lsp` binary over stdio, whole JSON-RPC
//! messages, on the seed (plain text, 2020), a Markdown report (2023) and
//! text with 𠮷 and emoji before the target.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

const SEED: &str = "file:///tmp/gongkai-test/seed-2020.txt";
const MD: &str = "file:///tmp/gongkai-test/report-2023.md";

fn markdown() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lsp-2023.md"
    ))
    .expect("markdown fixture")
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

fn codes(publish: &Value) -> Vec<String> {
    publish["params"]["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The line of the seed's （七）总计 row's 总计 cell (its 7th value).
fn seed_total_cell(text: &str) -> u32 {
    line_of(text, "\t（七）总计", 0) + 7
}

/// A client that opened the seed and got its first diagnostics.
fn seed_client(capabilities: Value) -> (Client, String) {
    let mut c = Client::spawn();
    c.initialize(capabilities, Value::Null);
    let text = seed();
    c.open(SEED, "plaintext", &text);
    c.diagnostics(SEED, Some(1));
    (c, text)
}

/// Replace the seed's （七）总计 · 总计 cell "6" with "7" (version 2).
fn break_total(c: &mut Client, text: &str) -> Value {
    let line = seed_total_cell(text);
    c.change(
        SEED,
        2,
        json!([{"range": {"start": pos(line, 1), "end": pos(line, 2)}, "text": "7"}]),
    );
    c.diagnostics(SEED, Some(2))
}

#[test]
fn initialize_answers_capabilities() {
    let mut c = Client::spawn();
    let r = c.initialize(json!({}), Value::Null);
    assert_eq!(
        r,
        json!({"jsonrpc": "2.0", "id": 1, "result": {
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": {"openClose": true, "change": 2},
                "hoverProvider": true,
                "completionProvider": {"triggerCharacters": ["第", "|", "、"]},
                "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.gongkai"]},
                "documentSymbolProvider": true,
                "foldingRangeProvider": true,
                "inlayHintProvider": true,
                "diagnosticProvider": {"identifier": "gongkai", "interFileDependencies": false,
                                       "workspaceDiagnostics": false},
                "workspace": {"workspaceFolders": {"supported": true, "changeNotifications": true}}
            },
            "serverInfo": {"name": "gongkai", "version": env!("CARGO_PKG_VERSION")}
        }})
    );
    c.shutdown();
}

#[test]
fn utf8_is_negotiated_when_offered() {
    let mut c = Client::spawn();
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        Value::Null,
    );
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-8");
    c.shutdown();
}

#[test]
fn diagnostics_on_open_change_and_close() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    let text = seed();
    c.open(SEED, "plaintext", &text);
    let open = c.diagnostics(SEED, Some(1));
    // The seed adds two rows of its own under 其他对外管理服务事项.
    assert_eq!(codes(&open), ["GK108", "GK108"]);
    assert_eq!(
        open["params"]["diagnostics"][0],
        json!({
            "range": {"start": pos(59, 1), "end": pos(59, 5)},
            "severity": 3,
            "code": "GK108",
            "source": "gongkai",
            "message": "“行政检查”是国家格式之外增加的行（在“其他对外管理服务事项”之下）",
            "data": {"rule": "extra-row", "fixes": []}
        })
    );

    let changed = break_total(&mut c, &text);
    let line = seed_total_cell(&text);
    let on_total: Vec<&Value> = changed["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["range"]["start"] == pos(line, 1))
        .collect();
    let total_codes: Vec<&str> = on_total.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(total_codes, ["GK201", "GK202", "GK203"]);
    // The fix travels in `data`, as ranges of this version.
    assert_eq!(
        on_total[0]["data"],
        json!({"rule": "row-total", "fixes": [{
            "title": "把总计改为 6", "safe": true,
            "edits": [{"range": {"start": pos(line, 1), "end": pos(line, 2)}, "newText": "6"}]
        }]})
    );
    assert_eq!(on_total[0]["severity"], 1);

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": SEED}}),
    );
    let closed = c.diagnostics(SEED, None);
    assert_eq!(
        closed,
        json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
               "params": {"uri": SEED, "diagnostics": []}})
    );
    c.shutdown();
}

#[test]
fn stale_results_are_dropped() {
    let (mut c, text) = seed_client(json!({}));
    let line = seed_total_cell(&text);
    // Five quick edits: only the last version's diagnostics are published.
    for v in 2..=6 {
        let digit = if v % 2 == 0 { "7" } else { "6" };
        c.change(
            SEED,
            v,
            json!([{"range": {"start": pos(line, 1), "end": pos(line, 2)}, "text": digit}]),
        );
    }
    let last = c.diagnostics(SEED, Some(6));
    assert!(codes(&last).contains(&"GK201".to_string()));
    let stale = c
        .notifications
        .iter()
        .chain([&last])
        .filter(|m| {
            m["params"]["version"]
                .as_i64()
                .is_some_and(|v| (2..6).contains(&v))
        })
        .count();
    assert_eq!(stale, 0, "stale publishes: {:#?}", c.notifications);
    // Pull answers for the current text too.
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": SEED}}),
    );
    assert_eq!(pulled["result"]["kind"], "full");
    assert_eq!(pulled["result"]["items"], last["params"]["diagnostics"]);
    c.shutdown();
}

#[test]
fn pull_diagnostics_when_the_client_pulls() {
    let mut c = Client::spawn();
    c.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
    );
    let text = seed();
    c.open(SEED, "plaintext", &text);
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": SEED}}),
    );
    let result = &r["result"];
    assert_eq!(result["kind"], "full");
    let items: Vec<&str> = result["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(items, ["GK108", "GK108"]);
    let id = result["resultId"].clone();
    let again = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": SEED}, "previousResultId": id}),
    );
    assert_eq!(
        again["result"],
        json!({"kind": "unchanged", "resultId": result["resultId"]})
    );
    // No pushes to a pulling client.
    assert!(
        !c.notifications
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:#?}",
        c.notifications
    );
    c.shutdown();
}

#[test]
fn hover_on_totals_labels_and_citations() {
    let (mut c, text) = seed_client(json!({}));
    // （七）总计 · 自然人.
    let line = line_of(&text, "\t（七）总计", 0) + 1;
    let h = c.request("textDocument/hover", at(SEED, line, 1));
    assert_eq!(
        h["result"]["range"],
        json!({"start": pos(line, 1), "end": pos(line, 2)})
    );
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert_eq!(h["result"]["contents"]["kind"], "markdown");
    assert!(
        md.starts_with(
            "**（七）总计 · 自然人**：本列（一）至（六）各项之和\n\n计算值 **6**，表中填写 6 ✓"
        ),
        "{md}"
    );
    assert!(
        md.contains("（一）予以公开 1 + （二）部分公开 2 + "),
        "{md}"
    );
    assert!(md.contains("1.本机关不掌握相关政府信息 3"), "{md}");

    // The row's 总计 cell: the sum of the row, and the column.
    let total = seed_total_cell(&text);
    let h = c.request("textDocument/hover", at(SEED, total, 1));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("**（七）总计 · 总计**：本行六类申请人之和"),
        "{md}"
    );
    assert!(md.contains("6 = 自然人 6 + 商业企业 0"), "{md}");
    assert!(
        md.contains("**（七）总计 · 总计**：本列（一）至（六）各项之和"),
        "{md}"
    );

    // A standard label: what belongs there and the article.
    let line = line_containing(&text, "5.属于三类内部事务信息");
    let h = c.request("textDocument/hover", at(SEED, line, 4));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("**5.属于三类内部事务信息**\n\n表二 三、收到和处理政府信息公开申请情况 › （三）不予公开"), "{md}");
    assert!(
        md.contains("**依据**：《政府信息公开条例》第十六条"),
        "{md}"
    );

    // A citation: the article's text, the cited part marked.
    let line = line_containing(&text, "第五十条规定");
    let col = text.lines().nth(line as usize).map_or(0, |l| {
        l[..l.find("第五十条").unwrap_or(0)].encode_utf16().count() as u32
    });
    let h = c.request("textDocument/hover", at(SEED, line, col + 2));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("### 《政府信息公开条例》第五十条"), "{md}");
    assert!(md.contains("#### 说明"), "{md}");
    assert_eq!(
        h["result"]["range"],
        json!({"start": pos(line, col), "end": pos(line, col + 4)})
    );

    // Table A sub-table heading: 第二十条第（五）项 with the item in bold.
    let line = line_of(&text, "\t第二十条第（五）项", 0);
    let h = c.request("textDocument/hover", at(SEED, line, 3));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("- **（五）"), "{md}");

    // A number in the prose: the table cell it is tied to.
    let needle = "上年结转政府信息公开申请数量1件";
    let line = line_containing(&text, needle);
    let line_text = text.lines().nth(line as usize).unwrap_or("");
    let col = line_text[..line_text.find(needle).unwrap_or(0)]
        .encode_utf16()
        .count() as u32
        + needle.chars().count() as u32
        - 2;
    let h = c.request("textDocument/hover", at(SEED, line, col));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("**正文数字**"), "{md}");
    assert!(
        md.contains("表中为 **1**") && md.contains("✔ 与表格一致"),
        "{md}"
    );
    assert_eq!(
        h["result"]["range"],
        json!({"start": pos(line, col), "end": pos(line, col + 1)})
    );

    // Nothing on plain prose.
    let h = c.request("textDocument/hover", at(SEED, 2, 0));
    assert_eq!(h["result"], Value::Null);
    c.shutdown();
}

fn labels(r: &Value) -> Vec<String> {
    r["result"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| i["label"].as_str().unwrap_or("").to_string())
        .collect()
}

fn sorted_labels(r: &Value) -> Vec<String> {
    let mut items: Vec<(String, String)> = r["result"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            (
                i["sortText"].as_str().unwrap_or("").to_string(),
                i["label"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn completion_in_each_table() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    // The seed without its 2.重复申请 row.
    let full = seed();
    let start = full.find("\t2.重复申请").unwrap_or(0);
    let end = start + full[start..].find("\n\n").unwrap_or(0) + 2;
    let text = format!("{}{}", &full[..start], &full[end..]);
    c.open(SEED, "plaintext", &text);
    c.diagnostics(SEED, Some(1));

    // Table B, on the line where the row was: the missing row first and
    // preselected, then the present ones, groups, columns.
    let line = text[..start].lines().count() as u32;
    let r = c.request("textDocument/completion", at(SEED, line, 1));
    let sorted = sorted_labels(&r);
    assert_eq!(sorted[0], "2.重复申请");
    assert_eq!(sorted[1], "一、本年新收政府信息公开申请数量");
    let first = r["result"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["label"] == "2.重复申请"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        first,
        json!({"label": "2.重复申请", "kind": 5, "detail": "表二 › （五）不予处理（尚未填写）",
               "sortText": "0016", "filterText": "2.重复申请", "preselect": true,
               "textEdit": {"range": {"start": pos(line, 1), "end": pos(line, 1)},
                            "newText": "2.重复申请"}})
    );
    for l in [
        "（三）不予公开",
        "自然人",
        "法律服务机构",
        "总计",
        "（七）总计",
    ] {
        assert!(sorted.contains(&l.to_string()), "{l}: {sorted:?}");
    }
    // Snippets for the tables and the skeleton for the year's format.
    assert!(
        sorted.contains(&"2020年度报告框架".to_string()),
        "{sorted:?}"
    );
    let skeleton = r["result"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["label"] == "2020年度报告框架"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(skeleton["insertTextFormat"], 2);
    let body = skeleton["textEdit"]["newText"].as_str().unwrap_or("");
    assert!(body.contains("| 第二十条第（九）项"), "2019 format: {body}");

    // Table A, sub-table 第二十条第（五）项.
    let line = line_of(&text, "\t行政许可", 0);
    let r = c.request("textDocument/completion", at(SEED, line, 1));
    let sorted = sorted_labels(&r);
    assert_eq!(
        &sorted[..2],
        ["行政许可", "其他对外管理服务事项"],
        "{sorted:?}"
    );
    assert!(sorted.contains(&"本年增/减".to_string()), "{sorted:?}");
    assert!(
        sorted.contains(&"第二十条第（九）项".to_string()),
        "{sorted:?}"
    );

    // Table C.
    let line = line_of(&text, "\t结果纠正", 0);
    let r = c.request("textDocument/completion", at(SEED, line, 1));
    let sorted = sorted_labels(&r);
    assert_eq!(
        &sorted[..5],
        [
            "行政复议",
            "未经复议直接起诉",
            "复议后起诉",
            "行政诉讼",
            "结果维持"
        ]
    );

    // Section headings in prose, in order.
    let r = c.request("textDocument/completion", at(SEED, 2, 0));
    let sorted = sorted_labels(&r);
    assert_eq!(sorted[0], "一、总体情况");
    assert_eq!(sorted[5], "六、其他需要报告的事项");
    c.shutdown();
}

#[test]
fn completion_of_article_citations() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    let text = markdown();
    c.open(MD, "markdown", &text);
    c.diagnostics(MD, Some(1));
    let line = line_containing(&text, "本局依据");
    let end = text
        .lines()
        .nth(line as usize)
        .unwrap_or("")
        .encode_utf16()
        .count() as u32;
    // Type "依据第" at the end of the line.
    c.change(
        MD,
        2,
        json!([{"range": {"start": pos(line, end), "end": pos(line, end)}, "text": "依据第"}]),
    );
    let r = c.request("textDocument/completion", at(MD, line, end + 3));
    let l = labels(&r);
    assert_eq!(l.len(), 56);
    assert_eq!(l[19], "第二十条");
    assert_eq!(
        r["result"][19]["textEdit"]["range"],
        json!({"start": pos(line, end + 2), "end": pos(line, end + 3)})
    );
    // "第二十条第" → its 项.
    c.change(
        MD,
        3,
        json!([{"range": {"start": pos(line, end + 3), "end": pos(line, end + 3)}, "text": "二十条第"}]),
    );
    let r = c.request("textDocument/completion", at(MD, line, end + 7));
    let l = labels(&r);
    assert_eq!(l.len(), 15, "{l:?}");
    assert_eq!(l[4], "第二十条第（五）项");
    assert!(r["result"][4]["detail"]
        .as_str()
        .unwrap_or("")
        .starts_with("（五）"));
    c.shutdown();
}

fn actions(c: &mut Client, uri: &str, line: u32, diagnostics: Value, only: Option<Value>) -> Value {
    let mut context = json!({"diagnostics": diagnostics});
    if let Some(o) = only {
        context["only"] = o;
    }
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": pos(line, 0), "end": pos(line, 0)},
               "context": context}),
    )
}

#[test]
fn code_actions_and_their_edits() {
    let (mut c, text) = seed_client(json!({}));
    let publish = break_total(&mut c, &text);
    let line = seed_total_cell(&text);
    let diags: Vec<Value> = publish["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["range"]["start"]["line"] == line)
        .cloned()
        .collect();
    let r = actions(&mut c, SEED, line, json!(diags), None);
    let list = r["result"].as_array().cloned().unwrap_or_default();
    let titles: Vec<&str> = list.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "把总计改为 6",
            "把（七）总计改为 6（= 新收 + 结转 − 结转下年度）",
            "把（七）总计改为明细之和 6",
            "在上一行加 # gongkai-ignore GK201，忽略此处的 GK201",
            "在上一行加 # gongkai-ignore GK202，忽略此处的 GK202",
            "在上一行加 # gongkai-ignore GK203，忽略此处的 GK203",
            "gongkai：应用全部 1 处安全修正",
        ]
    );
    // Unsafe fixes are offered but not preferred.
    assert_eq!(list[1]["isPreferred"], Value::Null);
    assert_eq!(
        list[0],
        json!({"title": "把总计改为 6", "kind": "quickfix", "diagnostics": [diags[0]],
               "isPreferred": true,
               "edit": {"changes": {SEED: [{"range": {"start": pos(line, 1), "end": pos(line, 2)},
                                            "newText": "6"}]}}})
    );
    assert_eq!(
        list[3]["edit"],
        json!({"changes": {SEED: [{"range": {"start": pos(line, 0), "end": pos(line, 0)},
                                   "newText": "# gongkai-ignore GK201\n"}]}})
    );
    // Fix all, asked for as VS Code does on save.
    let r = actions(&mut c, SEED, 0, json!([]), Some(json!(["source.fixAll"])));
    assert_eq!(
        r["result"],
        json!([{"title": "gongkai：应用全部 1 处安全修正", "kind": "source.fixAll.gongkai",
                "edit": {"changes": {SEED: [{"range": {"start": pos(line, 1), "end": pos(line, 2)},
                                             "newText": "6"}]}}}])
    );
    c.shutdown();
}

#[test]
fn markdown_report_suppression_and_missing_parts() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    let full = markdown();
    // Without section 五 and without the 2.重复申请 row.
    let text: String = full
        .lines()
        .filter(|l| !l.contains("五、存在的主要问题") && !l.contains("2.重复申请"))
        .map(|l| format!("{l}\n"))
        .collect();
    c.open(MD, "markdown", &text);
    let publish = c.diagnostics(MD, Some(1));
    let all = codes(&publish);
    assert!(all.contains(&"GK101".to_string()), "{all:?}");
    assert!(all.contains(&"GK104".to_string()), "{all:?}");
    let pick = |code: &str| {
        publish["params"]["diagnostics"]
            .as_array()
            .and_then(|a| a.iter().find(|d| d["code"] == code))
            .cloned()
            .unwrap_or_default()
    };
    let missing_row = pick("GK104");
    let line = missing_row["range"]["start"]["line"].as_u64().unwrap_or(0) as u32;
    let r = actions(&mut c, MD, line, json!([missing_row]), None);
    let list = r["result"].as_array().cloned().unwrap_or_default();
    let insert = list
        .iter()
        .find(|a| a["title"] == "插入缺少的行：2.重复申请")
        .cloned()
        .unwrap_or_default();
    let after = line_containing(&text, "1.信访举报投诉类申请");
    let width = text
        .lines()
        .nth(after as usize)
        .map_or(0, |l| l.encode_utf16().count() as u32);
    assert_eq!(
        insert["edit"],
        json!({"changes": {MD: [{"range": {"start": pos(after, width), "end": pos(after, width)},
            "newText": "\n| | | 2.重复申请 | | | | | | | |"}]}})
    );
    let suppress = list
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.contains("gongkai-ignore GK104"))
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        suppress["edit"]["changes"][MD][0]["newText"],
        "<!-- gongkai-ignore GK104 -->\n"
    );

    let missing_section = pick("GK101");
    let line = missing_section["range"]["start"]["line"]
        .as_u64()
        .unwrap_or(0) as u32;
    let r = actions(&mut c, MD, line, json!([missing_section]), None);
    let insert = r["result"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|x| x["title"] == "插入缺少的部分：五、存在的主要问题及改进情况")
        })
        .cloned()
        .unwrap_or_default();
    let six = line_containing(&text, "## 六、其他需要报告的事项");
    assert_eq!(
        insert["edit"],
        json!({"changes": {MD: [{"range": {"start": pos(six, 0), "end": pos(six, 0)},
            "newText": "## 五、存在的主要问题及改进情况\n\n"}]}})
    );
    c.shutdown();
}

#[test]
fn symbols_folding_and_inlay_hints() {
    let (mut c, text) = seed_client(json!({}));
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": SEED}}),
    );
    let names: Vec<&str> = r["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "北京市东城区人民政府建国门街道办事处2020年政府信息公开工作年度报告",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
    let table_a = &r["result"][2]["children"][0];
    assert_eq!(table_a["name"], "表一：主动公开政府信息情况");
    let subs: Vec<&str> = table_a["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        subs,
        [
            "第二十条第（一）项",
            "第二十条第（五）项",
            "第二十条第（六）项",
            "第二十条第（八）项",
            "第二十条第（九）项"
        ]
    );
    assert_eq!(
        r["result"][3]["children"][0]["name"],
        "表二：收到和处理政府信息公开申请情况"
    );
    assert_eq!(
        r["result"][4]["children"][0]["name"],
        "表三：行政复议、行政诉讼情况"
    );

    let r = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": SEED}}),
    );
    let folds = r["result"].as_array().cloned().unwrap_or_default();
    let b_start = line_of(&text, "三、收到和处理政府信息公开申请情况", 0);
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == b_start && f["kind"] == "region"),
        "{folds:#?}"
    );

    let r = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": SEED},
               "range": {"start": pos(0, 0), "end": pos(10_000, 0)}}),
    );
    // Every total of the seed holds: no hint, no noise.
    assert_eq!(r["result"], json!([]), "{r:#?}");

    // （七）总计 · 总计 written 7 where the row and the column add up to 6:
    // one hint after the cell, the first relation's, nothing elsewhere.
    break_total(&mut c, &text);
    let r = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": SEED},
               "range": {"start": pos(0, 0), "end": pos(10_000, 0)}}),
    );
    let total_line = seed_total_cell(&text);
    assert_eq!(
        r["result"],
        json!([{"position": pos(total_line, 2), "label": "应为 6", "paddingLeft": true,
                "tooltip": "（七）总计 · 总计：本行六类申请人之和"}])
    );
    c.shutdown();
}

/// 𠮷 (CJK Ext-B) and 😀 are two UTF-16 units and four bytes each: ranges
/// after them differ by encoding, and both round-trip.
#[test]
fn utf16_and_utf8_ranges_after_ext_b_and_emoji() {
    let prose = "𠮷😀依据第六十条";
    for (caps, col) in [
        (json!({}), 4 + 2),
        (json!({"general": {"positionEncodings": ["utf-8"]}}), 8 + 6),
    ] {
        let mut c = Client::spawn();
        c.initialize(caps, Value::Null);
        let text = markdown().replace("无。", prose);
        let line = line_containing(&text, prose);
        c.open(MD, "markdown", &text);
        let publish = c.diagnostics(MD, Some(1));
        let d = publish["params"]["diagnostics"]
            .as_array()
            .and_then(|a| a.iter().find(|d| d["code"] == "GK401"))
            .cloned()
            .unwrap_or_default();
        let width = if col == 6 { 4 } else { 12 };
        assert_eq!(
            d["range"],
            json!({"start": pos(line, col), "end": pos(line, col + width)}),
            "{publish:#}"
        );
        // Hover on the citation at the same column.
        let h = c.request("textDocument/hover", at(MD, line, col + 1));
        assert_eq!(h["result"]["range"], d["range"]);
        // Edit 六 → 五 at that column: GK401 goes away.
        let six = col + if col == 6 { 1 } else { 3 };
        let three = if col == 6 { 1 } else { 3 };
        c.change(
            MD,
            2,
            json!([{"range": {"start": pos(line, six), "end": pos(line, six + three)}, "text": "五"}]),
        );
        let publish = c.diagnostics(MD, Some(2));
        assert!(
            !codes(&publish).contains(&"GK401".to_string()),
            "{publish:#}"
        );
        let h = c.request("textDocument/hover", at(MD, line, col + 1));
        let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
        assert!(md.starts_with("### 《政府信息公开条例》第五十条"), "{md}");
        c.shutdown();
    }
}

#[test]
fn other_markdown_files_get_nothing() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    let readme = "file:///tmp/gongkai-test/README.md";
    // A note that mentions 年度报告 is not a report either.
    c.open(
        readme,
        "markdown",
        "# 说明\n\n本仓库存放年度报告。第二十条\n",
    );
    let r = c.request("textDocument/hover", at(readme, 2, 1));
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/completion", at(readme, 2, 1));
    assert_eq!(r["result"], Value::Null);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": readme}}),
    );
    assert_eq!(r["result"], json!([]));
    let r = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": readme}}),
    );
    assert_eq!(r["result"]["items"], json!([]));
    // A report opened after it is pushed; the README never is.
    c.open(SEED, "plaintext", &seed());
    c.diagnostics(SEED, Some(1));
    assert!(
        !c.notifications.iter().any(|m| m["params"]["uri"] == readme),
        "{:#?}",
        c.notifications
    );
    c.shutdown();
}

#[test]
fn settings_reload_without_restart() {
    let mut c = Client::spawn();
    c.initialize(
        json!({}),
        json!({"gongkai": {"severity": {"GK108": "error"}}}),
    );
    let text = seed();
    c.open(SEED, "plaintext", &text);
    let d = c.diagnostics(SEED, Some(1));
    assert_eq!(d["params"]["diagnostics"][0]["severity"], 1);
    // Only what comes after the change counts.
    c.drain(std::time::Duration::from_millis(150));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gongkai": {"ignore": ["GK108"]}}}),
    );
    let d = c.diagnostics(SEED, Some(1));
    assert_eq!(codes(&d), Vec::<String>::new());
    // reportFormat forces the 2021 format on a 2020 report.
    // Only what comes after the change counts.
    c.drain(std::time::Duration::from_millis(150));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gongkai": {"reportFormat": "2021", "select": ["GK1"]}}}),
    );
    let d = c.diagnostics(SEED, Some(1));
    assert!(!codes(&d).is_empty(), "{d:#}");
    assert!(codes(&d).iter().all(|c| c.starts_with("GK1")), "{d:#}");
    c.shutdown();
}

#[test]
fn multi_root_settings_per_folder() {
    let mut c = Client::spawn();
    c.config = json!({
        "": {},
        "file:///tmp/gongkai-a": {"ignore": ["GK108"]},
        "file:///tmp/gongkai-b": {"severity": {"GK108": "warning"}}
    });
    c.request(
        "initialize",
        json!({"processId": null, "capabilities": {"workspace": {"configuration": true}},
               "workspaceFolders": [
                   {"uri": "file:///tmp/gongkai-a", "name": "a"},
                   {"uri": "file:///tmp/gongkai-b", "name": "b"}]}),
    );
    c.notify("initialized", json!({}));
    let text = seed();
    let (a, b) = (
        "file:///tmp/gongkai-a/seed.txt",
        "file:///tmp/gongkai-b/seed.txt",
    );
    c.open(a, "plaintext", &text);
    c.open(b, "plaintext", &text);
    let da = c.diagnostics(a, Some(1));
    assert_eq!(codes(&da), Vec::<String>::new());
    let db = c.diagnostics(b, Some(1));
    assert_eq!(db["params"]["diagnostics"][0]["severity"], 2);
    c.shutdown();
}

#[test]
fn panics_unknown_and_malformed_messages() {
    let mut c = Client::spawn_with(&[("GONGKAI_LSP_DEBUG", "1")]);
    c.initialize(json!({}), Value::Null);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "gongkai.debug.panic", "arguments": []}),
    );
    assert_eq!(r["error"]["code"], -32603, "{r}");
    // Unknown method.
    let r = c.request("gongkai/nonsense", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // Malformed JSON: a parse error, and the server lives on.
    let body = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    c.send_raw(&bytes);
    let r = c.response(Value::Null);
    assert_eq!(r["error"]["code"], -32700, "{r}");
    // Bad params for a known method.
    let r = c.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // Unknown notification: ignored.
    c.notify("$/gongkaiUnknown", json!({}));
    c.open(SEED, "plaintext", &seed());
    c.diagnostics(SEED, Some(1));
    assert!(c.is_alive());
    c.shutdown();
}

/// The server finds last year's report of the same body beside this one
/// (a sibling folder) and checks the carry-over against it (GK207).
#[test]
fn last_years_report_in_the_workspace() {
    let dir = tempfile::tempdir().expect("tmp");
    let (old, new) = (dir.path().join("2023"), dir.path().join("2024"));
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::create_dir_all(&new).expect("mkdir");
    // Last year: one application carried into this year (自然人 column).
    let last = gongkai::skeleton::markdown(2023, None).replacen(
        "| 四、结转下年度继续办理 | | | 0 |",
        "| 四、结转下年度继续办理 | | | 1 |",
        1,
    );
    assert!(last.contains("| 四、结转下年度继续办理 | | | 1 |"));
    std::fs::write(old.join("report.md"), &last).expect("write");
    let this = gongkai::skeleton::markdown(2024, None);
    let path = new.join("report.md");
    std::fs::write(&path, &this).expect("write");
    let uri = format!("file://{}", path.display());
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    c.open(&uri, "markdown", &this);
    let published = c.diagnostics(&uri, Some(1));
    // The skeletons share their prose word for word: GK504 too.
    assert_eq!(codes(&published), ["GK504", "GK207"], "{published}");
    c.shutdown();
}

/// A client that pulls diagnostics.
fn pulling_client() -> Client {
    let mut c = Client::spawn();
    c.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
    );
    c
}

/// The result of a diagnostic pull.
fn pull(c: &mut Client, uri: &str, previous: &Value) -> Value {
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
    )["result"]
        .clone()
}

/// The LSP line of `needle`: lines end at `\n`, `\r\n` or a bare `\r`.
fn lsp_line(text: &str, needle: &str) -> u32 {
    let before = &text[..text.find(needle).expect("needle in text")];
    (before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count())
        as u32
}

/// A bare `\r` ends a line: diagnostics, hover and edits below it are on
/// the lines the client counts.
#[test]
fn positions_below_a_bare_cr() {
    let prose = "𠮷😀依据第六十条";
    let mut text = markdown().replace("无。", prose);
    // The first ten line breaks become bare CRs (old Mac files, pastes).
    for _ in 0..10 {
        text = text.replacen('\n', "\r", 1);
    }
    let line = lsp_line(&text, prose);
    assert_eq!(
        line,
        line_containing(&markdown().replace("无。", prose), prose)
    );
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    c.open(MD, "markdown", &text);
    let publish = c.diagnostics(MD, Some(1));
    let d = publish["params"]["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "GK401"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        d["range"],
        json!({"start": pos(line, 6), "end": pos(line, 10)}),
        "{publish:#}"
    );
    let h = c.request("textDocument/hover", at(MD, line, 7));
    assert_eq!(h["result"]["range"], d["range"]);
    // 六 → 五 at that position: the citation is right, GK401 goes.
    c.change(
        MD,
        2,
        json!([{"range": {"start": pos(line, 7), "end": pos(line, 8)}, "text": "五"}]),
    );
    let publish = c.diagnostics(MD, Some(2));
    assert!(
        !codes(&publish).contains(&"GK401".to_string()),
        "{publish:#}"
    );
    let h = c.request("textDocument/hover", at(MD, line, 7));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("### 《政府信息公开条例》第五十条"), "{md}");
    // An edit that inserts a bare CR splits the line there.
    c.change(
        MD,
        3,
        json!([{"range": {"start": pos(line, 4), "end": pos(line, 4)}, "text": "\r"}]),
    );
    c.diagnostics(MD, Some(3));
    let h = c.request("textDocument/hover", at(MD, line + 1, 3));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("### 《政府信息公开条例》第五十条"), "{md}");
    c.shutdown();
}

/// One frame with a wrong Content-Length costs that frame only: the
/// server answers a parse error and then the next requests, `shutdown`
/// included.
#[test]
fn a_wrong_content_length_does_not_silence_the_server() {
    let hover = json!({"jsonrpc": "2.0", "id": 50, "method": "textDocument/hover",
                       "params": at(SEED, 0, 0)});
    let body = serde_json::to_vec(&hover).unwrap_or_default();
    let frames: Vec<Vec<u8>> = vec![
        // Too short.
        [
            format!("Content-Length: {}\r\n\r\n", body.len() - 7).into_bytes(),
            body.clone(),
        ]
        .concat(),
        // Too long.
        [
            format!("Content-Length: {}\r\n\r\n", body.len() + 4000).into_bytes(),
            body.clone(),
        ]
        .concat(),
        // Huge.
        [
            b"Content-Length: 99999999999999\r\n\r\n".to_vec(),
            body.clone(),
        ]
        .concat(),
        // Missing.
        [
            b"Content-Type: application/json\r\n\r\n".to_vec(),
            body.clone(),
        ]
        .concat(),
    ];
    for (i, bad) in frames.iter().enumerate() {
        let mut c = Client::spawn();
        c.initialize(json!({}), Value::Null);
        c.send_raw(bad);
        let r = c.request("textDocument/hover", at(SEED, 0, 0));
        assert_eq!(r["result"], Value::Null, "frame {i}: {r}");
        // The parse error came before the answer to the hover.
        let parse_errors = c
            .notifications
            .iter()
            .filter(|m| m["id"].is_null() && m["error"]["code"] == -32700)
            .count();
        assert_eq!(parse_errors, usize::from(i < 3), "frame {i}");
        c.shutdown();
    }
}

/// `exit` without `shutdown` ends the server with 1 (and with 0 after it,
/// as `Client::shutdown` checks).
#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(1));
}

/// A `$/` request the server does not know gets MethodNotFound (a `$/`
/// notification is ignored).
#[test]
fn dollar_requests_are_answered() {
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    c.notify("$/gongkaiUnknown", json!({}));
    let r = c.request("$/gongkaiUnknown", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.shutdown();
}

/// A result id from before a document was closed and opened again (with
/// other text) is not "unchanged".
#[test]
fn pull_after_close_and_reopen_is_a_full_report() {
    let mut c = pulling_client();
    let text = seed();
    c.open(SEED, "plaintext", &text);
    let first = pull(&mut c, SEED, &Value::Null);
    assert_eq!(first["kind"], "full");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": SEED}}),
    );
    let line = seed_total_cell(&text) as usize;
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                "\t7\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    c.open(SEED, "plaintext", &broken);
    let second = pull(&mut c, SEED, &first["resultId"]);
    assert_eq!(second["kind"], "full", "{second}");
    assert_ne!(second["resultId"], first["resultId"]);
    let codes: Vec<&str> = second["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"GK201"), "{codes:?}");
    c.shutdown();
}

/// A FIFO named like a report beside the document (and in a sibling
/// folder) never stops the server from answering.
#[cfg(unix)]
#[test]
fn fifos_beside_the_report_do_not_hang_the_server() {
    let dir = tempfile::tempdir().expect("tmp");
    let (old, new) = (dir.path().join("2023"), dir.path().join("2024"));
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::create_dir_all(&new).expect("mkdir");
    for fifo in [old.join("a.md"), new.join("b.txt")] {
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    let this = gongkai::skeleton::markdown(2024, None);
    let path = new.join("report.md");
    std::fs::write(&path, &this).expect("write");
    let uri = format!("file://{}", path.display());
    let mut c = pulling_client();
    c.open(&uri, "markdown", &this);
    let r = pull(&mut c, &uri, &Value::Null);
    assert_eq!(r["kind"], "full", "{r}");
    assert_eq!(r["items"], json!([]), "{r}");
    c.shutdown();
}

/// One line of 15,000 cells, each with a finding: the pull answers with
/// every finding at its column.
#[test]
fn a_line_of_15000_cells() {
    let row = "| 一、本年新收政府信息公开申请数量 | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let long = format!(
        "| 一、本年新收政府信息公开申请数量 |{}",
        " １ |".repeat(15000)
    );
    let text = gongkai::skeleton::markdown(2023, None).replacen(row, &long, 1);
    let line = lsp_line(&text, &long);
    let uri = "file:///tmp/gongkai-test/long-2023.md";
    let mut c = pulling_client();
    c.open(uri, "markdown", &text);
    let r = pull(&mut c, uri, &Value::Null);
    let items = r["items"].as_array().cloned().unwrap_or_default();
    let fullwidth: Vec<&Value> = items.iter().filter(|d| d["code"] == "GK302").collect();
    assert_eq!(fullwidth.len(), 15000);
    // "| 一、本年新收政府信息公开申请数量 |" is 20 UTF-16 units, then " １ |"
    // (4 units) a cell.
    for (i, d) in fullwidth.iter().enumerate() {
        let col = 20 + 4 * i as u32 + 1;
        assert_eq!(
            d["range"],
            json!({"start": pos(line, col), "end": pos(line, col + 1)}),
            "cell {i}"
        );
    }
    c.shutdown();
}

/// A published page opened in the editor is checked like the CLI checks it:
/// the changed 总计 is reported on its `<td>` in the .html (line 61, UTF-16
/// column of the number), and the features that edit the report's
/// Markdown layout stay off.
#[test]
fn html_pages_are_checked_on_their_cells() {
    let page = std::fs::read_to_string("tests/fixtures/web-shapes/216-2025-ceshi-shi.html")
        .expect("216 html");
    let text = page.replacen(">13810<", ">13811<", 1);
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(">13811<"))
        .expect("the changed line");
    let byte = line.find(">13811<").expect("cell") + 1;
    let col = line[..byte].encode_utf16().count() as u32;
    let uri = "file:///tmp/216.html";
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null);
    c.open(uri, "html", &text);
    let publish = c.diagnostics(uri, Some(1));
    let d = publish["params"]["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "GK201"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        d["range"],
        json!({"start": pos(line_no as u32, col), "end": pos(line_no as u32, col + 5)}),
        "{publish:#}"
    );
    let h = c.request("textDocument/hover", at(uri, line_no as u32, col + 1));
    assert_eq!(h["result"], Value::Null);
    // The page as published is clean.
    c.change(uri, 2, json!([{"text": page}]));
    let publish = c.diagnostics(uri, Some(2));
    assert_eq!(codes(&publish), Vec::<String>::new(), "{publish:#}");
}
