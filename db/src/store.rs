//! Opening the store, its trees, and the one way it writes: a transaction over all trees.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::Transactional;

use crate::error::{corrupt, OpenError, StoreError};
use crate::high_water::HighWater;
use crate::history::EventKind;
use crate::networks::{builtin_networks, Network};
use crate::open_guard::{OpenGuard, StoreLock};
use crate::permissions;
use crate::recovery::Repair;
use crate::schema::{self, EventRecord, IdentityId};
use crate::seal::KdfParams;
use crate::sealed_copies::SealedCopies;

/// Milliseconds since the Unix epoch; replaceable so tests can move time.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// Milliseconds of monotonic time (never set back, never jumps with the wall clock), from
/// any origin; replaceable so tests can move time. Lockout waits are spent in it.
pub type Ticker = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How a store seals new secrets and tells the time.
#[derive(Clone)]
pub struct StoreOptions {
    /// argon2id parameters for new seals. [`KdfParams::DEFAULT`] outside tests.
    pub kdf: KdfParams,
    /// Wall-clock time, for the dates a user reads (history, creation).
    pub clock: Clock,
    /// Monotonic time, for lockout waits.
    pub ticker: Ticker,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { kdf: KdfParams::DEFAULT, clock: Arc::new(system_clock_ms), ticker: Arc::new(monotonic_ms) }
    }
}

