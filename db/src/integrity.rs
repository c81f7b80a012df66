//! A read-only check that the trees agree with each other: every index entry points at
//! a record, every identity has its secret and index entries, every account an identity
//! and a network. Used after crashes in tests, and available to a repair screen later.

use crate::error::StoreError;
use crate::schema::{self, AccountKey, IdentityId};
use crate::store::Store;

impl Store {
    /// Every inconsistency found, described; empty when the store is whole.
    pub fn check_integrity(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let trees = &self.trees;
        for identity in self.identities()? {
            let key = identity.id.key();
            if self.copies.read(identity.id).best().is_none() {
                problems.push(format!("identity {} has no readable sealed copy", identity.id.0));
            }
            let name_entry = trees.identity_index.get(schema::name_index_key(&identity.name))?;
            if name_entry.as_deref() != Some(&key[..]) {
                problems.push(format!("identity {}'s name is not indexed", identity.id.0));
            }
            let root_entry = trees.identity_index.get(schema::root_index_key(identity.root_public.as_bytes()))?;
            if root_entry.as_deref() != Some(&key[..]) {
                problems.push(format!("identity {}'s root key is not indexed", identity.id.0));
            }
        }
        for entry in trees.identity_index.iter() {
            let (index_key, id) = entry?;
            if !trees.identities.contains_key(&id)? {
                problems.push(format!("index entry {:?} points at no identity", String::from_utf8_lossy(&index_key)));
            }
        }
        for id in self.copies.ids()? {
            if !trees.identities.contains_key(id.key())? {
                problems.push(format!("a sealed copy belongs to no identity ({})", id.0));
            }
        }
        if !trees.secrets.is_empty() {
            problems.push("sealed secrets are still in the database (schema 1)".to_owned());
        }
        let mut indexed_accounts = 0usize;
        for entry in trees.account_paths.iter() {
            let (path_key, account_key) = entry?;
            indexed_accounts += 1;
            if !trees.accounts.contains_key(&account_key)? || path_key.get(..40) != account_key.get(..40) {
                problems.push(format!("path index entry {} points at no account", hex::encode(&path_key)));
            }
        }
        let mut accounts = 0usize;
        for entry in trees.accounts.iter().keys() {
            let key = entry?;
            accounts += 1;
            let Some(account) = AccountKey::from_bytes(&key) else {
                problems.push(format!("account key {} is malformed", hex::encode(&key)));
                continue;
            };
            if !trees.identities.contains_key(IdentityId::key(account.identity))? {
                problems.push(format!("an account belongs to no identity ({})", account.identity.0));
            }
            if !trees.networks.contains_key(account.network.0)? {
                problems.push(format!("an account is on an unknown network ({})", account.network.to_hex()));
            }
        }
        if accounts != indexed_accounts {
            problems.push(format!("{accounts} accounts but {indexed_accounts} path index entries"));
        }
        Ok(problems)
    }
}
