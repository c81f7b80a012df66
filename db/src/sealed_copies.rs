//! Each identity's sealed secret and public record, kept outside sled in two checksummed
//! files, `sealed/<id>.a` and `sealed/<id>.b`, each replaced whole by a rename.
//!
//! Why outside sled: sled's log keeps old versions of a value until it happens to clean the
//! segment, so an old sealed record (which opens with the old PIN) would stay in the `db`
//! file after a PIN change or a delete. A file replaced by rename, its old inode overwritten
//! with zeros first, leaves the old record in no file of the store.
//! Why two files: a flipped bit in one is caught by its checksum and mended from the other.
//! Why the public record too: a damaged sled log can lose identities; they are rebuilt from
//! here ([`crate::recovery`]).
//!
//! Every change writes these files *before* sled's transaction, so a copy is never behind
//! sled: its `generation` is equal to sled's, or ahead when sled lost (or never got) a write.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::permissions;
use crate::schema::{AccountRecord, IdentityId, IdentityRecord};
use crate::seal::SealedSecret;

/// The folder, inside the store's directory.
pub const SEALED_DIR: &str = "sealed";
const MAGIC: &str = "axia-signer sealed copy v1";
/// A copy is a few hundred bytes; anything much larger is not ours.
const MAX_FILE_BYTES: u64 = 64 * 1024;
const SLOTS: [&str; 2] = ["a", "b"];

/// One account the identity was created with, restored with it when sled lost both.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct FirstAccount {
    #[serde(with = "hex::serde")]
    pub key: Vec<u8>,
    pub record: AccountRecord,
}

/// What a copy says about its identity.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CopyState {
    Live {
        record: IdentityRecord,
        sealed: SealedSecret,
        first_accounts: Vec<FirstAccount>,
    },
    /// Written over both copies before a delete reaches sled: an interrupted delete is
    /// finished on the next open, and the sealed record is already gone.
    Deleted,
}

/// One identity's copy, as written to both files.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct SealedCopy {
    pub id: IdentityId,
    /// Matches [`IdentityRecord::generation`] once sled has the same change.
    pub generation: u64,
    pub state: CopyState,
}

/// What one of the two files holds.
pub(crate) enum Slot {
    Missing,
    /// Unreadable, truncated, wrong checksum, or another identity's: the reason in words.
    Damaged(String),
    Good(Box<SealedCopy>),
}

/// Both files of one identity.
pub(crate) struct Pair {
    pub id: IdentityId,
    pub slots: [Slot; 2],
}

impl Pair {
    /// The newest readable copy.
    pub fn best(&self) -> Option<&SealedCopy> {
        self.slots
            .iter()
            .filter_map(|slot| match slot {
                Slot::Good(copy) => Some(copy.as_ref()),
                _ => None,
            })
            .max_by_key(|copy| copy.generation)
    }

    /// Both files' names, `a` then `b`.
    pub fn files(&self) -> [String; 2] {
        SLOTS.map(|slot| file_name(self.id, slot))
    }

    /// Files that are not the best copy (missing, damaged or older), by name.
    pub fn stale_files(&self) -> Vec<String> {
        let best = self.best().map(|copy| copy.generation);
        self.files()
            .into_iter()
            .zip(&self.slots)
            .filter(|(_, slot)| match slot {
                Slot::Good(copy) => Some(copy.generation) != best,
                _ => true,
            })
            .map(|(file, _)| file)
            .collect()
    }
}

/// The `sealed/` folder of one store.
pub(crate) struct SealedCopies {
    dir: PathBuf,
}

impl SealedCopies {
    pub fn new(store_dir: &Path) -> SealedCopies {
        SealedCopies { dir: store_dir.join(SEALED_DIR) }
    }

