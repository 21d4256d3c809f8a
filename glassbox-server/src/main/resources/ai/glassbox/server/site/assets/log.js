// The transparency log: its latest signed checkpoint, entries by index, and an inclusion proof
// checked here in the browser against the checkpoint's root hash.
import {api, ApiError, el, page, query, runLink, show} from "./common.js";
import {equal, fromBase64, leafHash, parseCheckpoint, rootFromInclusionProof, toBase64, verifyCheckpoint} from "./merkle.js";

page("Transparency log", async () => {
  const text = await checkpointText();
  if (text === null) {
    show(el("h1", {}, "Transparency log"), el("p", {id: "empty-log"}, "The log is empty: it signs its first checkpoint when the first run is appended."));
    return;
  }
  const cp = parseCheckpoint(text);
  const key = await api("/api/log/key");
  const signatureResult = el("p", {id: "signature-result", role: "status"});
  const vkey = el("input", {id: "vkey", type: "text", size: 60, value: key.vkey, spellcheck: "false", "aria-describedby": "vkey-help"});
  const index = el("input", {id: "entry-index", type: "number", min: 0, max: cp.size - 1, required: true, value: query.get("entry") ?? cp.size - 1});
  const result = el("section", {id: "entry", "aria-live": "polite"});

  const checkSignature = async () => {
    try {
      const ok = await verifyCheckpoint(cp, vkey.value);
      signatureResult.className = ok ? "ok" : "error";
      signatureResult.textContent = ok ? "✓ The checkpoint is signed by this key." : "✗ No signature by this key verifies over the checkpoint.";
    } catch (e) {
      signatureResult.className = "error";
      signatureResult.textContent = `✗ ${e.message}`;
    }
  };

  show(
    el("h1", {}, "Transparency log"),
    el("p", {}, "Every run and inference receipt is appended to an append-only Merkle tree (RFC 9162). The log signs a checkpoint of its size and root hash; ",
      "an entry's inclusion proof leads from the entry to that root, so a result cannot be rewritten or removed without every checkpoint after it disagreeing."),
    el("h2", {}, "Latest checkpoint"),
    el("pre", {id: "checkpoint"}, text),
    el("dl", {class: "facts"},
      el("dt", {}, "Origin"), el("dd", {}, cp.origin),
      el("dt", {}, "Tree size"), el("dd", {id: "tree-size"}, String(cp.size)),
      el("dt", {}, "Root hash"), el("dd", {class: "digest", id: "root-hash"}, toBase64(cp.root))),
    el("form", {class: "controls", onsubmit: (e) => { e.preventDefault(); checkSignature(); }},
      el("label", {}, "Log verifier key", vkey),
      el("button", {type: "submit", id: "check-signature"}, "Check signature")),
    el("p", {class: "muted", id: "vkey-help"}, "This server says its key is the one above; compare it with the key the log's operator publishes elsewhere before trusting the check."),
    signatureResult,
    el("h2", {}, "Look up an entry"),
    el("form", {class: "controls", onsubmit: (e) => { e.preventDefault(); lookUp(Number(index.value), cp, text, result); }},
      el("label", {}, `Entry index (0 to ${cp.size - 1})`, index),
      el("button", {type: "submit", id: "look-up"}, "Look up and check inclusion")),
    result);
  await checkSignature();
  if (query.get("entry") !== null) await lookUp(Number(query.get("entry")), cp, text, result);
});

async function checkpointText() {
  const res = await fetch("/api/log/checkpoint");
  if (res.status === 404) return null;
  if (!res.ok) throw new ApiError(res.status, `/api/log/checkpoint answered ${res.status}`);
  return res.text();
}

async function lookUp(index, cp, cpText, out) {
  query.set({entry: index});
  out.setAttribute("aria-busy", "true");
  try {
    const entry = await api(`/api/log/entries/${index}`);
    const bytes = fromBase64(entry.entry);
    const leaf = await leafHash(bytes);
    const proof = await api(`/api/log/proof/inclusion?index=${index}&size=${cp.size}`);
    if (proof.checkpoint !== null && proof.checkpoint !== cpText) throw new Error("the proof is for a different checkpoint than the latest one");
    const path = proof.inclusion_path.map(fromBase64);
    const root = await rootFromInclusionProof(index, cp.size, leaf, path);
    const included = equal(root, cp.root);
    const statement = decodeStatement(entry.envelope);
    out.replaceChildren(
      el("h3", {}, `Entry ${index}`),
      el("dl", {class: "facts"},
        el("dt", {}, "Kind"), el("dd", {}, entry.kind, " ", entry.kind === "eval-run" ? runLink(index, "(the run)") : null),
        el("dt", {}, "Appended"), el("dd", {}, entry.appended_at),
        el("dt", {}, "Leaf hash (computed here)"), el("dd", {class: "digest"}, toBase64(leaf),
          equal(leaf, fromBase64(entry.leaf_hash)) ? "" : el("span", {class: "error"}, " — differs from the server's")),
        el("dt", {}, "Inclusion path"), el("dd", {class: "digest"}, el("ol", {start: 1}, path.map((h) => el("li", {}, toBase64(h))))),
        el("dt", {}, "Root from the path"), el("dd", {class: "digest"}, toBase64(root))),
      el("p", {id: "inclusion-result", class: included ? "ok" : "error", role: "status"}, included
        ? `✓ Entry ${index} is in the tree of size ${cp.size}: its inclusion path leads to the checkpoint's root hash.`
        : `✗ The inclusion path does not lead to the checkpoint's root hash: entry ${index} is not proven to be in the log.`),
      statement ? [el("h3", {}, "What it attests"), el("p", {class: "muted"}, statement.predicateType),
        el("ul", {}, (statement.subject ?? []).map((s) => el("li", {}, el("code", {}, s.name), " ", el("span", {class: "digest muted"}, s.digest?.sha256 ?? ""))))] : null);
  } catch (e) {
    out.replaceChildren(el("p", {class: "error", role: "alert", id: "inclusion-result"}, e.message));
  } finally {
    out.setAttribute("aria-busy", "false");
  }
}

/** The in-toto statement inside a DSSE envelope, or null. */
function decodeStatement(envelope) {
  try {
    return JSON.parse(new TextDecoder().decode(fromBase64(envelope.payload)));
  } catch {
    return null;
  }
}
