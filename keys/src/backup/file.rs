//! Reading the JSON: what kind of file it is, what it says about itself, and where its
//! encrypted bytes are. Everything here is checked before any key derivation or scrypt work.

use std::fmt;

use base64::Engine as _;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::envelope::Protection;
use super::error::BackupError;
use crate::scheme::{PublicKey, Scheme};
use crate::ss58::{self, Ss58Prefix};
use crate::AccountId;

// Every field is measured before its decoder runs, so a hostile file costs time in
// proportion to its size at worst (and base58, which is quadratic, never sees more than
// an address's worth).

/// The largest backup file read: far above an "Export all" of hundreds of accounts (an
/// account file is about 600 bytes).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The longest `address`: an ecdsa file's `0x` + 33 bytes in hex (SS58 is at most 50).
const MAX_ADDRESS_BYTES: usize = 2 + 33 * 2;
/// The longest `encoded` of one account: a 201-byte scrypt box is 268 base64 characters or
/// 404 in hex; a batch's `encoded` is bounded by the file.
const MAX_ACCOUNT_ENCODED_BYTES: usize = 1024;
/// `encoding.content`, `encoding.type` and `encoding.version` hold a few short words.
const MAX_ENCODING_ITEMS: usize = 8;
const MAX_ENCODING_WORD_BYTES: usize = 32;
/// `meta.name` is cut to this many characters; `meta.genesisHash` is `0x` + 64 hex digits.
const MAX_META_NAME_CHARS: usize = 256;
const GENESIS_HASH_TEXT_BYTES: usize = 2 + 64;
/// At most this many entries of a batch's unencrypted `accounts` list are shown.
const MAX_LISTED_ACCOUNTS: usize = 10_000;

/// The free-form `meta` object: the fields we use. Others are kept by polkadot-js and ignored here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub name: Option<String>,
    /// The network the account was made for, when the file says (a 32-byte hash).
    pub genesis_hash: Option<[u8; 32]>,
    pub when_created_ms: Option<u64>,
}

/// The `address` field as the file states it, before it is checked against the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatedAddress {
    Ss58 {
        text: String,
        prefix: Ss58Prefix,
        account: AccountId,
    },
    /// ecdsa files state the 0x-hex compressed public key instead.
    Hex {
        text: String,
        public: Vec<u8>,
    },
}

impl StatedAddress {
    pub fn text(&self) -> &str {
        match self {
            StatedAddress::Ss58 { text, .. } | StatedAddress::Hex { text, .. } => text,
        }
    }

    /// The SS58 prefix the file was written with, when it states an SS58 address.
    pub fn prefix(&self) -> Option<Ss58Prefix> {
        match self {
            StatedAddress::Ss58 { prefix, .. } => Some(*prefix),
            StatedAddress::Hex { .. } => None,
        }
    }

    pub(crate) fn matches(&self, public: &PublicKey) -> bool {
        match self {
            StatedAddress::Ss58 { account, .. } => *account == public.account_id(),
            StatedAddress::Hex { public: stated, .. } => stated.as_slice() == public.as_bytes(),
        }
    }

    fn parse(value: Option<&Value>, field: &'static str) -> Result<StatedAddress, BackupError> {
        let text =
            value.and_then(Value::as_str).ok_or_else(|| BackupError::malformed(field, "missing, or not a string"))?;
        if text.len() > MAX_ADDRESS_BYTES {
            return Err(BackupError::malformed(field, "far longer than any address"));
        }
        let text = text.to_owned();
        if let Some(digits) = text.strip_prefix("0x") {
            let public = hex::decode(digits).map_err(|_| BackupError::malformed(field, "not valid hex"))?;
            if ![32, 33].contains(&public.len()) {
                return Err(BackupError::malformed(field, "a hex address is a 32- or 33-byte public key"));
            }
            return Ok(StatedAddress::Hex { text, public });
        }
        let (prefix, account) =
            ss58::decode(&text).map_err(|error| BackupError::malformed(field, error.to_string()))?;
        Ok(StatedAddress::Ss58 { text, prefix, account })
    }
}