    /// Creates the folder (0700), and wipes temporary files a crash left mid-write.
    pub fn create_dir(&self) -> io::Result<()> {
        permissions::private_dir(&self.dir)?;
        for entry in fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with('.') && name.ends_with(".new") {
                scrub(&OpenOptions::new().write(true).open(&path)?)?;
                fs::remove_file(&path)?;
            }
        }
        Ok(())
    }

    /// Writes `copy` over both files, one after the other, each durable before the next.
    pub fn write(&self, copy: &SealedCopy) -> Result<(), StoreError> {
        let bytes = encode(copy);
        for slot in SLOTS {
            replace_file(&self.dir, &file_name(copy.id, slot), &bytes).map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    /// Overwrites both files with zeros and removes them.
    pub fn remove(&self, id: IdentityId) -> Result<(), StoreError> {
        self.remove_files(id).map_err(|e| self.failed(e))
    }

    fn failed(&self, error: io::Error) -> StoreError {
        StoreError::Io(format!("the sealed copies in {} could not be written: {error}", self.dir.display()))
    }

    fn remove_files(&self, id: IdentityId) -> io::Result<()> {
        for slot in SLOTS {
            let path = self.dir.join(file_name(id, slot));
            match OpenOptions::new().write(true).open(&path) {
                Ok(file) => {
                    scrub(&file)?;
                    fs::remove_file(&path)?;
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        sync_dir(&self.dir)
    }

    /// Whether no file of `id` exists here, not even a damaged one.
    pub fn is_free(&self, id: IdentityId) -> bool {
        SLOTS.iter().all(|slot| !self.dir.join(file_name(id, slot)).exists())
    }

    pub fn read(&self, id: IdentityId) -> Pair {
        Pair { id, slots: SLOTS.map(|slot| read_slot(&self.dir.join(file_name(id, slot)), id)) }
    }

    /// Every identity with at least one file here (leftover temporary files ignored).
    pub fn ids(&self) -> Result<Vec<IdentityId>, StoreError> {
        self.list().map_err(|e| self.failed(e))
    }

    fn list(&self) -> io::Result<Vec<IdentityId>> {
        let mut ids = Vec::new();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(ids),
            Err(error) => return Err(error),
        };
        for entry in entries {
            let name = entry?.file_name();
            let Some(id) = name.to_str().and_then(parse_file_name) else { continue };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// The folder, for messages.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn file_name(id: IdentityId, slot: &str) -> String {
    format!("{:016x}.{slot}", id.0)
}

fn parse_file_name(name: &str) -> Option<IdentityId> {
    let (hex_id, slot) = name.split_once('.')?;
    if hex_id.len() != 16 || !SLOTS.contains(&slot) {
        return None;
    }
    u64::from_str_radix(hex_id, 16).ok().map(IdentityId)
}

/// `MAGIC\n<json>\nsha256 <hex of SHA-256 over the two lines before>\n`: readable by eye,
/// and a checksum that tells a damaged file from a good one.
fn encode(copy: &SealedCopy) -> Vec<u8> {
    let body = format!("{MAGIC}\n{}\n", serde_json::to_string(copy).expect("copies serialise"));
    let checksum = hex::encode(Sha256::digest(body.as_bytes()));
    format!("{body}sha256 {checksum}\n").into_bytes()
}

pub(crate) fn decode(bytes: &[u8], id: IdentityId) -> Result<SealedCopy, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_owned())?;
    let body_end = text.trim_end_matches('\n').rfind('\n').ok_or("it is truncated")? + 1;
    let (body, trailer) = text.split_at(body_end);
    let checksum = trailer.strip_prefix("sha256 ").and_then(|rest| rest.strip_suffix('\n')).ok_or("it is truncated")?;
    if hex::encode(Sha256::digest(body.as_bytes())) != checksum {
        return Err("its checksum does not match".to_owned());
    }
    let json = body.strip_prefix(MAGIC).and_then(|rest| rest.strip_prefix('\n')).ok_or("it is not a sealed copy")?;
    let copy: SealedCopy = serde_json::from_str(json.trim_end()).map_err(|e| format!("it does not decode ({e})"))?;
    if copy.id != id {
        return Err(format!("it belongs to identity {}", copy.id.0));
    }
    Ok(copy)
}

fn read_slot(path: &Path, id: IdentityId) -> Slot {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Slot::Missing,
        Err(error) => return Slot::Damaged(format!("it cannot be read ({error})")),
    };
    let mut bytes = Vec::new();
    if let Err(error) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return Slot::Damaged(format!("it cannot be read ({error})"));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Slot::Damaged("it is far too large".to_owned());
    }
    match decode(&bytes, id) {
        Ok(copy) => Slot::Good(Box::new(copy)),
        Err(reason) => Slot::Damaged(reason),
    }
}

/// Writes `name` whole or not at all: a private temporary file, synced, renamed over the
/// old one, whose inode is then overwritten with zeros so its bytes leave the store.
fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let target = dir.join(name);
    let temporary = dir.join(format!(".{name}.new"));
    let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    let old = OpenOptions::new().write(true).open(&target).ok();
    fs::rename(&temporary, &target)?;
    sync_dir(dir)?;
    if let Some(old) = old {
        scrub(&old)?;
    }
    Ok(())
}

