//! The app's screens and what Back does from each: a pure decision over the facts the flows
//! hold, so every Back is tested without a window. The adapters gather the facts, ask
//! [`back`], and show what it names.

use crate::db::{AccountKey, IdentityId};

/// Every screen of the app. The Slint `Screen` enum mirrors it one to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Identities,
    AddIdentity,
    Create,
    BackupCheck,
    Recover,
    SetPin,
    Network,
    Account,
    IdentityHome,
    Unlock,
    AddAccount,
    Manage,
    ShowPhrase,
    ConfirmDelete,
    Restore,
    Export,
    FindAccount,
    RepairPhrase,
    FindPassword,
    PaperRecover,
    PaperSplit,
    AccountList,
}

impl Screen {
    /// Every screen, for tests that walk them all.
    pub const ALL: [Screen; 23] = [
        Screen::Start,
        Screen::Identities,
        Screen::AddIdentity,
        Screen::Create,
        Screen::BackupCheck,
        Screen::Recover,
        Screen::SetPin,
        Screen::Network,
        Screen::Account,
        Screen::IdentityHome,
        Screen::Unlock,
        Screen::AddAccount,
        Screen::Manage,
        Screen::ShowPhrase,
        Screen::ConfirmDelete,
        Screen::Restore,
        Screen::Export,
        Screen::FindAccount,
        Screen::RepairPhrase,
        Screen::FindPassword,
        Screen::PaperRecover,
        Screen::PaperSplit,
        Screen::AccountList,
    ];

    /// Screens that show or take a secret: a hidden window leaves them at once.
    pub fn holds_secret(self) -> bool {
        matches!(
            self,
            Screen::Create
                | Screen::BackupCheck
                | Screen::Recover
                | Screen::SetPin
                | Screen::Network
                | Screen::Unlock
                | Screen::AddAccount
                | Screen::ShowPhrase
                | Screen::Restore
                | Screen::Export
                | Screen::FindAccount
                | Screen::RepairPhrase
                | Screen::FindPassword
                | Screen::PaperRecover
                | Screen::PaperSplit
        )
    }

    /// The top bar's title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Start => "AXIA Signer",
            Screen::Identities => "Identities",
            Screen::AddIdentity => "Add Identity",
            Screen::Create => "New identity",
            Screen::BackupCheck => "Check your backup",
            Screen::Recover => "Recover identity",
            Screen::SetPin => "PIN",
            Screen::Network => "Network",
            Screen::Account => "Account",
            Screen::IdentityHome => "Identity",
            Screen::Unlock => "Enter PIN",
            Screen::AddAccount => "Add account",
            Screen::Manage => "Manage identity",
            Screen::ShowPhrase => "Recovery phrase",
            Screen::ConfirmDelete => "Delete identity",
            Screen::Restore => "Restore backup",
            Screen::Export => "Export backup",
            Screen::FindAccount => "Can't find your account?",
            Screen::RepairPhrase => "Repair your phrase",
            Screen::FindPassword => "Find the password",
            Screen::PaperRecover => "Paper shares",
            Screen::PaperSplit => "Paper shares",
            Screen::AccountList => "Account list",
        }
    }
}

/// What the flows hold when Back is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackFacts {
    pub screen: Screen,
    /// The identity the user is inside (its home, its accounts, its Manage screen).
    pub identity: Option<IdentityId>,
    /// "Can't find your account?" was opened from the recover screen, for the phrase typed.
    pub finding_for_phrase: bool,
    /// The PIN prompt or export form was opened from Manage identity.
    pub from_manage: bool,
    /// The PIN prompt or export form is exporting this account, opened from its screen.
    pub exporting_account: Option<AccountKey>,
    /// The network picker is open for an address "Can't find your account?" found.
    pub picking_for_found: bool,
    /// A backup file is being restored (the PIN and network screens serve it).
    pub restoring: bool,
}

impl BackFacts {
    /// Facts with nothing held: only the screen and the identity.
    pub fn on(screen: Screen, identity: Option<IdentityId>) -> BackFacts {
        BackFacts {
            screen,
            identity,
            finding_for_phrase: false,
            from_manage: false,
            exporting_account: None,
            picking_for_found: false,
            restoring: false,
        }
    }
}

/// Where Back goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackTo {
    /// Nowhere: the screen is the first one (the top bar shows no Back).
    Stay,
    /// The recover screen, with the phrase still typed in it (nothing is dropped).
    Recover,
    /// The account's screen.
    Account(AccountKey),
    /// The identity's Manage screen.
    Manage(IdentityId),
    /// The identity's home.
    Home(IdentityId),
    /// The restore screen, the file read again (the PIN typed so far is gone).
    Restore,
    /// "+ Add Identity" from its start: the phrase is gone, the name stays.
    AddIdentity,
    /// The first screen: the identity list, or the welcome when there is none.
    Start,
}

impl BackTo {
    /// Whether the flows keep what they hold. Every other Back drops every secret held for
    /// a screen: a secret never waits behind another screen.
    pub fn keeps_secrets(self) -> bool {
        matches!(self, BackTo::Recover | BackTo::Stay)
    }
}

