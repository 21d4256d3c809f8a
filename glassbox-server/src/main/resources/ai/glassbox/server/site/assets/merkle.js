// Checks in the visitor's browser, trusting nothing the server computed: RFC 9162 leaf hashes and
// inclusion proofs, and C2SP signed checkpoints (Ed25519 note signatures).

const bytes = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const sha256 = async (data) => new Uint8Array(await crypto.subtle.digest("SHA-256", data));
const utf8 = (s) => new TextEncoder().encode(s);

export const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
export const toBase64 = (b) => btoa(String.fromCharCode(...b));
export const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 || entry). */
export const leafHash = (entry) => sha256(bytes(Uint8Array.of(0), entry));
const nodeHash = (left, right) => sha256(bytes(Uint8Array.of(1), left, right));

/**
 * RFC 9162 §2.1.3.2: the root that an inclusion path leads to from leaf {@code index} of a tree of
 * {@code size}; throws if the path has the wrong length for that position.
 */
export async function rootFromInclusionProof(index, size, leaf, path) {
  if (index >= size) throw new Error(`leaf index ${index} is not in a tree of size ${size}`);
  // sizes stay below 2^53, so plain numbers with division (not 32-bit bit operators) are exact
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) throw new Error("the inclusion path is longer than the tree is deep");
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error("the inclusion path is shorter than the tree is deep");
  return r;
}

/** A C2SP checkpoint's body: origin, tree size and root hash, and its signature lines. */
export function parseCheckpoint(text) {
  const split = text.indexOf("\n\n");
  if (split < 0) throw new Error("the checkpoint has no signature block");
  const body = text.slice(0, split + 1);
  const lines = body.split("\n");
  if (lines.length < 4 || !/^[0-9]+$/.test(lines[1])) throw new Error("the checkpoint's body is not origin, size and root hash");
  const signatures = text.slice(split + 2).split("\n").filter((l) => l.length).map((l) => {
    const m = l.match(/^\u2014 (\S+) (\S+)$/);
    if (!m) throw new Error(`not a signature line: ${l}`);
    return {name: m[1], blob: fromBase64(m[2])};
  });
  return {body, origin: lines[0], size: Number(lines[1]), root: fromBase64(lines[2]), signatures};
}

/**
 * Verifies a checkpoint's Ed25519 signature by a C2SP verifier key "name+hash+base64(0x01 || key)";
 * resolves true only if a signature line of that key verifies over the body.
 */
export async function verifyCheckpoint(checkpoint, vkey) {
  const v = vkey.trim();
  const a = v.indexOf("+"), b = v.indexOf("+", a + 1); // names hold no '+'; base64 may
  if (a < 0 || b < 0) throw new Error("a verifier key is name+hash+key");
  const [name, hashHex, keyB64] = [v.slice(0, a), v.slice(a + 1, b), v.slice(b + 1)];
  const key = fromBase64(keyB64);
  if (key.length !== 33 || key[0] !== 1) throw new Error("the verifier key is not an Ed25519 key");
  const id = (await sha256(bytes(utf8(name), Uint8Array.of(0x0a), key))).slice(0, 4);
  if ([...id].map((b) => b.toString(16).padStart(2, "0")).join("") !== hashHex) throw new Error("the verifier key's hash does not match its name and key");
  const pub = await crypto.subtle.importKey("raw", key.slice(1), {name: "Ed25519"}, false, ["verify"]);
  for (const s of checkpoint.signatures) {
    if (s.name !== name || s.blob.length !== 68 || !equal(s.blob.slice(0, 4), id)) continue;
    if (await crypto.subtle.verify({name: "Ed25519"}, pub, s.blob.slice(4), utf8(checkpoint.body))) return true;
  }
  return false;
}
