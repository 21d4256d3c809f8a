// The leaderboard: per benchmark, each model's claimed scores beside what a signed run reproduced.
import {all, badge, el, modelLink, page, pct, query, runLink, score, select, show, sortableTable, sourceLink, weightsTag} from "./common.js";

const STATUS_RANK = {verified: 0, disputed: 1, unverified: 2};

page("Leaderboard", async () => {
  const [claims, models] = await Promise.all([all("/api/claims"), all("/api/models")]);
  const facts = new Map(models.map((m) => [m.name, m]));
  const counts = new Map();
  for (const c of claims) counts.set(c.benchmark, (counts.get(c.benchmark) ?? 0) + 1);
  const benchmarks = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));

  const state = {
    benchmark: benchmarks.includes(query.get("benchmark")) ? query.get("benchmark") : benchmarks[0],
    weights: query.get("weights") ?? "",
    status: query.get("status") ?? "",
    search: query.get("q") ?? "",
  };
  const results = el("div", {id: "results"});
  const summary = el("p", {id: "summary", class: "muted", "aria-live": "polite"});

  function render() {
    query.set({benchmark: state.benchmark, weights: state.weights, status: state.status, q: state.search});
    const rows = rowsOf(claims.filter((c) => c.benchmark === state.benchmark), facts).filter((r) =>
      (!state.weights || r.fact?.weights === state.weights)
      && (!state.status || r.claims.some((c) => c.status === state.status))
      && (!state.search || `${r.model} ${r.fact?.organization ?? ""}`.toLowerCase().includes(state.search.toLowerCase())));
    const verified = rows.reduce((n, r) => n + r.claims.filter((c) => c.status === "verified").length, 0);
    const disputed = rows.reduce((n, r) => n + r.claims.filter((c) => c.status === "disputed").length, 0);
    summary.textContent = `${rows.length} models, ${rows.reduce((n, r) => n + r.claims.length, 0)} claims on ${state.benchmark}: ${verified} verified, ${disputed} disputed.`;
    results.replaceChildren(rows.length ? table(rows) : el("p", {class: "muted"}, "No claims match these filters."));
  }

  show(
    el("h1", {}, "Leaderboard"),
    el("p", {}, "What vendors and third parties claim each model scores, beside the score an independent, signed run reproduced. ",
      badge("verified"), " the claim lies in the run's 95% confidence interval; ",
      badge("disputed"), " the run is significantly lower; ",
      badge("unverified"), " no run yet, or not conclusive."),
    el("form", {class: "controls", role: "search", onsubmit: (e) => e.preventDefault()},
      select("Benchmark", benchmarks.map((b) => [b, `${b} (${counts.get(b)})`]), state.benchmark, (v) => { state.benchmark = v; render(); }, "benchmark"),
      select("Weights", [["", "open and closed"], ["open", "open"], ["closed", "closed"]], state.weights, (v) => { state.weights = v; render(); }, "weights"),
      select("Status", [["", "any status"], ["verified", "verified"], ["disputed", "disputed"], ["unverified", "unverified"]], state.status, (v) => { state.status = v; render(); }, "status"),
      el("label", {}, "Model or organization", el("input", {id: "search", type: "search", value: state.search, oninput: (e) => { state.search = e.target.value; render(); }}))),
    summary,
    results);
  render();
});

/** One row per claimed model: its claims on the benchmark and the best reproduced measurement. */
function rowsOf(claims, facts) {
  const byModel = new Map();
  for (const c of claims) {
    if (!byModel.has(c.model)) byModel.set(c.model, {model: c.model, fact: facts.get(c.model_fact) ?? null, claims: []});
    byModel.get(c.model).claims.push(c);
  }
  for (const r of byModel.values()) {
    r.claims.sort((a, b) => b.score - a.score);
    r.best = r.claims[0].score;
    r.measured = r.claims.find((c) => c.measured) ?? null;
    r.rank = Math.min(...r.claims.map((c) => STATUS_RANK[c.status]));
  }
  return [...byModel.values()];
}

function table(rows) {
  return sortableTable([
    {label: "Model", value: (r) => r.model, cell: (r) => r.fact ? el("a", {href: `/models/${encodeURIComponent(r.fact.name)}`, title: `facts about ${r.fact.name}`}, r.model) : r.model},
    {label: "Organization", value: (r) => r.fact?.organization ?? null, cell: (r) => r.fact?.organization ?? el("span", {class: "muted"}, "unknown")},
    {label: "Weights", value: (r) => r.fact?.weights ?? null, cell: (r) => weightsTag(r.fact?.weights)},
    {label: "Claimed", num: true, value: (r) => r.best, cell: (r) => el("ul", {class: "claims"}, r.claims.map((c) =>
      el("li", {}, el("strong", {}, score(c.score)), " ", el("span", {class: "muted hide-narrow"}, `${c.setting}; ${c.claimed_by}`), " ", sourceLink(c.source))))},
    {label: "Reproduced (95% CI)", num: true, value: (r) => r.measured ? r.measured.measured.accuracy : null, cell: (r) => r.measured
      ? el("span", {}, el("strong", {}, pct(r.measured.measured.accuracy)), ` [${pct(r.measured.wilson.low)}, ${pct(r.measured.wilson.high)}] n=${r.measured.measured.n} `,
          r.measured.evidence_log_index !== null ? runLink(r.measured.evidence_log_index, "run") : null)
      : el("span", {class: "muted"}, "not yet")},
    {label: "Status", value: (r) => r.rank, cell: (r) => el("ul", {class: "claims"}, r.claims.map((c) => el("li", {title: c.reason}, badge(c.status))))},
  ], rows, {initial: 3, descending: true, id: "leaderboard", caption: "Select a column header to sort."});
}
