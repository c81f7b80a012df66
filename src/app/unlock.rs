//! The PIN prompt that unlocks an identity: what it is for, what it says, and what a
//! lockout wait reads as. The keypad's digits are a [`PinSetup`](crate::app::pin_setup::PinSetup).

use std::time::Duration;

use crate::app::pin_setup::{PinSetup, PinStep};
use crate::app::text::sentence;
use crate::db::{AccountKey, IdentityId, Pin, UnlockError};

/// What the PIN prompt is for.
#[derive(Default)]
pub enum Purpose {
    #[default]
    AddAccount,
    ShowPhrase,
    Delete,
    /// Changing the PIN: first the current one, then the new one twice.
    ChangePinCurrent,
    ChangePinNew(Pin),
    /// A JSON backup: the PIN, then the export form (or saving the form already filled).
    Export(ExportTarget, AfterFormPin),
    /// "Split into paper shares": the PIN, then the split form (or saving the form filled).
    SplitShares(AfterFormPin),
    /// "Import account list": the PIN, then the import of the list checked before.
    ImportList,
    /// "Can't find your account?": the PIN, then the search (or adding what it found).
    FindAccount(AfterFindPin),
}

/// What is being exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    Account(AccountKey),
    All(IdentityId),
}

impl ExportTarget {
    pub fn identity(self) -> IdentityId {
        match self {
            ExportTarget::Account(key) => key.identity,
            ExportTarget::All(id) => id,
        }
    }
}

/// What follows the PIN when exporting or splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFormPin {
    /// A new, empty form.
    Form,
    /// The identity locked itself while the form was filled: save what it holds.
    Save,
}

/// What follows the PIN in "Can't find your account?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFindPin {
    /// The search the form holds.
    Search,
    /// Adding what the search found (the identity locked itself while it was on screen).
    Add,
}

impl Purpose {
    /// Prompts opened from Manage identity (Back returns there).
    pub fn is_manage(&self) -> bool {
        matches!(
            self,
            Purpose::ShowPhrase
                | Purpose::Delete
                | Purpose::ChangePinCurrent
                | Purpose::ChangePinNew(_)
                | Purpose::Export(ExportTarget::All(_), _)
                | Purpose::SplitShares(_)
                | Purpose::ImportList
        )
    }

    /// The account being exported, opened from its screen (Back returns there).
    pub fn exported_account(&self) -> Option<AccountKey> {
        match self {
            Purpose::Export(ExportTarget::Account(key), _) => Some(*key),
            _ => None,
        }
    }

    /// The prompt's title and the line under it, for identity `name`.
    pub fn prompt(&self, name: &str) -> (&'static str, String) {
        match self {
            Purpose::AddAccount => ("Enter PIN", format!("Unlock \"{name}\" to add an account.")),
            Purpose::ShowPhrase => ("Enter PIN", format!("Unlock \"{name}\" to see its recovery phrase.")),
            Purpose::Delete => ("Enter PIN", format!("Your PIN deletes \"{name}\".")),
            Purpose::ChangePinCurrent => ("Enter your current PIN", format!("Changing the PIN of \"{name}\".")),
            Purpose::ChangePinNew(_) => ("New PIN", NEW_PIN_HINT.to_owned()),
            Purpose::Export(..) => ("Enter PIN", format!("Unlock \"{name}\" to write a backup file.")),
            Purpose::SplitShares(_) => {
                ("Enter PIN", format!("Unlock \"{name}\" to split its phrase into paper shares."))
            }
            Purpose::ImportList => ("Enter PIN", format!("Unlock \"{name}\" to derive the accounts of the list.")),
            Purpose::FindAccount(AfterFindPin::Search) => {
                ("Enter PIN", format!("Unlock \"{name}\" to search its phrase."))
            }
            Purpose::FindAccount(AfterFindPin::Add) => {
                ("Enter PIN", format!("Unlock \"{name}\" to add the account found."))
            }
        }
    }
}

/// What "OK" on the PIN prompt leads to.
pub enum PromptStep {
    /// The prompt stays, with this title and what is wrong (empty: nothing).
    Again { title: &'static str, problem: String, hint: Option<&'static str> },
    /// Unlock with this PIN, for the purpose the prompt still holds.
    Unlock(Pin),
    /// Delete the identity with this PIN.
    Delete(Pin),
    /// Change PIN: seal under `new`, opening with `current`. The prompt holds
    /// [`Purpose::ChangePinCurrent`] again, so Back still leads to Manage.
    SealNewPin { current: Pin, new: Pin },
}

