//! The security log: an append-only list of what happened to identities and accounts.

use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    IdentityAdded,
    IdentityRenamed,
    IdentityRemoved,
    PhraseShown,
    AccountDerived,
    AccountImported,
    AccountExported,
    WrongPin,
    PinChanged,
    NetworkAdded,
    NetworkRemoved,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub sequence: u64,
    pub time_ms: u64,
    pub kind: EventKind,
    /// The identity's name at the time, when the event concerns one.
    pub identity: Option<String>,
    /// Public details (an account's network and path, an address); never a secret.
    pub detail: String,
}
