//! One Banana Split share as its QR code holds it: JSON `{"v":1,"t":…,"r":…,"d":…,"n":…}`,
//! or version 0's older form. Read leniently (any field order, any spacing), written exactly
//! as the reference writes it (that field order, no spaces, every non-ASCII UTF-16 unit and
//! DEL escaped as `\uxxxx`).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::BananaError;

/// The longest QR text read: a version 40 QR code holds at most 2,953 bytes.
pub const MAX_SHARE_TEXT_BYTES: usize = 4096;
/// The longest title taken.
pub const MAX_TITLE_CHARS: usize = 256;
/// secrets.js writes the field size as one base-36 digit before the share; Banana Split uses 8 bits.
const BITS: char = '8';
const NONCE_LENGTH: usize = 24;

/// The format a share was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// No `"v"`: `"d"` and `"n"` in hex.
    V0,
    /// `"v":1`: `"d"` and `"n"` in base64.
    V1,
}

/// One share, parsed. Its data alone reveals nothing of the secret, but it is wiped on drop
/// all the same.
#[derive(Clone, PartialEq, Eq)]
pub struct Share {
    pub version: Version,
    pub title: String,
    /// How many shares bring the secret back.
    pub required: u8,
    /// The share's x (1..=255).
    pub id: u8,
    pub(super) data: Zeroizing<Vec<u8>>,
    pub(super) nonce: [u8; NONCE_LENGTH],
}

impl std::fmt::Debug for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Share")
            .field("version", &self.version)
            .field("title", &self.title)
            .field("required", &self.required)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Share {
    /// Parses a QR code's text.
    pub fn parse(text: &str) -> Result<Share, BananaError> {
        if text.len() > MAX_SHARE_TEXT_BYTES {
            return Err(BananaError::malformed(format!(
                "longer than {MAX_SHARE_TEXT_BYTES} bytes, more than a QR code holds"
            )));
        }
        let value: Value = serde_json::from_str(text.trim()).map_err(|_| BananaError::malformed("not JSON"))?;
        let object = value.as_object().ok_or_else(|| BananaError::malformed("not a JSON object"))?;
        // As the reference reads it (`parsed.v || 0`): absent, null, 0 or false is version 0.
        let version = match object.get("v") {
            None | Some(Value::Null) | Some(Value::Bool(false)) => Version::V0,
            Some(v) if v.as_u64() == Some(0) => Version::V0,
            Some(v) if v.as_u64() == Some(1) => Version::V1,
            Some(v) => return Err(BananaError::UnsupportedVersion { found: v.to_string() }),
        };
        let title = field(object, "t")?.as_str().ok_or_else(|| BananaError::malformed("\"t\" is not text"))?;
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(BananaError::malformed(format!("the title is longer than {MAX_TITLE_CHARS} characters")));
        }
        let required = field(object, "r")?
            .as_u64()
            .and_then(|r| u8::try_from(r).ok())
            .filter(|&r| r >= 2)
            .ok_or_else(|| BananaError::malformed("\"r\" is not a share count from 2 to 255"))?;
        let d = field(object, "d")?.as_str().ok_or_else(|| BananaError::malformed("\"d\" is not text"))?;
        let n = field(object, "n")?.as_str().ok_or_else(|| BananaError::malformed("\"n\" is not text"))?;
        let Some(body) = d.strip_prefix(BITS) else {
            return Err(BananaError::malformed("\"d\" is not an 8-bit share (it does not start with 8)"));
        };
        let (bytes, nonce) = match version {
            Version::V0 => (hex::decode(body).ok(), hex::decode(n).ok()),
            Version::V1 => (BASE64.decode(body).ok(), BASE64.decode(n).ok()),
        };
        let bytes =
            Zeroizing::new(bytes.ok_or_else(|| BananaError::malformed("\"d\" is not encoded as its version says"))?);
        let nonce: [u8; NONCE_LENGTH] = nonce
            .and_then(|nonce| nonce.try_into().ok())
            .ok_or_else(|| BananaError::malformed("\"n\" is not a 24-byte nonce"))?;
        let (&id, data) = bytes.split_first().ok_or_else(|| BananaError::malformed("\"d\" is empty"))?;
        if id == 0 || data.is_empty() {
            return Err(BananaError::malformed("\"d\" has no share id from 1 to 255, or no data"));
        }
        Ok(Share { version, title: title.to_owned(), required, id, data: Zeroizing::new(data.to_vec()), nonce })
    }

    /// The QR text, as the reference writes version 1.
    pub fn to_text(&self) -> String {
        let mut d = Zeroizing::new(Vec::with_capacity(1 + self.data.len()));
        d.push(self.id);
        d.extend_from_slice(&self.data);
        format!(
            "{{\"v\":1,\"t\":{},\"r\":{},\"d\":\"{BITS}{}\",\"n\":\"{}\"}}",
            json_string(&self.title),
            self.required,
            BASE64.encode(&*d),
            BASE64.encode(self.nonce)
        )
    }
}

fn field<'a>(object: &'a Map<String, Value>, name: &'static str) -> Result<&'a Value, BananaError> {
    object.get(name).ok_or_else(|| BananaError::malformed(format!("\"{name}\" is missing")))
}

/// `JSON.stringify(text)` followed by the reference's escape of every UTF-16 unit from
/// U+007F to U+FFFF as `\uxxxx`: pure ASCII.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (c as u32) >= 0x7f => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_escaped_as_the_reference_escapes_them() {
        assert_eq!(json_string("Tést \"q\" \\ 😀\u{7f}"), r#""T\u00e9st \"q\" \\ \ud83d\ude00\u007f""#);
        assert_eq!(json_string("a/b\u{1}\n"), r#""a/b\u0001\n""#);
    }

    #[test]
    fn hostile_shares_are_named_not_trusted() {
        let kind = |text: &str| Share::parse(text).err().map(|error| error.kind());
        assert_eq!(kind("{}"), Some("malformed"));
        assert_eq!(kind("not json"), Some("malformed"));
        assert_eq!(kind(r#"{"v":2,"t":"x","r":2,"d":"8AQ==","n":"AA=="}"#), Some("unsupported_version"));
        assert_eq!(
            kind(r#"{"v":1,"t":"x","r":1,"d":"8AQI=","n":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#),
            Some("malformed")
        );
        assert_eq!(
            kind(r#"{"v":1,"t":"x","r":2,"d":"8AAI=","n":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#),
            Some("malformed"),
            "id 0"
        );
        assert_eq!(kind(&"x".repeat(MAX_SHARE_TEXT_BYTES + 1)), Some("malformed"));
        let good = r#"{"v":1,"t":"x","r":2,"d":"8AQI=","n":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
        let share = Share::parse(good).unwrap();
        assert_eq!((share.id, &share.data[..]), (1, &[2u8][..]));
        assert_eq!(share.to_text(), good);
    }
}
