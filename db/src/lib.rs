//! AXIA Signer's PIN-sealed identity store, over sled.
//!
//! Public data (identities' names, accounts, networks, the history) reads without a PIN.
//! An identity's secret is sealed under its PIN ([`seal`]) and opens only through
//! [`Store::unlock`], which counts wrong PINs on disk ([`lockout`]). Every write is one
//! sled transaction over all trees, flushed before it reports success.
//!
//! Sealed secrets live outside sled, with each identity's public record, in two checksummed
//! files per identity (`sealed/`), written before sled: an old sealed record never lingers
//! in sled's log, and a damaged log loses no identity (it is rebuilt on open, and the user
//! told). A refused open changes no byte of the store (`open_guard`). Everything is private
//! to the user (0700/0600).

mod accounts;
pub mod error;
mod high_water;
pub mod history;
mod history_store;
mod identities;
mod integrity;
pub mod lockout;
pub mod names;
pub mod networks;
mod networks_store;
mod open_guard;
mod permissions;
pub mod pin;
mod recovery;
pub mod schema;
pub mod seal;
mod sealed_copies;
pub mod secret;
mod store;

pub use accounts::{Account, AccountPath, AddAccountError, NewAccount};
pub use error::{OpenError, StoreError};
pub use history::{Event, EventKind};
pub use identities::{wait_text, AddIdentityError, Identity, NewIdentity, RenameError, UnlockError, MAX_NAME_CHARS};
pub use networks::{Network, NetworkError, NetworkScheme, NewNetwork};
pub use pin::{Pin, PinError};
pub use recovery::Repair;
pub use schema::{AccountKey, AccountOrigin, Derivation, GenesisHash, IdentityId, IdentityKind};
pub use seal::{KdfParams, KdfParamsError};
pub use sealed_copies::SEALED_DIR;
pub use secret::IdentitySecret;
pub use store::{Clock, Store, StoreOptions, Ticker};

/// Entry points for the fuzz targets (`fuzz/`): the store's own decoders of bytes read
/// from disk, which a damaged or hostile file reaches.
#[doc(hidden)]
pub mod fuzzing {
    /// Decodes a sealed copy file; any bytes give `Ok` or `Err`, never a panic.
    pub fn sealed_copy(bytes: &[u8]) -> bool {
        crate::sealed_copies::decode(bytes, crate::IdentityId(1)).is_ok()
    }

    /// Parses the `written` file.
    pub fn written(text: &str) -> Option<u64> {
        crate::high_water::parse(text)
    }
}
