//! `<phrase>/m/44'/60'/0'/0/0`: the secret URI polkadot-js's keyring takes for an `ethereum`
//! pair. It is split like any secret URI ([`SecretUri`]: NFC, the first `///` starts the
//! password); the text after the phrase, its first `/` dropped, is a BIP32 path.

use std::fmt;

use super::ethereum::{EthereumDeriveError, EthereumKey};
use super::path::{Bip32Path, Bip32PathError};
use crate::phrase::Phrase;
use crate::uri::{RootSecret, SecretUri, UriError};

/// Why a text is not an Ethereum secret URI. No variant carries the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EthereumUriError {
    /// Not a phrase and path at all: see [`UriError`].
    #[error(transparent)]
    Uri(#[from] UriError),
    /// A non-empty `///password`: polkadot-js silently ignores it for Ethereum accounts
    /// (they use the BIP39 seed with an empty password), so it would protect nothing.
    /// Refused rather than dropped; remove it.
    #[error("a ///password is ignored for Ethereum accounts (polkadot-js derives them without one), so it would protect nothing: remove it")]
    PasswordIgnored,
    /// A `0x` key instead of a phrase: polkadot-js takes it as the account's private key
    /// itself and ignores any path after it. That is a private-key import, not this.
    #[error("this is a 0x private key, not a seed phrase: polkadot-js uses it as the key itself and ignores any path")]
    PrivateKeyNotPhrase,
    /// The text after the phrase is not a BIP32 path: see [`Bip32PathError`].
    #[error(transparent)]
    Path(#[from] Bip32PathError),
}

/// A phrase and the BIP32 path below its master (`m` when the URI has no path).
pub struct EthereumUri {
    pub phrase: Phrase,
    pub path: Bip32Path,
}

impl EthereumUri {
    /// Splits `<phrase>[/m/…][///]`. polkadot-js hands the path text, first `/` dropped, to
    /// `hdEthereum`: `/m/44'/60'/0'/0/0` is `m/44'/60'/0'/0/0`, and `//…` is no BIP32 path.
    /// A `///` with nothing after it is an empty password, which changes nothing, so it passes.
    pub fn parse(text: &str) -> Result<EthereumUri, EthereumUriError> {
        let uri = SecretUri::parse(text)?;
        if !uri.password.is_empty() {
            return Err(EthereumUriError::PasswordIgnored);
        }
        let path = match uri.path.as_str() {
            "" => Bip32Path::master(),
            text => Bip32Path::parse(&text[1..])?,
        };
        match uri.root {
            RootSecret::Phrase(phrase) => Ok(EthereumUri { phrase, path }),
            RootSecret::Seed(_) => Err(EthereumUriError::PrivateKeyNotPhrase),
        }
    }

    /// The key polkadot-js makes of this URI (see [`EthereumKey::from_phrase`]).
    pub fn derive(&self) -> Result<EthereumKey, EthereumDeriveError> {
        EthereumKey::from_phrase(&self.phrase, &self.path)
    }
}

impl fmt::Debug for EthereumUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EthereumUri").field("phrase", &self.phrase).field("path", &self.path).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uri::DEV_PHRASE;

    #[test]
    fn a_phrase_and_bip44_path_split_at_the_first_slash() {
        let uri = EthereumUri::parse(&format!("{DEV_PHRASE}/m/44'/60'/0'/0/0")).unwrap();
        assert_eq!((uri.phrase.expose().as_str(), uri.path.to_string().as_str()), (DEV_PHRASE, "m/44'/60'/0'/0/0"));
        assert!(EthereumUri::parse(DEV_PHRASE).unwrap().path.is_master());
        assert!(EthereumUri::parse(&format!("{DEV_PHRASE}/m")).unwrap().path.is_master());
    }

    #[test]
    fn a_password_is_refused_for_ethereum() {
        let with_password = format!("{DEV_PHRASE}/m/44'/60'/0'/0/0///secret");
        assert_eq!(EthereumUri::parse(&with_password).err(), Some(EthereumUriError::PasswordIgnored));
        let only_password = format!("{DEV_PHRASE}///secret");
        assert_eq!(EthereumUri::parse(&only_password).err(), Some(EthereumUriError::PasswordIgnored));
        // `///` with nothing after it carries no password.
        assert!(EthereumUri::parse(&format!("{DEV_PHRASE}/m/44'/60'/0'/0/0///")).is_ok());
    }

    #[test]
    fn a_private_key_is_not_taken_as_a_phrase() {
        let key = "0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133";
        assert_eq!(EthereumUri::parse(key).err(), Some(EthereumUriError::PrivateKeyNotPhrase));
        let with_path = format!("{key}/m/44'/60'/0'/0/0");
        assert_eq!(EthereumUri::parse(&with_path).err(), Some(EthereumUriError::PrivateKeyNotPhrase));
    }

    #[test]
    fn path_errors_name_the_bip32_problem() {
        let cases = [
            ("/44'/60'", Bip32PathError::MissingMaster),
            ("//m/44'", Bip32PathError::MissingMaster),
            ("/m/44h", Bip32PathError::BadIndex { level: 1 }),
            ("/m/44'//0", Bip32PathError::BadIndex { level: 2 }),
            ("/m/2147483648", Bip32PathError::IndexTooLarge { level: 1 }),
        ];
        for (path, error) in cases {
            let uri = format!("{DEV_PHRASE}{path}");
            assert_eq!(EthereumUri::parse(&uri).err(), Some(EthereumUriError::Path(error)), "{path}");
        }
        // Phrase errors come through the Substrate parser unchanged.
        let typo = DEV_PHRASE.replace("lake", "lakr");
        assert!(matches!(EthereumUri::parse(&typo), Err(EthereumUriError::Uri(UriError::Phrase(_)))));
    }

    #[test]
    fn an_ethereum_uri_prints_no_words() {
        let shown = format!("{:?}", EthereumUri::parse(&format!("{DEV_PHRASE}/m/44'/60'/0'/0/0")).unwrap());
        assert!(!shown.contains("bottom") && shown.contains("m/44'"), "{shown}");
    }
}
