//! Finding accounts by what a person types: an address.

use crate::db::{Account, Identity, Store, StoreError};
use crate::keys::{AccountId, EthereumAddress};

/// Every stored account with this account id (an address in any SS58 prefix decodes to
/// it), and the identity holding it: one key can be in two identities, a phrase and an import.
pub fn accounts_with_id(store: &Store, account_id: &AccountId) -> Result<Vec<(Identity, Account)>, StoreError> {
    let mut found = Vec::new();
    for identity in store.identities()? {
        for account in store.accounts(identity.id, None)? {
            if account.public_key.account_id() == *account_id {
                found.push((identity.clone(), account));
            }
        }
    }
    Ok(found)
}

/// Every stored account on an Ethereum network whose address is `address`, and its identity.
pub fn ethereum_accounts(store: &Store, address: &EthereumAddress) -> Result<Vec<(Identity, Account)>, StoreError> {
    let ethereum: Vec<_> = store
        .networks()?
        .into_iter()
        .filter(|network| network.is_ethereum())
        .map(|network| network.genesis_hash)
        .collect();
    let mut found = Vec::new();
    for identity in store.identities()? {
        for network in &ethereum {
            for account in store.accounts(identity.id, Some(*network))? {
                if account.public_key.ethereum_address().as_ref() == Some(address) {
                    found.push((identity.clone(), account));
                }
            }
        }
    }
    Ok(found)
}
