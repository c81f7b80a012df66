// Banana Split with the reference's own libraries (secrets.js-grempe 1.1.0, tweetnacl 1.0.3,
// scryptsy 2.1.0, base64-js 1.5.1, as banana_split c8d11ea pins them), following its
// src/util/crypto.ts share() and reconstruct() step by step (tests/data/banana-split/FORMAT.md).
// Usage: node banana.cjs <manifest.json>, the manifest {"combine":[{shares, passphrase}],
// "split":[{title, secret, passphrase, total}]}; prints {"combined":[secret|null], "split":[[QR text]]}.
const fs = require("fs");
const BASE64 = require("base64-js");
const CRYPTO = require("tweetnacl");
const SCRYPT = require("scryptsy");
const SECRETS = require("secrets.js-grempe");

const utf8 = (text) => new TextEncoder().encode(text);
const hexify = (bytes) => Buffer.from(bytes).toString("hex");
const dehexify = (hex) => Uint8Array.from(Buffer.from(hex, "hex"));
const key = (passphrase, title) => SCRYPT(passphrase, Buffer.from(CRYPTO.hash(utf8(title))), 1 << 15, 8, 1, 32);

function share(secret, title, passphrase, total) {
  const required = Math.floor(total / 2) + 1;
  const nonce = CRYPTO.randomBytes(24);
  const sealed = CRYPTO.secretbox(utf8(secret), nonce, key(passphrase, title));
  return SECRETS.share(hexify(sealed), total, required).map((shard) =>
    JSON.stringify({ v: 1, t: title, r: required, d: shard[0] + BASE64.fromByteArray(dehexify(shard.slice(1))), n: BASE64.fromByteArray(nonce) })
      .replace(/[\u007F-\uFFFF]/g, (chr) => "\\u" + ("0000" + chr.charCodeAt(0).toString(16)).substr(-4)));
}

function reconstruct(texts, typed) {
  const shards = texts.map((text) => JSON.parse(text));
  const first = shards[0];
  if (shards.some((s) => s.r !== first.r || s.n !== first.n || s.t !== first.t || (s.v || 0) !== (first.v || 0))) return null;
  if (shards.length < first.r) return null;
  const v1 = (first.v || 0) === 1;
  const hex = shards.map((s) => (v1 ? s.d[0] + hexify(BASE64.toByteArray(s.d.slice(1))) : s.d));
  const nonce = v1 ? BASE64.toByteArray(first.n) : dehexify(first.n);
  const passphrase = typed.split(" ").filter((word) => word).join("-");
  const opened = CRYPTO.secretbox.open(dehexify(SECRETS.combine(hex)), nonce, key(passphrase, first.t));
  return opened ? new TextDecoder().decode(opened) : null;
}

const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const combined = (manifest.combine || []).map((entry) => reconstruct(entry.shares, entry.passphrase));
const split = (manifest.split || []).map((entry) => share(entry.secret, entry.title, entry.passphrase, entry.total));
process.stdout.write(JSON.stringify({ combined, split }));
