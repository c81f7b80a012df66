//! Adding an account to an unlocked identity: a live preview of the address while the path
//! is typed, then storing it. The `///password` is never stored, only that there is one.

use crate::db::{
    AccountKey, AccountOrigin, AccountPath, AddAccountError, Derivation, IdentityId, IdentitySecret, Network,
    NetworkScheme, NewAccount, Store, StoreError,
};
use crate::keys::{DerivationPath, DeriveError, Keypair, Password, PathError, PublicKey, Scheme};

/// Why an account cannot be made (shown inline, under the field at fault).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NewAccountError {
    #[error(transparent)]
    Path(#[from] PathError),
    #[error(transparent)]
    Derive(#[from] DeriveError),
    #[error("this identity holds one key restored from a backup, not a seed phrase: it cannot derive new accounts")]
    NotAPhrase,
    #[error("the stored key is damaged: restore it from its backup")]
    DamagedKey,
    /// An Ethereum account asked for on a Substrate network, or another kind on an Ethereum
    /// one: pick a network of the account's kind (Moonbeam for Ethereum accounts).
    #[error("{network} does not take this kind of account: Ethereum accounts go on an Ethereum network such as Moonbeam, every other kind on a Substrate network")]
    WrongKindOfNetwork { network: String },
    /// A stored Ethereum or Ledger account whose path or key cannot be derived again.
    #[error(transparent)]
    OtherWallet(#[from] crate::keys::bip32::Bip32InspectError),
    #[error(transparent)]
    Add(#[from] AddAccountError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the preview shows while typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub public_key: PublicKey,
    pub address: String,
}

/// The key of `phrase<path>///password`, read as a Substrate URI reads it: the password is
/// the BIP39 password the phrase is expanded with. Without one, the identity's own BIP39
/// password (usually none) applies. An imported key has only its root.
pub(crate) fn keypair_at(
    secret: &IdentitySecret,
    scheme: Scheme,
    path: &DerivationPath,
    password: &str,
) -> Result<Keypair, NewAccountError> {
    match secret {
        IdentitySecret::Phrase { phrase, password: identity_password } => {
            let seed = if password.is_empty() {
                phrase.to_seed(identity_password)
            } else {
                phrase.to_seed(&Password::new(password))
            };
            Ok(Keypair::from_seed(scheme, &seed)?.derive(path)?)
        }
        IdentitySecret::ImportedKey { scheme: key_scheme, secret } if path.is_root() && password.is_empty() => {
            Keypair::from_polkadot_js_secret(*key_scheme, secret.expose()).ok_or(NewAccountError::DamagedKey)
        }
        IdentitySecret::ImportedKey { .. } => Err(NewAccountError::NotAPhrase),
    }
}

/// The key of a stored account, derived again (see [`keypair_by_kind`]). The caller checks
/// it against the stored public key (a wrong password gives another key).
pub(crate) fn stored_keypair(
    secret: &IdentitySecret,
    account: &crate::db::Account,
    password: &Password,
) -> Result<Keypair, NewAccountError> {
    let (_, keypair) =
        keypair_by_kind(secret, account.derivation, account.public_key.scheme(), &account.path, password)?;
    Ok(keypair)
}

/// The path and key at `path_text`, derived the way `derivation` says: a Substrate path of
/// `scheme` (with its `///password`, if it has one), an Ethereum BIP44 path (the BIP39 seed
/// without password, as polkadot-js and MetaMask make it) or a Ledger's (the BIP39 password
/// as its 25th word, every level hardened).
pub(crate) fn keypair_by_kind(
    secret: &IdentitySecret,
    derivation: Derivation,
    scheme: Scheme,
    path_text: &str,
    password: &Password,
) -> Result<(AccountPath, Keypair), NewAccountError> {
    use crate::keys::bip32::{ledger_keypair, Bip32InspectError, EthereumKey};
    use crate::keys::Bip32Path;
    let bip32_path = || Bip32Path::parse(path_text).map_err(|error| NewAccountError::OtherWallet(error.into()));
    match (derivation, secret) {
        (Derivation::Substrate, _) => {
            let path = DerivationPath::parse(path_text)?;
            let keypair = keypair_at(secret, scheme, &path, password.expose())?;
            Ok((path.into(), keypair))
        }
        (_, IdentitySecret::ImportedKey { .. }) => Err(NewAccountError::NotAPhrase),
        (Derivation::Bip44Secp256k1, IdentitySecret::Phrase { phrase, .. }) => {
            let path = bip32_path()?;
            let key = EthereumKey::from_phrase(phrase, &path).map_err(Bip32InspectError::from)?;
            Ok((AccountPath::ethereum(&path), Keypair::from_seed(Scheme::Ecdsa, key.secret())?))
        }
        (Derivation::LedgerBip32Ed25519, IdentitySecret::Phrase { phrase, password: bip39 }) => {
            let path = bip32_path()?;
            let keypair = ledger_keypair(phrase, bip39, &path).map_err(Bip32InspectError::from)?;
            Ok((AccountPath::ledger(&path), keypair))
        }
    }
}

/// How an account's key is made from the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// A Substrate path (`//hard/soft///password`) of this key type.
    Substrate(Scheme),
    /// A BIP44 secp256k1 path, as MetaMask makes it: only on an Ethereum network.
    Ethereum,
    /// A Ledger's BIP32-Ed25519 path (`m/44'/354'/…`, every level hardened).
    Ledger,
}

impl KeyKind {
    /// What the network and the path typed say when the user does not: an Ethereum
    /// network's accounts are Ethereum ones; elsewhere a path from `m` is a Ledger's (or,
    /// with Ethereum's coin type 60, MetaMask's, which [`check_kind`] then refuses there)
    /// and any other a Substrate path of the network's key type.
    pub fn inferred(network: &Network, path_text: &str) -> KeyKind {
        let path_text = path_text.trim();
        match network.scheme {
            NetworkScheme::Ethereum { .. } => KeyKind::Ethereum,
            NetworkScheme::Substrate(_) if path_text.starts_with('m') => {
                let coin = crate::keys::Bip32Path::parse(path_text)
                    .ok()
                    .and_then(|path| path.indices().get(1).map(|index| index.number()));
                if coin == Some(ETHEREUM_COIN) {
                    KeyKind::Ethereum
                } else {
                    KeyKind::Ledger
                }
            }
            NetworkScheme::Substrate(scheme) => KeyKind::Substrate(scheme),
        }
    }

    /// The scheme's name, as `inspect --scheme` and `account add --scheme` take it.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Substrate(scheme) => scheme.as_str(),
            KeyKind::Ethereum => "ethereum",
            KeyKind::Ledger => "ed25519-ledger",
        }
    }
}

