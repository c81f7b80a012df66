//! sr25519 keys through schnorrkel, in the "Ed25519" expansion mode Substrate uses.
//!
//! schnorrkel's own `Debug` prints secret bytes, so its secret types stay inside this
//! file, wrapped in [`SecretKey`], which has no `Debug`.

use curve25519_dalek::{RistrettoPoint, Scalar};
use schnorrkel::derive::{ChainCode, Derivation};
use schnorrkel::{ExpansionMode, MiniSecretKey};
use zeroize::Zeroizing;

use super::path::Junction;
use super::secret::{SecretBytes, Seed};

/// The signing context Substrate's sr25519 signatures use (sp-core, polkadot-js).
const SIGNING_CONTEXT: &[u8] = b"substrate";

/// An expanded sr25519 secret key (scalar and nonce). schnorrkel zeroizes it on drop.
#[derive(Clone)]
pub(crate) struct SecretKey(schnorrkel::SecretKey);

impl SecretKey {
    pub(crate) fn from_seed(seed: &Seed) -> Self {
        let mini = MiniSecretKey::from_bytes(seed.as_bytes()).expect("32 bytes is a mini secret key");
        SecretKey(mini.expand(ExpansionMode::Ed25519))
    }

    /// Hard: a Merlin transcript over the chain code and the scalar gives a new mini
    /// secret. Soft: scalar + H(public, chain code), which the public side can follow.
    pub(crate) fn derive(&self, junction: &Junction) -> Self {
        match junction {
            Junction::Hard(code) => {
                let (mini, _) = self.0.hard_derive_mini_secret_key(Some(ChainCode(*code)), b"");
                SecretKey(mini.expand(ExpansionMode::Ed25519))
            }
            Junction::Soft(code) => SecretKey(self.0.derived_key_simple(ChainCode(*code), []).0),
        }
    }

    pub(crate) fn public(&self) -> [u8; 32] {
        self.0.to_public().to_bytes()
    }

    /// A Schnorr signature in the "substrate" context. The public key it commits to is
    /// computed from this secret, never taken from elsewhere. The nonce is random, so two
    /// signatures of one message differ.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign_simple(SIGNING_CONTEXT, message, &self.0.to_public()).to_bytes()
    }

    /// The inverse of [`to_polkadot_js_bytes`](Self::to_polkadot_js_bytes).
    pub(crate) fn from_polkadot_js_bytes(bytes: &[u8]) -> Option<Self> {
        schnorrkel::SecretKey::from_ed25519_bytes(bytes).ok().map(SecretKey)
    }

    /// The secret scalar (canonical, not times 8).
    pub(crate) fn scalar(&self) -> Zeroizing<Scalar> {
        let bytes = Zeroizing::new(self.0.to_bytes());
        let mut scalar_bytes = Zeroizing::new([0u8; 32]);
        scalar_bytes.copy_from_slice(&bytes[..32]);
        Zeroizing::new(Scalar::from_bytes_mod_order(*scalar_bytes))
    }

    /// `key * 8 || nonce`, the "ed25519 bytes" form polkadot-js keeps.
    pub(crate) fn to_polkadot_js_bytes(&self) -> SecretBytes {
        let bytes = Zeroizing::new(self.0.to_ed25519_bytes());
        SecretBytes::new(bytes.to_vec())
    }
}

/// Whether `signature` is `public`'s signature of `message` in the "substrate" context.
pub(crate) fn verify(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let (Ok(public), Ok(signature)) =
        (schnorrkel::PublicKey::from_bytes(public), schnorrkel::Signature::from_bytes(signature))
    else {
        return false;
    };
    public.verify_simple(SIGNING_CONTEXT, message, &signature).is_ok()
}

/// Public keys of many secret keys (see [`public_keys_of_scalars`]).
pub(crate) fn public_keys(keys: &[&SecretKey]) -> Vec<[u8; 32]> {
    let scalars: Vec<Zeroizing<Scalar>> = keys.iter().map(|key| key.scalar()).collect();
    public_keys_of_scalars(&scalars)
}

/// Public keys of many secret scalars. Encoding a Ristretto point costs a field inversion;
/// `double_and_compress_batch` shares one inversion across the batch, but encodes 2P, so
/// each point is computed as (s/2)·B and the doubling restores s·B.
pub(crate) fn public_keys_of_scalars(scalars: &[Zeroizing<Scalar>]) -> Vec<[u8; 32]> {
    let half = Scalar::from(2u8).invert();
    let points: Vec<RistrettoPoint> = scalars
        .iter()
        .map(|scalar| {
            let halved = Zeroizing::new(**scalar * half);
            RistrettoPoint::mul_base(&halved)
        })
        .collect();
    RistrettoPoint::double_and_compress_batch(&points).iter().map(|encoded| encoded.to_bytes()).collect()
}

/// The scalar a soft junction adds to its parent's: schnorrkel's HDKD transcript over the
/// parent's public key and the chain code. The child's secret scalar is the parent's plus
/// this; its public key is then one batched multiplication, with no nonce drawn (a search
/// only needs public keys).
pub(crate) fn soft_offset(parent_public: &[u8; 32], chain_code: &[u8; 32]) -> Scalar {
    let mut transcript = merlin::Transcript::new(b"SchnorrRistrettoHDKD");
    transcript.append_message(b"sign-bytes", b"");
    transcript.append_message(b"chain-code", chain_code);
    transcript.append_message(b"public-key", parent_public);
    let mut wide = [0u8; 64];
    transcript.challenge_bytes(b"HDKD-scalar", &mut wide);
    Scalar::from_bytes_mod_order_wide(&wide)
}
