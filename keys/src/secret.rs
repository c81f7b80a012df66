//! Types that hold secrets. Each one zeroizes its bytes on drop and has a hand-written
//! `Debug` that names the type and nothing else, so a secret can sit inside a struct
//! that derives `Debug` (or reach a log by mistake) without leaking.
//!
//! Their bytes live on the heap, in pages locked in memory (`mlock`) while they live, so an
//! unlocked seed is not written to swap: see [`PageLock`]. This is best effort: where the
//! OS refuses (over `RLIMIT_MEMLOCK`, or not Unix) the secret works the same, unlocked.

use std::fmt;

use zeroize::{Zeroize, Zeroizing};

/// Length of a seed in bytes: the sr25519 mini secret, the ed25519 seed, the secp256k1 key.
pub const SEED_LENGTH: usize = 32;

/// A 32-byte root secret: what a seed phrase expands to, or a raw `0x…` seed.
///
/// For sr25519 this is the schnorrkel *mini secret key*; for ed25519 and ecdsa it is the
/// seed their keys are made from. Hard derivations produce a new one of these. Its bytes
/// sit in a heap allocation of their own, in locked pages, and never move.
pub struct Seed {
    bytes: Box<[u8; SEED_LENGTH]>,
    _pages: PageLock,
}

impl Seed {
    /// Zeros, in place and locked, for the caller to fill.
    fn zeroed() -> Self {
        let bytes = Box::new([0u8; SEED_LENGTH]);
        let pages = PageLock::new(bytes.as_ptr(), SEED_LENGTH);
        Seed { bytes, _pages: pages }
    }

    /// Copies bytes the caller already holds; the caller zeroizes its own copy.
    pub fn from_bytes(mut bytes: [u8; SEED_LENGTH]) -> Self {
        let mut seed = Seed::zeroed();
        seed.bytes.copy_from_slice(&bytes);
        bytes.zeroize();
        seed
    }

    /// Parses `0x` followed by exactly 64 hex digits. Returns `None` otherwise, without
    /// saying why, so callers never echo what they were given.
    pub fn from_hex(text: &str) -> Option<Self> {
        let digits = text.strip_prefix("0x")?;
        if digits.len() != SEED_LENGTH * 2 {
            return None;
        }
        let mut seed = Seed::zeroed();
        hex::decode_to_slice(digits, &mut seed.bytes[..]).ok()?;
        Some(seed)
    }

    /// Copies the first 32 bytes of a longer secret buffer (the caller wipes the buffer).
    pub(crate) fn from_prefix(bytes: &[u8]) -> Self {
        let mut seed = Seed::zeroed();
        seed.bytes.copy_from_slice(&bytes[..SEED_LENGTH]);
        seed
    }

    pub fn as_bytes(&self) -> &[u8; SEED_LENGTH] {
        &self.bytes
    }
}

impl Clone for Seed {
    fn clone(&self) -> Self {
        Seed::from_prefix(&self.bytes[..])
    }
}

impl Drop for Seed {
    fn drop(&mut self) {
        // Wiped before the page lock is released (the field dropped after this).
        self.bytes.zeroize();
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(<redacted>)")
    }
}

/// A password: the BIP39 password after `///` in a URI, and later file passwords.
#[derive(Default)]
pub struct Password {
    text: Zeroizing<String>,
    _pages: Option<PageLock>,
}

impl Password {
    pub fn new(text: impl Into<String>) -> Self {
        let text = Zeroizing::new(text.into());
        let pages = (text.capacity() > 0).then(|| PageLock::new(text.as_ptr(), text.capacity()));
        Password { text, _pages: pages }
    }

