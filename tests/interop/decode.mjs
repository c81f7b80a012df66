// Decodes backup files with the real polkadot-js packages, the way the extension and the apps UI
// restore them: Keyring.createFromJson + pair.decodePkcs8 for one account, jsonDecrypt for an
// "Export all" file. Every decoded pair signs the manifest's message with pair.sign, so the
// caller can check that the secret, not only the public key, is the account's: for a 64-byte
// sr25519 or ed25519 secret, polkadot-js takes the public key (and so the address) from the file
// without checking it against the secret. And it verifies signatures we made, with
// signatureVerify. Run by tests/integration/interop.rs; prints one JSON object on stdout.
//
//   node decode.mjs <manifest.json>               decode (and sign with) or verify every entry
//   node decode.mjs --time <file> <password> <n>  time n decrypts of one account file (ms each)
//
// Manifest: { "message": "0x…", "entries": [entry] }, each entry one of
//   { "kind": "account", "file", "password" }      password null: an unencrypted file
//   { "kind": "batch", "file", "password", "inner_passwords": [..] }
//   { "kind": "verify", "signer": "<address or 0x public key>", "signature": "0x…" }
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex, u8aToString } from '@polkadot/util';
import { cryptoWaitReady, jsonDecrypt, signatureVerify } from '@polkadot/util-crypto';

function decodeAccount (json, password, message) {
  const pair = new Keyring({ ss58Format: 42 }).createFromJson(json);
  pair.decodePkcs8(password ?? undefined);
  const signature = message && pair.sign(message);
  return {
    type: pair.type,
    public_key: u8aToHex(pair.publicKey),
    address: pair.address,
    name: pair.meta.name ?? null,
    signature: signature && u8aToHex(signature),
    // polkadot-js's own check that the secret signs for the address it shows (for an
    // ethereum pair, a keccak-prehashed secp256k1 signature recovered to its H160).
    signs_for_address: Boolean(signature) && signatureVerify(message, signature, pair.address).isValid
  };
}

function decodeEntry ({ file, password, kind, inner_passwords: innerPasswords }, message) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  try {
    if (kind === 'batch') {
      const inner = JSON.parse(u8aToString(jsonDecrypt(json, password)));
      return { file, accounts: inner.map((account, i) => decodeAccount(account, innerPasswords[i], message)) };
    }
    return { file, accounts: [decodeAccount(json, password, message)] };
  } catch (error) {
    return { file, error: error.message };
  }
}

function verifyEntry ({ signer, signature }, message) {
  try {
    const { crypto, isValid } = signatureVerify(message, signature, signer);
    return { signer, crypto, valid: isValid };
  } catch (error) {
    return { signer, error: error.message };
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

function run (manifest) {
  const message = manifest.message === undefined ? undefined : hexToU8a(manifest.message);
  return {
    results: manifest.entries.map((entry) => entry.kind === 'verify'
      ? verifyEntry(entry, message)
      : decodeEntry(entry, message))
  };
}

await cryptoWaitReady();
const args = process.argv.slice(2);
const result = args[0] === '--time'
  ? time(args[1], args[2], Number(args[3]))
  : run(JSON.parse(readFileSync(args[0], 'utf8')));
console.log(JSON.stringify(result));
