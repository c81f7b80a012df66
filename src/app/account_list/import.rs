//! "Import account list": every listed account derived again from the recovered identity's
//! phrase, checked against the public key the list holds, and stored in one transaction
//! (all or none). Accounts already here are skipped, and so is any that cannot be made
//! (its network is not in the catalogue, its password was not given or is wrong), each
//! with its reason.

use super::{AccountList, AccountListError, ListedAccount};
use crate::app::accounts::keypair_at;
use crate::db::{AccountOrigin, AccountPath, Derivation, GenesisHash, IdentityId, IdentitySecret, NewAccount, Store};
use crate::keys::bip32::{ledger_keypair, EthereumKey};
use crate::keys::{Bip32Path, DerivationPath, Password, PublicKey, Scheme};

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Names of the accounts added.
    pub added: Vec<String>,
    /// Names of the accounts already here (the same path on the same network).
    pub present: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// A listed account not added, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: SkipReason,
}

/// Why a listed account was not added. The others are added all the same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// Its network is not in the catalogue: add the network, then import again.
    #[error("its network ({network}) is not in the catalogue: add it, then import again")]
    UnknownNetwork { network: String },
    /// It has a `///password` and none was given: import again with it, or add it by hand.
    #[error("it has an account password, and none was given")]
    NoPassword,
    /// The derivation does not give the listed key: the password typed is wrong (or the
    /// entry was edited).
    #[error("the path and password do not give its listed key: the password is wrong")]
    WrongKey,
    /// The entry cannot be read (a bad path, key type or hash).
    #[error("the entry is damaged: {problem}")]
    Damaged { problem: String },
}

/// Imports `list` into identity `id` (unlocked: `secret`). `password_for` gives the
/// `///password` of each listed account that has one (`None`: skip it). Refuses a list of
/// another phrase before deriving anything.
pub fn import_list(
    store: &Store,
    id: IdentityId,
    secret: &IdentitySecret,
    list: &AccountList,
    password_for: &mut dyn FnMut(&ListedAccount) -> Option<Password>,
) -> Result<ImportReport, AccountListError> {
    let identity = store.identity(id)?.ok_or(AccountListError::UnknownIdentity)?;
    if !matches!(secret, IdentitySecret::Phrase { .. }) {
        return Err(AccountListError::NotAPhrase);
    }
    if list.root_public_key != identity.root_public.to_hex()
        || list.root_scheme != identity.root_public.scheme().as_str()
    {
        return Err(AccountListError::WrongIdentity { listed: list.root_public_key.clone() });
    }
    let here = store.accounts(id, None)?;
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for listed in &list.accounts {
        let skip = |reason| Skipped { name: listed.name.clone(), reason };
        let Some(network) = GenesisHash::from_hex(&listed.network) else {
            report.skipped.push(skip(SkipReason::Damaged { problem: "the network is not a genesis hash".into() }));
            continue;
        };
        let taken = |path: &str, derivation| {
            here.iter().any(|a| a.key.network == network && a.path == path && a.derivation == derivation)
                || new.iter().any(|a: &NewAccount| a.network == network && a.path.as_str() == path)
        };
        if taken(&listed.path, listed.derivation) {
            report.present.push(listed.name.clone());
            continue;
        }
        if store.network(network)?.is_none() {
            report.skipped.push(skip(SkipReason::UnknownNetwork { network: describe(listed) }));
            continue;
        }
        let password = match listed.has_password {
            true => match password_for(listed) {
                Some(password) if !password.is_empty() => password,
                _ => {
                    report.skipped.push(skip(SkipReason::NoPassword));
                    continue;
                }
            },
            false => Password::empty(),
        };
        match derive_again(secret, listed, &password) {
            Ok((path, public_key)) if public_key.to_hex() == listed.public_key => {
                new.push(NewAccount {
                    network,
                    path,
                    has_password: listed.has_password,
                    public_key,
                    name: listed.name.clone(),
                    origin: AccountOrigin::Derived,
                });
                report.added.push(listed.name.clone());
            }
            Ok(_) => report.skipped.push(skip(SkipReason::WrongKey)),
            Err(problem) => report.skipped.push(skip(SkipReason::Damaged { problem })),
        }
    }
    if !new.is_empty() {
        store.add_accounts(id, new).map_err(|error| match error {
            crate::db::AddAccountError::Store(error) => AccountListError::Store(error),
            other => AccountListError::Add(other),
        })?;
    }
    Ok(report)
}

/// Refuses a list whose root key is not identity `id`'s.
pub(super) fn check_root(store: &Store, id: IdentityId, list: &AccountList) -> Result<(), AccountListError> {
    let identity = store.identity(id)?.ok_or(AccountListError::UnknownIdentity)?;
    if identity.kind != crate::db::IdentityKind::Phrase {
        return Err(AccountListError::NotAPhrase);
    }
    if list.root_public_key != identity.root_public.to_hex()
        || list.root_scheme != identity.root_public.scheme().as_str()
    {
        return Err(AccountListError::WrongIdentity { listed: list.root_public_key.clone() });
    }
    Ok(())
}

/// "Polkadot (0x91b1…)" or the hash alone.
fn describe(listed: &ListedAccount) -> String {
    match listed.network_name.trim() {
        "" => listed.network.clone(),
        name => format!("{name}, {}", listed.network),
    }
}

/// The account's path and key, derived again the way its derivation kind says.
fn derive_again(
    secret: &IdentitySecret,
    listed: &ListedAccount,
    password: &Password,
) -> Result<(AccountPath, PublicKey), String> {
    let IdentitySecret::Phrase { phrase, password: bip39_password } = secret else {
        return Err("no phrase".into());
    };
    match listed.derivation {
        Derivation::Substrate => {
            let scheme: Scheme =
                listed.scheme.parse().map_err(|error: crate::keys::UnknownScheme| error.to_string())?;
            let path = DerivationPath::parse(&listed.path).map_err(|error| error.to_string())?;
            let pair = keypair_at(secret, scheme, &path, password.expose()).map_err(|error| error.to_string())?;
            Ok((path.into(), pair.public()))
        }
        Derivation::Bip44Secp256k1 => {
            let path = Bip32Path::parse(&listed.path).map_err(|error| error.to_string())?;
            let key = EthereumKey::from_phrase(phrase, &path).map_err(|error| error.to_string())?;
            Ok((AccountPath::ethereum(&path), PublicKey::Ecdsa(*key.public_key())))
        }
        Derivation::LedgerBip32Ed25519 => {
            let path = Bip32Path::parse(&listed.path).map_err(|error| error.to_string())?;
            let pair = ledger_keypair(phrase, bip39_password, &path).map_err(|error| error.to_string())?;
            Ok((AccountPath::ledger(&path), pair.public()))
        }
    }
}