/// One account's backup, parsed but still encrypted. `encoded` is the plain secret key in
/// an unencrypted (`"none"`) file: it is wiped on drop and never printed.
#[derive(Clone)]
pub struct AccountFile {
    pub(crate) encoded: Zeroizing<Vec<u8>>,
    pub(crate) protection: Protection,
    /// `None` for the oldest files, which do not say: the key type is then found by trying
    /// each one against the stated address.
    pub(crate) scheme: Option<Scheme>,
    /// An `ethereum` file (Moonbeam, MetaMask's key): its key is a secp256k1 key like ecdsa's,
    /// but the account is the EIP-55 H160 address, not an SS58 one.
    pub(crate) ethereum: bool,
    pub address: StatedAddress,
    pub meta: Meta,
}

impl AccountFile {
    /// Whether a password is needed to open it.
    pub fn is_encrypted(&self) -> bool {
        self.protection != Protection::None
    }

    /// The key type the file states, if it states one (`ecdsa` for an Ethereum file).
    pub fn scheme(&self) -> Option<Scheme> {
        self.scheme
    }

    /// Whether the file states the `ethereum` key type.
    pub fn is_ethereum(&self) -> bool {
        self.ethereum
    }

    pub(crate) fn from_json(object: &Map<String, Value>) -> Result<AccountFile, BackupError> {
        let encoding = Encoding::parse(object)?;
        let ethereum = matches!(encoding.content.as_deref(), Some([first, second, ..]) if first == "pkcs8" && second == "ethereum");
        let scheme = match encoding.content.as_deref() {
            // The same PKCS8 body as ecdsa (a 32-byte secp256k1 secret, its compressed key).
            _ if ethereum => Some(Scheme::Ecdsa),
            Some([first, ..]) if first == "batch-pkcs8" => {
                return Err(BackupError::WrongKind {
                    found: "several accounts (an \"Export all\" file)",
                    expected: "one account",
                })
            }
            Some([first, second, ..]) if first == "pkcs8" || encoding.version != "3" => Some(parse_scheme(second)?),
            Some([first, ..]) if encoding.version == "3" && first != "pkcs8" => {
                return Err(BackupError::malformed("encoding.content", format!("expected \"pkcs8\", found {first:?}")))
            }
            _ if encoding.version == "3" => {
                return Err(BackupError::malformed("encoding.content", "expected [\"pkcs8\", <key type>]"))
            }
            _ => None,
        };
        Ok(AccountFile {
            encoded: Zeroizing::new(decode_encoded(object.get("encoded"), MAX_ACCOUNT_ENCODED_BYTES)?),
            protection: encoding.protection,
            scheme,
            ethereum,
            address: StatedAddress::parse(object.get("address"), "address")?,
            meta: Meta::parse(object.get("meta")),
        })
    }
}

/// The extension's "Export all" file: a list of account files, encrypted as one.
#[derive(Clone)]
pub struct BatchFile {
    pub(crate) encoded: Vec<u8>,
    pub(crate) protection: Protection,
    /// The unencrypted list beside it (`accounts: [{address, meta}]`), which anyone can edit:
    /// shown before the password is typed, never trusted after.
    pub listed: Vec<(String, Meta)>,
}

impl fmt::Debug for AccountFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountFile")
            .field("scheme", &self.scheme)
            .field("ethereum", &self.ethereum)
            .field("address", &self.address)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for BatchFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchFile").field("listed", &self.listed).finish_non_exhaustive()
    }
}

/// What a backup file holds.
#[derive(Debug, Clone)]
pub enum BackupFile {
    /// One account: the extension's "Export account", the apps UI's backup.
    Account(AccountFile),
    /// The extension's "Export all accounts": accounts inside keep their own passwords.
    Batch(BatchFile),
    /// A JSON array of account files, each with its own password.
    Accounts(Vec<AccountFile>),
}

