// The gap: per benchmark, the best closed and best open score over time as step lines, and how many
// months the open frontier took to reach each score the closed frontier set.
import {api, el, page, query, score, select, show, sourceLink} from "./common.js";

const CLOSED = "#8250df", OPEN = "#0969da";
const DAY = 86400;

page("The gap", async () => {
  const claimedBy = ["all", "vendor", "third-party"].includes(query.get("claimed_by")) ? query.get("claimed_by") : "all";
  const gap = await api(`/api/gap?claimed_by=${claimedBy}`);
  if (gap.series.length === 0) {
    show(el("h1", {}, "The gap"), el("p", {}, "No benchmark has both an open and a closed claim yet."));
    return;
  }
  const names = gap.series.map((s) => s.benchmark);
  let current = names.includes(query.get("benchmark")) ? query.get("benchmark") : mostMeasured(gap.series);
  const detail = el("section", {id: "detail", "aria-live": "polite"});
  const cards = el("div", {class: "cards", id: "headlines"});
  const charts = [];

  function render() {
    query.set({benchmark: current, claimed_by: claimedBy === "all" ? null : claimedBy});
    const chooser = document.getElementById("benchmark");
    if (chooser) chooser.value = current; // a card chosen instead of the menu
    cards.replaceChildren(...gap.series.map((s) => card(s, s.benchmark === current, () => { current = s.benchmark; render(); })));
    charts.splice(0).forEach((c) => c.destroy());
    const s = gap.series.find((x) => x.benchmark === current);
    detail.replaceChildren(...seriesDetail(s, gap.today, charts));
  }

  show(
    el("h1", {}, "The gap"),
    el("p", {}, `How far open-weight models trail closed ones, from published claims and release dates, as of ${gap.today}.`),
    el("aside", {class: "caveats", "aria-label": "Caveats"}, el("strong", {}, "Read with care"), el("ul", {}, gap.caveats.map((c) => el("li", {}, c)))),
    el("form", {class: "controls", onsubmit: (e) => e.preventDefault()},
      select("Benchmark", names.map((n) => [n, n]), current, (v) => { current = v; render(); }, "benchmark"),
      select("Claims counted", [["all", "all claims"], ["vendor", "vendors' own"], ["third-party", "third parties'"]], claimedBy,
        (v) => { query.set({claimed_by: v === "all" ? null : v}); location.reload(); }, "claimed-by")),
    el("h2", {}, "Where open models stand today"),
    cards,
    detail,
    gap.unplaced.length ? el("details", {}, el("summary", {}, `${gap.unplaced.length} claims left out: their model or release date is not known`),
      el("ul", {}, gap.unplaced.map((u) => el("li", {}, `${u.model} on ${u.benchmark}: ${u.reason}`)))) : null);
  render();
  addEventListener("resize", () => charts.forEach((c) => c.setSize(size(c.root.parentElement))));
});

/** The benchmark with the most frontier steps: the richest default view. */
function mostMeasured(series) {
  return [...series].sort((a, b) => (b.closed.length + b.open.length) - (a.closed.length + a.open.length))[0].benchmark;
}

function headlineText(h) {
  switch (h.kind) {
    case "behind": return [`${h.months.toFixed(1)} months`, `behind: the best open score (${score(h.open_best.score)}, ${h.open_best.model}) was first reached by ${h.closed_reached.model} on ${h.closed_reached.date}`];
    case "level": return ["level", `the best open and closed scores are equal (${score(h.open_best.score)})`];
    default: return ["ahead", `the best open score (${score(h.open_best.score)}, ${h.open_best.model}) beats every closed one (${score(h.closed_best.score)})`];
  }
}

function card(s, selected, choose) {
  const [big, text] = headlineText(s.headline);
  return el("div", {class: `card${selected ? " selected" : ""}`, dataset: {benchmark: s.benchmark, kind: s.headline.kind}},
    el("button", {type: "button", "aria-pressed": selected ? "true" : "false", onclick: choose},
      el("div", {}, el("strong", {}, s.benchmark)),
      el("div", {class: "big"}, big),
      el("div", {class: "muted"}, text)));
}

const seconds = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;

