//! A long search on its own thread, with a bar of its count on standard error when that
//! is a terminal (find-address, repair-phrase).

use std::io::IsTerminal;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::keys::search::Progress;

/// Runs `job` with a fresh [`Progress`] out of `total` candidates; returns its result and
/// how many candidates it counted.
pub fn with_bar<R: Send>(total: u64, job: impl FnOnce(&Progress) -> R + Send) -> (R, u64) {
    let progress = Progress::default();
    let result = std::thread::scope(|scope| {
        let running = scope.spawn(|| job(&progress));
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} candidates, {per_sec}, {eta} left")
                    .expect("a valid template"),
            );
            while !running.is_finished() {
                bar.set_position(progress.tried.load(Ordering::Relaxed));
                std::thread::sleep(Duration::from_millis(100));
            }
            bar.finish_and_clear();
        }
        running.join().expect("a search does not panic")
    });
    (result, progress.tried.load(Ordering::Relaxed))
}
