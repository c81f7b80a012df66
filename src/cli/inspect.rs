//! `axia-signer inspect`: the public side of a secret URI, never the secret.

use std::process::ExitCode;

use serde::Serialize;
use zeroize::Zeroizing;

use super::output::{finish, CliError, Output};
use super::prompt::secret_line;
use crate::keys::{self, ss58, Inspection, Scheme};

#[derive(clap::Args)]
pub struct InspectArgs {
    /// Key scheme: sr25519, ed25519 or ecdsa.
    #[arg(long, default_value = "sr25519")]
    scheme: String,
    /// Network name (polkadot, kusama, westend, substrate, …) or SS58 prefix.
    #[arg(long, default_value = "substrate")]
    network: String,
    /// `<phrase or 0x seed><path>[///password]`, or `-` to read it from standard input
    /// (the safe way: arguments are visible to other users of the machine).
    uri: String,
}

#[derive(Serialize)]
struct Report {
    scheme: &'static str,
    public_key: String,
    account_id: String,
    ss58_prefix: u16,
    ss58_address: String,
    #[serde(skip)]
    network: Option<String>,
}

pub fn run(args: InspectArgs, output: Output) -> ExitCode {
    finish(report(args), output, render_text)
}

fn report(args: InspectArgs) -> Result<Report, CliError> {
    let scheme: Scheme = args.scheme.parse()?;
    let prefix = ss58::prefix_for_network(&args.network)?;
    let uri = if args.uri == "-" {
        secret_line("secret URI")?
    } else {
        // Only the public development phrase (`//Alice`) may come as an argument: anything
        // else is a secret, which argv shows to other users (ps, shell history).
        if !args.uri.starts_with("//") || args.uri.contains("///") {
            return Err(CliError::SecretInArgv);
        }
        Zeroizing::new(args.uri)
    };
    let Inspection { public_key, account_id, prefix, address } = keys::inspect(&uri, scheme, prefix)?;
    Ok(Report {
        scheme: scheme.as_str(),
        public_key: public_key.to_hex(),
        account_id: account_id.to_hex(),
        ss58_prefix: prefix.value(),
        ss58_address: address,
        network: ss58::network_name(prefix),
    })
}

fn render_text(report: &Report) -> String {
    let network = match &report.network {
        Some(name) => format!("{name} ({})", report.ss58_prefix),
        None => report.ss58_prefix.to_string(),
    };
    let mut text = format!(
        "Network ID:        {network}\nScheme:            {}\nPublic key (hex):  {}\nAccount ID:        {}\n",
        report.scheme, report.public_key, report.account_id
    );
    text.push_str(&format!("SS58 Address:      {}\n", report.ss58_address));
    text
}
