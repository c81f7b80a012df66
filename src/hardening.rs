//! What the process does for its secrets before anything else runs (both the app and the
//! command line, through [`crate::run`]): no core dumps, and on Linux and Android not
//! "dumpable", so neither a crash nor another process of the same user (ptrace,
//! `/proc/<pid>/mem`) can copy a phrase, a PIN or an unlocked seed out of memory. The pages
//! that hold an unlocked seed are also kept out of swap (`mlock`, in
//! [`crate::keys::secret`]). Every step is best effort: a platform without it runs anyway.

use serde::Serialize;

/// What [`harden`] achieved; the hidden `process-status` command reports the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcessStatus {
    /// The core file size limit (soft), `None` where there is no such limit to read.
    pub core_limit: Option<u64>,
    /// Whether the process may be dumped or traced by its user; `None` where unknown.
    pub dumpable: Option<bool>,
}

/// Turns off core dumps (`RLIMIT_CORE` 0, soft and hard) and, on Linux and Android, makes
/// the process not dumpable (`PR_SET_DUMPABLE` 0). Returns what holds afterwards.
pub fn harden() -> ProcessStatus {
    #[cfg(unix)]
    {
        let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: plain system calls on this process with valid arguments.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &none);
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: as above.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    status()
}

/// What holds now for this process.
pub fn status() -> ProcessStatus {
    #[cfg(unix)]
    let core_limit = {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit fills the struct it is given.
        let read = unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) } == 0;
        // `rlim_t` is u64 here but narrower on some 32-bit targets: widened, never cut.
        #[allow(clippy::unnecessary_cast)]
        read.then_some(limit.rlim_cur as u64)
    };
    #[cfg(not(unix))]
    let core_limit = None;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: PR_GET_DUMPABLE takes no pointer and returns 0, 1 or 2.
    let dumpable = match unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) } {
        -1 => None,
        value => Some(value != 0),
    };
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let dumpable = None;
    ProcessStatus { core_limit, dumpable }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_hardening_there_are_no_core_dumps_and_no_dumping() {
        let status = harden();
        assert_eq!(status.core_limit, Some(0));
        #[cfg(target_os = "linux")]
        assert_eq!(status.dumpable, Some(false));
        assert_eq!(super::status(), status);
    }
}
