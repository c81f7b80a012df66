//! How many transactions the store has acknowledged, kept outside sled as well, so that an
//! open can tell when sled's log lost acknowledged writes.
//!
//! sled treats an unreadable message in its log as the end of the log: everything after it
//! is gone, and sled opens without a word. Every transaction raises a counter in sled's
//! `meta` tree; once a write is flushed, the counter also goes to the `written` file,
//! synced, before the write is acknowledged. An open that finds sled's counter below the
//! file's knows writes were lost, says so, and keeps the files as they were found.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

pub(crate) const FILE: &str = "written";

/// The open `written` file and the count it holds.
pub(crate) struct HighWater {
    file: Mutex<(File, u64)>,
}

impl HighWater {
    /// Opens the file and reads the count it holds (`None` when new, or unreadable: then
    /// nothing can be said about lost writes, and it is rewritten).
    pub fn open(dir: &Path) -> io::Result<(HighWater, Option<u64>)> {
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).mode(0o600).open(dir.join(FILE))?;
        let mut text = String::new();
        let recorded = match file.read_to_string(&mut text) {
            Ok(_) => parse(&text),
            Err(_) => None,
        };
        Ok((HighWater { file: Mutex::new((file, recorded.unwrap_or(0))) }, recorded))
    }

    /// Records `count` durably, when it is new.
    pub fn record(&self, count: u64) -> io::Result<()> {
        let mut guard = self.file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (file, recorded) = &mut *guard;
        if *recorded == count {
            return Ok(());
        }
        // Always the same length, written in place: one sector, no rename, one sync.
        let line = format!("{count:020} {:08x}\n", crc32fast::hash(count.to_string().as_bytes()));
        file.seek(SeekFrom::Start(0))?;
        file.write_all(line.as_bytes())?;
        file.set_len(line.len() as u64)?;
        file.sync_data()?;
        *recorded = count;
        Ok(())
    }
}

/// `<count, 20 digits> <crc32 of the count's digits>`.
pub(crate) fn parse(text: &str) -> Option<u64> {
    let (digits, crc) = text.trim_end().split_once(' ')?;
    let count: u64 = digits.parse().ok()?;
    (format!("{:08x}", crc32fast::hash(count.to_string().as_bytes())) == crc).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_count_reads_back_and_a_damaged_one_reads_as_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let (water, recorded) = HighWater::open(dir.path()).unwrap();
        assert_eq!(recorded, None);
        water.record(41).unwrap();
        water.record(42).unwrap();
        drop(water);
        assert_eq!(HighWater::open(dir.path()).unwrap().1, Some(42));
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[19] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(HighWater::open(dir.path()).unwrap().1, None);
    }
}
