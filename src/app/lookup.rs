//! Finding accounts by what a person types: an address.

use crate::db::{Account, Identity, Store, StoreError};
use crate::keys::AccountId;

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
