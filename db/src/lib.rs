//! AXIA Signer's PIN-sealed identity store, over sled.
//!
//! Public data (identities' names, accounts, networks, the history) reads without a PIN.
//! An identity's secret is sealed under its PIN ([`seal`]) and opens only through
//! [`Store::unlock`], which counts wrong PINs on disk ([`lockout`]). Every write is one
//! sled transaction over all trees, flushed before it reports success.

mod accounts;
pub mod error;
pub mod history;
mod history_store;
mod identities;
mod integrity;
pub mod lockout;
pub mod names;
pub mod networks;
mod networks_store;
pub mod pin;
pub mod schema;
pub mod seal;
pub mod secret;
mod store;

pub use accounts::{Account, AddAccountError, NewAccount};
pub use error::{OpenError, StoreError};
pub use history::{Event, EventKind};
pub use identities::{wait_text, AddIdentityError, Identity, NewIdentity, RenameError, UnlockError, MAX_NAME_CHARS};
pub use networks::{Network, NetworkError, NewNetwork};
pub use pin::{Pin, PinError};
pub use schema::{AccountKey, AccountOrigin, GenesisHash, IdentityId, IdentityKind};
pub use seal::KdfParams;
pub use secret::IdentitySecret;
pub use store::{Clock, Store, StoreOptions};