    pub fn empty() -> Self {
        Password::default()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn expose(&self) -> &str {
        &self.text
    }
}

impl Clone for Password {
    fn clone(&self) -> Self {
        Password::new(self.expose())
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Secret key bytes in the form polkadot-js keeps in its PKCS8 body:
/// sr25519 `key*8 || nonce` (64), ed25519 `seed || public` (64), ecdsa the scalar (32).
pub struct SecretBytes {
    bytes: Zeroizing<Vec<u8>>,
    _pages: Option<PageLock>,
}

impl SecretBytes {
    /// Takes ownership of bytes that are already secret; they are wiped on drop.
    pub fn new(bytes: Vec<u8>) -> Self {
        let bytes = Zeroizing::new(bytes);
        let pages = (bytes.capacity() > 0).then(|| PageLock::new(bytes.as_ptr(), bytes.capacity()));
        SecretBytes { bytes, _pages: pages }
    }

    pub fn expose(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<{} bytes redacted>)", self.bytes.len())
    }
}

/// A value kept in locked pages of its own heap allocation while it lives (an unlocked
/// identity's secret, say). Its own `Drop` wipes it; then the page lock is released.
pub struct Locked<T> {
    value: Box<T>,
    _pages: PageLock,
}

impl<T> Locked<T> {
    pub fn new(value: T) -> Self {
        let value = Box::new(value);
        let pages = PageLock::new((&*value as *const T).cast(), std::mem::size_of::<T>());
        Locked { value, _pages: pages }
    }
}

impl<T> std::ops::Deref for Locked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> fmt::Debug for Locked<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Locked(<redacted>)")
    }
}

/// The memory pages under a secret, locked (`mlock`) when it is made, so the secret is
/// never written to swap. Pages are counted, and a page stays locked after its last secret
/// is gone, for the next one (see `memlock::change`). Best effort: a refused `mlock` (over
/// `RLIMIT_MEMLOCK`) or a platform without it changes nothing else. Fields holding the
/// secret are declared before this guard, so they are wiped before it is released.
pub struct PageLock {
    start: usize,
    len: usize,
}

impl PageLock {
    /// Locks the pages under `len` bytes at `start`.
    pub fn new(start: *const u8, len: usize) -> PageLock {
        let lock = PageLock { start: start as usize, len };
        memlock::change(lock.start, lock.len, true);
        lock
    }
}

impl Drop for PageLock {
    fn drop(&mut self) {
        memlock::change(self.start, self.len, false);
    }
}

impl fmt::Debug for PageLock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PageLock({} bytes)", self.len)
    }
}

mod memlock {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    /// Every page locked so far, with how many live secrets it holds now.
    static PAGES: Mutex<BTreeMap<usize, usize>> = Mutex::new(BTreeMap::new());

    /// Counts the pages under `[start, start + len)` up (`lock`) or down, locking a page at
    /// its first secret. A page stays locked after its last secret is gone: the allocator
    /// hands the same few heap pages to the next secrets, and unlocking then locking again
    /// splits and merges the kernel's memory map each time, which doubled the cost of
    /// deriving an ed25519 key (9 µs of 37 µs per child in a search). So the process holds
    /// at most the heap pages that ever held a secret locked, within `RLIMIT_MEMLOCK`.
    pub(super) fn change(start: usize, len: usize, lock: bool) {
        if len == 0 {
            return;
        }
        let size = page_size();
        let first = start / size * size;
        let last = (start + len - 1) / size * size;
        let mut pages = PAGES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for page in (first..=last).step_by(size) {
            match (pages.get_mut(&page), lock) {
                (Some(count), true) => *count += 1,
                (Some(count), false) => *count = count.saturating_sub(1),
                (None, true) => {
                    os::lock(page, size);
                    pages.insert(page, 1);
                }
                (None, false) => {}
            }
        }
    }

    /// How many live secrets hold the page under `address` (for tests).
    #[cfg(test)]
    pub(super) fn count(address: usize) -> Option<usize> {
        let page = address / page_size() * page_size();
        PAGES.lock().ok().and_then(|pages| pages.get(&page).copied())
    }

    fn page_size() -> usize {
        static SIZE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        *SIZE.get_or_init(os::page_size)
    }

    #[cfg(unix)]
    mod os {
        pub(super) fn page_size() -> usize {
            // SAFETY: sysconf has no memory effects.
            match unsafe { libc::sysconf(libc::_SC_PAGESIZE) } {
                size if size > 0 => size as usize,
                _ => 4096,
            }
        }

        /// Best effort: a refusal leaves the page as it was.
        pub(super) fn lock(page: usize, size: usize) {
            // SAFETY: the page is mapped (it holds a live allocation); mlock only pins it.
            let _ = unsafe { libc::mlock(page as *const libc::c_void, size) };
        }
    }

