//! `axia-signer repair-phrase`: the phrase as written down (first line of standard input)
//! repaired into the one whose account is the expected address.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{finish, CliError, Revealed};
use super::progress::with_bar;
use super::{account, prompt, Context};
use crate::app::find_address::{add_to_new_identity, likely_network};
use crate::app::finding::Hit;
use crate::app::onboarding::{add_phrase_identity, FirstAccount, OnboardingError, PhraseIdentity};
use crate::app::repair_phrase::{self as controller, change_text, found_text, missed_text, next_steps, plan_text};
use crate::app::repair_phrase::{DEFAULT_REPAIR_DEPTH, MAX_REPAIR_DEPTH};
use crate::app::text::thousands;
use crate::db::{AddIdentityError, MAX_NAME_CHARS};
use crate::keys::repair::{candidates_per_second, plan, repair, RepairOptions, RepairOutcome, Repaired, Written};
use crate::keys::{AccountId, Password};

#[derive(clap::Args)]
pub struct RepairPhraseArgs {
    /// The address the phrase should give: SS58 with any prefix, or a 0x account id or public key.
    address: String,
    /// The phrase was used with a BIP39 password (asked after the phrase).
    #[arg(long)]
    bip39_password: bool,
    /// Pass 2 tries `//i`, `/i`, `//p//i`, `//i/j` for i, j below this.
    #[arg(long, default_value_t = DEFAULT_REPAIR_DEPTH, value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_REPAIR_DEPTH)))]
    depth: u32,
    /// Also try a misspelled word and a wrong word together (millions of candidates).
    #[arg(long)]
    deep: bool,
    /// Store the repaired phrase as a new identity with this name (asks a new PIN), so it
    /// need not be printed or typed again. Its first account is the one found.
    #[arg(long, value_name = "NAME")]
    save_as: Option<String>,
}

#[derive(Serialize)]
struct Report {
    found: bool,
    /// The repaired phrase (JSON only; text output names the changed words).
    #[serde(skip_serializing_if = "Option::is_none")]
    phrase: Option<Revealed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Vec<ChangeRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    tried: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    tried_by_class: Option<BTreeMap<&'static str, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    /// With `--save-as`: the identity and its account.
    #[serde(skip_serializing_if = "Option::is_none")]
    saved: Option<account::AccountRow>,
    #[serde(skip)]
    text: String,
}

#[derive(Serialize)]
struct ChangeRow {
    position: usize,
    was: Option<Revealed>,
    now: Option<&'static str>,
}

pub fn run(args: RepairPhraseArgs, context: &Context) -> ExitCode {
    finish(repair_written(args, context), context.output, |report| report.text.clone())
}

fn repair_written(args: RepairPhraseArgs, context: &Context) -> Result<Report, CliError> {
    let target = controller::target(&args.address).map_err(|error| CliError::InvalidAddress(error.to_string()))?;
    let options = catalogue(context, &args)?;
    let typed = prompt::secret_line("seed phrase as written")?;
    let written = Written::parse(&typed).map_err(controller::RepairError::from)?;
    drop(typed);
    let password = if args.bip39_password { prompt::password("BIP39 password")? } else { Password::empty() };
    let plan = plan(&written, args.deep)?;
    // The plan goes to standard error, beside the progress bar: standard output is the answer.
    eprint!("{}", plan_text(&plan, candidates_per_second(&options)));
    let total = plan.iter().map(|class| class.candidates).sum();
    let (outcome, _) = with_bar(total, |progress| repair(&written, &target, &password, &options, progress));
    let outcome = outcome?;
    let RepairOutcome::Found(repaired) = outcome else { return Ok(missed(outcome, &options)) };
    let saved = match &args.save_as {
        Some(name) => Some(save(&context.store()?, name, &repaired, &password, &target, &args.address)?),
        None => None,
    };
    Ok(found(repaired, saved))
}

