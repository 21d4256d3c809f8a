// A signed run: what it measured, what its attestation signs, and a browser over its samples.
import {api, el, page, pct, query, select, show} from "./common.js";

const PAGE = 20;

page("Run", async () => {
  const index = Number(location.pathname.slice("/runs/".length));
  const run = await api(`/api/runs/${encodeURIComponent(location.pathname.slice("/runs/".length))}`);
  document.title = `Run ${index} · Glassbox`;
  const tasks = Object.keys(run.samples ?? {});
  const browser = el("section", {id: "samples", "aria-label": "Samples"});
  show(
    el("h1", {}, `Run ${run.log_index}: ${run.model}`),
    el("dl", {class: "facts", id: "run-facts"},
      el("dt", {}, "Model"), el("dd", {}, run.model),
      el("dt", {}, "Model SHA-256"), el("dd", {class: "digest"}, run.model_sha256 ?? "— (an endpoint, named by its model id)"),
      el("dt", {}, "Backend"), el("dd", {}, run.backend),
      el("dt", {}, "Signed by key"), el("dd", {class: "digest"}, run.signer_key_id),
      el("dt", {}, "Recorded"), el("dd", {}, run.recorded_at),
      el("dt", {}, "In the log"), el("dd", {}, el("a", {href: `/log?entry=${run.log_index}`}, `entry ${run.log_index}: check its inclusion proof`))),
    el("h2", {}, "Scores"),
    el("div", {class: "table-wrap"}, el("table", {id: "scores"},
      el("thead", {}, el("tr", {}, ["Task", "Metric", "Value", "± stderr", "Samples"].map((h, i) => el("th", {scope: "col", class: i >= 2 ? "num" : null}, h)))),
      el("tbody", {}, run.scores.map((s) => el("tr", {},
        el("td", {}, s.task), el("td", {}, s.metric), el("td", {class: "num"}, pct(s.value)),
        el("td", {class: "num"}, s.stderr === null ? "—" : pct(s.stderr)), el("td", {class: "num"}, s.samples)))))),
    el("h2", {}, "What the attestation signs"),
    el("p", {class: "muted"}, `An in-toto statement (${run.statement?.predicateType ?? "?"}) in a DSSE envelope; each file's digest is checked by glassbox verify.`),
    el("div", {class: "table-wrap"}, el("table", {id: "subjects"},
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "Subject"), el("th", {scope: "col"}, "SHA-256"))),
      el("tbody", {}, (run.statement?.subject ?? []).map((s) => el("tr", {},
        el("td", {}, fileLink(index, s.name, run.samples)), el("td", {class: "digest"}, s.digest?.sha256 ?? "")))))),
    el("h2", {}, "Samples"),
    tasks.length ? browser : el("p", {class: "muted", id: "no-samples"}, "The ledger holds no per-sample records for this run."));
  if (tasks.length) sampleBrowser(browser, index, run.samples);
});

function fileLink(index, name, samples) {
  const task = name.match(/^samples_(.+)\.jsonl$/)?.[1];
  if (task && samples && task in samples) return el("a", {href: `/api/runs/${index}/files/${encodeURIComponent(name)}`}, name);
  return name;
}

