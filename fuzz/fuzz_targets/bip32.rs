//! The texts of other wallets' accounts: a BIP32 path (`Bip32Path::parse`: its canonical text
//! reads back the same), an Ethereum address (`EthereumAddress::parse`: its EIP-55 form reads
//! back the same), and Ethereum and Ledger secret URIs (refused with an error, never a panic).
#![no_main]
use axia_signer_keys::bip32::{Bip32Path, EthereumAddress, EthereumUri, LedgerUri};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(path) = Bip32Path::parse(text) {
        let canonical = path.to_string();
        assert_eq!(Bip32Path::parse(&canonical).expect("the canonical text reads back"), path);
    }
    if let Ok(address) = EthereumAddress::parse(text) {
        let checksummed = address.to_string();
        assert_eq!(EthereumAddress::parse(&checksummed).expect("EIP-55 reads back"), address);
        assert!(checksummed.eq_ignore_ascii_case(text), "the same digits");
    }
    // Deriving costs a PBKDF2: only the parsers run here, on short texts.
    if text.len() <= 512 {
        let _ = EthereumUri::parse(text);
        let _ = LedgerUri::parse(text);
    }
});
