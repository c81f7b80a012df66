//! "Can't find your account?": which key type and path of an identity's phrase give an
//! address. The app and `axia-signer find-address` both run this over the key core's search.

mod wanted;

pub use wanted::{search_phrase, FoundAt, Request, SearchOutcome, Wanted};

use crate::app::accounts::{add_of_kind, NewAccountError};
use crate::app::finding::{found_name, Hit};
use crate::db::{AccountKey, IdentityId, IdentitySecret, Network, Store, StoreError};
use crate::keys::bip32::search::Bip32Kind;
use crate::keys::bip32::EthereumAddressError;
use crate::keys::search::SearchSpace;
use crate::keys::{ss58, Keypair, Password, Phrase, PublicKey, Scheme, Ss58Error};

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
    /// Starts with `0x` but is not an Ethereum address (length, digits, or its EIP-55
    /// checksum): copy it again.
    #[error("not an Ethereum address: {0}")]
    Ethereum(#[from] EthereumAddressError),
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

/// The search form as typed: the address it looks for and the paths to try, `depth` deep.
pub fn request(store: &Store, address: &str, depth: &str) -> Result<Request, FindError> {
    if address.trim().is_empty() {
        return Err(FindError::NoAddress);
    }
    let wanted = Wanted::parse(address)?;
    let depth = match depth.trim().parse::<u32>() {
        Ok(depth @ 1..=MAX_DEPTH) => depth,
        _ => return Err(FindError::BadDepth),
    };
    Ok(Request { wanted, space: space(store, depth)? })
}

/// The phrase and BIP39 password a phrase identity's accounts come from (copies, which
/// wipe themselves).
pub fn phrase_of(secret: &IdentitySecret) -> Result<(Phrase, Password), FindError> {
    match secret {
        IdentitySecret::Phrase { phrase, password } => Ok((phrase.clone(), password.clone())),
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
    let same = |account: crate::db::Account| hit.target.is(&account.public_key);
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

/// The network a found account most likely belongs to: for a Substrate path, the one its
/// path names, else the only Substrate network with the address's prefix; for a Ledger's
/// path, the networks of its coin type, narrowed by the prefix; for an Ethereum path, the
/// only Ethereum network. `None`: the user picks.
pub fn likely_network(store: &Store, found: &FoundAt, address: &str) -> Result<Option<Network>, StoreError> {
    let mut networks = store.networks()?;
    match found {
        FoundAt::OtherWallet(found) if found.kind == Bip32Kind::Ethereum => {
            networks.retain(Network::is_ethereum);
            return Ok(only(networks));
        }
        FoundAt::OtherWallet(found) => {
            let coin = found.path.indices().get(1).map(|index| index.number());
            networks.retain(|network| !network.is_ethereum() && Some(network.ledger_coin()) == coin);
            // Kusama alone has coin 434; Polkadot's 354 is every other network's too.
            if networks.len() == 1 {
                return Ok(only(networks));
            }
        }
        FoundAt::Substrate(found) => {
            networks.retain(|network| !network.is_ethereum());
            let first = found.path.as_str().strip_prefix("//").map(|rest| rest.split('/').next().unwrap_or(""));
            if let Some(network) = networks.iter().find(|network| Some(network.path_id.as_str()) == first) {
                return Ok(Some(network.clone()));
            }
        }
    }
    let Ok((prefix, _)) = ss58::decode(address.trim()) else { return Ok(None) };
    Ok(only(networks.into_iter().filter(|network| network.ss58_prefix == prefix).collect()))
}

/// The one network, if there is exactly one.
fn only(mut networks: Vec<Network>) -> Option<Network> {
    (networks.len() == 1).then(|| networks.remove(0))
}

/// Stores a found account ("Add" after a search): its key type may differ from the network's.
pub fn add_found(
    store: &Store,
    identity: IdentityId,
    secret: &IdentitySecret,
    network: &Network,
    found: &FoundAt,
    name: &str,
) -> Result<AccountKey, NewAccountError> {
    // Through the account form's own checks: a kind of key only on its kind of network.
    add_of_kind(store, identity, secret, (network, found.kind()), &found.path(), &Password::empty(), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::{dev_on_westend, DEV};
    use crate::keys::{inspect, Scheme, Ss58Prefix};

    #[test]
    fn a_found_ed25519_account_is_added_under_the_network_its_path_names() {
        let (store, identity, secret) = dev_on_westend();
        let address =
            inspect(&format!("{DEV}//kusama//4"), Scheme::Ed25519, Ss58Prefix::new(2).unwrap()).unwrap().address;

        let request = request(&store, &address, "10").unwrap();
        let (phrase, password) = phrase_of(&secret).unwrap();
        let SearchOutcome::Found(found) = search_phrase(&phrase, &password, &request, &Default::default()) else {
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
