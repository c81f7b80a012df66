//! "Repair with your address" in the app: what its screen holds between the taps (the
//! repair under way, what it found) and what it shows. Nothing is stored here: a repaired
//! phrase goes back into the recover field, and only the usual PIN step saves it.

use std::sync::Arc;

use zeroize::Zeroizing;

use crate::app::find_address::{likely_network, phrase_root};
use crate::app::finding::{Hit, Whose};
use crate::app::repair_phrase::{change_text, found_text, missed_text, options, plan_text, target};
use crate::app::repair_phrase::{TargetError, DEFAULT_REPAIR_DEPTH};
use crate::app::text::thousands;
use crate::db::{Store, StoreError};
use crate::keys::repair::{self, candidates_per_second, ClassPlan, RepairError, RepairOptions, RepairOutcome};
use crate::keys::repair::{Repaired, Written};
use crate::keys::search::Progress;
use crate::keys::{AccountId, Password};

/// What the screen says before anything is typed.
pub const INTRO: &str = "Paste the address your phrase should give. The slips people make writing a phrase \
down are tried, likeliest first: a misspelled or wrong word, a missing or extra word, two words swapped. \
Nothing is saved: a repaired phrase goes back into the recover screen.";

/// The repair screen's state.
#[derive(Default)]
pub struct Repairing {
    /// The repair under way: its count and Cancel switch.
    pub running: Option<Arc<Progress>>,
    /// How many candidates the running repair holds.
    pub total: u64,
    /// What the last repair found, until it is used or the user leaves.
    pub found: Option<Repaired>,
}

impl Repairing {
    /// Whether `progress` is the repair the screen waits for (not one abandoned).
    pub fn is_current(&self, progress: &Arc<Progress>) -> bool {
        self.running.as_ref().is_some_and(|running| Arc::ptr_eq(running, progress))
    }
}

/// Why a repair cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RepairFormError {
    /// The expected address: see the inner error.
    #[error(transparent)]
    Target(#[from] TargetError),
    /// The phrase on the recover screen: see the inner error.
    #[error(transparent)]
    Phrase(#[from] RepairError),
    /// The catalogue could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A repair ready for the worker.
pub struct RepairJob {
    pub written: Written,
    pub target: AccountId,
    pub password: Password,
    pub options: RepairOptions,
    pub plan: Vec<ClassPlan>,
}

impl RepairJob {
    pub fn total(&self) -> u64 {
        self.plan.iter().map(|class| class.candidates).sum()
    }

    /// The classes, their sizes and the time they may take (measured here, briefly).
    pub fn plan_text(&self) -> String {
        plan_text(&self.plan, candidates_per_second(&self.options)).trim_end().to_owned()
    }

    /// Runs it (blocking: on the worker).
    pub fn run(&self, progress: &Progress) -> Result<RepairOutcome, RepairError> {
        repair::repair(&self.written, &self.target, &self.password, &self.options, progress)
    }
}

/// The form as typed: the phrase on the recover screen, its BIP39 password, the address.
pub fn request(store: &Store, phrase: &str, password: Password, address: &str) -> Result<RepairJob, RepairFormError> {
    let target = target(address)?;
    let written = Written::parse(phrase).map_err(RepairError::from)?;
    let plan = repair::plan(&written, false)?;
    let options = options(Some(store), DEFAULT_REPAIR_DEPTH, false)?;
    Ok(RepairJob { written, target, password, options, plan })
}

/// Whether the recover screen offers a repair for what is typed (a count near a phrase's,
/// at most two words not in the list).
pub fn offers_repair(phrase: &str) -> bool {
    Written::parse(phrase).is_ok_and(|written| repair::repairable(&written))
}

/// "Tried 4,096 of 24,631 candidates…"
pub fn progress_text(tried: u64, total: u64) -> String {
    format!("Tried {} of {} candidates…", thousands(tried.min(total)), thousands(total))
}

/// What a finished repair shows (nothing, by default). No derived `Debug`: the changes name
/// words of the phrase.
#[derive(Default, PartialEq, Eq)]
pub struct RepairView {
    pub headline: String,
    /// The words that change, one a line ("word 3: tought → thought").
    pub changes: Vec<String>,
    pub detail: String,
    pub found: bool,
}

impl std::fmt::Debug for RepairView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RepairView(found: {}, {} changes redacted)", self.found, self.changes.len())
    }
}

