//! `axia-signer backup recover-password`: a backup file's forgotten password, found from the
//! password as remembered (first line of standard input) and/or a file of the pieces it was
//! built from; then, asked for, the file restored with it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::backup::{restore_opened, RestoreReport};
use super::output::{CliError, Output, Revealed};
use super::progress::with_bar;
use super::{prompt, Context};
use crate::app::backup::password_search::{next_steps, Estimate, PasswordSearch, LONG_SEARCH};
use crate::app::backup::read_file;
use crate::app::backup::search_position::SavedPosition;
use crate::app::text::{duration_text, thousands};
use crate::keys::backup::recover::{search, Outcome, Run, CHECKPOINT_EVERY, DEFAULT_MAX_PIECES, MAX_PIECES_TAKEN};

/// The largest pieces file read: 64 pieces of 64 characters fit many times over.
const MAX_PIECES_FILE_BYTES: u64 = 64 * 1024;

#[derive(clap::Args)]
pub struct RecoverPasswordArgs {
    /// The polkadot-js backup file (one account, or an "Export all" file: its own password).
    file: PathBuf,
    /// A text file of the pieces the password was built from, one per line (words, numbers,
    /// symbols; a line of only `-`, `_` or `.` joins the others).
    #[arg(long, value_name = "FILE")]
    pieces: Option<PathBuf>,
    /// Also try two slips in the remembered password (thousands of tries more).
    #[arg(long)]
    deep: bool,
    /// Go on from where an interrupted search of the same file, with the same input, stopped.
    #[arg(long)]
    resume: bool,
    /// Start even when the search may take longer than a few minutes (at a terminal this is asked).
    #[arg(long)]
    yes: bool,
    /// Restore the file with the password found, as `backup restore` does (then the new PIN).
    #[arg(long)]
    restore: bool,
    /// With --restore: as for `backup restore`.
    #[arg(long, requires = "restore")]
    network: Option<String>,
    /// With --restore: as for `backup restore`.
    #[arg(long, requires = "restore")]
    name: Option<String>,
    /// The most pieces a password is built from.
    #[arg(long, default_value_t = DEFAULT_MAX_PIECES as u8, value_parser = clap::value_parser!(u8).range(1..=MAX_PIECES_TAKEN as i64))]
    max_pieces: u8,
    /// How often the position is saved, in milliseconds (tests save sooner than people need).
    #[arg(long, hide = true, default_value_t = CHECKPOINT_EVERY.as_millis() as u64)]
    save_every_ms: u64,
}

#[derive(Serialize)]
pub struct Report {
    found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<Revealed>,
    tried: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restored: Option<RestoreReport>,
}

impl Report {
    pub fn text(&self) -> String {
        let Some(password) = &self.password else {
            return format!(
                "No password tried opens the file ({} tried).\n{}\n",
                thousands(self.tried),
                self.next.as_deref().unwrap_or("")
            );
        };
        let mut text = format!("Found it after {} tries. The password is:\n{password}\n", thousands(self.tried));
        match &self.restored {
            Some(restored) => text += &restored.text(),
            None => text += "Restore the file with it: `axia-signer backup restore <file>`, or in the app.\n",
        }
        text
    }
}

pub fn recover(context: &Context, args: RecoverPasswordArgs) -> Result<Report, CliError> {
    let file = read_file(&args.file)?;
    if args.restore {
        // What the restore needs is checked now, not after a search of hours.
        let store = context.store()?;
        if let Some(network) = &args.network {
            super::network::named(&store, network)?;
        }
    }
    let (search_for, estimate, position, start) = prepare(&args, file.clone())?;
    let (password, tried) = match run(&args, &search_for, &estimate, &position, start) {
        Outcome::Found { password, tried } => (password, tried),
        Outcome::Missed { tried } => {
            position.remove();
            let next = next_steps(args.deep, "--deep");
            return Ok(Report { found: false, password: None, tried, next: Some(next), restored: None });
        }
        Outcome::Cancelled { next } => {
            let _ = position.save(next);
            return Ok(Report { found: false, password: None, tried: next, next: None, restored: None });
        }
        Outcome::Failed(error) => return Err(error.into()),
    };
    let restored = if args.restore || offered_restore(context)? {
        match restore_opened(context, file, args.network.as_deref(), args.name, Some(&password)) {
            Ok(restored) => Some(restored),
            Err(error) => {
                // The password is not lost with the restore: said once, and the position kept
                // at it, so `--resume` finds it on the first try.
                let _ = position.save(tried - 1);
                eprintln!("Found the password: {}", password.expose());
                eprintln!(
                    "The restore did not go through. Restore with the password above, or run this again with --resume."
                );
                return Err(error);
            }
        }
    } else {
        None
    };
    position.remove();
    let shown = Revealed(zeroize::Zeroizing::new(password.expose().to_owned()));
    Ok(Report { found: true, password: Some(shown), tried, next: None, restored })
}

