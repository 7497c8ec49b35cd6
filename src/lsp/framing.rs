//! A guard in front of the protocol library's reader.
//!
//! tower-lsp-server stops reading its input for good after one message it
//! cannot decode (its framed reader ends on the first error), leaving a
//! server that answers nothing. Here every frame is checked first: a valid
//! message passes through unchanged; malformed JSON becomes a request for
//! [`PARSE_ERROR`], a JSON value that is not a JSON-RPC message one for
//! [`INVALID_REQUEST`] — methods the server answers with the error the spec
//! asks for (-32700 / -32600), so the client gets its answer and the server
//! lives on.
//!
//! Frames themselves are read here too: a wrong `Content-Length` (too
//! short, too long, huge, not a number, missing) costs that one message —
//! a parse error and a line on standard error — and reading goes on from
//! the next `Content-Length` header. A too-long length is noticed when the
//! next message's header turns up inside the body (a valid JSON body never
//! holds a raw header line). `$/` requests the server does not know become
//! [`UNKNOWN_DOLLAR_REQUEST`], answered with MethodNotFound (the library
//! would drop them unanswered).

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

pub const PARSE_ERROR: &str = "gongkai/_parseError";
pub const INVALID_REQUEST: &str = "gongkai/_invalidRequest";
pub const UNKNOWN_DOLLAR_REQUEST: &str = "gongkai/_unknownDollarRequest";

/// Largest message accepted: a report is a few MB at most, and its text
/// escaped in JSON at most a few times that.
const MAX_LEN: usize = 64 << 20;

#[derive(Deserialize)]
struct Shape {
    jsonrpc: Option<String>,
    method: Option<String>,
    #[serde(default, deserialize_with = "present_value")]
    id: Option<Value>,
    // `"result": null` is a result: present, whatever its value.
    #[serde(default, deserialize_with = "present")]
    result: Option<()>,
    #[serde(default, deserialize_with = "present")]
    error: Option<()>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<()>, D::Error> {
    IgnoredAny::deserialize(d).map(|_| Some(()))
}

fn present_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// What to pass on for one message body.
pub fn check(body: &[u8]) -> Option<Vec<u8>> {
    let shape: Shape = match serde_json::from_slice(body) {
        Ok(s) => s,
        Err(e) if e.is_data() => {
            return Some(replacement(INVALID_REQUEST, &Value::Null));
        }
        Err(_) => return Some(replacement(PARSE_ERROR, &Value::Null)),
    };
    let id_ok = match &shape.id {
        None | Some(Value::Null) | Some(Value::Number(_)) | Some(Value::String(_)) => true,
        Some(_) => false,
    };
    let is_request = shape.method.is_some();
    let is_response = shape.id.is_some() && (shape.result.is_some() || shape.error.is_some());
    if shape.jsonrpc.as_deref() == Some("2.0") && id_ok && (is_request || is_response) {
        // The protocol library drops `$/` requests it does not know without
        // an answer; a request must get one.
        match (&shape.method, &shape.id) {
            (Some(m), Some(id)) if m.starts_with("$/") && !id.is_null() => Some(
                serde_json::to_vec(&serde_json::json!({
                    "jsonrpc": "2.0", "id": id, "method": UNKNOWN_DOLLAR_REQUEST,
                    "params": {"method": m},
                }))
                .unwrap_or_default(),
            ),
            _ => None,
        }
    } else {
        let id = if id_ok {
            shape.id.unwrap_or(Value::Null)
        } else {
            Value::Null
        };
        Some(replacement(INVALID_REQUEST, &id))
    }
}

fn replacement(method: &str, id: &Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method}))
        .unwrap_or_default()
}

/// Where the next frame starts in `buf`: the first `Content-Length:`
/// (any case) at or after `from`.
fn find_header(buf: &[u8], from: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    buf.get(from..)?
        .windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
        .map(|p| from + p)
}

/// Whether `buf[at..]` is a whole `Content-Length: <digits>` header line:
/// `Some(true)` yes, `Some(false)` no, `None` not enough bytes to tell.
/// A valid JSON body never holds one (raw line breaks cannot be inside a
/// string, and the words cannot be outside one), so finding one inside a
/// body means the declared length was wrong and the next frame starts there.
fn header_line_at(buf: &[u8], at: usize) -> Option<bool> {
    let rest = &buf[at + "content-length:".len()..];
    let mut digits = 0;
    for &b in rest {
        match b {
            b' ' | b'\t' if digits == 0 => {}
            b'0'..=b'9' => digits += 1,
            b'\r' | b'\n' => return Some(digits > 0),
            _ => return Some(false),
        }
    }
    None
}

