//! Finding a backup file's forgotten password: every polkadot-js case of
//! `password_recovery.json` at its full scrypt cost (N = 2^15), found from what its case
//! remembers and restoring its address; and Cancel.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axia_signer::app::backup::password_search::PasswordSearch;
use axia_signer::keys::backup::recover::{search, Outcome, Run, CHECKPOINT_EVERY, DEFAULT_MAX_PIECES};
use axia_signer::keys::search::Progress;
use axia_signer::keys::{ss58, BackupFile, Password, Ss58Prefix};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let vectors: Value = serde_json::from_str(&crate::fixture("polkadot-js/password_recovery.json")).unwrap();
    vectors["cases"].as_array().unwrap().clone()
}

fn run(progress: &Progress) -> Run<'_> {
    Run { start: 0, workers: 2, progress, checkpoint_every: CHECKPOINT_EVERY }
}

#[test]
fn every_recovery_vector_gives_its_password_and_the_file_then_restores_its_address() {
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let file = BackupFile::parse(&case["json"].to_string()).unwrap();
        let remembered = Password::new(case["remembered"].as_str().unwrap_or(""));
        let pieces: Vec<&str> =
            case["tokens"].as_array().map_or(Vec::new(), |t| t.iter().map(|p| p.as_str().unwrap()).collect());
        let wanted =
            PasswordSearch::new(file.clone(), &remembered, &pieces.join("\n"), DEFAULT_MAX_PIECES, false).unwrap();
        let progress = Progress::default();
        let outcome = search(&wanted.file, &wanted.remembered, run(&progress), &mut |_| {});
        let Outcome::Found { password, tried } = outcome else { panic!("{id}: {outcome:?}") };
        assert_eq!(password.expose(), case["expected_password"].as_str().unwrap(), "{id}");
        assert!(tried > 0 && progress.tried.load(Ordering::Relaxed) >= tried - 1, "{id}");
        let BackupFile::Account(account) = file else { panic!("{id}: one account") };
        let restored = account.decrypt(&password).unwrap();
        let address = ss58::encode(Ss58Prefix::POLKADOT, &restored.keypair.public().account_id());
        assert_eq!(address, case["expected_address"].as_str().unwrap(), "{id}");
    }
}

#[test]
fn cancel_stops_the_search_and_says_where_it_stood() {
    let case = &cases()[0];
    let file = BackupFile::parse(&case["json"].to_string()).unwrap();
    let wanted = PasswordSearch::new(file, &Password::new("nothing like it"), "", DEFAULT_MAX_PIECES, false).unwrap();
    let progress = Progress::default();
    let outcome = std::thread::scope(|scope| {
        let searching = scope.spawn(|| search(&wanted.file, &wanted.remembered, run(&progress), &mut |_| {}));
        std::thread::sleep(Duration::from_millis(300));
        progress.cancel.store(true, Ordering::Relaxed);
        searching.join().unwrap()
    });
    let Outcome::Cancelled { next } = outcome else { panic!("{outcome:?}") };
    assert!(next < 200, "stopped at once, not after trying everything: {next}");
    assert_eq!(progress.tried.load(Ordering::Relaxed), next);
}