fn system_clock_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn monotonic_ms() -> u64 {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_millis() as u64
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

    /// Raises the count of transactions by one ([`crate::high_water`]).
    fn count_write<E: From<StoreError>>(&self) -> TxResult<(), E> {
        let count = write_count(self.meta().get(schema::WRITES_KEY)?.as_deref()).or_else(abort)?;
        self.meta().insert(schema::WRITES_KEY, &(count + 1).to_be_bytes())?;
        Ok(())
    }

    /// Appends to the security log, inside the same transaction as what it records.
    /// `identity` is the identity it concerns, with its name at this moment.
    pub fn log<E>(
        &self,
        time_ms: u64,
        kind: EventKind,
        identity: Option<(IdentityId, &str)>,
        detail: String,
    ) -> TxResult<(), E> {
        // sled's id counter can step back after a damaged log: never write over an event.
        let sequence = loop {
            let sequence = self.history().generate_id()?;
            if self.history().get(sequence.to_be_bytes())?.is_none() {
                break sequence;
            }
        };
        let record = EventRecord {
            time_ms,
            kind,
            identity: identity.map(|(_, name)| name.to_owned()),
            identity_id: identity.map(|(id, _)| id),
            detail,
        };
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
    /// Each identity's sealed secret and public record, outside sled.
    pub(crate) copies: SealedCopies,
    /// Held by every public write from its first read to its commit: checks made outside a
    /// transaction (which cannot scan) stay true until it commits.
    writer: Mutex<()>,
    /// Per identity with a lockout wait: the [`Ticker`] time its owed wait was last written.
    pub(crate) lockout_since: Mutex<HashMap<IdentityId, u64>>,
    /// The count of acknowledged transactions outside sled; none for a temporary store.
    high_water: Option<HighWater>,
    /// What this open mended.
    repairs: Vec<Repair>,
    /// Where this open kept the files it found damaged, when it had to rebuild.
    kept_damaged: Option<PathBuf>,
    /// Declared last, so it drops after sled's handles above: marks the files cleanly
    /// closed, then lets go of the store's lock.
    _closer: Closer,
}

impl Drop for Store {
    /// Runs while sled is still open (fields drop after this): lockout waits keep the time
    /// that passed while the store was open.
    fn drop(&mut self) {
        let _ = self.spend_all_lockouts();
    }
}

/// What a store on disk does when dropped. Nothing for a temporary store.
struct Closer(Option<(PathBuf, StoreLock)>);

impl Drop for Closer {
    fn drop(&mut self) {
        if let Some((dir, _lock)) = &self.0 {
            // sled may have made a snapshot file since the open, with the process's umask;
            // mended before the clean mark, which a change of mode would spoil.
            let _ = permissions::make_private(dir);
            crate::open_guard::mark_clean(dir);
        }
    }
}

impl Store {
    /// Opens (or creates) the store in `dir` with the default sealing parameters.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        Store::open_with(dir, StoreOptions::default())
    }

    /// Opens (or creates) the store in `dir`. The directory and its files are made private
    /// to the user (0700, 0600). A store whose files are damaged is refused with every file
    /// left as it was ([`OpenError::Damaged`]); what opening mended is in [`Store::repairs`].
    pub fn open_with(dir: &Path, options: StoreOptions) -> Result<Store, OpenError> {
        options.kdf.check().map_err(OpenError::InvalidOptions)?;
        permissions::private_dir(dir).map_err(StoreError::from)?;
        let lock = StoreLock::acquire(dir)?;
        let guard = OpenGuard::prepare(dir)?;
        let copies = SealedCopies::new(dir);
        copies.create_dir().map_err(StoreError::from)?;
        let high_water = HighWater::open(dir).map_err(StoreError::from)?;
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let db = sled::Config::new().path(dir).open()?;
            Store::from_db(db, options, copies, Some(high_water))
        }));
        match opened {
            Ok(Ok(mut store)) => {
                let keep = !store.repairs.is_empty();
                store.kept_damaged = guard.opened(keep, store.now_ms()).map_err(StoreError::from)?;
                // Once, after sled made its files: those of an older store are mended too.
                permissions::make_private(dir).map_err(StoreError::from)?;
                store._closer = Closer(Some((dir.to_owned(), lock)));
                Ok(store)
            }
            Ok(Err(error)) => {
                guard.restore().map_err(StoreError::from)?;
                Err(name_damage(dir, error))
            }
            Err(_panic) => {
                guard.restore().map_err(StoreError::from)?;
                Err(crate::open_guard::damaged(dir, "db", "sled could not read it"))
            }
        }
    }

    /// Sets the store's damaged files aside in `damaged-<time>/` and rebuilds every identity
    /// from its sealed copies (with the accounts it was created with). Only for a store that
    /// [`Store::open`] refuses as [`OpenError::Damaged`]: a store that opens is refused with
    /// [`OpenError::NotDamaged`] (a rebuild starts a new log, wrong-PIN counts included).
    pub fn rebuild(dir: &Path, options: StoreOptions) -> Result<Store, OpenError> {
        match Store::open_with(dir, options.clone()) {
            Ok(_) => return Err(OpenError::NotDamaged),
            Err(OpenError::Damaged { .. }) => {}
            Err(other) => return Err(other),
        }
        let kept = {
            let _lock = StoreLock::acquire(dir)?;
            let now = (options.clock)();
            crate::open_guard::set_aside(dir, now).map_err(StoreError::from)?
        };
        let mut store = Store::open_with(dir, options)?;
        store.kept_damaged = Some(kept);
        Ok(store)
    }

    /// A store that lives in memory and a temporary folder, gone when dropped.
    pub fn temporary(options: StoreOptions) -> Result<Store, OpenError> {
        options.kdf.check().map_err(OpenError::InvalidOptions)?;
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let unique = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("axia-signer-{}-{}-{unique}", std::process::id(), system_clock_ms()));
        permissions::private_dir(&dir).map_err(StoreError::from)?;
        let copies = SealedCopies::new(&dir);
        copies.create_dir().map_err(StoreError::from)?;
        // sled removes the whole folder, sealed copies included, when it closes.
        let db = sled::Config::new().path(&dir).temporary(true).open()?;
        Store::from_db(db, options, copies, None)
    }

    fn from_db(
        db: sled::Db,
        options: StoreOptions,
        copies: SealedCopies,
        high_water: Option<(HighWater, Option<u64>)>,
    ) -> Result<Store, OpenError> {
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
        let (high_water, recorded) = high_water.map_or((None, None), |(file, recorded)| (Some(file), recorded));
        let mut store = Store {
            db,
            trees,
            options,
            copies,
            writer: Mutex::new(()),
            lockout_since: Mutex::new(HashMap::new()),
            high_water,
            repairs: Vec::new(),
            kept_damaged: None,
            _closer: Closer(None),
        };
        let mut repairs = Vec::new();
        let in_sled = store.writes_in_sled()?;
        if let Some(lost) = recorded.filter(|recorded| *recorded > in_sled).map(|recorded| recorded - in_sled) {
            repairs.push(Repair::WritesLost { lost });
        }
        match version {
            None => store.initialise()?,
            Some(1) => {
                store.move_secrets_out_of_sled()?;
                store.record_derivations()?;
                store.add_new_builtin_networks()?;
            }
            Some(2) => {
                store.record_derivations()?;
                store.add_new_builtin_networks()?;
            }
            Some(3) => store.add_new_builtin_networks()?,
            Some(_) => {}
        }
        repairs.extend(store.reconcile()?);
        store.repairs = repairs;
        store.flush()?;
        store.start_lockout_clocks()?;
        Ok(store)
    }

    /// What opening found damaged or unfinished and mended, for the user to read.
    pub fn repairs(&self) -> &[Repair] {
        &self.repairs
    }

    /// Where the files found damaged were kept, when opening rebuilt something.
    pub fn kept_damaged(&self) -> Option<&Path> {
        self.kept_damaged.as_deref()
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
        all[..]
            .transaction(|views| {
                let tx = Tx(views);
                let result = body(&tx)?;
                tx.count_write()?;
                Ok(result)
            })
            .map_err(|error| match error {
                TransactionError::Abort(error) => error,
                TransactionError::Storage(error) => StoreError::from(error).into(),
            })
    }

    /// Makes everything written so far durable. Called before any success that creates or
    /// changes an identity is reported.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        if let Some(high_water) = &self.high_water {
            high_water.record(self.writes_in_sled()?)?;
        }
        Ok(())
    }

    /// How many transactions sled holds ([`crate::high_water`]).
    fn writes_in_sled(&self) -> Result<u64, StoreError> {
        write_count(self.trees.meta.get(schema::WRITES_KEY)?.as_deref())
    }

    /// Schema 1 kept sealed secrets in sled: each goes to its sealed copies (with the
    /// identity's record), then the tree is emptied and the version raised, in one
    /// transaction. Old records stay in sled's log until sled reuses that space.
    fn move_secrets_out_of_sled(&self) -> Result<(), StoreError> {
        for entry in self.trees.secrets.iter() {
            let (key, sealed) = entry?;
            let Some(id) = IdentityId::from_key(&key) else { continue };
            let Some(record) = self.trees.identities.get(&key)? else { continue };
            let record: schema::IdentityRecord = decode(schema::IDENTITIES, &key, &record)?;
            let sealed = decode(schema::SECRETS, &key, &sealed)?;
            let copy = crate::sealed_copies::SealedCopy {
                id,
                generation: record.generation,
                state: crate::sealed_copies::CopyState::Live { record, sealed, first_accounts: Vec::new() },
            };
            self.copies.write(&copy)?;
        }
        let keys: Vec<sled::IVec> = self.trees.secrets.iter().keys().collect::<Result<_, _>>()?;
        self.transaction(|tx| -> TxResult<(), StoreError> {
            for key in &keys {
                tx.secrets().remove(key)?;
            }
            // Schema 2 exactly: the steps after it raise the version themselves.
            tx.meta().insert(schema::SCHEMA_VERSION_KEY, &2u32.to_be_bytes())?;
            Ok(())
        })?;
        self.flush()
    }

    /// Schema 3: every account says how it is derived. All accounts before it are Substrate
    /// paths, which is what a record without the field reads as, so the records written again
    /// here change only in saying so; what counts is the version raised in the same
    /// transaction, so that code knowing no other kind refuses the store from then on.
    fn record_derivations(&self) -> Result<(), StoreError> {
        let accounts: Vec<(sled::IVec, sled::IVec)> = self.trees.accounts.iter().collect::<Result<_, _>>()?;
        let mut records = Vec::with_capacity(accounts.len());
        for (key, value) in &accounts {
            let record: schema::AccountRecord = decode(schema::ACCOUNTS, key, value)?;
            records.push((key.clone(), encode(&record)));
        }
        self.transaction(|tx| -> TxResult<(), StoreError> {
            for (key, record) in &records {
                tx.accounts().insert(key, record.as_slice())?;
            }
            tx.meta().insert(schema::SCHEMA_VERSION_KEY, &3u32.to_be_bytes())?;
            Ok(())
        })?;
        self.flush()
    }

    /// Schema 4: the built-in networks a store made before did not get (Moonbeam and
    /// Moonriver), added unless the user already has one with its genesis hash, name or path
    /// id (theirs stays as it is); the built-in ones it has learn their Ledger coin type
    /// (Kusama's 434). The version is raised in the same transaction.
    fn add_new_builtin_networks(&self) -> Result<(), StoreError> {
        let existing: Vec<Network> = self.networks()?;
        let mut writes = Vec::new();
        for builtin in builtin_networks() {
            let same_chain = existing.iter().find(|old| old.genesis_hash == builtin.genesis_hash);
            let clashes = existing
                .iter()
                .any(|old| old.name.to_lowercase() == builtin.name.to_lowercase() || old.path_id == builtin.path_id);
            match same_chain {
                Some(old) if old.builtin => writes.push(Network { ledger_coin: builtin.ledger_coin, ..old.clone() }),
                Some(_) => {}
                None if clashes => {}
                None => writes.push(builtin),
            }
        }
        let now = self.now_ms();
        self.transaction(|tx| -> TxResult<(), StoreError> {
            for network in &writes {
                tx.networks().insert(&network.genesis_hash.0, encode(&network.to_record()))?;
                // A network new to this store is in its history, as one the user adds is.
                if !existing.iter().any(|old| old.genesis_hash == network.genesis_hash) {
                    tx.log(now, EventKind::NetworkAdded, None, format!("{} (built in)", network.name))?;
                }
            }
            tx.meta().insert(schema::SCHEMA_VERSION_KEY, &4u32.to_be_bytes())?;
            Ok(())
        })?;
        self.flush()
    }

    pub(crate) fn now_ms(&self) -> u64 {
        (self.options.clock)()
    }

    pub(crate) fn ticks_ms(&self) -> u64 {
        (self.options.ticker)()
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

/// The `writes` entry of `meta`: zero when absent.
fn write_count(bytes: Option<&[u8]>) -> Result<u64, StoreError> {
    match bytes {
        Some(bytes) => Ok(u64::from_be_bytes(
            bytes.try_into().map_err(|_| corrupt(schema::META, schema::WRITES_KEY, "not a u64"))?,
        )),
        None => Ok(0),
    }
}

/// A refusal names the file: sled's own reports of damage are about its log, `db`.
fn name_damage(dir: &Path, error: OpenError) -> OpenError {
    match error {
        OpenError::Store(StoreError::Corrupt(reason)) => crate::open_guard::damaged(dir, "db", &reason),
        other => other,
    }
}