pub fn outcome_view(outcome: &RepairOutcome) -> RepairView {
    match outcome {
        RepairOutcome::Found(repaired) => RepairView {
            headline: found_text(repaired),
            changes: repaired.changes.iter().map(change_text).collect(),
            detail: "Check the changed words against your paper, then use the phrase: you set its PIN next.".into(),
            found: true,
        },
        RepairOutcome::Missed { tried_by_class, .. } => RepairView {
            headline: missed_text(tried_by_class),
            changes: Vec::new(),
            detail: MISSED_NEXT.to_owned(),
            found: false,
        },
        RepairOutcome::Cancelled { tried } => RepairView {
            headline: format!("Cancelled after {} candidates.", thousands(*tried)),
            changes: Vec::new(),
            detail: String::new(),
            found: false,
        },
    }
}

/// What to try after a miss, from the app.
pub const MISSED_NEXT: &str = "Next: if the phrase was used with a BIP39 password, type it on the recover \
screen and repair again. On the command line, `axia-signer repair-phrase` searches deeper paths (--depth) \
and a misspelled word together with a wrong one (--deep).";

/// What "Use this phrase" hands to the recover flow besides the words: the account found,
/// as "Can't find your account?" would have found it in that phrase, so it joins the
/// identity when it is saved (if the phrase and BIP39 password are still those at "Next").
pub fn found_for_recovery(
    store: &Store,
    repaired: &Repaired,
    password: &Password,
    address: &str,
) -> Option<(Whose, Hit)> {
    let root = phrase_root(&repaired.phrase, password)?;
    let target = crate::app::find_address::Wanted::Account(target(address).ok()?);
    let found = crate::app::find_address::FoundAt::Substrate(repaired.found.clone());
    let network = likely_network(store, &found, address).ok().flatten();
    Some((Whose::Phrase { root }, Hit { found, network, target }))
}

/// The repaired phrase as the recover field takes it.
pub fn phrase_text(repaired: &Repaired) -> Zeroizing<String> {
    Zeroizing::new(repaired.phrase.expose_words().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support;

    /// polkadot-js's `rec-misspelled-1` (phrase_repair.json).
    const WRITTEN: &str = "cheese boost tought cinnamon logic visa apart sure goddess retire never abandon";
    const EXPECTED: &str = "13e2we6GV7aXz8GXd6qWpnNTYfdxTnVXmwhXY5qvGPmHs6Uw";

    #[test]
    fn a_hit_shows_each_changed_word_and_gives_the_phrase_for_the_recover_field() {
        let store = test_support::store();
        let job = request(&store, WRITTEN, Password::empty(), EXPECTED).unwrap();
        let outcome = job.run(&Progress::default()).unwrap();
        let view = outcome_view(&outcome);
        assert!(view.found);
        assert_eq!(view.changes, ["word 3: tought → thought"]);
        let RepairOutcome::Found(repaired) = outcome else { panic!() };
        assert_eq!(phrase_text(&repaired).as_str(), WRITTEN.replace("tought", "thought"));
        assert!(store.identities().unwrap().is_empty(), "nothing is stored");
    }

    #[test]
    fn the_form_names_what_is_wrong_before_anything_runs() {
        let store = test_support::store();
        let problem = |phrase: &str, address: &str| request(&store, phrase, Password::empty(), address).err();
        assert_eq!(problem(WRITTEN, ""), Some(RepairFormError::Target(TargetError::Empty)));
        assert!(matches!(
            problem("one two", EXPECTED),
            Some(RepairFormError::Phrase(RepairError::WordCount { found: 2 }))
        ));
        assert!(offers_repair(WRITTEN));
        assert!(!offers_repair("one two three"));
    }
}
