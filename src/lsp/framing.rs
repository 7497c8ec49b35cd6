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

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};

pub const PARSE_ERROR: &str = "gongkai/_parseError";
pub const INVALID_REQUEST: &str = "gongkai/_invalidRequest";

/// Largest message accepted (a report is a few MB at most).
const MAX_LEN: usize = 256 << 20;

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
        None
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

/// Copy LSP frames from `input` to `output`, replacing bad ones.
pub async fn pump<R, W>(mut input: R, mut output: W) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut line = String::new();
    loop {
        // Headers.
        let mut len: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            if input.read_line(&mut line).await? == 0 {
                return output.shutdown().await;
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((k, v)) = l.split_once(':') {
                if k.trim().eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().ok();
                }
            }
        }
        let body = match len {
            Some(n) if n <= MAX_LEN => {
                let mut body = vec![0; n];
                input.read_exact(&mut body).await?;
                match check(&body) {
                    None => body,
                    Some(r) => r,
                }
            }
            _ => replacement(PARSE_ERROR, &Value::Null),
        };
        output
            .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
            .await?;
        output.write_all(&body).await?;
        output.flush().await?;
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
}
