mod lsp_support;
use lsp_support::*;
use serde_json::json;

#[test]
fn explore() {
    let mut c = Client::spawn();
    let init = c.initialize(json!({}), json!(null));
    println!("{}", serde_json::to_string_pretty(&init).unwrap());
    let text = seed();
    let uri = "file:///tmp/seed-2020.txt";
    c.open(uri, "plaintext", &text);
    let d = c.diagnostics(uri, Some(1));
    println!("DIAG {}", d);
    let total = line_of(&text, "\t（七）总计", 0);
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": total + 1, "character": 1}}));
    println!("HOVER {}", serde_json::to_string_pretty(&h).unwrap());
    let l = line_containing(&text, "5.属于三类内部事务信息");
    let h = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": 3}}));
    println!("HOVER {}", serde_json::to_string_pretty(&h).unwrap());
    let s = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    println!("SYM {}", serde_json::to_string_pretty(&s).unwrap());
    let s = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": {"start": {"line":0,"character":0}, "end": {"line":999,"character":0}}}));
    println!("INLAY {}", serde_json::to_string(&s).unwrap());
    let s = c.request("textDocument/foldingRange", json!({"textDocument": {"uri": uri}}));
    println!("FOLD {}", serde_json::to_string(&s).unwrap());
    let l = line_containing(&text, "（二）部分公开");
    let s = c.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": 1}}));
    let items: Vec<_> = s["result"].as_array().unwrap().iter().map(|i| (i["label"].as_str().unwrap().to_string(), i["sortText"].clone(), i["preselect"].clone())).collect();
    println!("COMPL {:?}", items);
    c.shutdown();
}
