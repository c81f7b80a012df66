// Times polkadot-js deriving the paths find-address tries for other wallets' accounts, one
// by one as a user of polkadot-js would: Keyring.createFromUri('<phrase>/m/44\'/60\'/a\'/0/i',
// 'ethereum') for Ethereum, hdLedger(phrase, path) for a Ledger's. Run by benches/other_wallets.rs.
//
//   node derive.mjs <ethereum|ledger> <accounts> <depth>   (the phrase on standard input)
//
// Prints {"paths": n, "seconds": s, "last": "<address of the last path>"}.
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, encodeAddress, hdLedger } from '@polkadot/util-crypto';

await cryptoWaitReady();
const [kind, accounts, depth] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const phrase = readFileSync(0, 'utf8').trim();
const paths = [];
for (const coin of kind === 'ethereum' ? [60] : [354, 434]) {
  for (let a = 0; a < accounts; a++) {
    for (let i = 0; i < depth; i++) {
      paths.push(kind === 'ethereum' ? `m/44'/60'/${a}'/0/${i}` : `m/44'/${coin}'/${a}'/0'/${i}'`);
    }
  }
}
const keyring = new Keyring({ type: 'ethereum' });
let last = '';
const started = process.hrtime.bigint();
for (const path of paths) {
  last = kind === 'ethereum'
    ? keyring.createFromUri(`${phrase}/${path}`).address
    : encodeAddress(hdLedger(phrase, path).publicKey, 42);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ paths: paths.length, seconds, last }));
