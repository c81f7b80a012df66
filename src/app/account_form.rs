//! The add-account form: which networks it offers and which it starts on (the identity's
//! own), the path it fills in for the network chosen (replaced when the network changes,
//! unless the user typed their own), and what it says while the user types.

use crate::app::accounts;
use crate::app::onboarding::{ethereum_path, ledger_path};
use crate::app::text::sentence;
use crate::db::{Derivation, GenesisHash, IdentityId, IdentitySecret, Network, Store};
use crate::keys::Password;

/// The form's networks and the path it filled in last.
#[derive(Debug, Clone, Default)]
pub struct AccountForm {
    pub networks: Vec<Network>,
    filled_path: String,
    /// The identity's accounts (network, path, kind): the next path proposed is a free one
    /// of the kind already there.
    taken: Vec<(GenesisHash, String, Derivation)>,
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
        let accounts = store.accounts(id, None).unwrap_or_default();
        let first = accounts.first().map(|a| a.key.network);
        let index = first.and_then(|hash| networks.iter().position(|n| n.genesis_hash == hash)).unwrap_or(0);
        let taken = accounts.into_iter().map(|a| (a.key.network, a.path, a.derivation)).collect();
        let mut form = AccountForm { networks, filled_path: String::new(), taken };
        form.filled_path = form.networks.get(index).map(|network| form.default_path(network)).unwrap_or_default();
        let filled_path = form.filled_path.clone();
        (form, index, filled_path)
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
        let default = self.default_path(&network);
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

impl AccountForm {
    /// The path the form fills in for `network`: on an Ethereum network the first free
    /// MetaMask index; where the identity has a Ledger's accounts, the Ledger's first free
    /// index; else the first account after the `//<path id>` one.
    fn default_path(&self, network: &Network) -> String {
        let here = |derivation| {
            self.taken.iter().filter(move |(on, _, kind)| *on == network.genesis_hash && *kind == derivation)
        };
        let first_free = |derivation, path_at: &dyn Fn(u32) -> String| {
            (0..u32::MAX).map(path_at).find(|path| !here(derivation).any(|(_, taken, _)| taken == path))
        };
        let free = match network.substrate_path_id() {
            None => first_free(Derivation::Bip44Secp256k1, &ethereum_path),
            Some(_) if here(Derivation::LedgerBip32Ed25519).next().is_some() => {
                first_free(Derivation::LedgerBip32Ed25519, &|i| ledger_path(network, 0, i))
            }
            Some(path_id) => Some(format!("//{path_id}//1")),
        };
        free.unwrap_or_default()
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

    #[test]
    fn a_ledger_identity_is_offered_its_next_ledger_index_and_moonbeam_its_first_metamask_one() {
        use crate::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
        let store = crate::app::test_support::store();
        let kusama = store.network_by_name("kusama").unwrap().unwrap();
        let phrase = crate::keys::Phrase::parse(DEV).unwrap();
        let new = PhraseIdentity {
            name: "Nano",
            phrase: &phrase,
            password: &Password::empty(),
            network: kusama.genesis_hash,
            first_account: FirstAccount::Ledger,
        };
        let (id, _) = add_phrase_identity(&store, new, &crate::db::Pin::new("123456").unwrap()).unwrap();
        let secret = IdentitySecret::Phrase { phrase, password: Password::empty() };
        let (mut form, index, path) = AccountForm::open(&store, id);
        assert_eq!((form.networks[index].name.as_str(), path.as_str()), ("Kusama", "m/44'/434'/0'/0'/1'"));
        let moonbeam = form.networks.iter().position(|n| n.name == "Moonbeam").unwrap();
        let view = form.edited(&secret, moonbeam, &path, &Password::empty(), "");
        assert_eq!(view.new_path.as_deref(), Some("m/44'/60'/0'/0/0"));
        assert!(view.preview.starts_with("0x"), "{}", view.preview);
    }
}