/** The frontier's value at each time: its last step at or before it, null before its first. */
function stepValues(points, xs) {
  const out = [];
  let i = -1;
  for (const x of xs) {
    while (i + 1 < points.length && seconds(points[i + 1].date) <= x) i++;
    out.push(i < 0 ? null : points[i].score);
  }
  return out;
}

function size(container) {
  return {width: Math.max(280, container.clientWidth), height: 320};
}

function seriesDetail(s, today, charts) {
  const xs = [...new Set([...s.closed, ...s.open].map((p) => seconds(p.date)).concat(seconds(today)))].sort((a, b) => a - b);
  const frontierBox = el("div", {class: "chart", id: "frontier-chart", role: "img",
    "aria-label": `Best closed and best open ${s.benchmark} score over time`, dataset: {points: String(s.closed.length + s.open.length)}});
  const lagBox = el("div", {class: "chart", id: "lag-chart", role: "img", "aria-label": `Months the open frontier took to reach each closed ${s.benchmark} score`});
  const nodes = [
    el("h2", {}, `${s.benchmark}: best score over time`),
    frontierBox,
    el("h2", {}, "Months behind"),
    el("p", {class: "muted"}, "For each score the closed frontier set, how many months later an open model first matched it (negative: open got there first)."),
    lagBox,
    lagTable(s),
    frontierTable(s),
  ];
  // uPlot measures its container, so draw once the nodes are in the page
  requestAnimationFrame(() => {
    const f = new uPlot({
      ...size(frontierBox),
      scales: {x: {time: true}},
      series: [
        {},
        {label: "Best closed", stroke: CLOSED, width: 2, paths: uPlot.paths.stepped({align: 1}), points: {show: false}},
        {label: "Best open", stroke: OPEN, width: 2, paths: uPlot.paths.stepped({align: 1}), points: {show: false}},
      ],
      axes: [{}, {label: "score"}],
    }, [xs, stepValues(s.closed, xs), stepValues(s.open, xs)], frontierBox);
    const lx = s.lags.map((l) => seconds(l.closed.date));
    const ly = s.lags.map((l) => l.months);
    const lag = new uPlot({
      ...size(lagBox),
      scales: {x: {time: true, range: [Math.min(...lx) - 30 * DAY, Math.max(...lx) + 30 * DAY]}},
      series: [{}, {label: "months behind", stroke: OPEN, width: 0, points: {show: true, size: 9, fill: OPEN}, paths: () => null}],
      axes: [{}, {label: "months"}],
    }, [lx, ly], lagBox);
    charts.push(f, lag);
    frontierBox.dataset.drawn = "true";
  });
  return nodes;
}

function lagTable(s) {
  return el("div", {class: "table-wrap"}, el("table", {id: "lags"},
    el("caption", {class: "muted"}, "Each closed step and when open caught up"),
    el("thead", {}, el("tr", {}, ["Closed reached", "Score", "Open reached", "Months"].map((h, i) => el("th", {scope: "col", class: i === 1 || i === 3 ? "num" : null}, h)))),
    el("tbody", {}, s.lags.map((l) => el("tr", {},
      el("td", {}, `${l.closed.date} ${l.closed.model} `, sourceLink(l.closed.source)),
      el("td", {class: "num"}, score(l.closed.score)),
      el("td", {}, l.open ? [`${l.open.date} ${l.open.model} `, sourceLink(l.open.source)] : el("span", {class: "muted"}, "not yet")),
      el("td", {class: "num"}, l.months === null ? "—" : l.months.toFixed(1)))))));
}

function frontierTable(s) {
  const rows = [...s.closed.map((p) => ["closed", p]), ...s.open.map((p) => ["open", p])].sort((a, b) => a[1].date.localeCompare(b[1].date));
  return el("details", {}, el("summary", {}, `The ${rows.length} frontier steps`),
    el("div", {class: "table-wrap"}, el("table", {id: "steps"},
      el("thead", {}, el("tr", {}, ["Released", "Weights", "Model", "Score", "Claimed by", "Source"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, rows.map(([w, p]) => el("tr", {},
        el("td", {}, p.released), el("td", {}, el("span", {class: `weights ${w}`}, w)), el("td", {}, p.claim_model),
        el("td", {class: "num"}, score(p.score)), el("td", {}, p.claimed_by), el("td", {}, sourceLink(p.source))))))));
}
