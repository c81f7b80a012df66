//! What the account screen shows: public data only, readable without a PIN.

use crate::db::{AccountKey, Network, NetworkScheme, Store, StoreError};
use crate::keys::{ss58, PublicKey};

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
    /// What its QR code holds (see [`qr_payload`]).
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
        let address = address_on(&network, &account.public_key);
        Ok(Some(AccountCard {
            key,
            qr_payload: qr_payload(&network, &address),
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

/// An account's address on its network: EIP-55 on an Ethereum network (the account is the
/// H160 of its secp256k1 key), SS58 under the network's prefix on every other.
pub fn address_on(network: &Network, public_key: &PublicKey) -> String {
    match (network.scheme, public_key.ethereum_address()) {
        (NetworkScheme::Ethereum { .. }, Some(address)) => address.to_string(),
        _ => ss58::encode(network.ss58_prefix, &public_key.account_id()),
    }
}

/// The text of an account's QR code: `substrate:<address>:<genesis hash>`, the form
/// polkadot-js apps and Polkadot Vault scan; on an Ethereum network EIP-681's
/// `ethereum:<address>@<chain id>`, the form MetaMask scans.
pub fn qr_payload(network: &Network, address: &str) -> String {
    match network.scheme {
        NetworkScheme::Ethereum { chain_id } => format!("ethereum:{address}@{chain_id}"),
        NetworkScheme::Substrate(_) => format!("substrate:{address}:{}", network.genesis_hash.to_hex()),
    }
}
