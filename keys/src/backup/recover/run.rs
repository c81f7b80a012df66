//! The search itself: candidates handed to workers one at a time (a try is tens of
//! milliseconds of scrypt, so handing out costs nothing visible), a hit or Cancel seen at
//! once, and the number below which every candidate has been tried reported for a resume.

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Candidates, Locked, Remembered, ScryptParams};
use crate::backup::BackupError;
use crate::search::Progress;
use crate::secret::Password;

/// How often the caller is told where the search is by default, so it can save that for a resume.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(5);

/// How the search runs.
pub struct Run<'a> {
    /// Candidates before this number were tried by an earlier run.
    pub start: u64,
    /// Tries at once; see [`workers_for`].
    pub workers: usize,
    /// `cancel` stops it; `tried` is set as it goes: every candidate below it has been tried.
    pub progress: &'a Progress,
    /// How often `checkpoint` is called ([`CHECKPOINT_EVERY`] unless a test wants it sooner).
    pub checkpoint_every: Duration,
}

/// How a search ended.
pub enum Outcome {
    /// `password` opens the file; it was candidate number `tried - 1`.
    Found { password: Password, tried: u64 },
    /// Every candidate was tried.
    Missed { tried: u64 },
    /// Cancelled: every candidate below `next` was tried.
    Cancelled { next: u64 },
    /// The right password opened a file whose key is not the one it states (or another
    /// failure that no password changes): nothing can be restored from it.
    Failed(BackupError),
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Found { tried, .. } => write!(f, "Found {{ tried: {tried}, .. }}"),
            Outcome::Missed { tried } => write!(f, "Missed {{ tried: {tried} }}"),
            Outcome::Cancelled { next } => write!(f, "Cancelled {{ next: {next} }}"),
            Outcome::Failed(error) => write!(f, "Failed({error:?})"),
        }
    }
}

/// How many tries to run at once: one per core, fewer when scrypt's memory (128 · r · N
/// bytes each: 128 MiB at N = 2^17) would take more than half of `available` memory.
pub fn workers_for(params: Option<ScryptParams>, cores: usize, available: Option<u64>) -> usize {
    let cores = cores.max(1);
    match (params, available) {
        (Some(params), Some(available)) => {
            let each = 128 * u64::from(params.r) * u64::from(params.n);
            cores.min(usize::try_from(available / 2 / each).unwrap_or(usize::MAX)).max(1)
        }
        _ => cores,
    }
}

/// What the workers share.
struct Feed {
    candidates: Candidates,
    /// The number the next candidate handed out gets.
    next: u64,
    /// Candidates handed out and not yet tried.
    trying: BTreeSet<u64>,
    exhausted: bool,
    ended: Option<Outcome>,
}

impl Feed {
    /// Every candidate below this has been tried.
    fn done_below(&self) -> u64 {
        self.trying.first().copied().unwrap_or(self.next)
    }

    fn take(&mut self) -> Option<(u64, Password)> {
        if self.ended.is_some() || self.exhausted {
            return None;
        }
        match self.candidates.next() {
            Some((_, password)) => {
                let number = self.next;
                self.next += 1;
                self.trying.insert(number);
                Some((number, password))
            }
            None => {
                self.exhausted = true;
                None
            }
        }
    }
}

/// Tries the candidates of `remembered` from `run.start` on, until one opens `file`, all
/// are tried or `run.progress.cancel` is set. `checkpoint` is called on this thread every
/// `run.checkpoint_every` with the number below which all are tried.
pub fn search(file: &Locked, remembered: &Remembered, run: Run<'_>, checkpoint: &mut dyn FnMut(u64)) -> Outcome {
    let mut candidates = remembered.candidates();
    candidates.pass_over(run.start);
    let feed = Mutex::new(Feed { candidates, next: run.start, trying: BTreeSet::new(), exhausted: false, ended: None });
    run.progress.tried.store(run.start, Ordering::Relaxed);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..run.workers.max(1)).map(|_| scope.spawn(|| work(file, &feed, &run))).collect();
        let mut last = Instant::now();
        while !workers.iter().all(|worker| worker.is_finished()) {
            std::thread::sleep(Duration::from_millis(50));
            if last.elapsed() >= run.checkpoint_every {
                last = Instant::now();
                let below = feed.lock().expect("no worker panics holding the feed").done_below();
                checkpoint(below);
            }
        }
        for worker in workers {
            worker.join().expect("a try does not panic");
        }
    });
    let feed = feed.into_inner().expect("the workers are done");
    let below = feed.done_below();
    run.progress.tried.store(below, Ordering::Relaxed);
    match feed.ended {
        Some(outcome) => outcome,
        None if feed.exhausted => Outcome::Missed { tried: below },
        None => Outcome::Cancelled { next: below },
    }
}

fn work(file: &Locked, feed: &Mutex<Feed>, run: &Run<'_>) {
    loop {
        if run.progress.cancel.load(Ordering::Relaxed) {
            return;
        }
        let Some((number, password)) = feed.lock().expect("no worker panics holding the feed").take() else { return };
        let result = file.opens_with(&password);
        let mut feed = feed.lock().expect("no worker panics holding the feed");
        feed.trying.remove(&number);
        match result {
            Ok(false) => {}
            // Of two hits at once the earlier candidate is reported.
            Ok(true) => match &feed.ended {
                Some(Outcome::Found { tried, .. }) if *tried <= number => {}
                _ => feed.ended = Some(Outcome::Found { password, tried: number + 1 }),
            },
            Err(error) => {
                feed.ended.get_or_insert(Outcome::Failed(error));
            }
        }
        run.progress.tried.store(feed.done_below(), Ordering::Relaxed);
    }
}
