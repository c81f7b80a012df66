//! Adding an identity from a phrase (created or recovered): seal it under the PIN and
//! derive its first account on the chosen network, in one store transaction.

use crate::app::account_card::AccountCard;
use crate::app::accounts::{keypair_by_kind, NewAccountError};
use crate::db::{
    AccountKey, AccountOrigin, AddIdentityError, Derivation, GenesisHash, IdentityId, IdentitySecret, Network,
    NetworkScheme, NewAccount, NewIdentity, Pin, Store, StoreError, MAX_NAME_CHARS,
};
use crate::keys::{DeriveError, Keypair, Password, Phrase, PublicKey, Scheme};

/// Where the first account goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstAccount {
    /// `//<network path id>`, as Parity Signer did.
    NetworkPath,
    /// No derivation: the root key, as the polkadot-js extension makes accounts.
    Root,
    /// The phrase came from a Ledger: its first account, `m/44'/<coin>'/0'/0'/0'`
    /// (BIP32-Ed25519, the BIP39 password as the 25th word).
    Ledger,
}

impl FirstAccount {
    /// From the two choices the network screen (and the command line) offers: no
    /// derivation wins if both are somehow set, as it is the older choice.
    pub fn chosen(no_derivation: bool, from_ledger: bool) -> FirstAccount {
        match (no_derivation, from_ledger) {
            (true, _) => FirstAccount::Root,
            (false, true) => FirstAccount::Ledger,
            (false, false) => FirstAccount::NetworkPath,
        }
    }
}

/// A phrase identity to add.
pub struct PhraseIdentity<'a> {
    pub name: &'a str,
    pub phrase: &'a Phrase,
    /// The optional BIP39 password ("25th word"); empty for none.
    pub password: &'a Password,
    pub network: GenesisHash,
    pub first_account: FirstAccount,
}

