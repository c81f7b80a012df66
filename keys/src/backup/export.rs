//! Writing backups in the layout polkadot-js writes: field order, base64, `address`
//! (the hex public key for ecdsa), `meta` with `genesisHash`, `name`, `whenCreated`.

use base64::Engine as _;
use serde::Serialize;

use super::envelope::{self, ScryptParams};
use super::error::ExportError;
use super::pkcs8;
use crate::scheme::{Keypair, PublicKey};
use crate::secret::Password;
use crate::ss58::{self, Ss58Prefix};

/// Shortest backup password we write with (the polkadot-js extension asks for 6 too).
pub const MIN_PASSWORD_CHARS: usize = 6;

/// What goes in `meta`.
#[derive(Debug, Clone)]
pub struct ExportMeta {
    pub name: String,
    pub genesis_hash: Option<[u8; 32]>,
    pub when_created_ms: u64,
}

/// One account file, written.
#[derive(Debug, Clone)]
pub struct ExportedAccount {
    /// The file's `address`: SS58, or the 0x-hex public key for ecdsa.
    pub address: String,
    /// The account's SS58 address (the same as `address` but for ecdsa), for the file name.
    pub ss58_address: String,
    pub json: String,
    value: AccountJson,
}

#[derive(Debug, Clone, Serialize)]
struct AccountJson {
    encoded: String,
    encoding: EncodingJson,
    address: String,
    meta: MetaJson,
}

#[derive(Debug, Clone, Serialize)]
struct EncodingJson {
    content: Vec<&'static str>,
    #[serde(rename = "type")]
    kind: [&'static str; 2],
    version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct MetaJson {
    genesis_hash: Option<String>,
    name: String,
    when_created: u64,
}

#[derive(Serialize)]
struct BatchJson<'a> {
    encoded: String,
    encoding: EncodingJson,
    accounts: Vec<ListedJson<'a>>,
}

#[derive(Serialize)]
struct ListedJson<'a> {
    address: &'a str,
    meta: &'a MetaJson,
}

/// A long enough password, and scrypt parameters every reader accepts (a file we could
/// not read back is worse than no file).
fn check(password: &Password, params: ScryptParams) -> Result<(), ExportError> {
    if password.expose().chars().count() < MIN_PASSWORD_CHARS {
        return Err(ExportError::PasswordTooShort { min: MIN_PASSWORD_CHARS });
    }
    if !ScryptParams::ACCEPTED.contains(&params) {
        return Err(ExportError::UnsupportedParams);
    }
    Ok(())
}

fn encoding(content: Vec<&'static str>) -> EncodingJson {
    EncodingJson { content, kind: ["scrypt", "xsalsa20-poly1305"], version: "3" }
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The extension's "Export account": one key, encrypted under `password` with a fresh salt
/// and nonce (so two exports of one key differ).
pub fn export_account(
    pair: &Keypair,
    prefix: Ss58Prefix,
    meta: &ExportMeta,
    password: &Password,
    params: ScryptParams,
) -> Result<ExportedAccount, ExportError> {
    let public = pair.public();
    let ss58_address = ss58::encode(prefix, &public.account_id());
    let address = match public {
        PublicKey::Ecdsa(_) => public.to_hex(),
        _ => ss58_address.clone(),
    };
    write_account(pair, pair.scheme().as_str(), address, ss58_address, meta, password, params)
}

/// An Ethereum account's file, as polkadot-js writes an `ethereum` pair: the ecdsa layout
/// (`address` the 0x-hex compressed key), content `["pkcs8","ethereum"]`. `pair` is the
/// account's secp256k1 key as an ecdsa keypair; `ss58_address` of the result is its EIP-55
/// address (for the file name).
pub fn export_ethereum_account(
    pair: &Keypair,
    meta: &ExportMeta,
    password: &Password,
    params: ScryptParams,
) -> Result<ExportedAccount, ExportError> {
    let eip55 = pair.public().ethereum_address().ok_or(ExportError::NotEthereum)?.to_string();
    write_account(pair, "ethereum", pair.public().to_hex(), eip55, meta, password, params)
}

fn write_account(
    pair: &Keypair,
    key_type: &'static str,
    address: String,
    ss58_address: String,
    meta: &ExportMeta,
    password: &Password,
    params: ScryptParams,
) -> Result<ExportedAccount, ExportError> {
    check(password, params)?;
    let value = AccountJson {
        encoded: base64(&envelope::seal(&pkcs8::encode(pair), password, params)),
        encoding: encoding(vec!["pkcs8", key_type]),
        address: address.clone(),
        meta: MetaJson {
            genesis_hash: meta.genesis_hash.map(|hash| format!("0x{}", hex::encode(hash))),
            name: meta.name.clone(),
            when_created: meta.when_created_ms,
        },
    };
    let json = serde_json::to_string(&value).expect("plain structs serialize");
    Ok(ExportedAccount { address, ss58_address, json, value })
}

/// The extension's "Export all accounts": the account files as a JSON list, encrypted again
/// under `password`, with their addresses and `meta` listed beside it in the clear.
pub fn export_batch(
    accounts: &[ExportedAccount],
    password: &Password,
    params: ScryptParams,
) -> Result<String, ExportError> {
    check(password, params)?;
    if accounts.is_empty() {
        return Err(ExportError::Empty);
    }
    let inner: Vec<&AccountJson> = accounts.iter().map(|account| &account.value).collect();
    // The inner files are already encrypted; this is their ciphertext, not secret.
    let plaintext = serde_json::to_vec(&inner).expect("plain structs serialize");
    let batch = BatchJson {
        encoded: base64(&envelope::seal(&plaintext, password, params)),
        encoding: encoding(vec!["batch-pkcs8"]),
        accounts: accounts
            .iter()
            .map(|account| ListedJson { address: &account.address, meta: &account.value.meta })
            .collect(),
    };
    Ok(serde_json::to_string(&batch).expect("plain structs serialize"))
}