impl BackupFile {
    /// Parses a file's text. Unknown extra fields are ignored.
    pub fn parse(text: &str) -> Result<BackupFile, BackupError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(BackupError::malformed("file", format!("larger than {} MiB", MAX_FILE_BYTES >> 20)));
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|error| BackupError::malformed("file", format!("not JSON ({})", json_error(&error))))?;
        match &value {
            Value::Array(items) => {
                if items.is_empty() {
                    return Err(BackupError::malformed("file", "an empty list of accounts"));
                }
                items
                    .iter()
                    .map(|item| AccountFile::from_json(object(item, "file")?))
                    .collect::<Result<_, _>>()
                    .map(BackupFile::Accounts)
            }
            Value::Object(map) => {
                let encoding = Encoding::parse(map)?;
                if encoding.content.as_deref().and_then(<[String]>::first).map(String::as_str) == Some("batch-pkcs8") {
                    if encoding.protection == Protection::None {
                        return Err(BackupError::malformed(
                            "encoding.type",
                            "an \"Export all\" file is always encrypted",
                        ));
                    }
                    Ok(BackupFile::Batch(BatchFile {
                        encoded: decode_encoded(map.get("encoded"), MAX_FILE_BYTES)?,
                        protection: encoding.protection,
                        listed: listed_accounts(map.get("accounts")),
                    }))
                } else {
                    AccountFile::from_json(map).map(BackupFile::Account)
                }
            }
            _ => Err(BackupError::malformed("file", "expected a JSON object or a list of them")),
        }
    }
}

/// The inner list of a decrypted batch file.
pub(crate) fn parse_inner_accounts(plaintext: &[u8]) -> Result<Vec<AccountFile>, BackupError> {
    let value: Value = serde_json::from_slice(plaintext)
        .map_err(|_| BackupError::malformed("encoded", "the decrypted list of accounts is not JSON"))?;
    let items = value
        .as_array()
        .ok_or_else(|| BackupError::malformed("encoded", "the decrypted content is not a list of accounts"))?;
    items.iter().map(|item| AccountFile::from_json(object(item, "encoded")?)).collect()
}

fn object<'a>(value: &'a Value, field: &'static str) -> Result<&'a Map<String, Value>, BackupError> {
    value.as_object().ok_or_else(|| BackupError::malformed(field, "an account entry is not a JSON object"))
}

/// Where serde_json stopped, without quoting the text (it may hold a password someone pasted).
fn json_error(error: &serde_json::Error) -> String {
    format!("line {}, column {}", error.line(), error.column())
}

/// `encoding`: `{content, type, version}`.
struct Encoding {
    content: Option<Vec<String>>,
    protection: Protection,
    version: String,
}

impl Encoding {
    fn parse(object: &Map<String, Value>) -> Result<Encoding, BackupError> {
        let encoding = object
            .get("encoding")
            .and_then(Value::as_object)
            .ok_or_else(|| BackupError::malformed("encoding", "missing, or not an object"))?;
        let version = match encoding.get("version") {
            None | Some(Value::Null) => "0".to_owned(),
            Some(Value::String(text)) if text.len() > MAX_ENCODING_WORD_BYTES => {
                return Err(BackupError::malformed("encoding.version", "far longer than a version number"))
            }
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(_) => return Err(BackupError::malformed("encoding.version", "not a string")),
        };
        if !["0", "1", "2", "3"].contains(&version.as_str()) {
            return Err(BackupError::UnsupportedVersion { found: version });
        }
        let content = match encoding.get("content") {
            Some(Value::Array(items)) if !short_words(items) => {
                return Err(BackupError::malformed("encoding.content", "not a short list of short strings"))
            }
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| BackupError::malformed("encoding.content", "not a list of strings"))?,
            ),
            _ => None,
        };
        // A single string is read as a one-element list, as polkadot-js does.
        let kinds: Vec<&str> = match encoding.get("type") {
            Some(Value::String(kind)) if kind.len() > MAX_ENCODING_WORD_BYTES => {
                return Err(BackupError::malformed("encoding.type", "not a known encryption"))
            }
            Some(Value::Array(items)) if !short_words(items) => {
                return Err(BackupError::malformed("encoding.type", "not a short list of short strings"))
            }
            Some(Value::String(kind)) => vec![kind.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => return Err(BackupError::malformed("encoding.type", "missing")),
        };
        let protection = if kinds.contains(&"scrypt") && kinds.contains(&"xsalsa20-poly1305") {
            Protection::Scrypt
        } else if kinds == ["xsalsa20-poly1305"] {
            Protection::PasswordKey
        } else if kinds == ["none"] {
            Protection::None
        } else {
            return Err(BackupError::malformed("encoding.type", format!("unknown encryption {kinds:?}")));
        };
        Ok(Encoding { content, protection, version })
    }
}