/// What Back does from where the user is.
pub fn back(facts: &BackFacts) -> BackTo {
    use Screen::*;
    // The repair works on the phrase typed on the recover screen, which Back returns to.
    if (facts.screen == FindAccount && facts.finding_for_phrase) || facts.screen == RepairPhrase {
        return BackTo::Recover;
    }
    // The search works on the file being restored: Back returns to it.
    if facts.screen == FindPassword {
        return BackTo::Restore;
    }
    if matches!(facts.screen, Unlock | Export) {
        if let Some(account) = facts.exporting_account {
            return BackTo::Account(account);
        }
    }
    match (facts.screen, facts.identity) {
        (Start, _) | (Identities, None) => BackTo::Stay,
        (ShowPhrase | ConfirmDelete | PaperSplit | AccountList, Some(id)) => BackTo::Manage(id),
        (Unlock | Export, Some(id)) if facts.from_manage => BackTo::Manage(id),
        (Network, Some(id)) if facts.picking_for_found => BackTo::Home(id),
        (Account | Unlock | AddAccount | Manage | Identities | Export | FindAccount, Some(id)) => BackTo::Home(id),
        (SetPin | Network, _) if facts.restoring => BackTo::Restore,
        (Recover | Create | BackupCheck | SetPin | Network | Restore | PaperRecover, _) => BackTo::AddIdentity,
        _ => BackTo::Start,
    }
}

/// Whether the top bar offers Back at all: not on the first screen, and not on the identity
/// list when no identity has been entered (after a launch).
pub fn can_go_back(screen: Screen, inside_identity: bool) -> bool {
    !(screen == Screen::Start || (screen == Screen::Identities && !inside_identity))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: IdentityId = IdentityId(7);

    fn account() -> AccountKey {
        AccountKey { identity: ID, network: crate::db::GenesisHash([1; 32]), sequence: 0 }
    }

    #[test]
    fn every_screen_inside_an_identity_goes_back_to_its_home_or_manage() {
        let expected = |screen| match screen {
            Screen::Start => BackTo::Stay,
            Screen::ShowPhrase | Screen::ConfirmDelete | Screen::PaperSplit | Screen::AccountList => BackTo::Manage(ID),
            Screen::Account
            | Screen::Unlock
            | Screen::AddAccount
            | Screen::Manage
            | Screen::Identities
            | Screen::Export
            | Screen::FindAccount => BackTo::Home(ID),
            Screen::Recover
            | Screen::Create
            | Screen::BackupCheck
            | Screen::SetPin
            | Screen::Network
            | Screen::Restore
            | Screen::PaperRecover => BackTo::AddIdentity,
            Screen::IdentityHome | Screen::AddIdentity => BackTo::Start,
            Screen::RepairPhrase => BackTo::Recover,
            Screen::FindPassword => BackTo::Restore,
        };
        for screen in Screen::ALL {
            assert_eq!(back(&BackFacts::on(screen, Some(ID))), expected(screen), "{screen:?}");
        }
    }

    #[test]
    fn without_an_identity_the_add_identity_screens_go_back_to_its_start_and_the_rest_to_the_list() {
        for screen in Screen::ALL {
            let expected = match screen {
                Screen::Start | Screen::Identities => BackTo::Stay,
                Screen::Recover
                | Screen::Create
                | Screen::BackupCheck
                | Screen::SetPin
                | Screen::Network
                | Screen::Restore
                | Screen::PaperRecover => BackTo::AddIdentity,
                Screen::RepairPhrase => BackTo::Recover,
                Screen::FindPassword => BackTo::Restore,
                _ => BackTo::Start,
            };
            assert_eq!(back(&BackFacts::on(screen, None)), expected, "{screen:?}");
        }
    }

    #[test]
    fn back_is_offered_exactly_where_it_goes_somewhere() {
        // After a relaunch the app opens on the list with no identity chosen: nowhere to go.
        assert!(!can_go_back(Screen::Identities, false));
        for screen in Screen::ALL {
            for identity in [None, Some(ID)] {
                let goes = back(&BackFacts::on(screen, identity)) != BackTo::Stay;
                assert_eq!(can_go_back(screen, identity.is_some()), goes, "{screen:?} {identity:?}");
            }
        }
    }

    #[test]
    fn a_search_for_the_typed_phrase_goes_back_to_it_and_keeps_it() {
        let facts = BackFacts { finding_for_phrase: true, ..BackFacts::on(Screen::FindAccount, None) };
        assert_eq!(back(&facts), BackTo::Recover);
        assert!(back(&facts).keeps_secrets());
    }

    #[test]
    fn a_pin_or_export_form_goes_back_where_it_was_opened() {
        for screen in [Screen::Unlock, Screen::Export] {
            let from_account = BackFacts { exporting_account: Some(account()), ..BackFacts::on(screen, Some(ID)) };
            assert_eq!(back(&from_account), BackTo::Account(account()));
            let from_manage = BackFacts { from_manage: true, ..BackFacts::on(screen, Some(ID)) };
            assert_eq!(back(&from_manage), BackTo::Manage(ID));
        }
    }

    #[test]
    fn restoring_goes_back_to_the_file_and_a_found_address_to_the_home() {
        for screen in [Screen::SetPin, Screen::Network] {
            let facts = BackFacts { restoring: true, ..BackFacts::on(screen, None) };
            assert_eq!(back(&facts), BackTo::Restore);
        }
        let found = BackFacts { picking_for_found: true, ..BackFacts::on(Screen::Network, Some(ID)) };
        assert_eq!(back(&found), BackTo::Home(ID));
    }

    #[test]
    fn every_back_but_to_the_typed_phrase_drops_the_secrets() {
        for screen in Screen::ALL {
            for identity in [None, Some(ID)] {
                let to = back(&BackFacts::on(screen, identity));
                // The repair screen works on the typed phrase: Back returns to it, kept.
                let keeps = to == BackTo::Stay || screen == Screen::RepairPhrase;
                assert_eq!(to.keeps_secrets(), keeps, "{screen:?} {identity:?}");
            }
        }
    }
}
