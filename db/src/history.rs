//! The security log: an append-only list of what happened to identities and accounts.

use serde::{Deserialize, Serialize};

use crate::schema::IdentityId;

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

impl EventKind {
    /// Words for the history screen.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::IdentityAdded => "identity added",
            EventKind::IdentityRenamed => "identity renamed",
            EventKind::IdentityRemoved => "identity removed",
            EventKind::PhraseShown => "recovery phrase shown",
            EventKind::AccountDerived => "account derived",
            EventKind::AccountImported => "account imported",
            EventKind::AccountExported => "account exported",
            EventKind::WrongPin => "wrong PIN",
            EventKind::PinChanged => "PIN changed",
            EventKind::NetworkAdded => "network added",
            EventKind::NetworkRemoved => "network removed",
        }
    }
}

/// The detail of an [`EventKind::IdentityRenamed`] event. Every version has written it
/// this way, and [`crate::Store::history_of`] follows an identity's old events through
/// renames by it: never change it.
pub(crate) fn renamed_from(old_name: &str) -> String {
    format!("from {old_name:?}")
}

/// `YYYY-MM-DD HH:MM` (UTC) of a time in milliseconds since the Unix epoch.
pub fn utc_minute(time_ms: u64) -> String {
    let secs = time_ms / 1000;
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rest / 3600, rest % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_as_utc_dates() {
        assert_eq!(super::utc_minute(0), "1970-01-01 00:00");
        assert_eq!(super::utc_minute(1_700_000_000_000), "2023-11-14 22:13");
        assert_eq!(super::utc_minute(951_782_400_000), "2000-02-29 00:00");
    }
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub sequence: u64,
    pub time_ms: u64,
    pub kind: EventKind,
    /// The identity's name at the time, when the event concerns one.
    pub identity: Option<String>,
    /// The identity it concerns, by id; `None` in events written before ids were stored
    /// (for those, [`crate::Store::history_of`] works out the identity from the name).
    pub identity_id: Option<IdentityId>,
    /// Public details (an account's network and path, an address); never a secret.
    pub detail: String,
}