/// End of the header block starting at `at` (the index after its blank
/// line), accepting `\r\n\r\n` or `\n\n`.
fn header_end(buf: &[u8], at: usize) -> Option<usize> {
    let rest = &buf[at..];
    let crlf = rest
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4);
    let lf = rest.windows(2).position(|w| w == b"\n\n").map(|p| p + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(at + a.min(b)),
        (a, b) => a.or(b).map(|p| at + p),
    }
}

/// The declared length in a header block, if it is a number within bounds.
fn content_length(headers: &[u8]) -> Result<usize, String> {
    let text = String::from_utf8_lossy(headers);
    for line in text.lines() {
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                return match v.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_LEN => Ok(n),
                    Ok(n) => Err(format!("Content-Length {n} is over the limit of {MAX_LEN}")),
                    Err(_) => Err(format!("Content-Length {:?} is not a number", v.trim())),
                };
            }
        }
    }
    Err("no Content-Length header".into())
}

/// Largest header block: anything longer is not a header.
const MAX_HEADERS: usize = 8 << 10;

/// Copy LSP frames from `input` to `output`, replacing bad ones. A frame
/// with a wrong `Content-Length` (too short, too long, missing, huge) is
/// answered with a parse error and logged on standard error, and reading
/// resynchronises on the next `Content-Length` header, so one bad frame
/// never silences the server.
pub async fn pump<R, W>(mut input: R, mut output: W) -> std::io::Result<()>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    // Read more into `buf`; false at the end of the input.
    macro_rules! fill {
        () => {{
            let n = input.read(&mut chunk).await?;
            buf.extend_from_slice(&chunk[..n]);
            n > 0
        }};
    }
    macro_rules! send {
        ($body:expr) => {{
            let body: Vec<u8> = $body;
            output
                .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
                .await?;
            output.write_all(&body).await?;
            output.flush().await?;
        }};
    }
    loop {
        // Find the next header, skipping (and reporting) anything before it.
        let start = loop {
            if let Some(p) = find_header(&buf, 0) {
                break p;
            }
            // Keep a tail that may be the start of a header name.
            let keep = buf.len().min("content-length:".len() - 1);
            skipped(&buf[..buf.len() - keep]);
            buf.drain(..buf.len() - keep);
            if !fill!() {
                skipped(&buf);
                return output.shutdown().await;
            }
        };
        skipped(&buf[..start]);
        buf.drain(..start);
        let end = loop {
            if let Some(e) = header_end(&buf, 0) {
                break Some(e);
            }
            if buf.len() > MAX_HEADERS {
                break None;
            }
            if !fill!() {
                skipped(&buf);
                return output.shutdown().await;
            }
        };
        let Some(end) = end else {
            eprintln!("gongkai lsp: a header block longer than {MAX_HEADERS} bytes; skipping to the next Content-Length");
            buf.drain(..1);
            continue;
        };
        let len = match content_length(&buf[..end]) {
            Ok(n) => n,
            Err(why) => {
                eprintln!("gongkai lsp: a message with a bad header ({why}); answered with a parse error, reading on from the next Content-Length");
                buf.drain(..end);
                send!(replacement(PARSE_ERROR, &Value::Null));
                continue;
            }
        };
        buf.drain(..end);
        // The body, unless a header line turns up inside it first.
        let mut from = 0;
        let cut = loop {
            let limit = buf.len().min(len);
            let mut undecided = false;
            let mut found = None;
            while let Some(p) = find_header(&buf, from).filter(|&p| p < limit) {
                match header_line_at(&buf, p) {
                    Some(true) => {
                        found = Some(p);
                        break;
                    }
                    Some(false) => from = p + 1,
                    None => {
                        undecided = true;
                        break;
                    }
                }
            }
            if found.is_some() {
                break found;
            }
            if buf.len() >= len {
                // Complete: a header name cut off by the end is not a header.
                break None;
            }
            if !undecided {
                from = limit.saturating_sub("content-length:".len());
            }
            if !fill!() {
                eprintln!(
                    "gongkai lsp: the input ended inside a message ({} of {len} bytes)",
                    buf.len()
                );
                return output.shutdown().await;
            }
        };
        match cut {
            Some(p) => {
                eprintln!("gongkai lsp: a message was shorter than its Content-Length {len} (the next header came after {p} bytes); answered with a parse error");
                buf.drain(..p);
                send!(replacement(PARSE_ERROR, &Value::Null));
            }
            None => {
                let body: Vec<u8> = buf.drain(..len).collect();
                let body = match check(&body) {
                    None => body,
                    Some(r) => {
                        if String::from_utf8_lossy(&r).contains(PARSE_ERROR) {
                            eprintln!("gongkai lsp: a message of {len} bytes is not JSON (a Content-Length too short?); answered with a parse error");
                        }
                        r
                    }
                };
                send!(body);
            }
        }
    }
}

