//! "Forgot the password?": what the user remembers of a backup file's password, what will
//! be tried and how long it takes at the file's scrypt cost, and how many tries run at once
//! on this machine. The app and `axia-signer backup recover-password` both run this over the
//! key core's search.

use std::time::Duration;

use crate::app::text::{capitalised, duration_text, thousands};
use crate::keys::backup::recover::{workers_for, Class, Locked, RecoverError, Remembered};
use crate::keys::{BackupFile, Password};

/// Over this, the user is asked whether to go on before the search starts.
pub const LONG_SEARCH: Duration = Duration::from_secs(3 * 60);

/// What to search: the file and what is remembered of its password.
#[derive(Debug, Clone)]
pub struct PasswordSearch {
    pub file: Locked,
    pub remembered: Remembered,
}

impl PasswordSearch {
    /// `pieces`: one per line (a text file or the app's field); blank lines are ignored.
    /// A candidate is built from at most `up_to` pieces.
    pub fn new(
        file: BackupFile,
        password: &Password,
        pieces: &str,
        up_to: usize,
        deep: bool,
    ) -> Result<PasswordSearch, RecoverError> {
        let file = Locked::new(file)?;
        let pieces: Vec<Password> = pieces.lines().map(|line| Password::new(line.trim_end_matches('\r'))).collect();
        Ok(PasswordSearch { file, remembered: Remembered::new(password, &pieces, up_to, deep)? })
    }

    /// Counts the candidates and times one try (one run of the file's scrypt).
    pub fn estimate(&self) -> Estimate {
        let params = self.file.scrypt_params();
        Estimate {
            plan: self.remembered.plan(),
            per_try: self.file.time_one_try(),
            workers: workers_for(params, cores(), available_memory()),
        }
    }
}

/// What a search will try and what it will cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Candidates per class, in the order tried.
    pub plan: Vec<(Class, u64)>,
    /// One try on one core.
    pub per_try: Duration,
    /// Tries at once: the cores, fewer when scrypt's memory would not fit.
    pub workers: usize,
}

impl Estimate {
    pub fn total(&self) -> u64 {
        self.plan.iter().map(|(_, count)| count).sum()
    }

    /// The longest the search can take (every candidate tried), from `start` on.
    pub fn time_from(&self, start: u64) -> Duration {
        let left = self.total().saturating_sub(start) as f64;
        Duration::from_secs_f64(left * self.per_try.as_secs_f64() / self.workers as f64)
    }

    pub fn is_long(&self) -> bool {
        self.time_from(0) > LONG_SEARCH
    }

    /// A line a class, then the total and how long trying them all takes here.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (class, count) in &self.plan {
            text += &format!("{}: {}\n", capitalised(class.describe()), thousands(*count));
        }
        let tries =
            if self.workers == 1 { "1 try at a time".to_owned() } else { format!("{} tries at a time", self.workers) };
        text + &format!(
            "{} passwords in all. At {} ms a try, {tries}: at most {}.\n",
            thousands(self.total()),
            self.per_try.as_millis().max(1),
            duration_text(self.time_from(0))
        )
    }
}

/// What to try when nothing opened the file; `deeper` names the way to ask for two slips
/// where the user is (`--deep`, or the app's check box).
pub fn next_steps(deep: bool, deeper: &str) -> String {
    let mut steps = Vec::new();
    let two_slips = format!("search two slips ({deeper})");
    if !deep {
        steps.push(two_slips.as_str());
    }
    steps.push("add the pieces the password may have been built from");
    steps.push("check that this is the file you made with that password");
    format!("Try next: {}.", steps.join("; "))
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |cores| cores.get())
}

/// The memory the system can give without swapping, where it says (Linux and Android).
fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|line| line.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A file of `password_recovery.json`, as read.
    pub(crate) fn recovery_vector(id: &str) -> BackupFile {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/polkadot-js/password_recovery.json");
        let vectors: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["id"] == id).unwrap();
        BackupFile::parse(&case["json"].to_string()).unwrap()
    }

    #[test]
    fn the_estimate_names_each_class_and_the_time_at_this_files_cost() {
        let estimate = Estimate {
            plan: vec![(Class::AsTyped, 1), (Class::Case, 47), (Class::Pieces, 2_000)],
            per_try: Duration::from_millis(60),
            workers: 2,
        };
        assert_eq!(
            estimate.text(),
            "As typed: 1\nCapitals changed: 47\nThe pieces in every order: 2,000\n2,048 passwords in all. At 60 ms a try, 2 tries at a time: at most 61 seconds.\n"
        );
        assert!(!estimate.is_long());
        assert_eq!(estimate.time_from(2_048), Duration::ZERO);
        let long = Estimate { plan: vec![(Class::Pieces, 100_000)], ..estimate };
        assert!(long.is_long(), "{}", long.text());
    }

    #[test]
    fn pieces_are_lines_and_blank_lines_are_not_pieces() {
        let file = recovery_vector("pw-5");
        let search = PasswordSearch::new(file, &Password::empty(), "harbor\r\n\n2021\n", 4, false).unwrap();
        assert_eq!(search.remembered.plan(), vec![(Class::Pieces, 4)]);
    }
}