/// A list of at most [`MAX_ENCODING_ITEMS`] values, none a string over
/// [`MAX_ENCODING_WORD_BYTES`]: what `encoding`'s lists hold, and all an error may quote.
fn short_words(items: &[Value]) -> bool {
    items.len() <= MAX_ENCODING_ITEMS
        && items.iter().all(|item| item.as_str().is_none_or(|word| word.len() <= MAX_ENCODING_WORD_BYTES))
}

fn parse_scheme(name: &str) -> Result<Scheme, BackupError> {
    name.parse().map_err(|_| BackupError::UnsupportedKeyType { found: name.to_owned() })
}

/// `encoded` is 0x-hex (checked first, as polkadot-js does) or padded standard base64;
/// text over `max_bytes` is refused before either decoder.
fn decode_encoded(value: Option<&Value>, max_bytes: usize) -> Result<Vec<u8>, BackupError> {
    let text =
        value.and_then(Value::as_str).ok_or_else(|| BackupError::malformed("encoded", "missing, or not a string"))?;
    if text.len() > max_bytes {
        return Err(BackupError::malformed("encoded", "far longer than an encrypted key"));
    }
    if let Some(digits) = text.strip_prefix("0x") {
        if let Ok(bytes) = hex::decode(digits) {
            return Ok(bytes);
        }
    }
    base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| {
        BackupError::malformed("encoded", "neither 0x-hex nor padded base64 (the file is cut short or damaged)")
    })
}

impl Meta {
    /// Lenient: `meta` is free-form, and a field we cannot read is treated as absent.
    fn parse(value: Option<&Value>) -> Meta {
        let Some(meta) = value.and_then(Value::as_object) else { return Meta::default() };
        let genesis_hash = meta
            .get("genesisHash")
            .and_then(Value::as_str)
            .filter(|text| text.len() == GENESIS_HASH_TEXT_BYTES)
            .and_then(|text| text.strip_prefix("0x"))
            .and_then(|digits| hex::decode(digits).ok())
            .and_then(|bytes| bytes.try_into().ok());
        Meta {
            name: meta.get("name").and_then(Value::as_str).map(|name| name.chars().take(MAX_META_NAME_CHARS).collect()),
            genesis_hash,
            when_created_ms: meta.get("whenCreated").and_then(Value::as_u64),
        }
    }
}

