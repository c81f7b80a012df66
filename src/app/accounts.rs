//! Adding an account to an unlocked identity: a live preview of the address while the path
//! is typed, then storing it. The `///password` is never stored, only that there is one.

use crate::db::{
    AccountKey, AccountOrigin, AccountPath, AddAccountError, IdentityId, IdentitySecret, Network, NewAccount, Store,
    StoreError,
};
use crate::keys::{ss58, DerivationPath, DeriveError, Keypair, Password, PathError, PublicKey, Scheme};

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
    derivation: crate::db::Derivation,
    scheme: Scheme,
    path_text: &str,
    password: &Password,
) -> Result<(AccountPath, Keypair), NewAccountError> {
    use crate::db::Derivation;
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

fn derive(
    secret: &IdentitySecret,
    network: &Network,
    path: &DerivationPath,
    password: &str,
) -> Result<PublicKey, NewAccountError> {
    if let IdentitySecret::ImportedKey { .. } = secret {
        return Err(NewAccountError::NotAPhrase);
    }
    Ok(keypair_at(secret, network.scheme, path, password)?.public())
}

/// The path as typed, parsed, and the key at it.
fn key_at(
    secret: &IdentitySecret,
    network: &Network,
    path_text: &str,
    password: &str,
) -> Result<(DerivationPath, PublicKey), NewAccountError> {
    let path = check_path(path_text)?;
    let public_key = derive(secret, network, &path, password)?;
    Ok((path, public_key))
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
    let (_, public_key) = key_at(secret, network, path_text, password.expose())?;
    Ok(Preview { public_key, address: ss58::encode(network.ss58_prefix, &public_key.account_id()) })
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
    let (path, public_key) = key_at(secret, network, path_text, password.expose())?;
    store_derived(store, identity, network, path, public_key, !password.is_empty(), name)
}

/// Stores a key derived at `path` as an account on `network`; `has_password` records that it
/// needs a `///password` (never the password itself).
pub(crate) fn store_derived(
    store: &Store,
    identity: IdentityId,
    network: &Network,
    path: DerivationPath,
    public_key: PublicKey,
    has_password: bool,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    let account = NewAccount {
        network: network.genesis_hash,
        path: path.into(),
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
