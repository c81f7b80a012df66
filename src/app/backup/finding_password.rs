//! "Forgot the password?" in the app: what its screen holds between the taps (the search
//! under way, the password found) and what it shows. Nothing is restored here: a found
//! password goes back to the restore screen, which goes on as if it had been typed.

use std::sync::Arc;

use super::password_search::{next_steps, Estimate, PasswordSearch};
use crate::app::text::{duration_text, thousands};
use crate::keys::backup::recover::{search, Outcome, RecoverError, Run, CHECKPOINT_EVERY, DEFAULT_MAX_PIECES};
use crate::keys::search::Progress;
use crate::keys::{BackupFile, Password};

/// What the screen says before anything is typed.
pub const INTRO: &str = "Type the password as you remember it. It is tried as typed, then with capitals \
changed, one slip of the finger, a common ending and any one character. If you remember the pieces it \
was made of (words, numbers, symbols), add them, separated by spaces: every order of up to four is tried.";

/// The screen's state.
#[derive(Default)]
pub struct FindingPassword {
    /// The search ready to start, with its estimate.
    pub ready: Option<Arc<SearchJob>>,
    /// The search under way: its count and Cancel switch.
    pub running: Option<Arc<Progress>>,
    /// The password found, until it is used or the user leaves.
    pub found: Option<Password>,
}

impl FindingPassword {
    /// Whether `progress` is the search the screen waits for (not one abandoned).
    pub fn is_current(&self, progress: &Arc<Progress>) -> bool {
        self.running.as_ref().is_some_and(|running| Arc::ptr_eq(running, progress))
    }

    /// Stops a search under way and forgets what was found or prepared.
    pub fn forget(&mut self) {
        if let Some(running) = self.running.take() {
            running.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.ready = None;
        self.found = None;
    }
}

/// A search ready for the worker, with its estimate.
#[derive(Debug)]
pub struct SearchJob {
    search: PasswordSearch,
    pub estimate: Estimate,
}

impl SearchJob {
    /// The form as typed: the pieces are separated by spaces. Times one try (the file's
    /// scrypt, twice): on the worker.
    pub fn prepare(file: BackupFile, remembered: &str, pieces: &str, deep: bool) -> Result<SearchJob, RecoverError> {
        let pieces = zeroize::Zeroizing::new(pieces.split_whitespace().collect::<Vec<_>>().join("\n"));
        let search = PasswordSearch::new(file, &Password::new(remembered), &pieces, DEFAULT_MAX_PIECES, deep)?;
        let estimate = search.estimate();
        Ok(SearchJob { search, estimate })
    }

    pub fn total(&self) -> u64 {
        self.estimate.total()
    }

    /// Runs it (blocking: on the worker).
    pub fn run(&self, progress: &Progress) -> Outcome {
        let run = Run { start: 0, workers: self.estimate.workers, progress, checkpoint_every: CHECKPOINT_EVERY };
        search(&self.search.file, &self.search.remembered, run, &mut |_| {})
    }

    pub fn deep(&self) -> bool {
        self.search.remembered.is_deep()
    }
}

/// "Tried 120 of 2,411 passwords, at most 3 minutes left…"
pub fn progress_text(tried: u64, estimate: &Estimate) -> String {
    let total = estimate.total();
    format!(
        "Tried {} of {} passwords, at most {} left…",
        thousands(tried.min(total)),
        thousands(total),
        duration_text(estimate.time_from(tried))
    )
}

/// A found password as the screen shows it until Show is tapped: one dot a character.
pub fn masked(password: &Password) -> String {
    "•".repeat(password.expose().chars().count())
}

/// What a finished search shows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SearchView {
    pub headline: String,
    pub detail: String,
    pub found: bool,
}

pub fn outcome_view(outcome: &Outcome, deep: bool) -> SearchView {
    match outcome {
        Outcome::Found { tried, .. } => SearchView {
            headline: format!("Found it, after {} tries.", thousands(*tried)),
            detail: "Write it down where your backup is kept, then restore the file with it.".into(),
            found: true,
        },
        Outcome::Missed { tried } => SearchView {
            headline: format!("None of the {} passwords tried opens the file.", thousands(*tried)),
            detail: next_steps(deep, "\"Also try two slips\""),
            found: false,
        },
        Outcome::Cancelled { next } => SearchView {
            headline: format!("Cancelled after {} tries.", thousands(*next)),
            detail: String::new(),
            found: false,
        },
        Outcome::Failed(error) => {
            SearchView { headline: crate::app::text::sentence(&error.to_string()), detail: String::new(), found: false }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::backup::password_search::tests::recovery_vector;

    #[test]
    fn pieces_typed_with_spaces_are_pieces() {
        let job = SearchJob::prepare(recovery_vector("pw-5"), "", "harbor  Harbor 2020\t2021 ! ?", false).unwrap();
        assert_eq!(job.total(), 516);
        assert!(job.estimate.text().contains("The pieces in every order: 516"), "{}", job.estimate.text());
    }

    #[test]
    fn a_hit_says_how_many_tries_it_took() {
        let view = outcome_view(&Outcome::Found { password: Password::new("found"), tried: 1_234 }, false);
        assert_eq!((view.headline.as_str(), view.found), ("Found it, after 1,234 tries.", true));
    }

    #[test]
    fn progress_says_the_time_left_at_this_files_cost() {
        let estimate = Estimate {
            plan: vec![(crate::keys::backup::recover::Class::Case, 2_411)],
            per_try: std::time::Duration::from_millis(100),
            workers: 2,
        };
        assert_eq!(progress_text(11, &estimate), "Tried 11 of 2,411 passwords, at most 2 minutes left…");
        assert_eq!(masked(&Password::new("MountRainier")), "••••••••••••");
    }

    #[test]
    fn a_miss_says_how_many_and_what_to_try_next() {
        let view = outcome_view(&Outcome::Missed { tried: 2_411 }, false);
        assert_eq!(view.headline, "None of the 2,411 passwords tried opens the file.");
        assert!(view.detail.contains("\"Also try two slips\""), "{}", view.detail);
        assert!(!outcome_view(&Outcome::Missed { tried: 1 }, true).detail.contains("two slips"));
    }

    #[test]
    fn what_cannot_be_searched_is_said_before_any_try() {
        let problem = SearchJob::prepare(recovery_vector("pw-5"), "", "  ", false).err();
        assert_eq!(problem, Some(RecoverError::NothingRemembered));
    }
}