/// Why the identity was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OnboardingError {
    /// The network picked is not in the catalogue (removed meanwhile): pick another.
    #[error("no such network")]
    UnknownNetwork,
    /// The first account's key could not be made on this network's key type.
    #[error(transparent)]
    Derive(#[from] DeriveError),
    /// "This phrase came from a Ledger" with an Ethereum network: a Ledger's Polkadot app
    /// makes no Ethereum accounts; untick it, or pick a Substrate network.
    #[error("{network} is an Ethereum network: a Ledger's Polkadot accounts cannot go there (untick \"This phrase came from a Ledger\", or pick a Substrate network)")]
    LedgerOnEthereum { network: String },
    /// The first account's key could not be made from this phrase: a Ledger account needs
    /// 12 or 24 words (see [`NewAccountError`]).
    #[error(transparent)]
    FirstAccount(#[from] NewAccountError),
    /// The store refused the identity (its name or phrase is already here): it says which.
    #[error(transparent)]
    Add(#[from] AddIdentityError),
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Seals the phrase under `pin` and stores it with its first account, named "<Network>"
/// (or "<Network> root" for no derivation). Returns the identity and the account.
pub fn add_phrase_identity(
    store: &Store,
    new: PhraseIdentity,
    pin: &Pin,
) -> Result<(IdentityId, AccountKey), OnboardingError> {
    let prepared = prepare_phrase_identity(store, &new)?;
    add_prepared(store, &new, prepared, pin)
}

/// The network screen's "done": the identity with its first account, plus the account
/// "Can't find your account?" found in this phrase, if any (unless it is that first account).
/// Returns the account to show, and why the found one was not added if it was not.
pub fn add_with_found(
    store: &Store,
    new: PhraseIdentity,
    pin: &Pin,
    hit: Option<&crate::app::finding::Hit>,
) -> Result<(AccountCard, Option<String>), OnboardingError> {
    let (phrase, password, genesis) = (new.phrase, new.password, new.network);
    let (id, first) = add_phrase_identity(store, new, pin)?;
    let (shown, notice) = match hit {
        None => (first, None),
        Some(hit) => {
            let network = store.network(genesis)?.ok_or(OnboardingError::UnknownNetwork)?;
            crate::app::find_address::add_to_new_identity(store, id, first, (phrase, password), &network, hit)
        }
    };
    let card = AccountCard::load(store, shown)?
        .ok_or_else(|| StoreError::Corrupt("the new account could not be read back".to_owned()))?;
    Ok((card, notice))
}

/// What [`add_phrase_identity`] will store, worked out before anything is written: for a
/// command that must show a new phrase, and see it shown, before the identity is stored.
pub struct PreparedIdentity {
    network: Network,
    root_public: PublicKey,
    first: NewAccount,
}

impl PreparedIdentity {
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The first account, as it will be stored.
    pub fn first_account(&self) -> &NewAccount {
        &self.first
    }
}

/// Finds the network and derives the first account; writes nothing.
pub fn prepare_phrase_identity(store: &Store, new: &PhraseIdentity) -> Result<PreparedIdentity, OnboardingError> {
    let network = store.network(new.network)?.ok_or(OnboardingError::UnknownNetwork)?;
    let seed = new.phrase.to_seed(new.password);
    // The identity's fingerprint is the sr25519 root, whatever the network's scheme.
    let root_public = Keypair::from_seed(Scheme::Sr25519, &seed)?.public();
    let (path_text, derivation, scheme) = first_path(&network, new.first_account)?;
    let secret = IdentitySecret::Phrase { phrase: new.phrase.clone(), password: new.password.clone() };
    let (path, keypair) = keypair_by_kind(&secret, derivation, scheme, &path_text, &Password::empty())?;
    let public_key = keypair.public();
    // The network's name for its first account; "root" only for the real root (no
    // derivation), so a derived key is never called the root. A network name may take the
    // whole name length: cut it so the longest suffix (" Ledger 0") still fits.
    let suffix = match (network.scheme, new.first_account) {
        (NetworkScheme::Ethereum { .. }, _) | (_, FirstAccount::NetworkPath) => "",
        (_, FirstAccount::Root) => " root",
        (_, FirstAccount::Ledger) => " Ledger 0",
    };
    let network_part: String = network.name.chars().take(MAX_NAME_CHARS - " Ledger 0".len()).collect();
    let name = format!("{}{suffix}", network_part.trim_end());
    let first = NewAccount {
        network: network.genesis_hash,
        path,
        has_password: false,
        public_key,
        name,
        origin: AccountOrigin::Derived,
    };
    Ok(PreparedIdentity { network, root_public, first })
}

/// Where the first account on `network` is, how it is derived and its key type. An
/// Ethereum network's first account is MetaMask's first, `m/44'/60'/0'/0/0`, with or
/// without "No derivation"; a Ledger's phrase has no accounts there.
fn first_path(network: &Network, first: FirstAccount) -> Result<(String, Derivation, Scheme), OnboardingError> {
    Ok(match (network.scheme, first) {
        (NetworkScheme::Ethereum { .. }, FirstAccount::Ledger) => {
            return Err(OnboardingError::LedgerOnEthereum { network: network.name.clone() })
        }
        (scheme @ NetworkScheme::Ethereum { .. }, _) => (ethereum_path(0), scheme.derivation(), scheme.key_type()),
        (NetworkScheme::Substrate(scheme), FirstAccount::NetworkPath) => {
            (format!("//{}", network.path_id), Derivation::Substrate, scheme)
        }
        (NetworkScheme::Substrate(scheme), FirstAccount::Root) => (String::new(), Derivation::Substrate, scheme),
        (NetworkScheme::Substrate(_), FirstAccount::Ledger) => {
            (ledger_path(network, 0, 0), Derivation::LedgerBip32Ed25519, Scheme::Ed25519)
        }
    })
}

/// What the network screen says beside a network's name: where the first account goes.
pub fn first_account_detail(network: &Network, first: FirstAccount) -> String {
    match (network.scheme, first) {
        (NetworkScheme::Ethereum { .. }, FirstAccount::Ledger) => "not for a Ledger's phrase".to_owned(),
        (NetworkScheme::Ethereum { chain_id }, _) => format!("Ethereum · chain {chain_id}"),
        (_, FirstAccount::NetworkPath) => format!("//{} · prefix {}", network.path_id, network.ss58_prefix),
        (_, FirstAccount::Root) => "no derivation".to_owned(),
        (_, FirstAccount::Ledger) => ledger_path(network, 0, 0),
    }
}

/// MetaMask's account `index` of a phrase (polkadot-js's too): `m/44'/60'/0'/0/<index>`.
pub fn ethereum_path(index: u32) -> String {
    format!("m/44'/60'/0'/0/{index}")
}

/// A Ledger's account `index` of `account` on `network`: `m/44'/<coin>'/<account>'/0'/<index>'`.
pub fn ledger_path(network: &Network, account: u32, index: u32) -> String {
    format!("m/44'/{}'/{account}'/0'/{index}'", network.ledger_coin())
}

/// Stores what [`prepare_phrase_identity`] worked out for `new`.
pub fn add_prepared(
    store: &Store,
    new: &PhraseIdentity,
    prepared: PreparedIdentity,
    pin: &Pin,
) -> Result<(IdentityId, AccountKey), OnboardingError> {
    let PreparedIdentity { root_public, first, .. } = prepared;
    let secret = IdentitySecret::Phrase { phrase: new.phrase.clone(), password: new.password.clone() };
    let identity = NewIdentity { name: new.name, secret: &secret, root_public, accounts: vec![first] };
    let (id, accounts) = store.add_identity(identity, pin)?;
    Ok((id, accounts[0]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{KdfParams, StoreOptions};
    use crate::keys::{inspect, Ss58Prefix};

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    fn store() -> Store {
        Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap()
    }

    fn westend(store: &Store) -> GenesisHash {
        store.network_by_name("westend").unwrap().unwrap().genesis_hash
    }

    fn add(store: &Store, first_account: FirstAccount) -> Result<(IdentityId, AccountKey), OnboardingError> {
        let phrase = Phrase::parse(DEV).unwrap();
        let new = PhraseIdentity {
            name: "Dev",
            phrase: &phrase,
            password: &Password::empty(),
            network: westend(store),
            first_account,
        };
        add_phrase_identity(store, new, &Pin::new("123456").unwrap())
    }

    fn address_of(store: &Store, key: AccountKey) -> String {
        let account = store.account(key).unwrap().unwrap();
        crate::keys::ss58::encode(Ss58Prefix::SUBSTRATE, &account.public_key.account_id())
    }

    #[test]
    fn the_first_account_is_at_the_network_path_and_named_after_the_network() {
        let store = store();
        let (_, key) = add(&store, FirstAccount::NetworkPath).unwrap();
        let expected = inspect(&format!("{DEV}//westend"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
        assert_eq!(address_of(&store, key), expected.address);
        let account = store.account(key).unwrap().unwrap();
        assert_eq!((account.name.as_str(), account.path.as_str()), ("Westend", "//westend"));
    }

    #[test]
    fn no_derivation_gives_the_polkadot_js_extension_address() {
        let store = store();
        let (_, key) = add(&store, FirstAccount::Root).unwrap();
        let expected = inspect(DEV, Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
        assert_eq!(address_of(&store, key), expected.address);
    }

    #[test]
    fn the_same_phrase_again_is_refused_by_name() {
        let store = store();
        add(&store, FirstAccount::Root).unwrap();
        let error = add(&store, FirstAccount::NetworkPath).unwrap_err();
        assert!(matches!(error, OnboardingError::Add(AddIdentityError::DuplicateName { .. })));
    }
}