    #[cfg(not(unix))]
    mod os {
        pub(super) fn page_size() -> usize {
            4096
        }

        pub(super) fn lock(_page: usize, _size: usize) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_locks_its_page_until_the_last_secret_on_it_is_gone() {
        let seed = Seed::from_bytes([7; SEED_LENGTH]);
        let copy = seed.clone();
        assert!(memlock::count(copy.as_bytes().as_ptr() as usize).is_some_and(|count| count >= 1));
        drop(seed);
        assert!(memlock::count(copy.as_bytes().as_ptr() as usize).is_some_and(|count| count >= 1));
        assert_eq!(copy.as_bytes(), &[7; SEED_LENGTH]);
    }

    #[test]
    fn pages_shared_by_secrets_are_counted() {
        let start = 0x10_0000 * 4096;
        memlock::change(start + 10, 20, true);
        memlock::change(start + 100, 20, true);
        memlock::change(start + 10, 20, false);
        assert_eq!(memlock::count(start), Some(1));
        memlock::change(start + 100, 20, false);
        assert_eq!(memlock::count(start), Some(0), "still locked, for the next secret");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_live_seed_shows_in_the_locked_memory_of_the_process() {
        let locked_kib = || {
            let status = std::fs::read_to_string("/proc/self/status").unwrap();
            let line = status.lines().find(|line| line.starts_with("VmLck:")).unwrap().to_owned();
            line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap()
        };
        let seeds: Vec<Seed> = (0..64).map(|i| Seed::from_bytes([i; SEED_LENGTH])).collect();
        // Best effort: only where this process may lock memory at all.
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        unsafe { libc::getrlimit(libc::RLIMIT_MEMLOCK, &mut limit) };
        if limit.rlim_cur >= 1 << 20 {
            assert!(locked_kib() > 0, "no locked memory with 64 live seeds");
        }
        drop(seeds);
    }

    #[test]
    fn secrets_do_not_print() {
        assert_eq!(format!("{:?}", Seed::from_bytes([1; 32])), "Seed(<redacted>)");
        assert_eq!(format!("{:?}", Locked::new(Password::new("x"))), "Locked(<redacted>)");
    }
}

/// Text a person types that is secret (PIN digits, phrase words, passwords), in one
/// allocation made at its full size up front: typing never moves it to a bigger buffer and
/// leaves the old one behind. Zeroized on drop and on [`SecretText::clear`]; no `Debug`, no
/// `Clone`.
pub struct SecretText {
    text: zeroize::Zeroizing<String>,
    max_bytes: usize,
}

impl SecretText {
    /// Room for `max_bytes` bytes of text, reserved now.
    pub fn with_capacity(max_bytes: usize) -> Self {
        SecretText { text: zeroize::Zeroizing::new(String::with_capacity(max_bytes)), max_bytes }
    }

    /// Appends `c`, or returns false and changes nothing when it would not fit.
    pub fn push(&mut self, c: char) -> bool {
        if self.text.len() + c.len_utf8() > self.max_bytes {
            return false;
        }
        self.text.push(c);
        true
    }

    /// Removes the last character, if any (its byte stays in the buffer until overwritten or
    /// dropped, where it is zeroized).
    pub fn pop(&mut self) {
        self.text.pop();
    }

    /// How many characters are typed.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Wipes the text; the room stays reserved.
    pub fn clear(&mut self) {
        zeroize::Zeroize::zeroize(&mut *self.text);
        self.text.clear();
        self.text.reserve(self.max_bytes);
    }

    /// The text, for the code that checks it.
    pub fn expose(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod secret_text_tests {
    use super::SecretText;

    #[test]
    fn typing_stays_in_the_room_reserved_and_never_moves() {
        let mut typed = SecretText::with_capacity(6);
        let start = typed.expose().as_ptr();
        assert!("123456".chars().all(|c| typed.push(c)));
        assert!(!typed.push('7'), "no room: refused, not grown");
        assert_eq!((typed.expose(), typed.expose().as_ptr()), ("123456", start));
        typed.pop();
        assert_eq!(typed.char_count(), 5);
        typed.clear();
        assert!(typed.is_empty());
        assert!(typed.push('9'));
    }
}