/// "OK" on the PIN prompt with the digits typed: which PIN it was, and what follows. The
/// digits are wiped; a PIN moves on, never copied.
pub fn submit(pin: &mut PinSetup, purpose: &mut Purpose) -> PromptStep {
    if let Purpose::ChangePinNew(_) = purpose {
        let again = |title, problem: &str| PromptStep::Again { title, problem: problem.to_owned(), hint: None };
        let new = match pin.submit() {
            PinStep::Confirm => return again("Confirm the new PIN", ""),
            PinStep::Invalid(error) => return again("New PIN", &sentence(&error.to_string())),
            PinStep::Mismatch => return again("New PIN", "PINs don't match. Set your new PIN again."),
            PinStep::Done(new) => new,
        };
        let Purpose::ChangePinNew(current) = std::mem::replace(purpose, Purpose::ChangePinCurrent) else {
            unreachable!("matched above")
        };
        return PromptStep::SealNewPin { current, new };
    }
    let typed = match pin.take_pin() {
        Ok(typed) => typed,
        Err(error) => {
            return PromptStep::Again { title: purpose.prompt("").0, problem: sentence(&error.to_string()), hint: None }
        }
    };
    match purpose {
        Purpose::ChangePinCurrent => {
            *purpose = Purpose::ChangePinNew(typed);
            *pin = PinSetup::default();
            PromptStep::Again { title: "New PIN", problem: String::new(), hint: Some(NEW_PIN_HINT) }
        }
        Purpose::Delete => PromptStep::Delete(typed),
        _ => PromptStep::Unlock(typed),
    }
}

/// What the new-PIN steps say under their title.
pub const NEW_PIN_HINT: &str = "At least 6 digits. You will need it to unlock this identity.";

/// What the add-account form says when the identity locked itself.
pub const LOCKED_ITSELF: &str =
    "The identity locked itself (idle, or the window was hidden). Go back and unlock it again.";

/// What a failed unlock says.
pub fn unlock_message(error: &UnlockError) -> String {
    match error {
        UnlockError::LockedOut { retry_after } => wait_message(*retry_after),
        other => sentence(&other.to_string()),
    }
}

/// A lockout wait, counted down on the prompt; empty when there is none.
pub fn wait_message(wait: Duration) -> String {
    if wait.is_zero() {
        String::new()
    } else {
        format!("Too many wrong PINs: try again in {}.", crate::db::wait_text(wait))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_pin_prompts_say_which_pin_and_the_new_one_says_how_long() {
        let (title, hint) = Purpose::ChangePinCurrent.prompt("Savings");
        assert_eq!((title, hint.as_str()), ("Enter your current PIN", "Changing the PIN of \"Savings\"."));
        let (title, hint) = Purpose::ChangePinNew(Pin::new("123456").unwrap()).prompt("Savings");
        assert_eq!(title, "New PIN");
        assert!(hint.contains("At least 6 digits"), "{hint}");
    }

    fn type_in(pin: &mut PinSetup, digits: &str) {
        digits.chars().for_each(|d| pin.digit(d));
    }

    #[test]
    fn change_pin_takes_the_current_pin_then_the_new_one_twice() {
        let (mut pin, mut purpose) = (PinSetup::default(), Purpose::ChangePinCurrent);
        type_in(&mut pin, "123456");
        assert!(matches!(submit(&mut pin, &mut purpose), PromptStep::Again { title: "New PIN", hint: Some(_), .. }));
        type_in(&mut pin, "24681357");
        assert!(matches!(submit(&mut pin, &mut purpose), PromptStep::Again { title: "Confirm the new PIN", .. }));
        type_in(&mut pin, "11111111");
        let PromptStep::Again { problem, .. } = submit(&mut pin, &mut purpose) else { panic!("a mismatch") };
        assert_eq!(problem, "PINs don't match. Set your new PIN again.");
        type_in(&mut pin, "24681357");
        submit(&mut pin, &mut purpose);
        type_in(&mut pin, "24681357");
        let PromptStep::SealNewPin { current, new } = submit(&mut pin, &mut purpose) else { panic!("sealed") };
        assert!(current.same_as(&Pin::new("123456").unwrap()) && new.same_as(&Pin::new("24681357").unwrap()));
        assert!(purpose.is_manage(), "Back still leads to Manage");
    }

    #[test]
    fn a_short_pin_stays_and_delete_or_unlock_take_the_pin() {
        let (mut pin, mut purpose) = (PinSetup::default(), Purpose::Delete);
        type_in(&mut pin, "123");
        assert!(matches!(submit(&mut pin, &mut purpose), PromptStep::Again { .. }));
        type_in(&mut pin, "123456");
        assert!(matches!(submit(&mut pin, &mut purpose), PromptStep::Delete(_)));
        let mut purpose = Purpose::ShowPhrase;
        type_in(&mut pin, "123456");
        assert!(matches!(submit(&mut pin, &mut purpose), PromptStep::Unlock(_)));
    }

    #[test]
    fn no_wait_says_nothing() {
        assert_eq!(wait_message(Duration::ZERO), "");
        assert!(wait_message(Duration::from_secs(30)).starts_with("Too many wrong PINs: try again in"));
    }
}
