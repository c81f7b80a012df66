//! `axia-signer identity …`: the identity store from the command line, over the same store
//! API and onboarding controller as the app.

use std::process::ExitCode;

use serde::Serialize;
use zeroize::Zeroizing;

use super::output::{self, finish, print_error, write_stdout, CliError, Output, Revealed};
use super::store::pin_for;
use super::{account, prompt, Context};
use crate::app::onboarding::{
    add_phrase_identity, add_prepared, prepare_phrase_identity, FirstAccount, OnboardingError, PhraseIdentity,
    PreparedIdentity,
};
use crate::app::show_phrase::{reveal, ShowPhraseError};
use crate::db::history::utc_minute;
use crate::db::{AddIdentityError, Identity, IdentityKind, Store, MAX_NAME_CHARS};
use crate::keys::{Password, Phrase, PhraseLength};

#[derive(clap::Subcommand)]
pub enum IdentityCommand {
    /// Every identity: name, kind, when it was added, how many accounts.
    List,
    /// A new seed phrase, shown once: write it down. Asks the new PIN.
    Create {
        #[arg(long)]
        name: String,
        /// 12 or 24 words.
        #[arg(long, default_value_t = 12, value_parser = clap::builder::TypedValueParser::map(
            clap::builder::PossibleValuesParser::new(["12", "24"]),
            |words: String| words.parse::<u8>().expect("12 or 24")
        ))]
        words: u8,
        #[command(flatten)]
        first: FirstAccountArgs,
    },
    /// An existing seed phrase. Asks the phrase, the BIP39 password with --bip39-password,
    /// then the new PIN.
    Recover {
        #[arg(long)]
        name: String,
        /// The phrase was used with a BIP39 password ("25th word").
        #[arg(long)]
        bip39_password: bool,
        #[command(flatten)]
        first: FirstAccountArgs,
    },
    /// Give an identity a new name.
    Rename {
        identity: String,
        #[arg(long)]
        to: String,
    },
    /// Delete an identity and its accounts from this device. Asks the PIN.
    Delete { identity: String },
    /// Show the recovery phrase. Asks the PIN; the showing is logged in the history.
    ShowPhrase { identity: String },
    /// Asks the current PIN, then the new one.
    ChangePin { identity: String },
}

/// Where the first account goes, as the app's network screen asks.
#[derive(clap::Args)]
pub struct FirstAccountArgs {
    /// Network of the first account (name, path id or genesis hash).
    #[arg(long, default_value = "polkadot")]
    network: String,
    /// The first account at the root (no derivation, as polkadot-js makes accounts) instead
    /// of `//<network path id>`.
    #[arg(long, conflicts_with = "ledger")]
    root: bool,
    /// The phrase came from a Ledger: the first account at `m/44'/<coin>'/0'/0'/0'` (354
    /// Polkadot, 434 Kusama), with the BIP39 password as the Ledger's 25th word.
    #[arg(long)]
    ledger: bool,
}

impl FirstAccountArgs {
    /// The network as typed (name, path id or genesis hash).
    pub(super) fn network_name(&self) -> &str {
        &self.network
    }

    fn first_account(&self) -> FirstAccount {
        FirstAccount::chosen(self.root, self.ledger)
    }
}

pub fn run(command: IdentityCommand, context: &Context) -> ExitCode {
    let output = context.output;
    match command {
        IdentityCommand::List => finish(list(context), output, |list: &IdentityList| list.text()),
        IdentityCommand::Create { name, words, first } => create(context, &name, words, &first),
        IdentityCommand::Recover { name, bip39_password, first } => {
            finish(recover(context, &name, bip39_password, &first), output, Created::text)
        }
        IdentityCommand::Rename { identity, to } => finish(rename(context, &identity, &to), output, Named::text),
        IdentityCommand::Delete { identity } => finish(delete(context, &identity), output, Named::text),
        IdentityCommand::ShowPhrase { identity } => finish(show_phrase(context, &identity), output, Shown::text),
        IdentityCommand::ChangePin { identity } => finish(change_pin(context, &identity), output, Named::text),
    }
}

/// The identity with this name (names are unique, compared without case).
pub fn named(store: &Store, name: &str) -> Result<Identity, CliError> {
    store.identity_by_name(name)?.ok_or_else(|| CliError::UnknownIdentity(name.trim().to_owned()))
}

#[derive(Serialize)]
struct IdentityList {
    identities: Vec<IdentityRow>,
}

#[derive(Serialize)]
struct IdentityRow {
    name: String,
    kind: &'static str,
    created: String,
    accounts: usize,
}

