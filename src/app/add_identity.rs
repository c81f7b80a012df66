//! What "+ Add Identity" holds between its screens (name → create or recover → PIN →
//! network), the restore flow that borrows its PIN and network screens, and what the
//! network picker is open for. Every secret in it is wiped on drop.

use crate::app::backup::restoring::Restoring;
use crate::app::backup_check::BackupCheck;
use crate::app::pin_setup::PinSetup;
use crate::db::{Network, Pin, Store};
use crate::keys::{Password, Phrase, PublicKey};

/// What the add-identity flow has collected so far.
#[derive(Default)]
pub struct Flow {
    pub phrase: Option<Phrase>,
    /// A new phrase (create) rather than a recovered one.
    pub created: bool,
    pub backup: Option<BackupCheck>,
    pub password: Password,
    pub pin_setup: PinSetup,
    pub pin: Option<Pin>,
    pub networks: Vec<Network>,
    /// "Restore from backup JSON file": the PIN and network screens serve it instead.
    pub restoring: Option<Restoring>,
    /// What the network picker is open for.
    pub network_for: NetworkFor,
}

/// What the network picker is open for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFor {
    /// The new identity's first account (with the derivation choice).
    #[default]
    NewIdentity,
    /// A backup whose file names no known network.
    Restore,
    /// An address "Can't find your account?" found, whose prefix names no network.
    Found,
}

impl Flow {
    /// Opens the network step for `network_for`: the catalogue as it is now, to pick from.
    pub fn open_networks(&mut self, store: &Store, network_for: NetworkFor) -> &[Network] {
        self.network_for = network_for;
        self.networks = store.networks().unwrap_or_default();
        &self.networks
    }
}

/// Why the typed identity name cannot be used (empty, or taken), if it cannot.
pub fn name_problem(store: &Store, typed: &str) -> Option<String> {
    let name = typed.trim();
    if name.is_empty() {
        return Some("Give the identity a name.".to_owned());
    }
    match store.identity_by_name(name) {
        Ok(Some(existing)) => Some(format!("There is already an identity named \"{}\".", existing.name)),
        Ok(None) => None,
        Err(error) => Some(crate::app::text::sentence(&error.to_string())),
    }
}

/// Why a recovered phrase (its sr25519 root) need not be added again, if it is stored.
pub fn already_stored(store: &Store, root: &PublicKey) -> Option<String> {
    match store.identity_by_root(root) {
        Ok(Some(existing)) => Some(format!("This phrase is already the identity \"{}\".", existing.name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::find_address::phrase_root;
    use crate::app::test_support::{dev_on_westend, DEV};

    #[test]
    fn a_name_must_be_given_and_free() {
        let (store, _, _) = dev_on_westend();
        assert_eq!(name_problem(&store, "  ").as_deref(), Some("Give the identity a name."));
        assert_eq!(name_problem(&store, " Dev ").as_deref(), Some("There is already an identity named \"Dev\"."));
        assert_eq!(name_problem(&store, "Savings"), None);
    }

    #[test]
    fn a_stored_phrase_is_named_and_the_same_words_with_a_password_are_not_it() {
        let (store, _, _) = dev_on_westend();
        let phrase = Phrase::parse(DEV).unwrap();
        let root = phrase_root(&phrase, &Password::empty()).unwrap();
        assert_eq!(already_stored(&store, &root).as_deref(), Some("This phrase is already the identity \"Dev\"."));
        let other = phrase_root(&phrase, &Password::new("25th word")).unwrap();
        assert_eq!(already_stored(&store, &other), None);
    }

    #[test]
    fn the_network_step_lists_the_catalogue_for_what_it_is_open_for() {
        let (store, _, _) = dev_on_westend();
        let mut flow = Flow::default();
        let count = flow.open_networks(&store, NetworkFor::Restore).len();
        assert_eq!(count, store.networks().unwrap().len());
        assert_eq!(flow.network_for, NetworkFor::Restore);
    }
}
