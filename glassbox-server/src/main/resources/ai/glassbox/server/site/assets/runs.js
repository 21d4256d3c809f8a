// Every signed run in the log.
import {all, el, page, runsTable, show} from "./common.js";

page("Runs", async () => {
  const runs = await all("/api/runs");
  show(
    el("h1", {}, "Runs"),
    el("p", {}, "Evaluation runs, each a signed attestation appended to the transparency log. Anyone can re-check one with ",
      el("code", {}, "glassbox verify --log-index N --rerun"), "."),
    runs.length ? runsTable(runs) : el("p", {class: "muted", id: "no-runs"}, "The log holds no runs yet: run glassbox eval with a signing key (glassbox keys init) to add one."));
});
