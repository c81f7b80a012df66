//! `axia-signer inspect`: the public side of a secret URI, never the secret.

use std::process::ExitCode;

use serde::Serialize;
use zeroize::Zeroizing;

use super::output::{finish, CliError, Output};
use super::prompt::secret_line;
use crate::keys::{self, bip32, ss58, Inspection, Scheme};

#[derive(clap::Args)]
pub struct InspectArgs {
    /// Key scheme: sr25519, ed25519, ecdsa; or ethereum (`<phrase>/m/44'/60'/0'/0/0`, an
    /// EIP-55 address) or ed25519-ledger (`<words>[ <25th word>]/m/44'/354'/0'/0'/0'`, the
    /// account a Ledger makes from the same words).
    #[arg(long, default_value = "sr25519")]
    scheme: String,
    /// Network name (polkadot, kusama, westend, substrate, …) or SS58 prefix.
    #[arg(long, default_value = "substrate")]
    network: String,
    /// `<phrase or 0x seed><path>[///password]`, or `-` to read it from standard input
    /// (the safe way: arguments are visible to other users of the machine).
    uri: String,
}

/// What is printed: an SS58 account, or an Ethereum one.
#[derive(Serialize)]
#[serde(untagged)]
enum Report {
    Substrate(SubstrateReport),
    Ethereum(EthereumReport),
}

#[derive(Serialize)]
struct EthereumReport {
    scheme: &'static str,
    /// The compressed public key, as polkadot-js writes it.
    public_key: String,
    /// EIP-55.
    address: String,
}

#[derive(Serialize)]
struct SubstrateReport {
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
    let scheme = args.scheme.to_ascii_lowercase();
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
    let (scheme, inspection) = match scheme.as_str() {
        "ethereum" => {
            let found = bip32::inspect_ethereum(&uri)?;
            return Ok(Report::Ethereum(EthereumReport {
                scheme: "ethereum",
                public_key: format!("0x{}", hex::encode(found.public_key)),
                address: found.address.to_string(),
            }));
        }
        "ed25519-ledger" => ("ed25519-ledger", bip32::inspect_ledger(&uri, prefix)?),
        other => {
            let scheme: Scheme = other.parse()?;
            (scheme.as_str(), keys::inspect(&uri, scheme, prefix)?)
        }
    };
    let Inspection { public_key, account_id, prefix, address } = inspection;
    Ok(Report::Substrate(SubstrateReport {
        scheme,
        public_key: public_key.to_hex(),
        account_id: account_id.to_hex(),
        ss58_prefix: prefix.value(),
        ss58_address: address,
        network: ss58::network_name(prefix),
    }))
}

fn render_text(report: &Report) -> String {
    match report {
        Report::Substrate(report) => substrate_text(report),
        Report::Ethereum(report) => format!(
            "Scheme:            {}\nPublic key (hex):  {}\nAddress (EIP-55):  {}\n",
            report.scheme, report.public_key, report.address
        ),
    }
}

fn substrate_text(report: &SubstrateReport) -> String {
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
