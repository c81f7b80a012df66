//! What the account screen shows: public data only, readable without a PIN.

use crate::db::{Account, AccountKey, Derivation, Store, StoreError};
use crate::keys::{ss58, Ss58Prefix};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCard {
    pub key: AccountKey,
    pub name: String,
    pub network: String,
    pub path: String,
    pub has_password: bool,
    pub address: String,
    /// What the identicon is drawn from.
    pub account_id: [u8; 32],
    /// `substrate:<address>:<genesis hash>`, the form polkadot-js apps scans.
    pub qr_payload: String,
    /// Its key has gone into a backup file.
    pub exported: bool,
}

impl AccountCard {
    pub fn load(store: &Store, key: AccountKey) -> Result<Option<AccountCard>, StoreError> {
        let Some(account) = store.account(key)? else { return Ok(None) };
        let Some(network) = store.network(key.network)? else {
            return Err(StoreError::Corrupt(format!("an account is on an unknown network {}", key.network.to_hex())));
        };
        let account_id = account.public_key.account_id();
        let address = address_of(&account, network.ss58_prefix);
        Ok(Some(AccountCard {
            key,
            qr_payload: format!("substrate:{address}:{}", network.genesis_hash.to_hex()),
            exported: account.exported_ms.is_some(),
            name: account.name,
            network: network.name,
            path: account.path,
            has_password: account.has_password,
            address,
            account_id: *account_id.as_bytes(),
        }))
    }
}

/// An account's address: EIP-55 for an Ethereum (BIP44 secp256k1) account, whose account is
/// its H160; SS58 under `prefix` for every other.
pub fn address_of(account: &Account, prefix: Ss58Prefix) -> String {
    match (account.derivation, account.public_key.ethereum_address()) {
        (Derivation::Bip44Secp256k1, Some(address)) => address.to_string(),
        _ => ss58::encode(prefix, &account.public_key.account_id()),
    }
}
