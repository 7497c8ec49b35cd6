use std::fmt;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or undecodable byte sequences: not a text file.
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str(
                "not a text file (binary data, or an encoding other than UTF-8, UTF-16 with BOM or GB18030)",
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM
/// are recognised by their marks; anything else that is not valid UTF-8 is
/// tried as GB18030 (a superset of GBK, what Windows tools save Chinese text
/// in). Files with NUL bytes, or that decode in neither, are refused rather
/// than shown as mojibake.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return simdutf8::basic::from_utf8(rest)
            .map(|s| Decoded {
                text: s.to_owned(),
                encoding: Encoding::Utf8Bom,
            })
            .map_err(|_| DecodeError::Binary);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, kind) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors || text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: kind,
        });
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: Encoding::Utf8,
        });
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if !looks_binary(&text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: Encoding::Gb18030,
        }),
        _ => Err(DecodeError::Binary),
    }
}

/// GB18030 maps almost every byte sequence to something; random bytes come
/// out full of control characters, real text does not.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
            control += 1;
        }
    }
    total > 0 && control * 100 / total >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("年度报告".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("年度报告", Encoding::Utf8));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("年度".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("年度", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "报告\r\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("报告\r\n", Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "报告".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn gbk_text() {
        let (bytes, _, _) = encoding_rs::GBK.encode("一、总体情况\n本年新收6件");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "一、总体情况\n本年新收6件");
        assert_eq!(d.encoding, Encoding::Gb18030);
    }

    #[test]
    fn binary_refused() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0").unwrap_err(),
            DecodeError::Binary
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80)
            .collect();
        assert!(decode(&noise).is_err() || !decode(&noise).unwrap().text.is_empty());
    }
}
