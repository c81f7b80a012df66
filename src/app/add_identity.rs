//! What "+ Add Identity" holds between its screens (name → create or recover → PIN →
//! network), the restore flow that borrows its PIN and network screens, and what the
//! network picker is open for. Every secret in it is wiped on drop.

use crate::app::backup::restoring::Restoring;
use crate::app::backup_check::BackupCheck;
use crate::app::pin_setup::PinSetup;
use crate::db::{Network, Pin};
use crate::keys::{Password, Phrase};

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
