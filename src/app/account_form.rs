//! The add-account form: which networks it offers and which it starts on (the identity's
//! own), the path it fills in for the network chosen (replaced when the network changes,
//! unless the user typed their own), and what it says while the user types.

use crate::app::accounts;
use crate::app::text::sentence;
use crate::db::{IdentityId, IdentitySecret, Network, Store};
use crate::keys::Password;

/// The form's networks and the path it filled in last.
#[derive(Debug, Clone, Default)]
pub struct AccountForm {
    pub networks: Vec<Network>,
    filled_path: String,
}

/// What the form shows after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormView {
    /// A path to put in the field (the network changed and the user had not typed one).
    pub new_path: Option<String>,
    pub preview: String,
    /// Why "Add" is off, or what is wrong with the path; empty when it can add.
    pub problem: String,
    /// The problem is only what is still missing (a name), not a mistake.
    pub problem_is_hint: bool,
    pub can_add: bool,
}

impl AccountForm {
    /// The form for identity `id`: every network, starting on the one of its first account.
    /// Returns the form, the network to select and the path to fill in.
    pub fn open(store: &Store, id: IdentityId) -> (AccountForm, usize, String) {
        let networks = store.networks().unwrap_or_default();
        let first = store.accounts(id, None).ok().and_then(|accounts| accounts.first().map(|a| a.key.network));
        let index = first.and_then(|hash| networks.iter().position(|n| n.genesis_hash == hash)).unwrap_or(0);
        let filled_path = networks.get(index).map(default_path).unwrap_or_default();
        (AccountForm { networks, filled_path: filled_path.clone() }, index, filled_path)
    }

    /// After any edit: the path for a newly chosen network, the address it would have, and
    /// whether "Add" may be pressed (and why not).
    pub fn edited(
        &mut self,
        secret: &IdentitySecret,
        index: usize,
        typed_path: &str,
        password: &Password,
        name: &str,
    ) -> FormView {
        let Some(network) = self.networks.get(index).cloned() else {
            return FormView {
                new_path: None,
                preview: String::new(),
                problem: String::new(),
                problem_is_hint: false,
                can_add: false,
            };
        };
        let default = default_path(&network);
        let new_path = (typed_path == self.filled_path && default != self.filled_path).then(|| default.clone());
        if new_path.is_some() {
            self.filled_path = default;
        }
        let path = new_path.as_deref().unwrap_or(typed_path);
        match accounts::preview(secret, &network, path, password) {
            Ok(preview) => {
                let named = !name.trim().is_empty();
                let problem = if named { String::new() } else { "Give the account a name to add it.".to_owned() };
                FormView { new_path, preview: preview.address, problem, problem_is_hint: !named, can_add: named }
            }
            Err(error) => FormView {
                new_path,
                preview: String::new(),
                problem: sentence(&error.to_string()),
                problem_is_hint: false,
                can_add: false,
            },
        }
    }
}

/// The path the form fills in for `network`: its first account after the `//<path id>` one,
/// or after MetaMask's first on an Ethereum network.
fn default_path(network: &Network) -> String {
    match network.substrate_path_id() {
        Some(path_id) => format!("//{path_id}//1"),
        None => "m/44'/60'/0'/0/1".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::{dev_on_westend as westend_identity, DEV};
    use crate::keys::{inspect, Scheme, Ss58Prefix};

    #[test]
    fn the_form_starts_on_the_identitys_network_and_says_why_add_is_off() {
        let (store, id, secret) = westend_identity();
        let (mut form, index, path) = AccountForm::open(&store, id);
        assert_eq!((form.networks[index].name.as_str(), path.as_str()), ("Westend", "//westend//1"));
        let view = form.edited(&secret, index, &path, &Password::empty(), "");
        let expected = inspect(&format!("{DEV}//westend//1"), Scheme::Sr25519, Ss58Prefix::SUBSTRATE).unwrap();
        assert_eq!(view.preview, expected.address);
        assert_eq!((view.problem.as_str(), view.can_add), ("Give the account a name to add it.", false));
        assert!(view.problem_is_hint, "a missing name is a hint, not a mistake");
        assert!(form.edited(&secret, index, &path, &Password::empty(), "Spending").can_add);
    }

    #[test]
    fn another_network_replaces_the_filled_path_but_never_a_typed_one() {
        let (store, id, secret) = westend_identity();
        let (mut form, westend, path) = AccountForm::open(&store, id);
        let kusama = form.networks.iter().position(|n| n.name == "Kusama").unwrap();
        let view = form.edited(&secret, kusama, &path, &Password::empty(), "k");
        assert_eq!(view.new_path.as_deref(), Some("//kusama//1"));
        let view = form.edited(&secret, westend, "//mine", &Password::empty(), "k");
        assert_eq!(view.new_path, None, "the user's own path stays");
        assert!(view.can_add);
    }
}
