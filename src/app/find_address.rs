//! "Can't find your account?": which key type and path of an identity's phrase give an
//! address. The app and `axia-signer find-address` both run this over the key core's search.

use crate::app::accounts::{keypair_at, store_derived, NewAccountError};
use crate::app::finding::{found_name, Hit};
use crate::db::{AccountKey, IdentityId, IdentitySecret, Network, Store, StoreError};
use crate::keys::bip32::search::{Bip32Outcome, Bip32Target};
use crate::keys::bip32::{EthereumAddress, EthereumAddressError};
use crate::keys::search::{self, Found, Outcome, Progress, SearchSpace};
use crate::keys::{ss58, AccountId, Keypair, Password, Phrase, PublicKey, Scheme, Seed, Ss58Error};

/// How deep `i` and `j` go unless asked otherwise.
pub const DEFAULT_DEPTH: u32 = 100;

/// The deepest search offered: `//i/j` alone is depth² candidates (a million at 1000, about
/// ten seconds on two cores).
pub const MAX_DEPTH: u32 = 1000;

/// What to say after a miss.
pub const NEXT_STEPS: &str = "check the phrase and its BIP39 password (a \"25th word\" changes every address), \
search deeper with a larger depth, or, if the account came from a JSON backup or a hardware wallet, \
restore it from there: a different phrase or a custom path name cannot be guessed";

