//! What "Can't find your account?" holds between its screens (whose phrase is searched, the
//! search under way, what it found) and the words that report a search.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::app::find_address::{FoundAt, Wanted, NEXT_STEPS};
use crate::app::text::thousands;
use crate::db::{IdentityId, Network};
use crate::keys::bip32::search::Bip32Kind;
use crate::keys::search::Progress;
use crate::keys::PublicKey;

/// Whose phrase is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// A stored identity's, unlocked with its PIN.
    Identity(IdentityId),
    /// The phrase on the recover screen, not saved yet, by its sr25519 root (public): a hit
    /// is kept only while "Next" takes that same phrase and BIP39 password.
    Phrase { root: PublicKey },
}

/// What a search found, waiting for "Add this account".
#[derive(Debug, Clone)]
pub struct Hit {
    pub found: FoundAt,
    /// The network it most likely belongs to; `None`: the user picks one.
    pub network: Option<Network>,
    /// The address searched for.
    pub target: Wanted,
}

#[derive(Default)]
pub struct Finding {
    pub whose: Option<Whose>,
    /// The search under way; its cancel switch is set on every way out.
    pub running: Option<Arc<Progress>>,
    pub hit: Option<Hit>,
}

impl Finding {
    /// Stops the search under way (its worker sees the switch and returns early) and
    /// forgets what was found.
    pub fn forget(&mut self) {
        if let Some(progress) = self.running.take() {
            progress.cancel.store(true, Ordering::Relaxed);
        }
        self.whose = None;
        self.hit = None;
    }

    /// Whether `progress` is the search on screen: a search the user left or replaced is not.
    pub fn is_current(&self, progress: &Arc<Progress>) -> bool {
        self.running.as_ref().is_some_and(|running| Arc::ptr_eq(running, progress))
    }

    pub fn is_for_phrase(&self) -> bool {
        matches!(self.whose, Some(Whose::Phrase { .. }))
    }

    /// Recovering, at "Next": a hit in another phrase (the user went back and changed it,
    /// or its BIP39 password) is forgotten.
    pub fn keep_only_for_phrase(&mut self, root: Option<&PublicKey>) {
        if let Some(Whose::Phrase { root: searched }) = &self.whose {
            if Some(searched) != root {
                self.forget();
            }
        }
    }

    /// Recovering, as the identity is saved: the hit to add to it.
    pub fn take_phrase_hit(&mut self) -> Option<Hit> {
        if self.is_for_phrase() {
            self.hit.take()
        } else {
            None
        }
    }
}

impl Drop for Finding {
    fn drop(&mut self) {
        self.forget();
    }
}

/// The search form as it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindForm {
    pub whose: Whose,
    pub intro: String,
    /// Why no search can start here (a restored key, a phrase already stored); `None`: it can.
    pub refused: Option<String>,
    /// The button under a hit.
    pub add_text: &'static str,
}

/// The form for identity `id`'s phrase (its PIN comes with the search); `None` if it is gone.
pub fn form_for_identity(store: &crate::db::Store, id: IdentityId) -> Option<FindForm> {
    let identity = store.identity(id).ok().flatten()?;
    let intro = format!("Paste the address you expect. Every key type is tried at the root and the usual paths of the phrase of \"{}\", then a Ledger's accounts; a 0x address among MetaMask's (its PIN first).", identity.name);
    let refused = (identity.kind == crate::db::IdentityKind::ImportedKey)
        .then(|| crate::app::text::sentence(&crate::app::find_address::FindError::NotAPhrase.to_string()));
    Some(FindForm { whose: Whose::Identity(id), intro, refused, add_text: "Add this account" })
}

/// The form for the phrase on the recover screen (known by its root), before it is saved.
pub fn form_for_phrase(store: &crate::db::Store, root: PublicKey) -> FindForm {
    let refused =
        store.identity_by_root(&root).ok().flatten().map(|existing| {
            format!("This phrase is already the identity \"{}\": search it from there.", existing.name)
        });
    FindForm {
        whose: Whose::Phrase { root },
        intro: "Paste the address you expect. Every key type is tried at the root and the usual paths of the phrase you typed (with its BIP39 password, if any), then a Ledger's accounts; a 0x address among MetaMask's. Nothing is saved yet.".to_owned(),
        refused,
        add_text: "Continue with this account",
    }
}

/// What a hit is, said under it: its network, and when it is added.
pub fn found_detail(whose: Option<Whose>, network: Option<&Network>) -> String {
    let recovering = matches!(whose, Some(Whose::Phrase { .. }));
    match (network, recovering) {
        (Some(network), false) => format!("A {} account.", network.name),
        (None, false) => "Its address names no network here: you pick one next.".to_owned(),
        (Some(network), true) => format!("A {} account. It is added when the identity is saved.", network.name),
        (None, true) => "It is added when the identity is saved, on the network you pick.".to_owned(),
    }
}

pub fn progress_text(tried: u64, total: u64) -> String {
    format!("Searched {} of {}…", thousands(tried.min(total)), thousands(total))
}

pub fn found_text(found: &FoundAt) -> String {
    match found {
        FoundAt::Substrate(found) => match found.path.as_str() {
            "" => format!("Found: {} key at the root (no derivation)", found.scheme),
            path => format!("Found: {} key at {path}", found.scheme),
        },
        FoundAt::OtherWallet(other) => match other.kind {
            Bip32Kind::Ethereum => format!("Found: an Ethereum account (as MetaMask makes it) at {}", other.path),
            Bip32Kind::Ledger => format!("Found: a Ledger's account at {}", other.path),
        },
    }
}

/// The name a found account is added under.
pub fn found_name(found: &FoundAt) -> String {
    match found.path().as_str() {
        "" => "Found root".to_owned(),
        path => format!("Found {path}"),
    }
}

pub fn missed_text(tried: u64) -> String {
    format!("Not found in {} candidates.", thousands(tried))
}

pub fn next_steps() -> String {
    format!("What to try: {NEXT_STEPS}.")
}

pub fn cancelled_text(tried: u64) -> String {
    format!("Search cancelled after {} candidates.", thousands(tried))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_not_stored_yet_can_be_searched_and_continues_to_the_pin() {
        let store = crate::app::test_support::store();
        let form = form_for_phrase(&store, PublicKey::Sr25519([7; 32]));
        assert_eq!((form.refused, form.add_text), (None, "Continue with this account"));
        assert!(form.intro.contains("Nothing is saved yet"));
        assert_eq!(form_for_identity(&store, IdentityId(99)), None, "an identity that is gone");
    }

    #[test]
    fn progress_is_grouped_by_thousands() {
        assert_eq!(progress_text(4_200, 11_612), "Searched 4,200 of 11,612…");
    }
}
