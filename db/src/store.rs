//! Opening the store, its trees, and the one way it writes: a transaction over all trees.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::Transactional;

use crate::error::{corrupt, OpenError, StoreError};
use crate::history::EventKind;
use crate::networks::builtin_networks;
use crate::schema::{self, EventRecord};
use crate::seal::KdfParams;

/// Milliseconds since the Unix epoch; replaceable so tests can move time.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How a store seals new secrets and tells the time.
#[derive(Clone)]
pub struct StoreOptions {
    /// argon2id parameters for new seals. [`KdfParams::DEFAULT`] outside tests.
    pub kdf: KdfParams,
    pub clock: Clock,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { kdf: KdfParams::DEFAULT, clock: Arc::new(system_clock_ms) }
    }
}

fn system_clock_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

pub(crate) struct Trees {
    pub meta: sled::Tree,
    pub identities: sled::Tree,
    pub identity_index: sled::Tree,
    pub secrets: sled::Tree,
    pub accounts: sled::Tree,
    pub account_paths: sled::Tree,
    pub networks: sled::Tree,
    pub history: sled::Tree,
    pub lockout: sled::Tree,
}

/// The views of every tree inside one transaction, by name.
pub(crate) struct Tx<'a>(&'a [TransactionalTree]);

impl Tx<'_> {
    pub fn meta(&self) -> &TransactionalTree {
        &self.0[0]
    }
    pub fn identities(&self) -> &TransactionalTree {
        &self.0[1]
    }
    pub fn identity_index(&self) -> &TransactionalTree {
        &self.0[2]
    }
    pub fn secrets(&self) -> &TransactionalTree {
        &self.0[3]
    }
    pub fn accounts(&self) -> &TransactionalTree {
        &self.0[4]
    }
    pub fn account_paths(&self) -> &TransactionalTree {
        &self.0[5]
    }
    pub fn networks(&self) -> &TransactionalTree {
        &self.0[6]
    }
    pub fn history(&self) -> &TransactionalTree {
        &self.0[7]
    }
    pub fn lockout(&self) -> &TransactionalTree {
        &self.0[8]
    }

    /// Appends to the security log, inside the same transaction as what it records.
    pub fn log<E>(&self, time_ms: u64, kind: EventKind, identity: Option<&str>, detail: String) -> TxResult<(), E> {
        let sequence = self.history().generate_id()?;
        let record = EventRecord { time_ms, kind, identity: identity.map(str::to_owned), detail };
        self.history().insert(&sequence.to_be_bytes(), encode(&record))?;
        Ok(())
    }
}

pub(crate) type TxResult<T, E> = Result<T, ConflictableTransactionError<E>>;

/// Aborts the transaction with `error`.
pub(crate) fn abort<T, E>(error: impl Into<E>) -> TxResult<T, E> {
    Err(ConflictableTransactionError::Abort(error.into()))
}

/// The PIN-sealed identity store.
pub struct Store {
    pub(crate) db: sled::Db,
    pub(crate) trees: Trees,
    pub(crate) options: StoreOptions,
    /// Held by every public write from its first read to its commit: checks made outside a
    /// transaction (which cannot scan) stay true until it commits.
    writer: Mutex<()>,
}

/// How long opening waits for another holder of the database's lock to let go.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

