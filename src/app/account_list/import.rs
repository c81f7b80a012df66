//! "Import account list": every listed account derived again from the recovered identity's
//! phrase, checked against the public key the list holds, and stored in one transaction
//! (all or none). Accounts already here are skipped, and so is any that cannot be made
//! (its network is not in the catalogue, its password was not given or is wrong, its name is
//! not one the store takes), each with its reason.

use super::{AccountList, AccountListError, ListedAccount};
use crate::app::accounts::{keypair_by_kind, NewAccountError};
use crate::db::{
    names, Account, AccountOrigin, Derivation, GenesisHash, IdentityId, IdentityKind, IdentitySecret, NewAccount,
    Store, MAX_NAME_CHARS,
};
use crate::keys::{Password, Scheme};

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
    /// An Ethereum account listed on a Substrate network, or the reverse: the entry was
    /// changed (an export lists each account on its own network).
    #[error("the entry is damaged: its network ({network}) is not one for its kind of account")]
    WrongKindOfNetwork { network: String },
    /// An Ethereum or Ledger entry that says it has a `///password`, which those paths do
    /// not have: the entry was changed.
    #[error("the entry is damaged: an Ethereum or Ledger account has no account password")]
    PasswordOnOtherWallet,
    /// It has a `///password` and none was given: import again with it, or add it by hand.
    #[error("it has an account password, and none was given")]
    NoPassword,
    /// The derivation does not give the listed key: a wrong account password, or an entry
    /// that was changed.
    #[error("its path does not give its listed key: the account password is wrong, or the entry was changed")]
    WrongKey,
    /// Its name is not one the store takes (empty, too long, control characters): the entry
    /// was changed; add the account by hand.
    #[error("its name is not one an account can have")]
    InvalidName,
    /// The entry cannot be read (a bad network hash, key type or path).
    #[error("the entry is damaged: {0}")]
    Damaged(#[from] NewAccountError),
    /// The entry's key type is none this app knows: the entry was changed.
    #[error("the entry is damaged: its key type is unknown")]
    UnknownKeyType,
    /// The entry's network is not a genesis hash.
    #[error("the entry is damaged: its network is not a genesis hash")]
    BadNetwork,
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
    if !matches!(secret, IdentitySecret::Phrase { .. }) {
        return Err(AccountListError::NotAPhrase);
    }
    check_root(store, id, list)?;
    let here = store.accounts(id, None)?;
    let mut report = ImportReport::default();
    let mut new: Vec<NewAccount> = Vec::new();
    for listed in &list.accounts {
        match account_of(store, &here, secret, listed, password_for) {
            Ok(account) => {
                // One path per network, whatever its kind: the store's own rule.
                let taken = |path: &str, network| {
                    here.iter().any(|a| a.key.network == network && a.path == path)
                        || new.iter().any(|a| a.network == network && a.path.as_str() == path)
                };
                if taken(account.path.as_str(), account.network) {
                    report.present.push(listed.name.clone());
                } else {
                    report.added.push(listed.name.clone());
                    new.push(account);
                }
            }
            Err(Some(reason)) => report.skipped.push(Skipped { name: listed.name.clone(), reason }),
            Err(None) => report.present.push(listed.name.clone()),
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

/// The account a listed entry makes; `Err(None)` when its path is here already (checked
/// before any password is asked), `Err(Some(reason))` when it is skipped.
fn account_of(
    store: &Store,
    here: &[Account],
    secret: &IdentitySecret,
    listed: &ListedAccount,
    password_for: &mut dyn FnMut(&ListedAccount) -> Option<Password>,
) -> Result<NewAccount, Option<SkipReason>> {
    let network = GenesisHash::from_hex(&listed.network).ok_or(Some(SkipReason::BadNetwork))?;
    let name = names::check(&listed.name, MAX_NAME_CHARS).map_err(|_| Some(SkipReason::InvalidName))?;
    let Some(catalogued) = store.network(network).map_err(|error| Some(NewAccountError::Store(error).into()))? else {
        return Err(Some(SkipReason::UnknownNetwork { network: describe(listed) }));
    };
    // An Ethereum account lives on an Ethereum network, and only there.
    if catalogued.is_ethereum() != (listed.derivation == Derivation::Bip44Secp256k1) {
        return Err(Some(SkipReason::WrongKindOfNetwork { network: describe(listed) }));
    }
    // Only a Substrate path has a `///password`: an Ethereum or Ledger entry saying it has
    // one was changed (its password would be asked, then ignored).
    if listed.has_password && listed.derivation != Derivation::Substrate {
        return Err(Some(SkipReason::PasswordOnOtherWallet));
    }
    if here.iter().any(|account| account.key.network == network && account.path == listed.path) {
        return Err(None);
    }
    let password = match listed.has_password {
        true => password_for(listed).filter(|password| !password.is_empty()).ok_or(Some(SkipReason::NoPassword))?,
        false => Password::empty(),
    };
    let scheme: Scheme = listed.scheme.parse().map_err(|_| Some(SkipReason::UnknownKeyType))?;
    let (path, keypair) = keypair_by_kind(secret, listed.derivation, scheme, &listed.path, &password)
        .map_err(|error| Some(error.into()))?;
    if keypair.public().to_hex() != listed.public_key {
        return Err(Some(SkipReason::WrongKey));
    }
    Ok(NewAccount {
        network,
        path,
        has_password: listed.has_password,
        public_key: keypair.public(),
        name: name.to_owned(),
        origin: AccountOrigin::Derived,
    })
}

/// Refuses a list whose root key is not identity `id`'s.
pub(super) fn check_root(store: &Store, id: IdentityId, list: &AccountList) -> Result<(), AccountListError> {
    let identity = store.identity(id)?.ok_or(AccountListError::UnknownIdentity)?;
    if identity.kind != IdentityKind::Phrase {
        return Err(AccountListError::NotAPhrase);
    }
    if list.root_public_key != identity.root_public.to_hex()
        || list.root_scheme != identity.root_public.scheme().as_str()
    {
        return Err(AccountListError::WrongIdentity { listed: list.root_public_key.clone() });
    }
    Ok(())
}

/// "Polkadot, 0x91b1…" or the hash alone.
fn describe(listed: &ListedAccount) -> String {
    match listed.network_name.trim() {
        "" => listed.network.clone(),
        name => format!("{name}, {}", listed.network),
    }
}