/// Every catalogue network's path id, read and the store let go at once (a long repair
/// must not keep the app out of it). With `--save-as` the store must open, and the name be
/// free, before anything runs; otherwise the built-in catalogue serves when it cannot open
/// (the app holds it, or there is none yet), and standard error says so.
fn catalogue(context: &Context, args: &RepairPhraseArgs) -> Result<RepairOptions, CliError> {
    let store = match (context.store(), &args.save_as) {
        (Ok(store), _) => Some(store),
        (Err(error), None) => {
            eprintln!("The store could not be read ({error}): trying the built-in networks' paths.");
            None
        }
        (Err(error), Some(_)) => return Err(error),
    };
    if let (Some(store), Some(name)) = (&store, &args.save_as) {
        // As `identity recover` would refuse it, but before the run, not after.
        if crate::db::names::check(name, MAX_NAME_CHARS).is_err() {
            return Err(OnboardingError::Add(AddIdentityError::InvalidName).into());
        }
        if let Some(existing) = store.identity_by_name(name.trim())? {
            return Err(OnboardingError::Add(AddIdentityError::DuplicateName { existing: existing.name }).into());
        }
    }
    Ok(controller::options(store.as_ref(), args.depth, args.deep)?)
}

fn missed(outcome: RepairOutcome, options: &RepairOptions) -> Report {
    let (tried, by_class) = match outcome {
        RepairOutcome::Missed { tried, tried_by_class, .. } => (tried, tried_by_class),
        RepairOutcome::Cancelled { tried } => (tried, Vec::new()),
        RepairOutcome::Found(_) => unreachable!("a miss"),
    };
    let next = next_steps(options);
    Report {
        found: false,
        phrase: None,
        changes: None,
        scheme: None,
        path: None,
        tried,
        tried_by_class: Some(by_class.iter().map(|(class, tried)| (class.key(), *tried)).collect()),
        text: format!("{}\nNext: {next}.\n", missed_text(&by_class)),
        next: Some(next),
        saved: None,
    }
}

fn found(repaired: Repaired, saved: Option<account::AccountRow>) -> Report {
    let mut text = found_text(&repaired) + "\n";
    for change in &repaired.changes {
        text += &format!("  {}\n", change_text(change));
    }
    text += &format!("(after {} candidates)\n", thousands(repaired.tried));
    if let Some(saved) = &saved {
        text += &format!("Saved as the identity \"{}\": its account {}\n", saved.identity, saved.address.as_str());
    }
    let phrase = Revealed(zeroize::Zeroizing::new(repaired.phrase.expose_words().collect::<Vec<_>>().join(" ")));
    let changes = repaired
        .changes
        .iter()
        .map(|change| ChangeRow {
            position: change.position,
            was: change.was.as_ref().map(|was| Revealed(was.clone())),
            now: change.now,
        })
        .collect();
    Report {
        found: true,
        phrase: Some(phrase),
        changes: Some(changes),
        scheme: Some(repaired.found.scheme.as_str()),
        path: Some(repaired.found.path.as_str().to_owned()),
        tried: repaired.tried,
        tried_by_class: None,
        next: None,
        saved,
        text,
    }
}

/// `--save-as`: the repaired phrase stored as `identity recover` stores one (a new PIN),
/// on the network the found account most likely belongs to, with that account first.
fn save(
    store: &crate::db::Store,
    name: &str,
    repaired: &Repaired,
    password: &Password,
    target: &AccountId,
    address: &str,
) -> Result<account::AccountRow, CliError> {
    let found = crate::app::find_address::FoundAt::Substrate(repaired.found.clone());
    let network = match likely_network(store, &found, address)? {
        Some(network) => network,
        None => store.network_by_name("polkadot")?.ok_or_else(|| CliError::UnknownNetworkName("polkadot".into()))?,
    };
    let pin = prompt::new_pin()?;
    let new = PhraseIdentity {
        name,
        phrase: &repaired.phrase,
        password,
        network: network.genesis_hash,
        first_account: FirstAccount::Root,
    };
    let (id, first) = add_phrase_identity(store, new, &pin)?;
    let hit = Hit { found, network: Some(network.clone()), target: crate::app::find_address::Wanted::Account(*target) };
    let (key, not_added) = add_to_new_identity(store, id, first, (&repaired.phrase, password), &network, &hit);
    if let Some(not_added) = not_added {
        // Stored, but without the account found: say so rather than show another as "its".
        eprintln!("{not_added}");
    }
    let identity = store.identity(id)?.ok_or_else(|| CliError::UnknownIdentity(name.to_owned()))?;
    account::row(store, &identity, key)
}
