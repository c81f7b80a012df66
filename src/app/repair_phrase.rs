//! "Repair with your address": the phrase as written down and the address the user
//! expects; which slips are tried, what they cost, and what a hit changed. The app and
//! `axia-signer repair-phrase` both run this over the key core's repair.

use crate::app::text::{capitalised, duration_text, thousands};
use crate::db::{Store, StoreError};
use crate::keys::repair::{self, Change, ClassPlan, RepairOptions, Repaired, TypoClass, PASS2_LIMIT};
use crate::keys::{ss58, AccountId, PublicKey, Scheme, Ss58Error};

pub use crate::keys::repair::{RepairError, DEFAULT_REPAIR_DEPTH};

/// The deepest pass 2 offered: every kept candidate is searched this deep.
pub const MAX_REPAIR_DEPTH: u32 = 100;

/// Why the expected address is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TargetError {
    /// Nothing pasted: paste the address the old wallet showed.
    #[error("paste the address you expect")]
    Empty,
    /// Not SS58 (a typo, or something else pasted): copy it again.
    #[error("not an address: {0}")]
    Address(#[from] Ss58Error),
    /// `0x` and hex, but not 32 bytes (an account id or public key) nor 33 (an ecdsa key).
    #[error("a 0x account id or public key has 64 hex digits (66 for an ecdsa key)")]
    Hex,
}

/// The account the user expects: an SS58 address with any prefix, a `0x` account id or
/// sr25519/ed25519 public key (32 bytes), or a `0x` compressed ecdsa public key (33 bytes).
pub fn target(text: &str) -> Result<AccountId, TargetError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TargetError::Empty);
    }
    let Some(hex_digits) = text.strip_prefix("0x") else { return Ok(ss58::decode(text)?.1) };
    let bytes = hex::decode(hex_digits).map_err(|_| TargetError::Hex)?;
    match bytes.len() {
        32 => Ok(AccountId::from_bytes(bytes.try_into().expect("32 bytes"))),
        33 => PublicKey::from_bytes(Scheme::Ecdsa, &bytes).map(|key| key.account_id()).ok_or(TargetError::Hex),
        _ => Err(TargetError::Hex),
    }
}

/// The paths to try: every Substrate network's path id (the user's own too); the built-in
/// catalogue when there is no store at hand.
pub fn options(store: Option<&Store>, depth: u32, deep: bool) -> Result<RepairOptions, StoreError> {
    let networks = match store {
        Some(store) => store.networks()?,
        None => crate::db::networks::builtin_networks(),
    };
    Ok(RepairOptions { path_ids: crate::app::find_address::substrate_path_ids(networks), depth, deep })
}

/// What will be tried and how long it may take, a line a class, then the total.
pub fn plan_text(plan: &[ClassPlan], per_second: f64) -> String {
    let mut text = String::new();
    for class in plan {
        let noun = if class.candidates == 1 { "candidate" } else { "candidates" };
        text += &format!(
            "{}: {} {noun} (about {} pass the checksum)\n",
            capitalised(class.class.describe()),
            thousands(class.candidates),
            thousands(class.checksum_valid),
        );
    }
    let pass1 = duration_text(repair::estimate(plan, per_second));
    text + &format!(
        "At most {pass1} on this machine; after a class that misses, its likeliest {} candidates are searched at more paths.\n",
        thousands(PASS2_LIMIT as u64)
    )
}

/// "word 2: dxonor → donor", "word 10: (missing) → uncle", "word 13: zoo (one too many)".
pub fn change_text(change: &Change) -> String {
    match (&change.was, change.now) {
        (Some(was), Some(now)) => format!("word {}: {} → {now}", change.position, was.as_str()),
        (None, Some(now)) => format!("word {}: (missing) → {now}", change.position),
        (Some(was), None) => format!("word {}: {} (one too many)", change.position, was.as_str()),
        (None, None) => format!("word {}", change.position),
    }
}

/// The account the repaired phrase gives, for a person.
pub fn found_text(repaired: &Repaired) -> String {
    let path = match repaired.found.path.as_str() {
        "" => "the root (no derivation)".to_owned(),
        path => format!("path {path}"),
    };
    let changed = match repaired.changes.len() {
        0 => "The phrase was right as written".to_owned(),
        1 => "Repaired: 1 word changed".to_owned(),
        n => format!("Repaired: {n} words changed"),
    };
    format!("{changed}. The address is its {} account at {path}.", repaired.found.scheme.as_str())
}

/// What to try after a miss.
pub fn next_steps(options: &RepairOptions) -> String {
    let mut steps = vec!["a BIP39 password, if one was used (a \"25th word\" changes every address)"];
    if options.depth < MAX_REPAIR_DEPTH {
        steps.push("a deeper path search (a larger depth)");
    }
    if !options.deep {
        steps.push("--deep (a misspelled word and a wrong word together; millions of candidates)");
    }
    format!("try {}", steps.join(", or "))
}

/// A miss, class by class.
pub fn missed_text(tried_by_class: &[(TypoClass, u64)]) -> String {
    let classes: Vec<String> =
        tried_by_class.iter().map(|(class, tried)| format!("{} ({})", class.describe(), thousands(*tried))).collect();
    format!("No repair gives this address. Tried: {}.", classes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_address_is_ss58_with_any_prefix_or_a_hex_key() {
        let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        let polkadot = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
        let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
        assert_eq!(target(alice).unwrap(), target(polkadot).unwrap());
        assert_eq!(target(hex).unwrap(), target(alice).unwrap());
        assert_eq!(target(" "), Err(TargetError::Empty));
        assert_eq!(target("0x1234"), Err(TargetError::Hex));
        assert!(matches!(target("5Grwva"), Err(TargetError::Address(_))));
    }

    #[test]
    fn a_wait_reads_as_a_person_writes_it() {
        assert_eq!(duration_text(Duration::from_secs(300)), "5 minutes");
    }
}