fn listed_accounts(value: Option<&Value>) -> Vec<(String, Meta)> {
    let Some(items) = value.and_then(Value::as_array) else { return Vec::new() };
    items
        .iter()
        .take(MAX_LISTED_ACCOUNTS)
        .filter_map(|item| {
            let address = item.get("address")?.as_str().filter(|text| text.len() <= MAX_ADDRESS_BYTES)?.to_owned();
            Some((address, Meta::parse(item.get("meta"))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use super::*;

    const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    /// A well-formed encrypted account file (its box is zeros: parsing never opens it).
    fn account() -> Value {
        serde_json::json!({
            "encoded": base64::engine::general_purpose::STANDARD.encode([0u8; 201]),
            "encoding": {"content": ["pkcs8", "sr25519"], "type": ["scrypt", "xsalsa20-poly1305"], "version": "3"},
            "address": ALICE,
            "meta": {"name": "Alice", "genesisHash": format!("0x{}", "ab".repeat(32)), "whenCreated": 1},
        })
    }

    fn parse_with(change: impl FnOnce(&mut Value)) -> Result<BackupFile, BackupError> {
        let mut file = account();
        change(&mut file);
        BackupFile::parse(&file.to_string())
    }

    fn malformed_field(result: Result<BackupFile, BackupError>) -> &'static str {
        match result {
            Err(BackupError::Malformed { field, .. }) => field,
            other => panic!("expected a malformed field, got {other:?}"),
        }
    }

    #[test]
    fn the_base_file_parses() {
        let Ok(BackupFile::Account(file)) = parse_with(|_| {}) else { panic!("the base file parses") };
        assert_eq!(file.address.text(), ALICE);
        assert_eq!(file.meta.name.as_deref(), Some("Alice"));
    }

    #[test]
    fn a_megabyte_address_is_refused_before_any_decoder() {
        // 1 MB of `z` took over 100 s in base58 before the length check.
        let megabyte = "z".repeat(1 << 20);
        assert_eq!(malformed_field(parse_with(|file| file["address"] = megabyte.clone().into())), "address");
        let hex = format!("0x{}", "ab".repeat(1 << 19));
        assert_eq!(malformed_field(parse_with(|file| file["address"] = hex.into())), "address");
    }

    #[test]
    fn every_hostile_field_is_refused_or_cut_without_being_quoted() {
        let huge = "A".repeat(1 << 20);
        let cases: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
            ("encoded", Box::new(|file| file["encoded"] = huge.clone().into())),
            ("encoding.version", Box::new(|file| file["encoding"]["version"] = huge.clone().into())),
            ("encoding.content", Box::new(|file| file["encoding"]["content"] = serde_json::json!(["pkcs8", huge]))),
            ("encoding.content", Box::new(|file| file["encoding"]["content"] = serde_json::json!(vec!["x"; 100_000]))),
            ("encoding.type", Box::new(|file| file["encoding"]["type"] = huge.clone().into())),
            ("encoding.type", Box::new(|file| file["encoding"]["type"] = serde_json::json!(vec!["none"; 100_000]))),
        ];
        for (field, change) in cases {
            let result = parse_with(change);
            // No error quotes the megabyte back.
            if let Err(error) = &result {
                assert!(error.to_string().len() < 300, "{field}: {} bytes of message", error.to_string().len());
            }
            assert_eq!(malformed_field(result), field);
        }
    }

    #[test]
    fn free_form_meta_is_cut_or_ignored() {
        let huge = "n".repeat(1 << 20);
        let Ok(BackupFile::Account(file)) = parse_with(|file| {
            file["meta"]["name"] = huge.clone().into();
            file["meta"]["genesisHash"] = format!("0x{huge}").into();
        }) else {
            panic!("meta is lenient")
        };
        assert_eq!(file.meta.name.map(|name| name.chars().count()), Some(MAX_META_NAME_CHARS));
        assert_eq!(file.meta.genesis_hash, None);
    }

    #[test]
    fn a_batch_lists_a_bounded_number_of_short_addresses() {
        let mut batch = account();
        batch["encoding"]["content"] = serde_json::json!(["batch-pkcs8"]);
        let entry = serde_json::json!({"address": ALICE, "meta": {"name": "a"}});
        let mut listed = vec![entry; MAX_LISTED_ACCOUNTS + 5];
        listed[0] = serde_json::json!({"address": "z".repeat(1 << 20)});
        batch["accounts"] = listed.into();
        let Ok(BackupFile::Batch(batch)) = BackupFile::parse(&batch.to_string()) else { panic!("a batch") };
        assert_eq!(batch.listed.len(), MAX_LISTED_ACCOUNTS - 1);
    }

    #[test]
    fn a_file_over_the_cap_is_refused_unread() {
        let text = format!("{{\"x\": \"{}\"}}", " ".repeat(MAX_FILE_BYTES));
        assert_eq!(malformed_field(BackupFile::parse(&text)), "file");
    }
}
