// Made tests/data/banana-split/known_answer.json: banana_split c8d11ea src/util/crypto.ts share() (ported to plain JS, the nonce fixed) over the real secrets.js-grempe 1.1.0 (testRandom: every coefficient 0x15), tweetnacl 1.0.3 and scryptsy 2.1.0. Run with those in node_modules: node make_known_answer.js
const BASE64 = require('base64-js'), CRYPTO = require('tweetnacl'), SCRYPT = require('scryptsy'), SECRETS = require('secrets.js-grempe');
const enc = s => new TextEncoder().encode(s);
const hexify = a => Buffer.from(a).toString('hex');
const dehexify = s => { const a = new Uint8Array(s.length/2); for (let i=0;i<a.length;i++) a[i]=parseInt(s.slice(2*i,2*i+2),16); return a; };
function share(data, title, passphrase, total, required) {
  const salt = CRYPTO.hash(enc(title));
  const key = SCRYPT(passphrase, Buffer.from(salt), 1 << 15, 8, 1, 32);
  const nonceB = CRYPTO.randomBytes(24);
  const value = CRYPTO.secretbox(enc(data), nonceB, key);
  const nonce = BASE64.fromByteArray(nonceB), hexEncrypted = hexify(value);
  return SECRETS.share(hexEncrypted, total, required).map(shard => JSON.stringify({v:1,t:title,r:required,d:shard[0]+BASE64.fromByteArray(dehexify(shard.slice(1))),n:nonce})
     .replace(/[\u007F-\uFFFF]/g, chr => "\\u" + ("0000" + chr.charCodeAt(0).toString(16)).substr(-4)));
}
CRYPTO.setPRNG((x, n) => { for (let i = 0; i < n; i++) x[i] = i; }); // nonce = 00 01 .. 17
SECRETS.init(8, 'testRandom');   // every random coefficient = 0x15
const title = 'Tést "q" \\ 😀\u007f', pass = 'abacus-zoom-t-shirt-yo-yo', secret = 'Secret message ✓';
const out = share(secret, title, pass, 3, 2);
console.log(JSON.stringify({title, pass, secret, nonceHex: '000102030405060708090a0b0c0d0e0f1011121314151617', coeff: '0x15 for every random coefficient', shares: out}, null, 1));
// decode back with the SECRETS + nacl path
const p = out.map(s => JSON.parse(s));
const hx = p.map(s => s.d[0] + hexify(BASE64.toByteArray(s.d.slice(1))));
const key = SCRYPT(pass, Buffer.from(CRYPTO.hash(enc(p[0].t))), 1<<15, 8, 1, 32);
console.log('roundtrip:', new TextDecoder().decode(CRYPTO.secretbox.open(dehexify(SECRETS.combine(hx.slice(1))), BASE64.toByteArray(p[0].n), key)));
console.log('scrypt key hex:', hexify(key), ' title sha512:', hexify(CRYPTO.hash(enc(title))));
