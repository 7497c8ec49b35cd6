//! A small LSP client for the tests: spawns the real `gongkai lsp` binary
//! and talks JSON-RPC over its stdio, turn by turn.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not yet taken.
    pub notifications: Vec<Value>,
    /// What `workspace/configuration` answers: scopeUri ("" for none) →
    /// the `gongkai` section.
    pub config: Value,
}

pub fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap_or_default();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl Client {
    pub fn spawn() -> Client {
        Self::spawn_with(&[])
    }

    pub fn spawn_with(env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("GONGKAI_TEST_STDERR").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            });
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn gongkai lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut buf = vec![0; len];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                    return;
                };
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: Vec::new(),
            config: Value::Null,
        }
    }

    pub fn send(&mut self, msg: &Value) {
        self.send_raw(&frame(msg));
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to server");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Next message from the server, answering its requests on the way.
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = match self.rx.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            };
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let result = match msg["method"].as_str() {
                    Some("workspace/configuration") => {
                        // `config` maps a scopeUri ("" for none) to the section.
                        let items = msg["params"]["items"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default();
                        Value::Array(
                            items
                                .iter()
                                .map(|i| {
                                    let scope = i["scopeUri"].as_str().unwrap_or("");
                                    self.config.get(scope).cloned().unwrap_or(Value::Null)
                                })
                                .collect(),
                        )
                    }
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": msg["id"], "result": result});
                self.send(&reply);
                continue;
            }
            return Some(msg);
        }
    }

    /// Send a request and wait for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(json!(id))
    }

    pub fn response(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        while let Some(msg) = self.recv(deadline) {
            if msg.get("id") == Some(&id) && msg.get("method").is_none() {
                return msg;
            }
            self.notifications.push(msg);
        }
        panic!("no response to request {id}");
    }

    /// Wait for a notification matching `pred`, taking it (and, if it was
    /// already queued, the ones before it) off the queue; others received
    /// meanwhile stay queued.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notifications.iter().position(&pred) {
            return self
                .notifications
                .drain(..=i)
                .next_back()
                .unwrap_or_default();
        }
        let deadline = Instant::now() + TIMEOUT;
        while let Some(msg) = self.recv(deadline) {
            if pred(&msg) {
                return msg;
            }
            self.notifications.push(msg);
        }
        panic!(
            "timed out waiting for {what}; got {:#?}",
            self.notifications
        );
    }

    /// Forget every message that arrives within `time` (and all queued).
    pub fn drain(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while self.recv(deadline).is_some() {}
        self.notifications.clear();
    }

    /// Wait for the publishDiagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let uri = uri.to_string();
        self.wait_for("publishDiagnostics", move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && (version.is_none() || m["params"]["version"] == json!(version))
        })
    }

    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            if start.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
                panic!("server did not exit after `exit`");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait (a while at most) for the server to end; its exit code.
    pub fn exit_code(&mut self) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The seed report (plain text pasted from a web page, 2020 format).
pub fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-2020.txt"
    ))
    .expect("seed fixture")
}

/// Zero-based line of the `n`th (0-based) line equal to `line` in `text`.
pub fn line_of(text: &str, line: &str, n: usize) -> u32 {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .nth(n)
        .map(|(i, _)| i as u32)
        .expect("line in text")
}

/// Zero-based line containing `needle`.
pub fn line_containing(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32)
        .expect("needle in text")
}
