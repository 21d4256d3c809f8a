// A model's facts, the claims about it with their status, and the signed runs of it.
import {api, badge, el, page, pct, runLink, runsTable, score, show, sortableTable, sourceLink, weightsTag} from "./common.js";

page("Model", async () => {
  const name = decodeURIComponent(location.pathname.slice("/models/".length));
  const m = await api(`/api/models/${encodeURIComponent(name)}`);
  document.title = `${m.name} · Glassbox`;
  show(
    el("h1", {}, m.name, " ", weightsTag(m.weights)),
    el("dl", {class: "facts", id: "facts"},
      el("dt", {}, "Organization"), el("dd", {}, m.organization),
      el("dt", {}, "Weights"), el("dd", {}, m.weights),
      el("dt", {}, "License"), el("dd", {}, m.license || el("span", {class: "muted"}, "not stated")),
      el("dt", {}, "Released"), el("dd", {}, m.release_date),
      el("dt", {}, "Parameters"), el("dd", {}, m.parameters_b === null ? el("span", {class: "muted"}, "not disclosed") : `${m.parameters_b} B`),
      el("dt", {}, "Source"), el("dd", {}, sourceLink(m.source, m.source)),
      m.note ? [el("dt", {}, "Note"), el("dd", {}, m.note)] : null),
    el("h2", {}, `Claims (${m.claims.length})`),
    m.claims.length ? sortableTable([
      {label: "Benchmark", value: (c) => c.benchmark, cell: (c) => el("a", {href: `/?benchmark=${encodeURIComponent(c.benchmark)}`}, c.benchmark)},
      {label: "Variant", value: (c) => c.model, cell: (c) => c.model},
      {label: "Claimed", num: true, value: (c) => c.score, cell: (c) => score(c.score)},
      {label: "Setting", value: (c) => c.setting, cell: (c) => c.setting},
      {label: "Claimed by", value: (c) => c.claimed_by, cell: (c) => c.claimed_by},
      {label: "Reproduced", num: true, value: (c) => c.measured?.accuracy ?? null, cell: (c) => c.measured
        ? [`${pct(c.measured.accuracy)} [${pct(c.wilson.low)}, ${pct(c.wilson.high)}] `, c.evidence_log_index !== null ? runLink(c.evidence_log_index, "run") : null]
        : el("span", {class: "muted"}, "—")},
      {label: "Status", value: (c) => c.status, cell: (c) => el("span", {title: c.reason}, badge(c.status))},
      {label: "Source", cell: (c) => sourceLink(c.source)},
    ], m.claims, {id: "claims"}) : el("p", {class: "muted"}, "No claims about this model."),
    el("h2", {}, `Runs (${m.runs.length})`),
    m.runs.length ? runsTable(m.runs) : el("p", {class: "muted"}, "No signed run of this model is in the log yet."));
});
