//! `axia-signer backup split` and `backup combine`: an identity's phrase as Banana Split
//! paper shares (PNG pages and one PDF), and an identity recovered from such shares.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::account::AccountRow;
use super::identity::{add, named, FirstAccountArgs};
use super::output::{CliError, Revealed};
use super::store::pin_for;
use super::{prompt, Context};
use crate::app::onboarding::OnboardingError;
use crate::app::paper::{
    self as controller, page_files, record_split, recovered_phrase, scan, split_identity, write_pages_into,
};
use crate::db::{AddIdentityError, MAX_NAME_CHARS};
use crate::keys::banana::{Passphrase, ShareSet, MAX_SHARES, MIN_SHARES};
use crate::keys::Password;

#[derive(clap::Args)]
pub struct SplitArgs {
    /// The identity whose phrase is split.
    identity: String,
    /// How many shares to make (3 to 255); any ⌊N/2⌋+1 of them bring the phrase back.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(i64::from(MIN_SHARES)..=i64::from(MAX_SHARES)))]
    shares: u8,
    /// The folder for share-<i>-of-<n>.png and shares.pdf (made if missing; no file in it is replaced).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The title on every share (default: the identity's name). The shares only go back together under it.
    #[arg(long)]
    title: Option<String>,
}

#[derive(clap::Args)]
pub struct CombineArgs {
    /// Share images (PNG or JPEG photos or scans) or text files holding one share's QR text.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Only check the shares and the passphrase: say the title and the word count, store nothing.
    #[arg(long)]
    inspect: bool,
    /// Name of the new identity (default: the shares' title).
    #[arg(long)]
    name: Option<String>,
    /// The phrase was used with a BIP39 password (asked after the passphrase).
    #[arg(long)]
    bip39_password: bool,
    #[command(flatten)]
    first: FirstAccountArgs,
}

#[derive(Serialize)]
pub struct SplitReport {
    passphrase: Revealed,
    required: u8,
    total: u8,
    files: Vec<String>,
    shares: Vec<String>,
    #[serde(skip)]
    has_bip39_password: bool,
}

impl SplitReport {
    pub fn text(&self) -> String {
        let mut text = format!("Wrote {} shares: any {} of them bring the phrase back.\n", self.total, self.required);
        for file in &self.files {
            text += &format!("  {file}\n");
        }
        text += &format!(
            "Write these four words down, apart from the shares (they are shown only now):\n  {}\n",
            self.passphrase.0.replace('-', " ")
        );
        if self.has_bip39_password {
            text += "This identity has a BIP39 password: it is not in the shares. Keep it as well.\n";
        }
        text
    }
}

pub fn split(context: &Context, args: SplitArgs) -> Result<SplitReport, CliError> {
    let store = context.store()?;
    let identity = named(&store, &args.identity)?;
    // Refused before the PIN, not after the phrase was unlocked.
    if let Some(existing) = page_files(&args.out, usize::from(args.shares)).iter().find(|file| file.exists()) {
        return Err(crate::app::backup::ExportFailure::FileExists { path: existing.display().to_string() }.into());
    }
    let title = args.title.unwrap_or_else(|| identity.name.clone());
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    let passphrase = Passphrase::generate();
    let made = split_identity(&secret, &title, args.shares, &passphrase)?;
    let files = write_pages_into(&args.out, title.trim(), &made.shares, made.required, &controller::today())?;
    record_split(&store, identity.id, made.shares.len())?;
    Ok(SplitReport {
        passphrase: Revealed(zeroize::Zeroizing::new(passphrase.expose().to_owned())),
        required: made.required,
        total: args.shares,
        files: files.iter().map(|file| file.display().to_string()).collect(),
        shares: made.shares,
        has_bip39_password: made.has_bip39_password,
    })
}

#[derive(Serialize)]
pub struct CombineReport {
    title: String,
    words: usize,
    /// The identity stored (none with `--inspect`).
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<AccountRow>,
}

impl CombineReport {
    pub fn text(&self) -> String {
        match &self.account {
            None => format!(
                "The shares and the passphrase open \"{}\": a {}-word phrase. Nothing was stored.\n",
                super::output::printable(&self.title),
                self.words
            ),
            Some(account) => format!(
                "Recovered \"{}\" ({} words) as the identity {}: its account {} ({}).\n",
                super::output::printable(&self.title),
                self.words,
                super::output::name(&account.identity),
                account.address.as_str(),
                account.path
            ),
        }
    }
}

pub fn combine(context: &Context, args: CombineArgs) -> Result<CombineReport, CliError> {
    let set = gather(&args.files)?;
    let title = set.title().unwrap_or_default().to_owned();
    let (have, need) = set.count();
    if !set.is_complete() {
        return Err(crate::keys::banana::BananaError::NotEnoughShares { have, need }.into());
    }
    let name = args.name.clone().unwrap_or_else(|| title.chars().take(MAX_NAME_CHARS).collect());
    // The store, the name and the network are checked before the passphrase is asked.
    let store = if args.inspect { None } else { Some(context.store()?) };
    if let Some(store) = &store {
        if crate::db::names::check(&name, MAX_NAME_CHARS).is_err() {
            return Err(OnboardingError::Add(AddIdentityError::InvalidName).into());
        }
        if let Some(existing) = store.identity_by_name(name.trim())? {
            return Err(OnboardingError::Add(AddIdentityError::DuplicateName { existing: existing.name }).into());
        }
        super::network::named(store, args.first.network_name())?;
    }
    let typed = prompt::secret_line("passphrase (the four words)")?;
    let phrase = recovered_phrase(&set, &Passphrase::typed(&typed))?;
    drop(typed);
    let words = phrase.expose_words().count();
    if args.inspect {
        return Ok(CombineReport { title, words, account: None });
    }
    drop(store);
    let password = if args.bip39_password { prompt::password("BIP39 password")? } else { Password::empty() };
    let account = add(context, &name, &phrase, &password, &args.first)?;
    Ok(CombineReport { title, words, account: Some(account) })
}

/// Every file's share, each checked against those before it as it is added.
fn gather(files: &[PathBuf]) -> Result<ShareSet, CliError> {
    let mut set = ShareSet::default();
    for file in files {
        let text = scan::share_text(Path::new(file))?;
        set.add_text(&text)?;
    }
    Ok(set)
}