impl IdentityList {
    fn text(&self) -> String {
        if self.identities.is_empty() {
            return "No identities yet: `identity create` or `identity recover`.\n".to_owned();
        }
        self.identities
            .iter()
            .map(|row| {
                let name = output::name(&row.name);
                format!(
                    "{name}  ({}, {}, added {} UTC)\n",
                    row.kind,
                    crate::app::text::count_of(row.accounts, "account", "accounts"),
                    row.created
                )
            })
            .collect()
    }
}

fn kind_name(kind: IdentityKind) -> &'static str {
    match kind {
        IdentityKind::Phrase => "seed phrase",
        IdentityKind::ImportedKey => "imported key",
    }
}

fn list(context: &Context) -> Result<IdentityList, CliError> {
    let store = context.store()?;
    let identities = store
        .identities()?
        .into_iter()
        .map(|identity| {
            Ok(IdentityRow {
                accounts: store.accounts(identity.id, None)?.len(),
                name: identity.name,
                kind: kind_name(identity.kind),
                created: utc_minute(identity.created_ms),
            })
        })
        .collect::<Result<_, CliError>>()?;
    Ok(IdentityList { identities })
}

#[derive(Serialize)]
struct Created {
    identity: String,
    /// Only for `create`: the new phrase, shown this once.
    #[serde(skip_serializing_if = "Option::is_none")]
    phrase: Option<Revealed>,
    account: account::AccountRow,
}

impl Created {
    fn text(&self) -> String {
        let mut text = String::new();
        if let Some(phrase) = &self.phrase {
            text.push_str(&Created::phrase_text(phrase));
        }
        text.push_str(&self.added_text());
        text
    }

    fn phrase_text(phrase: &Revealed) -> String {
        format!(
            "Your recovery phrase (write it down, in order, and keep it offline; it is shown only now):\n\n    {phrase}\n\n"
        )
    }

    fn added_text(&self) -> String {
        format!("Identity {} added.\n{}", output::name(&self.identity), self.account.text())
    }
}

pub(super) fn add(
    context: &Context,
    name: &str,
    phrase: &Phrase,
    password: &Password,
    first: &FirstAccountArgs,
) -> Result<account::AccountRow, CliError> {
    let store = context.store()?;
    let network = super::network::named(&store, &first.network)?;
    let pin = prompt::new_pin()?;
    let new = PhraseIdentity { name, phrase, password, network, first_account: first.first_account() };
    let (identity, key) = add_phrase_identity(&store, new, &pin)?;
    let identity = store.identity(identity)?.ok_or_else(|| CliError::UnknownIdentity(name.to_owned()))?;
    account::row(&store, &identity, key)
}

/// A new phrase is shown once, so it is shown, and flushed, *before* the identity is
/// stored: if it cannot be shown (standard output closed), nothing is stored. Everything
/// that can be checked is checked before it is shown (the name, the network, the PIN), so
/// only the store itself can still fail after it, which is then said on standard error.
fn create(context: &Context, name: &str, words: u8, first: &FirstAccountArgs) -> ExitCode {
    let output = context.output;
    let prepared = match prepare_create(context, name, words, first) {
        Ok(prepared) => prepared,
        Err(error) => return finish(Err::<(), _>(error), output, |_| String::new()),
    };
    let Creating { store, phrase, pin, network, prepared, created } = prepared;
    let shown = match output {
        Output::Json => Zeroizing::new(output::json_line(&created)),
        Output::Text => Zeroizing::new(Created::phrase_text(created.phrase.as_ref().expect("a new phrase"))),
    };
    if let Err(error) = write_stdout(&shown) {
        print_error(&format!("{error}; the identity was not stored"));
        return ExitCode::FAILURE;
    }
    drop(shown);
    let new = PhraseIdentity {
        name: &created.identity,
        phrase: &phrase,
        password: &Password::empty(),
        network,
        first_account: first.first_account(),
    };
    if let Err(error) = add_prepared(&store, &new, prepared, &pin) {
        print_error(&format!("{error}: the phrase shown above was NOT stored"));
        return ExitCode::FAILURE;
    }
    match output {
        Output::Json => ExitCode::SUCCESS,
        Output::Text => finish(Ok(()), output, |_| created.added_text()),
    }
}

/// What `create` holds between showing the phrase and storing it.
struct Creating {
    store: Store,
    phrase: Phrase,
    pin: crate::db::Pin,
    network: crate::db::GenesisHash,
    prepared: PreparedIdentity,
    created: Created,
}