impl std::str::FromStr for KeyKind {
    type Err = crate::keys::UnknownScheme;

    /// `sr25519`, `ed25519`, `ecdsa`, `ethereum` or `ed25519-ledger`, as `inspect --scheme`.
    fn from_str(text: &str) -> Result<KeyKind, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ethereum" => Ok(KeyKind::Ethereum),
            "ed25519-ledger" => Ok(KeyKind::Ledger),
            other => other.parse().map(KeyKind::Substrate),
        }
    }
}

/// The path as typed, read as `kind` says, and the key at it. An Ethereum key only on an
/// Ethereum network and no other kind there; a Ledger's key takes the identity's BIP39
/// password as its 25th word.
fn key_at(
    secret: &IdentitySecret,
    network: &Network,
    kind: KeyKind,
    path_text: &str,
    password: &Password,
) -> Result<(AccountPath, PublicKey), NewAccountError> {
    let path_text = path_text.trim();
    check_kind(network, kind, path_text, !password.is_empty())?;
    let (derivation, scheme) = match kind {
        KeyKind::Ethereum => (Derivation::Bip44Secp256k1, Scheme::Ecdsa),
        KeyKind::Ledger => (Derivation::LedgerBip32Ed25519, Scheme::Ed25519),
        KeyKind::Substrate(scheme) => {
            if let IdentitySecret::ImportedKey { .. } = secret {
                return Err(NewAccountError::NotAPhrase);
            }
            let path = check_path(path_text)?;
            let public_key = keypair_at(secret, scheme, &path, password.expose())?.public();
            return Ok((path.into(), public_key));
        }
    };
    let (path, keypair) = keypair_by_kind(secret, derivation, scheme, path_text, password)?;
    Ok((path, keypair.public()))
}

/// Ethereum's BIP44 coin type: `m/44'/60'/…`.
const ETHEREUM_COIN: u32 = 60;