function sampleBrowser(root, index, counts) {
  const tasks = Object.keys(counts);
  const state = {task: tasks.includes(query.get("task")) ? query.get("task") : tasks[0], offset: Math.max(0, Number(query.get("offset")) || 0)};
  const list = el("div", {id: "sample-list", "aria-live": "polite"});
  const status = el("span", {id: "sample-range"});
  const prev = el("button", {type: "button", id: "prev", onclick: () => go(state.offset - PAGE)}, "← Previous");
  const next = el("button", {type: "button", id: "next", onclick: () => go(state.offset + PAGE)}, "Next →");
  root.replaceChildren(
    el("div", {class: "controls"},
      select("Task", tasks.map((t) => [t, `${t} (${counts[t]})`]), state.task, (t) => { state.task = t; go(0); }, "task")),
    el("div", {class: "pager"}, prev, status, next),
    list);

  async function go(offset) {
    state.offset = Math.max(0, offset);
    query.set({task: state.task, offset: state.offset || null});
    list.setAttribute("aria-busy", "true");
    try {
      const p = await api(`/api/runs/${index}/samples?task=${encodeURIComponent(state.task)}&offset=${state.offset}&limit=${PAGE}`);
      status.textContent = p.total === 0 ? "no samples" : `${p.offset + 1}–${p.offset + p.items.length} of ${p.total}`;
      prev.disabled = p.offset === 0;
      next.disabled = p.offset + p.items.length >= p.total;
      list.replaceChildren(...p.items.map((s) => sample(s)));
      list.dataset.count = String(p.items.length);
    } catch (e) {
      list.replaceChildren(el("p", {class: "error", role: "alert"}, e.message));
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  }
  go(state.offset);
}

/** Whether a sample scored: its first metric (acc, or exact_match of the first filter) is 1. */
function right(record) {
  const values = Object.values(record.metrics ?? {});
  return values.length > 0 && values[0] === 1;
}

function sample(s) {
  const r = s.record;
  const ok = right(r);
  const requests = r.requests ?? [];
  const body = requests.length && requests[0].type === "loglikelihood" ? choices(r) : generation(r);
  return el("article", {class: `sample ${ok ? "right" : "wrong"}`, dataset: {doc: String(s.doc_id)}},
    el("h3", {}, `#${s.doc_id} `, el("span", {class: "muted"}, r.doc), " ", el("span", {class: ok ? "ok" : "error"}, ok ? "right" : "wrong")),
    body,
    el("p", {class: "muted"}, "Metrics: ", Object.entries(r.metrics ?? {}).map(([k, v]) => `${k} = ${v}`).join(", ")));
}

/** A multiple-choice sample: the shared context, then each choice with the model's log-likelihood. */
function choices(r) {
  const chosen = Number(r.answers?.acc ?? -1);
  const chosenNorm = Number(r.answers?.acc_norm ?? -1);
  const context = r.requests[0].context;
  const rows = r.requests.map((q, i) => {
    const resp = r.responses[i] ?? {};
    const chars = q.continuation.length;
    return el("tr", {class: [i === chosen ? "chosen" : "", q.continuation.trim() === String(r.target).trim() ? "target" : ""].join(" ").trim() || null},
      el("td", {}, q.continuation),
      el("td", {class: "num"}, resp.logprob === undefined ? "—" : resp.logprob.toFixed(3)),
      el("td", {class: "num"}, resp.logprob === undefined ? "—" : (resp.logprob / chars).toFixed(4)),
      el("td", {class: "num hide-narrow"}, resp.tokens?.length ?? "—"),
      el("td", {}, [i === chosen ? "acc" : null, i === chosenNorm ? "acc_norm" : null].filter(Boolean).join(", ")));
  });
  return [
    el("pre", {class: "context"}, context),
    el("div", {class: "table-wrap"}, el("table", {class: "choices"},
      el("thead", {}, el("tr", {}, ["Choice (✓ correct)", "log-likelihood", "per character", "tokens", "chosen by"].map((h, i) =>
        el("th", {scope: "col", class: [i > 0 && i < 4 ? "num" : "", i === 3 ? "hide-narrow" : ""].join(" ").trim() || null}, h)))),
      el("tbody", {}, rows))),
  ];
}

/** A generative sample: the prompt, what the model wrote, and the answer each filter extracted. */
function generation(r) {
  const q = r.requests[0] ?? {};
  const text = r.responses?.[0]?.text ?? "";
  return [
    el("details", {}, el("summary", {}, "Prompt"), el("pre", {class: "context"}, q.context ?? "")),
    el("p", {}, el("strong", {}, "Model wrote:")),
    el("pre", {class: "generated"}, text),
    el("dl", {class: "facts"},
      el("dt", {}, "Target"), el("dd", {}, el("pre", {}, String(r.target))),
      Object.entries(r.answers ?? {}).map(([k, v]) => [el("dt", {}, `Answer (${k})`), el("dd", {}, v)])),
  ];
}