fn prepare_create(context: &Context, name: &str, words: u8, first: &FirstAccountArgs) -> Result<Creating, CliError> {
    if first.ledger {
        return Err(CliError::LedgerForNewPhrase);
    }
    let store = context.store()?;
    let network = super::network::named(&store, &first.network)?;
    let name = crate::db::names::check(name, MAX_NAME_CHARS)
        .map_err(|_| OnboardingError::Add(AddIdentityError::InvalidName))?
        .to_owned();
    if let Some(existing) = store.identity_by_name(&name)? {
        return Err(OnboardingError::Add(AddIdentityError::DuplicateName { existing: existing.name }).into());
    }
    let pin = prompt::new_pin()?;
    let length = if words == 24 { PhraseLength::Words24 } else { PhraseLength::Words12 };
    let phrase = Phrase::generate(length);
    let new = PhraseIdentity {
        name: &name,
        phrase: &phrase,
        password: &Password::empty(),
        network,
        first_account: first.first_account(),
    };
    let prepared = prepare_phrase_identity(&store, &new)?;
    let account = prepared.first_account();
    let catalogue = prepared.network();
    let row = account::AccountRow {
        identity: name.clone(),
        name: account.name.clone(),
        network: catalogue.name.clone(),
        path: account.path.as_str().to_owned(),
        has_password: false,
        scheme: account::scheme_name(catalogue, account.path.derivation(), &account.public_key),
        address: super::output::AccountAddress::on(catalogue, &account.public_key),
        exported: false,
    };
    let created = Created { identity: name, phrase: Some(Revealed(phrase.expose())), account: row };
    Ok(Creating { store, phrase, pin, network, prepared, created })
}

/// Lowercased and single-spaced, as the app tidies a typed phrase, without leaving copies.
fn tidy(text: &str) -> Zeroizing<String> {
    let mut tidy = Zeroizing::new(String::with_capacity(text.len()));
    for word in text.split_whitespace() {
        if !tidy.is_empty() {
            tidy.push(' ');
        }
        tidy.extend(word.chars().flat_map(char::to_lowercase));
    }
    tidy
}

/// The phrase from the prompt (or standard input), tidied and checked.
pub fn read_phrase() -> Result<Phrase, CliError> {
    let typed = prompt::secret_line("seed phrase")?;
    Ok(Phrase::parse(&tidy(&typed))?)
}

fn recover(context: &Context, name: &str, bip39_password: bool, first: &FirstAccountArgs) -> Result<Created, CliError> {
    let phrase = read_phrase()?;
    let password = if bip39_password { prompt::password("BIP39 password")? } else { Password::empty() };
    let account = add(context, name, &phrase, &password, first)?;
    Ok(Created { identity: account.identity.clone(), phrase: None, account })
}

#[derive(Serialize)]
struct Named {
    identity: String,
    #[serde(skip)]
    done: &'static str,
}

impl Named {
    fn text(&self) -> String {
        format!("{} {}.\n", self.identity, self.done)
    }
}

fn rename(context: &Context, name: &str, to: &str) -> Result<Named, CliError> {
    let store = context.store()?;
    let identity = named(&store, name)?;
    store.rename_identity(identity.id, to)?;
    Ok(Named { identity: to.trim().to_owned(), done: "is the new name" })
}

fn delete(context: &Context, name: &str) -> Result<Named, CliError> {
    let store = context.store()?;
    let identity = named(&store, name)?;
    let pin = pin_for(&store, identity.id)?;
    store.delete_identity(identity.id, &pin)?;
    Ok(Named { identity: identity.name, done: "was deleted from this device" })
}

fn change_pin(context: &Context, name: &str) -> Result<Named, CliError> {
    let store = context.store()?;
    let identity = named(&store, name)?;
    let current = pin_for(&store, identity.id)?;
    let new = prompt::new_pin()?;
    store.change_pin(identity.id, &current, &new)?;
    Ok(Named { identity: identity.name, done: "has a new PIN" })
}

#[derive(Serialize)]
struct Shown {
    identity: String,
    phrase: Revealed,
    has_bip39_password: bool,
}

impl Shown {
    fn text(&self) -> String {
        let password = if self.has_bip39_password {
            "\n(It was recovered with a BIP39 password, which is also needed.)"
        } else {
            ""
        };
        format!("Recovery phrase of {}:\n\n    {}\n{password}\n", self.identity, self.phrase)
    }
}

fn show_phrase(context: &Context, name: &str) -> Result<Shown, CliError> {
    let store = context.store()?;
    let identity = named(&store, name)?;
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    let (phrase, password) = match reveal(&store, identity.id, secret) {
        Ok(revealed) => revealed,
        Err(ShowPhraseError::NotAPhrase) => return Err(CliError::NotAPhrase(identity.name)),
        Err(ShowPhraseError::Store(error)) => return Err(error.into()),
    };
    Ok(Shown { identity: identity.name, phrase: Revealed(phrase.expose()), has_bip39_password: !password.is_empty() })
}