/// Zeros over a file's whole length, synced.
fn scrub(mut file: &File) -> io::Result<()> {
    let length = file.metadata()?.len();
    file.seek(SeekFrom::Start(0))?;
    io::copy(&mut io::repeat(0).take(length), &mut file)?;
    file.sync_all()
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pin::Pin;
    use crate::schema::IdentityKind;
    use crate::seal::KdfParams;

    fn copy(id: u64, generation: u64) -> SealedCopy {
        let pin = Pin::new("123456").unwrap();
        SealedCopy {
            id: IdentityId(id),
            generation,
            state: CopyState::Live {
                record: IdentityRecord {
                    name: "Main".into(),
                    created_ms: 1,
                    kind: IdentityKind::Phrase,
                    root_scheme: "sr25519".into(),
                    root_public: vec![7; 32],
                    generation,
                },
                sealed: SealedSecret::seal(b"secret", &pin, KdfParams::FAST_INSECURE),
                first_accounts: vec![],
            },
        }
    }

    #[test]
    fn a_written_copy_reads_back_from_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let copies = SealedCopies::new(dir.path());
        copies.create_dir().unwrap();
        copies.write(&copy(3, 1)).unwrap();
        let pair = copies.read(IdentityId(3));
        assert!(pair.slots.iter().all(|slot| matches!(slot, Slot::Good(_))));
        assert_eq!(pair.best().unwrap().generation, 1);
        assert_eq!(copies.ids().unwrap(), [IdentityId(3)]);
    }

    #[test]
    fn every_flipped_bit_is_caught_and_the_other_file_serves() {
        let dir = tempfile::tempdir().unwrap();
        let copies = SealedCopies::new(dir.path());
        copies.create_dir().unwrap();
        copies.write(&copy(3, 1)).unwrap();
        let path = copies.dir().join(file_name(IdentityId(3), "a"));
        let good = fs::read(&path).unwrap();
        for bit in 0..good.len() * 8 {
            let mut bad = good.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            fs::write(&path, &bad).unwrap();
            let pair = copies.read(IdentityId(3));
            assert!(matches!(pair.slots[0], Slot::Damaged(_)), "bit {bit} went unnoticed");
            assert!(pair.best().is_some());
            assert_eq!(pair.stale_files(), [file_name(IdentityId(3), "a")]);
        }
    }

    #[test]
    fn a_copy_of_another_identity_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let copies = SealedCopies::new(dir.path());
        copies.create_dir().unwrap();
        copies.write(&copy(3, 1)).unwrap();
        fs::copy(copies.dir().join("0000000000000003.a"), copies.dir().join("0000000000000004.a")).unwrap();
        assert!(matches!(copies.read(IdentityId(4)).slots[0], Slot::Damaged(_)));
    }

    #[test]
    fn removing_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let copies = SealedCopies::new(dir.path());
        copies.create_dir().unwrap();
        copies.write(&copy(3, 1)).unwrap();
        copies.remove(IdentityId(3)).unwrap();
        assert_eq!(fs::read_dir(copies.dir()).unwrap().count(), 0);
    }
}
