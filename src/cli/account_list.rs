//! `axia-signer account export-list` and `account import-list`: an identity's derived accounts
//! as a file with no secret in it, and those accounts brought back into a recovered identity.

use std::path::Path;

use serde::Serialize;

use super::output::{self, CliError};
use super::store::pin_for;
use super::{identity, prompt, Context};
use crate::app::account_list::{check_list, export_list, import_list, ImportReport, ListedAccount};
use crate::keys::Password;

#[derive(Serialize)]
pub struct Exported {
    file: String,
    accounts: usize,
}

impl Exported {
    pub fn text(&self) -> String {
        format!("Wrote {} ({} accounts; no secret is in it).\n", self.file, self.accounts)
    }
}

/// `account export-list <identity> --out F`: public data, no PIN.
pub fn export(context: &Context, name: &str, out: &Path) -> Result<Exported, CliError> {
    let store = context.store()?;
    let identity = identity::named(&store, name)?;
    let accounts = export_list(&store, identity.id, out)?;
    Ok(Exported { file: out.display().to_string(), accounts })
}

#[derive(Serialize)]
pub struct Imported {
    added: Vec<String>,
    already_here: Vec<String>,
    skipped: Vec<SkippedRow>,
}

#[derive(Serialize)]
struct SkippedRow {
    name: String,
    reason: String,
}

impl Imported {
    pub fn text(&self) -> String {
        let mut text = format!("Added {} accounts", self.added.len());
        if !self.added.is_empty() {
            text += &format!(": {}", self.added.iter().map(|n| output::name(n)).collect::<Vec<_>>().join(", "));
        }
        text += ".\n";
        if !self.already_here.is_empty() {
            text += &format!(
                "Already here: {}.\n",
                self.already_here.iter().map(|n| output::name(n)).collect::<Vec<_>>().join(", ")
            );
        }
        for skipped in &self.skipped {
            text += &format!("Not added: {}: {}.\n", output::name(&skipped.name), skipped.reason);
        }
        text
    }
}

/// `account import-list <identity> <file>`: the PIN, then each listed account's password
/// (an empty line skips that account).
pub fn import(context: &Context, name: &str, file: &Path) -> Result<Imported, CliError> {
    // The file is read and checked against the identity (its root key is public) before the PIN.
    let store = context.store()?;
    let identity = identity::named(&store, name)?;
    let list = check_list(&store, identity.id, file)?;
    let pin = pin_for(&store, identity.id)?;
    let secret = store.unlock(identity.id, &pin)?;
    let mut asked = None;
    let mut password_for = |listed: &ListedAccount| -> Option<Password> {
        let what =
            format!("account password of {} ({}), empty to skip it", output::printable(&listed.name), listed.path);
        match prompt::password(&what) {
            Ok(password) if password.is_empty() => None,
            Ok(password) => Some(password),
            Err(error) => {
                asked.get_or_insert(error);
                None
            }
        }
    };
    let report = import_list(&store, identity.id, &secret, &list, &mut password_for)?;
    if let Some(error) = asked {
        return Err(error);
    }
    Ok(rows(report))
}

fn rows(report: ImportReport) -> Imported {
    Imported {
        added: report.added,
        already_here: report.present,
        skipped: report
            .skipped
            .into_iter()
            .map(|skipped| SkippedRow { name: skipped.name, reason: skipped.reason.to_string() })
            .collect(),
    }
}
