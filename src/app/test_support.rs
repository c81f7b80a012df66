//! Fixtures the controllers' unit tests share: a temporary store with cheap sealing, and the
//! development phrase recovered as "Dev" on Westend (its first account at `//westend`).

use crate::app::onboarding::{add_phrase_identity, FirstAccount, PhraseIdentity};
use crate::db::{IdentityId, IdentitySecret, KdfParams, Pin, Store, StoreOptions};
use crate::keys::{Password, Phrase};

pub const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// A temporary store whose sealing is fast (these tests are not about KDF cost).
pub fn store() -> Store {
    Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap()
}

/// The development phrase as identity "Dev" on Westend (PIN 123456), and its secret.
pub fn dev_on_westend() -> (Store, IdentityId, IdentitySecret) {
    let store = store();
    let network = store.network_by_name("westend").unwrap().unwrap().genesis_hash;
    let phrase = Phrase::parse(DEV).unwrap();
    let new = PhraseIdentity {
        name: "Dev",
        phrase: &phrase,
        password: &Password::empty(),
        network,
        first_account: FirstAccount::NetworkPath,
    };
    let (id, _) = add_phrase_identity(&store, new, &Pin::new("123456").unwrap()).unwrap();
    (store, id, IdentitySecret::Phrase { phrase, password: Password::empty() })
}
