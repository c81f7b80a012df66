//! An identity's history by id: through renames, never a namesake's, and old records
//! (written before ids were stored) placed by name.

use axia_signer_keys::{Password, Phrase, PhraseLength, PublicKey};

use crate::{EventKind, IdentityId, IdentitySecret, KdfParams, NewIdentity, Pin, Store, StoreOptions};

fn store() -> Store {
    Store::temporary(StoreOptions { kdf: KdfParams::FAST_INSECURE, ..StoreOptions::default() }).unwrap()
}

fn pin() -> Pin {
    Pin::new("123456").unwrap()
}

/// A new identity; `key` makes its root public key unique.
fn add(store: &Store, name: &str, key: u8) -> IdentityId {
    let secret =
        IdentitySecret::Phrase { phrase: Phrase::generate(PhraseLength::Words12), password: Password::empty() };
    let new = NewIdentity { name, secret: &secret, root_public: PublicKey::Sr25519([key; 32]), accounts: vec![] };
    store.add_identity(new, &pin()).unwrap().0
}

fn show_phrase(store: &Store, id: IdentityId) {
    store.record_event(EventKind::PhraseShown, Some(id), "").unwrap();
}

/// Each event's kind and the name it was written under.
fn seen(store: &Store, id: IdentityId) -> Vec<(EventKind, String)> {
    let events = store.history_of(id).unwrap();
    events.into_iter().map(|event| (event.kind, event.identity.unwrap_or_default())).collect()
}

fn event(kind: EventKind, name: &str) -> (EventKind, String) {
    (kind, name.to_owned())
}

/// Rewrites every record in the log as versions before ids wrote it: without `identity_id`.
fn as_written_before_ids(store: &Store) {
    for entry in store.trees.history.iter() {
        let (key, value) = entry.unwrap();
        let mut record: serde_json::Value = serde_json::from_slice(&value).unwrap();
        record.as_object_mut().unwrap().remove("identity_id");
        store.trees.history.insert(key, serde_json::to_vec(&record).unwrap()).unwrap();
    }
}

#[test]
fn a_renamed_identity_keeps_its_earlier_events() {
    let store = store();
    let alice = add(&store, "Alice", 1);
    show_phrase(&store, alice);
    store.rename_identity(alice, "Bob").unwrap();
    show_phrase(&store, alice);
    assert_eq!(
        seen(&store, alice),
        [
            event(EventKind::IdentityAdded, "Alice"),
            event(EventKind::PhraseShown, "Alice"),
            event(EventKind::IdentityRenamed, "Bob"),
            event(EventKind::PhraseShown, "Bob"),
        ]
    );
}

#[test]
fn a_later_identity_given_an_old_name_inherits_nothing() {
    let store = store();
    let first = add(&store, "Alice", 1);
    show_phrase(&store, first);
    store.rename_identity(first, "Bob").unwrap();
    let second = add(&store, "Alice", 2);
    assert_eq!(seen(&store, second), [event(EventKind::IdentityAdded, "Alice")]);
    assert_eq!(seen(&store, first).len(), 3);
}

#[test]
fn a_deleted_identitys_events_stay_with_it_not_with_its_namesake() {
    let store = store();
    let deleted = add(&store, "Alice", 1);
    show_phrase(&store, deleted);
    store.delete_identity(deleted, &pin()).unwrap();
    let namesake = add(&store, "Alice", 2);
    assert_eq!(seen(&store, namesake), [event(EventKind::IdentityAdded, "Alice")]);
    assert_eq!(
        seen(&store, deleted),
        [
            event(EventKind::IdentityAdded, "Alice"),
            event(EventKind::PhraseShown, "Alice"),
            event(EventKind::IdentityRemoved, "Alice"),
        ]
    );
}

#[test]
fn a_record_written_before_ids_still_reads() {
    let store = store();
    let alice = add(&store, "Alice", 1);
    // Exactly what earlier versions wrote: no `identity_id`.
    let old = br#"{"time_ms":1700000000000,"kind":"phrase_shown","identity":"Alice","detail":""}"#;
    store.trees.history.insert(store.db.generate_id().unwrap().to_be_bytes(), &old[..]).unwrap();
    let last = store.history().unwrap().pop().unwrap();
    assert_eq!((last.kind, last.identity.as_deref(), last.identity_id), (EventKind::PhraseShown, Some("Alice"), None));
    assert_eq!(seen(&store, alice), [event(EventKind::IdentityAdded, "Alice"), event(EventKind::PhraseShown, "Alice")]);
}