/// The search from what is remembered, its estimate (on standard error, beside the
/// progress bar: standard output is the answer), its saved position, and where it starts;
/// a long one is started only when the user says so.
fn prepare(
    args: &RecoverPasswordArgs,
    file: crate::keys::BackupFile,
) -> Result<(PasswordSearch, Estimate, SavedPosition, u64), CliError> {
    let pieces = match &args.pieces {
        Some(path) => pieces_text(path)?,
        None => zeroize::Zeroizing::new(String::new()),
    };
    let typed = prompt::password("password as you remember it (empty: only the pieces)")?;
    let search_for = PasswordSearch::new(file, &typed, &pieces, usize::from(args.max_pieces), args.deep)?;
    drop((typed, pieces));
    let estimate = search_for.estimate();
    let position = SavedPosition::of(&args.file, &search_for);
    let start = if args.resume { position.load()?.unwrap_or(0) } else { 0 };
    eprint!("{}", estimate.text());
    if start > 0 {
        eprintln!("Going on from try {} (the saved position).", thousands(start));
    }
    let left = estimate.time_from(start);
    if left > LONG_SEARCH
        && !args.yes
        && !confirmed(&format!("This search may take up to {}. Start it?", duration_text(left)))?
    {
        return Err(CliError::ConfirmationNeeded { duration: duration_text(left) });
    }
    Ok((search_for, estimate, position, start))
}

/// Runs the search with a progress bar, saving its position as it goes.
fn run(
    args: &RecoverPasswordArgs,
    search_for: &PasswordSearch,
    estimate: &Estimate,
    position: &SavedPosition,
    start: u64,
) -> Outcome {
    let mut warned = false;
    let (outcome, _) = with_bar(estimate.total(), |progress| {
        let checkpoint_every = std::time::Duration::from_millis(args.save_every_ms);
        let run = Run { start, workers: estimate.workers, progress, checkpoint_every };
        search(&search_for.file, &search_for.remembered, run, &mut |next| {
            if let Err(error) = position.save(next) {
                if !std::mem::replace(&mut warned, true) {
                    eprintln!("The position cannot be saved beside the file ({error}): an interrupted search would start over.");
                }
            }
        })
    });
    outcome
}

/// At a terminal without `--restore`, asks whether to restore the file with the password
/// found, so it need not be typed again.
fn offered_restore(context: &Context) -> Result<bool, CliError> {
    if context.output != Output::Text {
        return Ok(false);
    }
    confirmed("Found it. Restore the file with it now?")
}

/// The pieces file's text, read with a cap (a pieces file is a few lines).
fn pieces_text(path: &Path) -> Result<zeroize::Zeroizing<String>, CliError> {
    let unreadable = |reason: String| CliError::PiecesFile { path: path.display().to_string(), reason };
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
    if !metadata.is_file() || metadata.len() > MAX_PIECES_FILE_BYTES {
        return Err(unreadable(format!("not a text file of at most {} KiB", MAX_PIECES_FILE_BYTES / 1024)));
    }
    let bytes = zeroize::Zeroizing::new(std::fs::read(path).map_err(|error| unreadable(error.to_string()))?);
    let text = std::str::from_utf8(&bytes).map_err(|_| unreadable("not UTF-8 text".to_owned()))?;
    Ok(zeroize::Zeroizing::new(text.to_owned()))
}

/// At a terminal, asks `question`; from a script the answer is no.
fn confirmed(question: &str) -> Result<bool, CliError> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question} [y/N] ");
    let answer = prompt::read_line(&mut std::io::stdin(), 16, "answer")?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
