//! `axia-signer network …`: the network catalogue.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{self, finish, CliError};
use super::Context;
use crate::db::{GenesisHash, Network, NetworkScheme, NewNetwork, Store};
use crate::keys::Scheme;

#[derive(clap::Subcommand)]
pub enum NetworkCommand {
    /// The catalogue: built-in networks and those added.
    List,
    /// Add a network to the catalogue.
    Add {
        #[arg(long)]
        name: String,
        /// 0x followed by 64 hex digits.
        #[arg(long)]
        genesis_hash: String,
        #[arg(long)]
        ss58_prefix: u32,
        /// First junction of its accounts' paths (`//<path id>`): lowercase letters, digits, '-'.
        #[arg(long)]
        path_id: String,
        /// sr25519, ed25519, ecdsa, or ethereum (Moonbeam-style: BIP44 keys, 0x addresses).
        #[arg(long, default_value = "sr25519")]
        scheme: String,
        /// The EIP-155 chain id of an `ethereum` network (Moonbeam's is 1284).
        #[arg(long)]
        chain_id: Option<u64>,
        /// The BIP44 coin type its Ledger app uses, when not Polkadot's 354 (Kusama: 434).
        #[arg(long)]
        ledger_coin: Option<u32>,
        #[arg(long, default_value = "UNIT")]
        unit: String,
        #[arg(long, default_value_t = 12)]
        decimals: u8,
        /// `#rrggbb`; empty for a neutral grey.
        #[arg(long, default_value = "")]
        colour: String,
    },
    /// Remove an added network that has no accounts.
    Remove { network: String },
}

pub fn run(command: NetworkCommand, context: &Context) -> ExitCode {
    let output = context.output;
    match command {
        NetworkCommand::List => finish(list(context), output, NetworkList::text),
        NetworkCommand::Add {
            name,
            genesis_hash,
            ss58_prefix,
            path_id,
            scheme,
            chain_id,
            ledger_coin,
            unit,
            decimals,
            colour,
        } => {
            let add = || -> Result<NetworkRow, CliError> {
                let scheme = network_scheme(&scheme, chain_id)?;
                let new = NewNetwork {
                    name,
                    ss58_prefix,
                    genesis_hash,
                    path_id,
                    scheme,
                    ledger_coin,
                    unit,
                    decimals,
                    colour,
                };
                Ok(NetworkRow::from(context.store()?.add_network(new)?))
            };
            finish(add(), output, NetworkRow::text)
        }
        NetworkCommand::Remove { network } => {
            let remove = || -> Result<NetworkRow, CliError> {
                let store = context.store()?;
                let found =
                    store.network(named(&store, &network)?)?.ok_or(CliError::UnknownNetworkName(network.clone()))?;
                store.remove_network(found.genesis_hash)?;
                Ok(NetworkRow::from(found))
            };
            finish(remove(), output, |row: &NetworkRow| format!("Removed {}.\n", output::name(&row.name)))
        }
    }
}

/// `--scheme` and `--chain-id` together: an `ethereum` network needs its chain id, and no
/// other takes one.
fn network_scheme(scheme: &str, chain_id: Option<u64>) -> Result<NetworkScheme, CliError> {
    if scheme.trim().eq_ignore_ascii_case("ethereum") {
        let chain_id = chain_id.ok_or(CliError::ChainIdNeeded)?;
        return Ok(NetworkScheme::Ethereum { chain_id });
    }
    if chain_id.is_some() {
        return Err(CliError::ChainIdWithoutEthereum);
    }
    Ok(NetworkScheme::Substrate(scheme.parse::<Scheme>()?))
}

/// A catalogue network by name, path id (any case) or 0x genesis hash.
pub fn named(store: &Store, text: &str) -> Result<GenesisHash, CliError> {
    let found = match GenesisHash::from_hex(text.trim()) {
        Some(hash) => store.network(hash)?,
        None => store.network_by_name(text)?,
    };
    found.map(|network| network.genesis_hash).ok_or_else(|| CliError::UnknownNetworkName(text.trim().to_owned()))
}

#[derive(Serialize)]
struct NetworkRow {
    name: String,
    genesis_hash: String,
    ss58_prefix: u16,
    path_id: String,
    scheme: &'static str,
    /// An ethereum network's EIP-155 chain id.
    #[serde(skip_serializing_if = "Option::is_none")]
    chain_id: Option<u64>,
    /// A Substrate network's Ledger coin type (an Ethereum network has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    ledger_coin: Option<u32>,
    unit: String,
    decimals: u8,
    builtin: bool,
}

impl From<Network> for NetworkRow {
    fn from(network: Network) -> Self {
        NetworkRow {
            genesis_hash: network.genesis_hash.to_hex(),
            ss58_prefix: network.ss58_prefix.value(),
            scheme: network.scheme.as_str(),
            chain_id: network.scheme.chain_id(),
            ledger_coin: (!network.is_ethereum()).then(|| network.ledger_coin()),
            name: network.name,
            path_id: network.path_id,
            unit: network.unit,
            decimals: network.decimals,
            builtin: network.builtin,
        }
    }
}

impl NetworkRow {
    fn text(&self) -> String {
        let builtin = if self.builtin { ", built in" } else { "" };
        let scheme = match self.chain_id {
            Some(chain_id) => format!("ethereum (chain id {chain_id})"),
            None => self.scheme.to_owned(),
        };
        format!(
            "{}  prefix {}, //{}, {scheme}, {} ({} decimals){builtin}\n    genesis {}\n",
            output::name(&self.name),
            self.ss58_prefix,
            output::name(&self.path_id),
            output::name(&self.unit),
            self.decimals,
            self.genesis_hash
        )
    }
}

#[derive(Serialize)]
struct NetworkList {
    networks: Vec<NetworkRow>,
}

impl NetworkList {
    fn text(&self) -> String {
        self.networks.iter().map(NetworkRow::text).collect()
    }
}

fn list(context: &Context) -> Result<NetworkList, CliError> {
    Ok(NetworkList { networks: context.store()?.networks()?.into_iter().map(NetworkRow::from).collect() })
}