/// What can be checked of an account before the PIN: the kind fits the network, only a
/// Substrate path has a `///password` (Ethereum and Ledger paths have none: refused, never
/// silently dropped), and the path parses as that kind's path.
pub fn check_kind(
    network: &Network,
    kind: KeyKind,
    path_text: &str,
    has_password: bool,
) -> Result<(), NewAccountError> {
    use crate::keys::bip32::{Bip32InspectError, EthereumUriError, LedgerUriError};
    if network.is_ethereum() != (kind == KeyKind::Ethereum) {
        return Err(NewAccountError::WrongKindOfNetwork { network: network.name.clone() });
    }
    match kind {
        KeyKind::Ethereum if has_password => {
            return Err(NewAccountError::OtherWallet(EthereumUriError::PasswordIgnored.into()))
        }
        KeyKind::Ledger if has_password => {
            return Err(NewAccountError::OtherWallet(LedgerUriError::TriplePassword.into()))
        }
        _ => {}
    }
    match kind {
        KeyKind::Substrate(_) => check_path(path_text).map(drop),
        KeyKind::Ethereum | KeyKind::Ledger => crate::keys::Bip32Path::parse(path_text.trim())
            .map(drop)
            .map_err(|error| NewAccountError::OtherWallet(Bip32InspectError::from(error))),
    }
}

/// A path as typed (surrounding spaces ignored), parsed, or why not.
pub fn check_path(path_text: &str) -> Result<DerivationPath, NewAccountError> {
    Ok(DerivationPath::parse(path_text.trim())?)
}

/// The address the account would have: for the live preview.
pub fn preview(
    secret: &IdentitySecret,
    network: &Network,
    path_text: &str,
    password: &Password,
) -> Result<Preview, NewAccountError> {
    let (_, public_key) = key_at(secret, network, KeyKind::inferred(network, path_text), path_text, password)?;
    Ok(Preview { public_key, address: crate::app::account_card::address_on(network, &public_key) })
}

/// Derives and stores the account.
pub fn add(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    network: &Network,
    path_text: &str,
    password: &Password,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    add_of_kind(store, identity, secret, (network, KeyKind::inferred(network, path_text)), path_text, password, name)
}

/// [`add`], with the kind of key the user asked for (`account add --scheme`).
pub fn add_of_kind(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    (network, kind): (&Network, KeyKind),
    path_text: &str,
    password: &Password,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    let (path, public_key) = key_at(secret, network, kind, path_text, password)?;
    store_derived(store, identity, network, path, public_key, !password.is_empty(), name)
}

/// Stores a key derived at `path` as an account on `network`; `has_password` records that it
/// needs a `///password` (never the password itself).
pub(crate) fn store_derived(
    store: &Store,
    identity: IdentityId,
    network: &Network,
    path: AccountPath,
    public_key: PublicKey,
    has_password: bool,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    let account = NewAccount {
        network: network.genesis_hash,
        path,
        has_password,
        public_key,
        name: name.to_owned(),
        origin: AccountOrigin::Derived,
    };
    Ok(store.add_account(identity, account)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{KdfParams, StoreOptions};
    use crate::keys::{inspect, Phrase, Ss58Prefix};

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    fn secret() -> IdentitySecret {
        IdentitySecret::Phrase { phrase: Phrase::parse(DEV).unwrap(), password: Password::empty() }
    }

    fn westend(store: &Store) -> Network {
        store.network_by_name("westend").unwrap().unwrap()
    }

    fn store() -> Store {
        Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap()
    }

    #[test]
    fn the_preview_is_the_address_of_the_uri() {
        let store = store();
        for (path, password) in [("//hard/soft", ""), ("", ""), ("//0", "secret words")] {
            let uri = if password.is_empty() { format!("{DEV}{path}") } else { format!("{DEV}{path}///{password}") };
            let expected = inspect(&uri, Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap().address;
            assert_eq!(
                preview(&secret(), &westend(&store), path, &Password::new(password)).unwrap().address,
                expected,
                "{uri}"
            );
        }
    }

    #[test]
    fn path_errors_are_explained() {
        let store = store();
        let error = preview(&secret(), &westend(&store), "//a///b", &Password::empty()).unwrap_err();
        assert_eq!(error, NewAccountError::Path(PathError::PasswordInPath));
        let error = preview(&secret(), &westend(&store), "polkadot", &Password::empty()).unwrap_err();
        assert_eq!(error, NewAccountError::Path(PathError::MissingSlash));
    }

    #[test]
    fn an_imported_key_cannot_derive() {
        let store = store();
        let key = Keypair::from_seed(Scheme::Sr25519, &crate::keys::Seed::from_bytes([1; 32])).unwrap();
        let imported = IdentitySecret::ImportedKey { scheme: Scheme::Sr25519, secret: key.export_secret() };
        assert_eq!(
            preview(&imported, &westend(&store), "//0", &Password::empty()).unwrap_err(),
            NewAccountError::NotAPhrase
        );
    }
}
