//! The PIN-sealed identity store. Empty for now: the key core comes first, and this
//! crate will hold the sled trees, typed keys and the argon2id + XSalsa20-Poly1305 seal.
