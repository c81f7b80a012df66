//! What the identity screens show, read from the store: the list, an identity's home (its
//! accounts by network), Manage identity (with its history). Slint-free, so the wording and
//! grouping are tested without a window; the adapters only copy these into properties.

use crate::app::text::{count_of, sentence};
use crate::db::history::utc_minute;
use crate::db::{AccountKey, IdentityId, IdentityKind, Store};

/// One identity of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityRow {
    pub id: IdentityId,
    pub name: String,
    /// "1 account", "3 accounts".
    pub detail: String,
}

/// Every identity, in store order.
pub fn identity_list(store: &Store) -> Vec<IdentityRow> {
    let identities = store.identities().unwrap_or_default();
    identities
        .into_iter()
        .map(|identity| {
            let accounts = store.accounts(identity.id, None).map(|a| a.len()).unwrap_or(0);
            IdentityRow { id: identity.id, name: identity.name, detail: count_of(accounts, "account", "accounts") }
        })
        .collect()
}

/// The identity in row `index` of the list.
pub fn identity_at(store: &Store, index: i32) -> Option<IdentityId> {
    store.identities().ok()?.get(usize::try_from(index).ok()?).map(|identity| identity.id)
}

/// What opening the store mended, for the identity list the app opens on.
pub fn mended_notice(store: &Store) -> String {
    let mut lines: Vec<String> =
        store.repairs().iter().map(|repair| format!("The store was mended: {repair}.")).collect();
    if let Some(kept) = store.kept_damaged() {
        lines.push(format!("Its files as they were found are kept in {}.", kept.display()));
    }
    lines.join("\n")
}

/// An identity's name; empty if it is gone.
pub fn identity_name(store: &Store, id: IdentityId) -> String {
    store.identity(id).ok().flatten().map(|identity| identity.name).unwrap_or_default()
}

/// A row of an identity's home: a network heading, or an account under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeRow {
    pub header: bool,
    pub title: String,
    /// Path (or "no derivation"), a password mark, and the address shortened.
    pub detail: String,
    pub exported: bool,
    /// `None` for a heading.
    pub account: Option<AccountKey>,
}

/// An identity's home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeView {
    pub name: String,
    /// Said under the name: what a restored key cannot do.
    pub note: &'static str,
    pub has_phrase: bool,
    pub rows: Vec<HomeRow>,
}

/// What a restored key's home says, and "Add account" says before any PIN.
pub const CANNOT_DERIVE: &str = "This identity holds one key restored from a backup file: it cannot derive new accounts. To add accounts, recover its seed phrase as another identity (\"+ Add Identity\" → \"Recover existing identity\").";

/// Whether `id` can derive new accounts (a phrase identity; a restored key cannot).
pub fn can_derive(store: &Store, id: IdentityId) -> bool {
    store.identity(id).ok().flatten().is_some_and(|identity| identity.kind == IdentityKind::Phrase)
}

/// `id`'s accounts grouped by network, in catalogue order; `None` if it is gone.
pub fn home(store: &Store, id: IdentityId) -> Option<HomeView> {
    let identity = store.identity(id).ok().flatten()?;
    let mut rows = Vec::new();
    for network in store.networks().unwrap_or_default() {
        let accounts = store.accounts(id, Some(network.genesis_hash)).unwrap_or_default();
        if accounts.is_empty() {
            continue;
        }
        rows.push(HomeRow {
            header: true,
            title: network.name.clone(),
            detail: String::new(),
            exported: false,
            account: None,
        });
        for account in accounts {
            let address = crate::app::account_card::address_on(&network, &account.public_key);
            let path = if account.path.is_empty() { "no derivation" } else { account.path.as_str() };
            let lock = if account.has_password { " · password" } else { "" };
            let short = format!("{path}{lock} · {}…{}", &address[..4], &address[address.len() - 4..]);
            rows.push(HomeRow {
                header: false,
                title: account.name.clone(),
                detail: short,
                exported: account.exported_ms.is_some(),
                account: Some(account.key),
            });
        }
    }
    let has_phrase = identity.kind == IdentityKind::Phrase;
    Some(HomeView { name: identity.name, note: if has_phrase { "" } else { CANNOT_DERIVE }, has_phrase, rows })
}

/// Manage identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManageView {
    pub name: String,
    pub has_phrase: bool,
    /// Newest first: "2026-12-01 17:48 · account derived · …".
    pub history: Vec<String>,
}

/// Manage identity for `id`, with its history by id (a rename keeps it); `None` if it is gone.
pub fn manage(store: &Store, id: IdentityId) -> Option<ManageView> {
    let identity = store.identity(id).ok().flatten()?;
    let history = store
        .history_of(id)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|event| {
            let detail = if event.detail.is_empty() { String::new() } else { format!(" · {}", event.detail) };
            format!("{} · {}{detail}", utc_minute(event.time_ms), event.kind.label())
        })
        .collect();
    Some(ManageView { name: identity.name, has_phrase: identity.kind == IdentityKind::Phrase, history })
}

/// What "Delete identity" warns before the PIN.
pub fn delete_warning(store: &Store, id: IdentityId) -> String {
    let accounts = store.accounts(id, None).map(|a| a.len()).unwrap_or(0);
    format!(
        "This removes the identity and its {} from this device. Unless you have its seed phrase written down, they are lost for good.",
        count_of(accounts, "account", "accounts")
    )
}

/// "Rename", and what the screen says after it.
pub fn rename(store: &Store, id: IdentityId, new_name: &str) -> String {
    match store.rename_identity(id, new_name) {
        Ok(()) => "Renamed.".to_owned(),
        Err(error) => sentence(&error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::dev_on_westend;

    /// polkadot-js: the development phrase at `//westend`, prefix 42.
    const DEV_WESTEND: &str = "5DVJWniDyUja5xnG4t5i3Rrd2Gguf1fzxPYfgZBbKcvFqk4N";

    #[test]
    fn the_home_groups_accounts_under_their_network_with_a_short_address() {
        let (store, id, _) = dev_on_westend();
        let home = home(&store, id).unwrap();
        let rows: Vec<(bool, &str, &str)> =
            home.rows.iter().map(|row| (row.header, row.title.as_str(), row.detail.as_str())).collect();
        let short = format!("//westend · {}…{}", &DEV_WESTEND[..4], &DEV_WESTEND[DEV_WESTEND.len() - 4..]);
        assert_eq!(rows, [(true, "Westend", ""), (false, "Westend", short.as_str())]);
        assert_eq!((home.note, home.has_phrase), ("", true));
    }

    #[test]
    fn the_list_counts_accounts_and_manage_keeps_history_through_a_rename() {
        let (store, id, _) = dev_on_westend();
        assert_eq!(identity_list(&store), [IdentityRow { id, name: "Dev".into(), detail: "1 account".into() }]);
        assert_eq!(identity_at(&store, 0), Some(id));
        assert_eq!(identity_at(&store, 1), None);
        assert_eq!(rename(&store, id, "Daily"), "Renamed.");
        let manage = manage(&store, id).unwrap();
        assert_eq!(manage.name, "Daily");
        assert!(
            manage.history.last().unwrap().ends_with("identity added · from a seed phrase"),
            "{:?}",
            manage.history
        );
        assert!(delete_warning(&store, id).contains("its 1 account from this device"));
    }
}
