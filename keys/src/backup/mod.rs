//! polkadot-js JSON backups ("keystore" files), read and written byte-compatibly with the
//! browser extension and the apps UI. `tests/data/polkadot-js/FORMAT.md` is the format.
//!
//! Reading is in three steps, each refusing what it can before any costly work:
//! [`BackupFile::parse`] (the JSON and its stated fields), then [`AccountFile::decrypt`] or
//! [`BatchFile::decrypt`] (scrypt parameters checked, then scrypt, then the secretbox), then
//! the key inside is checked against the file's `address`, which polkadot-js never does.

mod envelope;
mod error;
mod export;
mod file;
mod pkcs8;
pub mod recover;

pub use envelope::ScryptParams;
pub use error::{BackupError, ExportError};
pub use export::{
    export_account, export_batch, export_ethereum_account, ExportMeta, ExportedAccount, MIN_PASSWORD_CHARS,
};
pub use file::{AccountFile, BackupFile, BatchFile, Meta, StatedAddress, MAX_FILE_BYTES};

use envelope::{Protection, Sealed};
use zeroize::Zeroizing;

use crate::bip32::EthereumAddress;
use crate::scheme::{Keypair, Scheme};
use crate::secret::Password;
use crate::ss58;

/// An account restored from a file: its key, checked against what the file states.
pub struct RestoredAccount {
    pub keypair: Keypair,
    pub address: StatedAddress,
    pub meta: Meta,
    /// From an `ethereum` file: the account is [`RestoredAccount::ethereum_address`].
    pub ethereum: bool,
}

impl RestoredAccount {
    /// The EIP-55 address of an Ethereum file's key; `None` for other files.
    pub fn ethereum_address(&self) -> Option<EthereumAddress> {
        self.ethereum.then(|| self.keypair.public().ethereum_address()).flatten()
    }
}

impl AccountFile {
    /// Opens the file with `password` (empty: no password) and checks the key inside
    /// against the stated address.
    pub fn decrypt(&self, password: &Password) -> Result<RestoredAccount, BackupError> {
        let body = open(&self.encoded, self.protection, password, &pkcs8::BODY_LENGTHS)?;
        let keypair = match self.scheme {
            Some(scheme) => {
                let keypair = pkcs8::decode(&body, scheme)?;
                if !self.address.matches(&keypair.public()) {
                    return Err(self.mismatch(&keypair));
                }
                keypair
            }
            // The oldest files do not say: the key type is the one whose key decodes and
            // gives the stated address.
            None => {
                let decoded: Vec<Result<Keypair, BackupError>> =
                    Scheme::ALL.into_iter().map(|scheme| pkcs8::decode(&body, scheme)).collect();
                if let Some(index) =
                    decoded.iter().position(|pair| pair.as_ref().is_ok_and(|pair| self.address.matches(&pair.public())))
                {
                    decoded.into_iter().nth(index).expect("found above")?
                } else {
                    match decoded.into_iter().flatten().next() {
                        Some(pair) => return Err(self.mismatch(&pair)),
                        None => pkcs8::decode(&body, Scheme::Sr25519)?,
                    }
                }
            }
        };
        Ok(RestoredAccount { keypair, address: self.address.clone(), meta: self.meta.clone(), ethereum: self.ethereum })
    }

    fn mismatch(&self, keypair: &Keypair) -> BackupError {
        let public = keypair.public();
        let actual = match self.address.prefix() {
            Some(prefix) => ss58::encode(prefix, &public.account_id()),
            None => public.to_hex(),
        };
        BackupError::AddressMismatch { stated: self.address.text().to_owned(), actual }
    }
}

impl BatchFile {
    /// Opens the outer layer. The accounts inside are still encrypted, each with its own password.
    pub fn decrypt(&self, password: &Password) -> Result<Vec<AccountFile>, BackupError> {
        let plaintext = open(&self.encoded, self.protection, password, &[])?;
        file::parse_inner_accounts(&plaintext)
    }
}

/// The plaintext of `encoded`, after the password rules: an encrypted file needs one, a
/// plain file must not get one (polkadot-js fails then too; we say why).
fn open(
    encoded: &[u8],
    protection: Protection,
    password: &Password,
    plaintext_lengths: &[usize],
) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    match (protection, password.is_empty()) {
        (Protection::None, true) => Ok(Zeroizing::new(encoded.to_vec())),
        (Protection::None, false) => Err(BackupError::NotEncrypted),
        (_, true) => Err(BackupError::PasswordRequired),
        (_, false) => Sealed::split(encoded, protection, plaintext_lengths)?.open(password),
    }
}
