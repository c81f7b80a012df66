//! What the restore screen does after a try that did not restore: pick a network, ask one
//! account of a batch for its own password, or say what went wrong. Decided here, shown by
//! the restore adapter.

use super::restoring::{Failure, Kind, Restoring};
use super::RestoreError;
use crate::app::text::sentence;
use crate::keys::{BackupError, BackupFile, Password};

/// The next step after a failed try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retry {
    /// The file names no network (or one not in the catalogue): pick one; `hint` says why.
    AskNetwork { hint: String },
    /// One account of a batch needs its own password: `label` names the field, `problem`
    /// says why. Nothing is restored yet.
    AskAccountPassword { label: String, problem: String },
    /// The file's own password is wrong: said, and "Forgot the password?" offered (a list
    /// of files has no password of its own to search for).
    WrongPassword { problem: String, offer_search: bool },
    /// Anything else, said as it is; the file's password is typed again.
    Problem(String),
}

impl Restoring {
    /// Takes in what a failed try learned (an "Export all" file's opened accounts, which
    /// account to ask) and says what to do next.
    pub fn after_failure(&mut self, failure: Failure) -> Retry {
        if let Some(files) = failure.opened {
            // The outer layer opened: a retry need not open it again.
            self.file = BackupFile::Accounts(files);
        }
        if let RestoreError::NetworkNeeded
        | RestoreError::UnknownNetwork { .. }
        | RestoreError::EthereumFileOnSubstrate { .. }
        | RestoreError::SubstrateFileOnEthereum { .. } = failure.error
        {
            // A network of the wrong kind was picked: the next pick replaces it.
            self.network = None;
            let mut hint = sentence(&failure.error.to_string());
            if self.is_batch() {
                hint += " The network you pick is used for every account whose file names no known network.";
            }
            return Retry::AskNetwork { hint };
        }
        match failure.account {
            Some((index, label)) => {
                self.asking_for = Some(index);
                let tried = match self.kind {
                    Kind::Batch => "The file's password does not open",
                    Kind::List | Kind::One => "The password typed does not open",
                };
                Retry::AskAccountPassword {
                    label: format!("The password of {label}"),
                    problem: format!("{tried} {label}: type that account's own password. Nothing is restored yet."),
                }
            }
            None => {
                self.password = Password::empty();
                let problem = sentence(&failure.error.to_string());
                match failure.error {
                    RestoreError::Backup(BackupError::WrongPassword) => {
                        Retry::WrongPassword { problem, offer_search: self.kind != Kind::List }
                    }
                    _ => Retry::Problem(problem),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A polkadot-js vector's file, as read.
    fn vector(id: &str) -> BackupFile {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/polkadot-js/json_backups.json");
        let vectors: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap();
        BackupFile::parse(&case["json"].to_string()).unwrap()
    }

    fn failure(error: RestoreError, account: Option<(usize, &str)>) -> Failure {
        Failure { error, account: account.map(|(index, label)| (index, label.to_owned())), opened: None }
    }

    #[test]
    fn a_batch_account_that_the_file_password_does_not_open_is_asked_by_name() {
        let mut restoring = Restoring::new(vector("bk-batch-1"), None);
        let retry = restoring.after_failure(failure(BackupError::WrongPassword.into(), Some((0, "account 1 (Alice)"))));
        assert_eq!(
            retry,
            Retry::AskAccountPassword {
                label: "The password of account 1 (Alice)".into(),
                problem: "The file's password does not open account 1 (Alice): type that account's own password. Nothing is restored yet.".into(),
            }
        );
        assert_eq!(restoring.asking_for, Some(0));
    }

    #[test]
    fn a_missing_network_is_picked_once_for_a_whole_batch() {
        let mut one = Restoring::new(vector("bk-alice"), None);
        let Retry::AskNetwork { hint } = one.after_failure(failure(RestoreError::NetworkNeeded, None)) else {
            panic!("a network")
        };
        assert!(!hint.contains("every account"), "{hint}");
        let mut batch = Restoring::new(vector("bk-batch-1"), None);
        let Retry::AskNetwork { hint } = batch.after_failure(failure(RestoreError::NetworkNeeded, None)) else {
            panic!("a network")
        };
        assert!(hint.ends_with("used for every account whose file names no known network."), "{hint}");
    }

    #[test]
    fn a_network_of_the_wrong_kind_is_picked_again() {
        let mut restoring = Restoring::new(vector("bk-alice"), None);
        restoring.network = Some(crate::db::GenesisHash([7; 32]));
        let wrong = RestoreError::SubstrateFileOnEthereum { network: "Moonbeam".into() };
        let Retry::AskNetwork { hint } = restoring.after_failure(failure(wrong, None)) else { panic!("a network") };
        assert!(hint.contains("Moonbeam is an Ethereum network"), "{hint}");
        assert_eq!(restoring.network, None, "the pick that failed is dropped");
    }

    #[test]
    fn a_wrong_file_password_offers_the_search_and_any_failure_drops_the_password() {
        let mut restoring = Restoring::new(vector("bk-alice"), None);
        restoring.password = Password::new("typed");
        let retry = restoring.after_failure(failure(BackupError::WrongPassword.into(), None));
        assert!(
            matches!(retry, Retry::WrongPassword { ref problem, offer_search: true } if problem.starts_with("Wrong password")),
            "{retry:?}"
        );
        assert!(restoring.password.is_empty());
        let retry = restoring.after_failure(failure(BackupError::PasswordRequired.into(), None));
        assert!(matches!(retry, Retry::Problem(_)), "{retry:?}");
    }
}
