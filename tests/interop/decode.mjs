// Decodes backup files with the real polkadot-js packages, the way the extension and the apps UI
// restore them: Keyring.createFromJson + pair.decodePkcs8 for one account, jsonDecrypt for an
// "Export all" file. Run by tests/integration/interop.rs; prints one JSON object on stdout.
//
//   node decode.mjs <manifest.json>               decode every file the manifest lists
//   node decode.mjs --time <file> <password> <n>  time n decrypts of one account file (ms each)
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, u8aToString } from '@polkadot/util';
import { cryptoWaitReady, jsonDecrypt } from '@polkadot/util-crypto';

function decodeAccount (json, password) {
  const pair = new Keyring({ ss58Format: 42 }).createFromJson(json);
  pair.decodePkcs8(password);
  return { type: pair.type, public_key: u8aToHex(pair.publicKey), address: pair.address, name: pair.meta.name ?? null };
}

function decodeEntry ({ file, password, kind, inner_passwords: innerPasswords }) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  try {
    if (kind === 'batch') {
      const inner = JSON.parse(u8aToString(jsonDecrypt(json, password)));
      return { file, accounts: inner.map((account, i) => decodeAccount(account, innerPasswords[i])) };
    }
    return { file, accounts: [decodeAccount(json, password)] };
  } catch (error) {
    return { file, error: error.message };
  }
}

function time (file, password, runs) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    decodeAccount(json, password);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { file, runs, median_ms: samples[Math.floor(runs / 2)], min_ms: samples[0] };
}

await cryptoWaitReady();
const args = process.argv.slice(2);
const result = args[0] === '--time'
  ? time(args[1], args[2], Number(args[3]))
  : { results: JSON.parse(readFileSync(args[0], 'utf8')).entries.map(decodeEntry) };
console.log(JSON.stringify(result));
