//! Reading and changing the network catalogue.

use crate::error::StoreError;
use crate::history::EventKind;
use crate::networks::{Network, NetworkError, NewNetwork};
use crate::schema::{self, GenesisHash, NetworkRecord};
use crate::store::{decode, encode, Store, TxResult};

impl Store {
    /// Every network, built-in ones first, then by name.
    pub fn networks(&self) -> Result<Vec<Network>, StoreError> {
        let mut networks = self
            .trees
            .networks
            .iter()
            .map(|entry| {
                let (key, value) = entry?;
                network_from(&key, &value)
            })
            .collect::<Result<Vec<_>, _>>()?;
        networks
            .sort_by(|a, b| b.builtin.cmp(&a.builtin).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
        Ok(networks)
    }

    pub fn network(&self, genesis_hash: GenesisHash) -> Result<Option<Network>, StoreError> {
        self.trees.networks.get(genesis_hash.0)?.map(|value| network_from(&genesis_hash.0, &value)).transpose()
    }

    /// The network with this name or path id, ignoring case.
    pub fn network_by_name(&self, name: &str) -> Result<Option<Network>, StoreError> {
        let wanted = name.trim().to_lowercase();
        Ok(self.networks()?.into_iter().find(|n| n.name.to_lowercase() == wanted || n.path_id == wanted))
    }

    /// Checks a user's network and adds it to the catalogue.
    pub fn add_network(&self, new: NewNetwork) -> Result<Network, NetworkError> {
        let network = new.validate()?;
        // Held from the uniqueness checks to the commit, so two adds cannot both pass them.
        let _writer = self.writer();
        for existing in self.networks()? {
            if existing.genesis_hash == network.genesis_hash {
                return Err(NetworkError::DuplicateGenesisHash { existing: existing.name });
            }
            if existing.name.to_lowercase() == network.name.to_lowercase() {
                return Err(NetworkError::DuplicateName { existing: existing.name });
            }
            if existing.path_id == network.path_id {
                return Err(NetworkError::DuplicatePathId { path_id: network.path_id, existing: existing.name });
            }
        }
        let now = self.now_ms();
        let registry = network.registry_name().map(|name| format!(", SS58 registry: {name}")).unwrap_or_default();
        let detail = format!("{} (prefix {}{registry})", network.name, network.ss58_prefix);
        self.transaction(|tx| -> TxResult<(), NetworkError> {
            tx.networks().insert(&network.genesis_hash.0, encode(&network.to_record()))?;
            tx.log(now, EventKind::NetworkAdded, None, detail.clone())?;
            Ok(())
        })?;
        self.flush()?;
        Ok(network)
    }

    /// Removes a user-added network that no account uses.
    pub fn remove_network(&self, genesis_hash: GenesisHash) -> Result<(), NetworkError> {
        let _writer = self.writer();
        let network = self.network(genesis_hash)?.ok_or(NetworkError::UnknownNetwork)?;
        if network.builtin {
            return Err(NetworkError::Builtin { name: network.name });
        }
        let accounts = self.accounts_on_network(genesis_hash)?;
        if accounts > 0 {
            return Err(NetworkError::HasAccounts { name: network.name, accounts });
        }
        let now = self.now_ms();
        self.transaction(|tx| {
            tx.networks().remove(&genesis_hash.0)?;
            tx.log(now, EventKind::NetworkRemoved, None, network.name.clone())?;
            Ok::<_, sled::transaction::ConflictableTransactionError<NetworkError>>(())
        })?;
        Ok(self.flush()?)
    }

    fn accounts_on_network(&self, genesis_hash: GenesisHash) -> Result<usize, StoreError> {
        let mut count = 0;
        for key in self.trees.accounts.iter().keys() {
            if key?.get(8..40) == Some(&genesis_hash.0[..]) {
                count += 1;
            }
        }
        Ok(count)
    }
}

fn network_from(key: &[u8], value: &[u8]) -> Result<Network, StoreError> {
    let genesis: [u8; 32] =
        key.try_into().map_err(|_| crate::error::corrupt(schema::NETWORKS, key, "key is not a genesis hash"))?;
    let record: NetworkRecord = decode(schema::NETWORKS, key, value)?;
    Network::from_record(GenesisHash(genesis), record)
}
