//! What the adapters share: which identity and account are on screen, and where the flows
//! keep their secrets between screens (each wiped on drop).

use std::cell::{Cell, RefCell};
use std::time::Instant;

use slint::ComponentHandle;

use super::{AppWindow, Nav};
use crate::app::account_form::AccountForm;
use crate::app::add_identity::Flow;
use crate::app::backup::finding_password::FindingPassword;
use crate::app::finding::Finding;
use crate::app::navigation::BackFacts;
use crate::app::paper::gathering::Gathering;
use crate::app::paper::splitting::SplitForm;
use crate::app::pin_setup::PinSetup;
use crate::app::repairing::Repairing;
use crate::app::session::Unlocked;
use crate::app::unlock::Purpose;
use crate::db::{AccountKey, IdentityId};

#[derive(Default)]
pub(crate) struct Current {
    identity: Cell<Option<IdentityId>>,
    /// The account the account screen shows.
    pub account: Cell<Option<AccountKey>>,
    /// Per row of the identity home: the account, or `None` for a network heading.
    pub rows: RefCell<Vec<Option<AccountKey>>>,
    pub flow: RefCell<Flow>,
    pub home: RefCell<Home>,
    /// "Can't find your account?": the search and what it found.
    pub find: RefCell<Finding>,
    /// Polls the running search's count for the progress bar.
    pub find_timer: slint::Timer,
    /// "Repair with your address": the repair under way and what it found.
    pub repair: RefCell<Repairing>,
    /// Polls the running repair's count.
    pub repair_timer: slint::Timer,
    /// "Forgot the password?": the search under way and the password found.
    pub password_search: RefCell<FindingPassword>,
    /// Polls the running password search's count.
    pub password_timer: slint::Timer,
    /// "Recover from paper shares": the shares added so far.
    pub paper: RefCell<Gathering>,
    /// "Split into paper shares": the passphrase drawn for the form on screen.
    pub split: RefCell<Option<SplitForm>>,
    /// Bumped when the user leaves or a flow is replaced: a busy job started before is
    /// abandoned, and `busy_run` drops its result.
    pub generation: Cell<u64>,
}

impl Current {
    /// The identity the user is inside.
    pub fn identity(&self) -> Option<IdentityId> {
        self.identity.get()
    }

    /// Enters identity `id` (or none); the top bar's Back depends on it.
    pub fn set_identity(&self, window: &AppWindow, id: Option<IdentityId>) {
        self.identity.set(id);
        window.global::<Nav>().set_has_identity(id.is_some());
    }

    /// What Back needs to know about the flows.
    pub fn back_facts(&self, screen: crate::app::navigation::Screen) -> BackFacts {
        let home = self.home.borrow();
        let flow = self.flow.borrow();
        BackFacts {
            screen,
            identity: self.identity(),
            finding_for_phrase: self.find.borrow().is_for_phrase(),
            from_manage: home.purpose.is_manage(),
            exporting_account: home.purpose.exported_account(),
            picking_for_found: flow.network_for == crate::app::add_identity::NetworkFor::Found,
            restoring: flow.restoring.is_some(),
        }
    }

    /// Abandons the busy job under way, if any: its result will be dropped, not applied.
    pub fn abandon_jobs(&self, window: &AppWindow) {
        self.generation.set(self.generation.get().wrapping_add(1));
        window.global::<Nav>().set_busy(false);
    }
}

/// The unlock prompt and the unlocked identity, if any.
#[derive(Default)]
pub(crate) struct Home {
    pub pin: PinSetup,
    pub purpose: Purpose,
    pub unlocked: Option<Unlocked>,
    /// The add-account form's networks and the path it filled in.
    pub form: AccountForm,
    pub idle_timer: slint::Timer,
    /// Counts a lockout wait down on the PIN prompt.
    pub countdown: slint::Timer,
}

impl Home {
    /// Identity `id`, if it is the one unlocked and has not locked itself; a stale unlocked
    /// identity (another one, or idle too long) is dropped.
    pub fn open_for(&mut self, id: IdentityId) -> Option<&mut Unlocked> {
        if !self.unlocked.as_ref().is_some_and(|u| u.is_open_for(id, Instant::now())) {
            self.unlocked = None;
        }
        self.unlocked.as_mut()
    }

    /// Drops the unlocked identity, the typed PIN and a PIN kept for "Change PIN".
    pub fn forget(&mut self) {
        self.unlocked = None;
        self.pin = PinSetup::default();
        self.purpose = Purpose::default();
        self.countdown.stop();
    }
}