#[test]
fn old_events_follow_an_identity_through_renames() {
    let store = store();
    let alice = add(&store, "Alice", 1);
    show_phrase(&store, alice);
    store.rename_identity(alice, "Bob \"the builder\"").unwrap();
    show_phrase(&store, alice);
    as_written_before_ids(&store);
    // Renamed again after the upgrade: the walk goes from events with ids to those without.
    store.rename_identity(alice, "Carol").unwrap();
    assert_eq!(
        seen(&store, alice),
        [
            event(EventKind::IdentityAdded, "Alice"),
            event(EventKind::PhraseShown, "Alice"),
            event(EventKind::IdentityRenamed, "Bob \"the builder\""),
            event(EventKind::PhraseShown, "Bob \"the builder\""),
            event(EventKind::IdentityRenamed, "Carol"),
        ]
    );
}

#[test]
fn old_events_of_a_renamed_namesake_are_not_inherited() {
    let store = store();
    let first = add(&store, "Alice", 1);
    show_phrase(&store, first);
    store.rename_identity(first, "Bob").unwrap();
    let second = add(&store, "Alice", 2);
    show_phrase(&store, second);
    as_written_before_ids(&store);
    assert_eq!(
        seen(&store, second),
        [event(EventKind::IdentityAdded, "Alice"), event(EventKind::PhraseShown, "Alice")]
    );
    assert_eq!(
        seen(&store, first),
        [
            event(EventKind::IdentityAdded, "Alice"),
            event(EventKind::PhraseShown, "Alice"),
            event(EventKind::IdentityRenamed, "Bob"),
        ]
    );
}

#[test]
fn old_events_of_a_deleted_namesake_are_not_inherited() {
    let store = store();
    let deleted = add(&store, "Alice", 1);
    show_phrase(&store, deleted);
    store.delete_identity(deleted, &pin()).unwrap();
    let before_upgrade = add(&store, "Alice", 2);
    as_written_before_ids(&store);
    let after_upgrade = {
        store.rename_identity(before_upgrade, "Bob").unwrap();
        add(&store, "Alice", 3)
    };
    assert_eq!(
        seen(&store, before_upgrade),
        [event(EventKind::IdentityAdded, "Alice"), event(EventKind::IdentityRenamed, "Bob")]
    );
    assert_eq!(seen(&store, after_upgrade), [event(EventKind::IdentityAdded, "Alice")]);
}

#[test]
fn without_its_creation_in_the_log_an_identity_still_stops_at_a_namesakes_removal() {
    // The removal written before ids were stored, or after (with the deleted one's id).
    for upgraded_before_the_removal in [false, true] {
        let store = store();
        let deleted = add(&store, "Alice", 1);
        show_phrase(&store, deleted);
        if upgraded_before_the_removal {
            as_written_before_ids(&store);
        }
        store.delete_identity(deleted, &pin()).unwrap();
        let namesake = add(&store, "Alice", 2);
        show_phrase(&store, namesake);
        if !upgraded_before_the_removal {
            as_written_before_ids(&store);
        }
        // A damaged log lost the namesake's creation.
        let history = store.history().unwrap();
        let created = history.iter().rfind(|event| event.kind == EventKind::IdentityAdded).unwrap();
        store.trees.history.remove(created.sequence.to_be_bytes()).unwrap();
        assert_eq!(
            seen(&store, namesake),
            [event(EventKind::PhraseShown, "Alice")],
            "upgraded before the removal: {upgraded_before_the_removal}"
        );
    }
}

#[test]
fn an_account_at_the_root_reads_as_no_derivation_not_an_empty_path() {
    let store = store();
    let id = add(&store, "Alice", 9);
    let westend = store.network_by_name("westend").unwrap().unwrap().genesis_hash;
    let at = |path: &str, key: u8| crate::NewAccount {
        network: westend,
        path: axia_signer_keys::DerivationPath::parse(path).unwrap().into(),
        has_password: false,
        public_key: PublicKey::Sr25519([key; 32]),
        name: format!("Found {path}"),
        origin: crate::AccountOrigin::Derived,
    };
    store.add_account(id, at("", 10)).unwrap();
    store.add_account(id, at("//westend/3", 11)).unwrap();
    let details: Vec<String> = store.history_of(id).unwrap().into_iter().skip(1).map(|event| event.detail).collect();
    assert_eq!(
        details,
        ["\"Found\" with no derivation on Westend", "\"Found //westend/3\" at \"//westend/3\" on Westend"]
    );
}