/// Say on standard error that bytes outside any frame were dropped (blank
/// lines and other headers such as Content-Type are not worth a word).
fn skipped(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let noise = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.to_ascii_lowercase().starts_with("content-type:"))
        .count();
    if noise > 0 {
        eprintln!(
            "gongkai lsp: skipped {} bytes that were not part of any message (a wrong Content-Length before them?)",
            bytes.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_messages() {
        assert_eq!(
            check(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{}}"#),
            None
        );
        assert_eq!(check(br#"{"jsonrpc":"2.0","method":"x"}"#), None);
        assert_eq!(check(br#"{"jsonrpc":"2.0","id":"a","result":null}"#), None);
        let bad = check(br#"{"jsonrpc":"2.0","id":1,"#).unwrap_or_default();
        assert!(String::from_utf8_lossy(&bad).contains(PARSE_ERROR));
        let bad = check(br#"{"jsonrpc":"2.0","id":7}"#).unwrap_or_default();
        assert_eq!(
            serde_json::from_slice::<Value>(&bad).unwrap_or_default(),
            serde_json::json!({"jsonrpc":"2.0","id":7,"method":INVALID_REQUEST})
        );
        assert!(check(b"[1,2]").is_some());
        assert!(check(br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#).is_some());
    }
    /// Run the pump over `input` and split what it passes on into bodies.
    fn pumped(input: &[u8]) -> Vec<Value> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let mut out: Vec<u8> = Vec::new();
        rt.block_on(pump(input, &mut out)).expect("pump");
        let mut bodies = Vec::new();
        let mut rest = &out[..];
        while let Some(end) = header_end(rest, 0) {
            let n = content_length(&rest[..end]).expect("our own header");
            bodies.push(serde_json::from_slice(&rest[end..end + n]).expect("json"));
            rest = &rest[end + n..];
        }
        assert!(rest.is_empty());
        bodies
    }

    fn framed(len: usize, body: &str) -> Vec<u8> {
        format!("Content-Length: {len}\r\n\r\n{body}").into_bytes()
    }

    const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
    const HOVER: &str = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#;

    fn parse_error() -> Value {
        serde_json::json!({"jsonrpc": "2.0", "id": null, "method": PARSE_ERROR})
    }

    fn shutdown() -> Value {
        serde_json::from_str(SHUTDOWN).unwrap_or_default()
    }

    #[test]
    fn a_wrong_content_length_costs_one_message_only() {
        let next = framed(SHUTDOWN.len(), SHUTDOWN);
        // Too short: the rest of the body is skipped up to the next header.
        let input = [framed(HOVER.len() - 10, HOVER), next.clone()].concat();
        assert_eq!(pumped(&input), [parse_error(), shutdown()]);
        // Too long: the next header turns up inside the body.
        let input = [framed(HOVER.len() + 500, HOVER), next.clone()].concat();
        assert_eq!(pumped(&input), [parse_error(), shutdown()]);
        // Huge, or not a number: answered without reading a body.
        for len in ["99999999999999999999", "4294967296000", "abc", ""] {
            let input = [
                format!("Content-Length: {len}\r\n\r\n{HOVER}").into_bytes(),
                next.clone(),
            ]
            .concat();
            assert_eq!(pumped(&input), [parse_error(), shutdown()], "{len:?}");
        }
        // Missing: no frame at all until the next header.
        let input = [
            format!("Content-Type: application/json\r\n\r\n{HOVER}").into_bytes(),
            next.clone(),
        ]
        .concat();
        assert_eq!(pumped(&input), [shutdown()]);
        // LF-only headers and a body with a header-like string pass as they are.
        let tricky = r#"{"jsonrpc":"2.0","method":"x","params":{"t":"Content-Length: 5"}}"#;
        let input = [
            format!("Content-Length: {}\n\n{tricky}", tricky.len()).into_bytes(),
            next,
        ]
        .concat();
        let out = pumped(&input);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["params"]["t"], "Content-Length: 5");
    }
}
