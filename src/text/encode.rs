use super::Encoding;

/// Text → bytes in `encoding`, the way `--fix` writes a file back in the
/// encoding it was read in.
pub fn encode(text: &str, encoding: Encoding) -> std::io::Result<Vec<u8>> {
    Ok(match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Gb18030 => {
            let (b, _, unmappable) = encoding_rs::GB18030.encode(text);
            if unmappable {
                return Err(std::io::Error::other(
                    "the fixed text cannot be written back as GB18030",
                ));
            }
            b.into_owned()
        }
    })
}