impl Store {
    /// Opens (or creates) the store in `dir` with the default sealing parameters.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        Store::open_with(dir, StoreOptions::default())
    }

    pub fn open_with(dir: &Path, options: StoreOptions) -> Result<Store, OpenError> {
        options.kdf.check().map_err(OpenError::InvalidOptions)?;
        // A process (or a Store in this one) that has just closed the database may still be
        // releasing its lock from sled's background thread: wait a moment before calling it
        // "in use".
        let deadline = std::time::Instant::now() + LOCK_WAIT;
        let db = loop {
            match sled::Config::new().path(dir).open() {
                Err(sled::Error::Io(ref io)) if io.to_string().contains("could not acquire lock") => {
                    if std::time::Instant::now() >= deadline {
                        return Err(OpenError::InUse { path: dir.display().to_string() });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other?,
            }
        };
        Store::from_db(db, options)
    }

    /// A store that lives in memory and a temporary file, gone when dropped.
    pub fn temporary(options: StoreOptions) -> Result<Store, OpenError> {
        options.kdf.check().map_err(OpenError::InvalidOptions)?;
        Store::from_db(sled::Config::new().temporary(true).open()?, options)
    }

    fn from_db(db: sled::Db, options: StoreOptions) -> Result<Store, OpenError> {
        // Read the version before opening any other tree: a newer store stays untouched.
        let meta = db.open_tree(schema::META)?;
        let version = match meta.get(schema::SCHEMA_VERSION_KEY)? {
            Some(bytes) => Some(u32::from_be_bytes(
                bytes
                    .as_ref()
                    .try_into()
                    .map_err(|_| corrupt(schema::META, schema::SCHEMA_VERSION_KEY, "not a u32"))?,
            )),
            None => None,
        };
        if let Some(found) = version.filter(|v| *v > schema::SCHEMA_VERSION) {
            return Err(OpenError::SchemaTooNew { found, supported: schema::SCHEMA_VERSION });
        }
        let open = |name| db.open_tree(name);
        let trees = Trees {
            meta,
            identities: open(schema::IDENTITIES)?,
            identity_index: open(schema::IDENTITY_INDEX)?,
            secrets: open(schema::SECRETS)?,
            accounts: open(schema::ACCOUNTS)?,
            account_paths: open(schema::ACCOUNT_PATHS)?,
            networks: open(schema::NETWORKS)?,
            history: open(schema::HISTORY)?,
            lockout: open(schema::LOCKOUT)?,
        };
        let store = Store { db, trees, options, writer: Mutex::new(()) };
        if version.is_none() {
            store.initialise()?;
        }
        Ok(store)
    }

    /// First open: the schema version and the built-in networks, in one transaction.
    fn initialise(&self) -> Result<(), StoreError> {
        if !self.trees.identities.is_empty() || !self.trees.accounts.is_empty() {
            return Err(StoreError::Corrupt("the schema version is missing but the store holds data".into()));
        }
        let networks = builtin_networks();
        self.transaction(|tx| -> TxResult<(), StoreError> {
            tx.meta().insert(schema::SCHEMA_VERSION_KEY, &schema::SCHEMA_VERSION.to_be_bytes())?;
            for network in &networks {
                tx.networks().insert(&network.genesis_hash.0, encode(&network.to_record()))?;
            }
            Ok(())
        })?;
        self.flush()
    }

    /// Runs `body` as one transaction over every tree: all of it happens, or none.
    pub(crate) fn transaction<T, E: From<StoreError>>(&self, body: impl Fn(&Tx) -> TxResult<T, E>) -> Result<T, E> {
        let t = &self.trees;
        let all = [
            &t.meta,
            &t.identities,
            &t.identity_index,
            &t.secrets,
            &t.accounts,
            &t.account_paths,
            &t.networks,
            &t.history,
            &t.lockout,
        ];
        all[..].transaction(|views| body(&Tx(views))).map_err(|error| match error {
            TransactionError::Abort(error) => error,
            TransactionError::Storage(error) => StoreError::from(error).into(),
        })
    }

    /// Makes everything written so far durable. Called before any success that creates or
    /// changes an identity is reported.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    pub(crate) fn now_ms(&self) -> u64 {
        (self.options.clock)()
    }

    pub(crate) fn writer(&self) -> MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A setting, as stored text.
    pub fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        let key = format!("{}{name}", schema::SETTING_PREFIX);
        match self.trees.meta.get(&key)? {
            Some(bytes) => {
                String::from_utf8(bytes.to_vec()).map(Some).map_err(|e| corrupt(schema::META, key.as_bytes(), e))
            }
            None => Ok(None),
        }
    }

    pub fn set_setting(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let key = format!("{}{name}", schema::SETTING_PREFIX);
        let _writer = self.writer();
        self.trees.meta.insert(key, value.as_bytes())?;
        self.flush()
    }
}

/// Records are JSON: readable when something goes wrong, and secrets are sealed anyway.
pub(crate) fn encode<T: Serialize>(record: &T) -> Vec<u8> {
    serde_json::to_vec(record).expect("records serialise")
}

/// [`decode`] inside a transaction: a damaged record aborts it.
pub(crate) fn tx_decode<T: DeserializeOwned, E: From<StoreError>>(
    tree: &str,
    key: &[u8],
    bytes: &[u8],
) -> TxResult<T, E> {
    decode(tree, key, bytes).or_else(abort)
}

pub(crate) fn decode<T: DeserializeOwned>(tree: &str, key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| corrupt(tree, key, e))
}
