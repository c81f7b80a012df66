//! `axia-signer history`: the security log, oldest first.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{self, finish, CliError};
use super::{identity, Context};
use crate::db::history::utc_minute;

#[derive(clap::Args)]
pub struct HistoryArgs {
    /// Only the events of this identity.
    #[arg(long)]
    identity: Option<String>,
}

#[derive(Serialize)]
struct History {
    events: Vec<EventRow>,
}

#[derive(Serialize)]
struct EventRow {
    time: String,
    /// Stable, for scripts: `identity_added`, `account_exported`, `wrong_pin`, …
    kind: String,
    /// For people: "identity added", …
    label: &'static str,
    identity: Option<String>,
    detail: String,
}

pub fn run(args: HistoryArgs, context: &Context) -> ExitCode {
    finish(history(args, context), context.output, |history: &History| {
        history
            .events
            .iter()
            .map(|event| {
                let identity =
                    event.identity.as_deref().map(|name| format!(" [{}]", output::name(name))).unwrap_or_default();
                format!("{} UTC  {}{identity}  {}\n", event.time, event.label, output::name(&event.detail))
            })
            .collect()
    })
}

fn history(args: HistoryArgs, context: &Context) -> Result<History, CliError> {
    let store = context.store()?;
    // An identity's events by its id, as the app's history reads them: a rename keeps them,
    // and a later identity given an old name does not inherit them.
    let wanted = args.identity.as_deref().map(|name| identity::named(&store, name)).transpose()?;
    let events = match wanted {
        Some(identity) => store.history_of(identity.id)?,
        None => store.history()?,
    };
    let events = events
        .into_iter()
        .map(|event| EventRow {
            time: utc_minute(event.time_ms),
            kind: serde_json::to_value(event.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            label: event.kind.label(),
            identity: event.identity,
            detail: event.detail,
        })
        .collect();
    Ok(History { events })
}