/// Why a search could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    /// The address field is empty: paste the address the old wallet showed.
    #[error("paste the address you expect")]
    NoAddress,
    /// Not an SS58 address (a typo, or something else pasted): copy it again.
    #[error("not an address: {0}")]
    Address(#[from] Ss58Error),
    /// The depth is not a whole number in range: type one from 1 to [`MAX_DEPTH`].
    #[error("the depth is a whole number from 1 to {MAX_DEPTH}")]
    BadDepth,
    /// A key, not a phrase: there are no paths to search.
    #[error("this identity holds one key restored from a backup, not a seed phrase: there are no paths to search")]
    NotAPhrase,
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The address as an account id, whatever its SS58 prefix.
pub fn target(address: &str) -> Result<AccountId, FindError> {
    Ok(ss58::decode(address.trim())?.1)
}

/// An address starting `0x` is an Ethereum one (40 hex digits, EIP-55 checked when mixed
/// case; SS58 never starts so): searched among MetaMask's and polkadot-js's Ethereum paths.
pub fn ethereum_target(address: &str) -> Option<Result<EthereumAddress, EthereumAddressError>> {
    let address = address.trim();
    address.starts_with("0x").then(|| EthereumAddress::parse(address))
}

/// Searches the accounts other wallets make from the phrase (Ethereum paths for an H160, a
/// Ledger's for an SS58 account) on every core. Blocking: call it off the UI thread.
pub fn find_other_wallets(
    phrase: &Phrase,
    password: &Password,
    target: &Bip32Target,
    depth: u32,
    progress: &Progress,
) -> Bip32Outcome {
    crate::keys::bip32::search::find(phrase, password, target, depth, progress)
}

/// The search form as typed: the address it looks for and the paths to try, `depth` deep.
pub fn request(store: &Store, address: &str, depth: &str) -> Result<(AccountId, SearchSpace), FindError> {
    if address.trim().is_empty() {
        return Err(FindError::NoAddress);
    }
    let target = target(address)?;
    let depth = match depth.trim().parse::<u32>() {
        Ok(depth @ 1..=MAX_DEPTH) => depth,
        _ => return Err(FindError::BadDepth),
    };
    Ok((target, space(store, depth)?))
}

/// The seed a phrase identity's accounts come from.
pub fn seed_of(secret: &IdentitySecret) -> Result<Seed, FindError> {
    match secret {
        IdentitySecret::Phrase { phrase, password } => Ok(phrase.to_seed(password)),
        IdentitySecret::ImportedKey { .. } => Err(FindError::NotAPhrase),
    }
}

/// The sr25519 root key of `phrase` with `password`: how a phrase is known before it is
/// saved (and how the store knows its identities).
pub fn phrase_root(phrase: &Phrase, password: &Password) -> Option<PublicKey> {
    Keypair::from_seed(Scheme::Sr25519, &phrase.to_seed(password)).map(|pair| pair.public()).ok()
}

/// Recovering, once the identity is saved with its `first` account: the hit joins it (on
/// its own network, else the one picked) unless it is that first account. Returns the
/// account to show, and why the hit was not added if it was not.
pub fn add_to_new_identity(
    store: &Store,
    id: IdentityId,
    first: AccountKey,
    secret: (&Phrase, &Password),
    picked: &Network,
    hit: &Hit,
) -> (AccountKey, Option<String>) {
    let network = hit.network.as_ref().unwrap_or(picked);
    let same = |account: crate::db::Account| account.public_key.account_id() == hit.target;
    if first.network == network.genesis_hash && store.account(first).ok().flatten().is_some_and(same) {
        return (first, None);
    }
    let secret = IdentitySecret::Phrase { phrase: secret.0.clone(), password: secret.1.clone() };
    match add_found(store, id, &secret, network, &hit.found, &found_name(&hit.found)) {
        Ok(key) => (key, None),
        Err(error) => (first, Some(format!("The account you found was not added: {error}."))),
    }
}

/// The paths to try: the catalogue's networks, `depth` deep.
pub fn space(store: &Store, depth: u32) -> Result<SearchSpace, StoreError> {
    Ok(SearchSpace { path_ids: substrate_path_ids(store.networks()?), depth })
}

/// The paths to try with only the built-in networks (when the store is not at hand).
pub fn builtin_space(depth: u32) -> SearchSpace {
    SearchSpace { path_ids: substrate_path_ids(crate::db::networks::builtin_networks()), depth }
}

/// The path ids a Substrate search tries: every Substrate network's (the user's own too).
pub fn substrate_path_ids(networks: Vec<Network>) -> Vec<String> {
    networks.iter().filter_map(|network| network.substrate_path_id().map(str::to_owned)).collect()
}

/// Runs the search on every core (blocking: call it off the UI thread).
pub fn find(seed: &Seed, target: &AccountId, space: &SearchSpace, progress: &Progress) -> Outcome {
    search::find(seed, target, space, progress)
}

/// The network a found account most likely belongs to: the one its path names, else the
/// only catalogue network with the address's prefix.
pub fn likely_network(store: &Store, found: &Found, address: &str) -> Result<Option<Network>, StoreError> {
    let mut networks = store.networks()?;
    networks.retain(|network| !network.is_ethereum());
    let first = found.path.as_str().strip_prefix("//").map(|rest| rest.split('/').next().unwrap_or(""));
    if let Some(network) = networks.iter().find(|network| Some(network.path_id.as_str()) == first) {
        return Ok(Some(network.clone()));
    }
    let Ok((prefix, _)) = ss58::decode(address.trim()) else { return Ok(None) };
    let mut same_prefix = networks.into_iter().filter(|network| network.ss58_prefix == prefix);
    Ok(match (same_prefix.next(), same_prefix.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    })
}

/// Stores a found account ("Add" after a search): its key type may differ from the network's.
pub fn add_found(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    network: &Network,
    found: &Found,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    let public_key = keypair_at(secret, found.scheme, &found.path, "")?.public();
    store_derived(store, identity, network, found.path.clone().into(), public_key, false, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
    use crate::db::{KdfParams, Pin, StoreOptions};
    use crate::keys::{inspect, Password, Phrase, Scheme, Ss58Prefix};

    const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    #[test]
    fn a_found_ed25519_account_is_added_under_the_network_its_path_names() {
        let store =
            Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap();
        let westend = store.network_by_name("westend").unwrap().unwrap();
        let phrase = Phrase::parse(DEV).unwrap();
        let new = PhraseIdentity {
            name: "Dev",
            phrase: &phrase,
            password: &Password::empty(),
            network: westend.genesis_hash,
            first_account: FirstAccount::NetworkPath,
        };
        let pin = Pin::new("123456").unwrap();
        let (identity, _) = add_phrase_identity(&store, new, &pin).unwrap();
        let secret = store.unlock(identity, &pin).unwrap();
        let address =
            inspect(&format!("{DEV}//kusama//4"), Scheme::Ed25519, Ss58Prefix::new(2).unwrap()).unwrap().address;

        let space = space(&store, 10).unwrap();
        let Outcome::Found(found) =
            find(&seed_of(&secret).unwrap(), &target(&address).unwrap(), &space, &Progress::default())
        else {
            panic!("not found")
        };
        let network = likely_network(&store, &found, &address).unwrap().unwrap();
        assert_eq!(network.name, "Kusama");
        let key = add_found(&store, identity, &secret, &network, &found, "found").unwrap();
        let account = store.account(key).unwrap().unwrap();
        assert_eq!(ss58::encode(network.ss58_prefix, &account.public_key.account_id()), address);
        assert_eq!(account.public_key.scheme(), Scheme::Ed25519);
    }
}
