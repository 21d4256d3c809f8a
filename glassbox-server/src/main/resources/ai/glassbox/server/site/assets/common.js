// Shared by every page: the header, fetching from /api, building DOM without innerHTML (every
// string from the ledger is text, never markup), and the sortable table.

const NAV = [
  ["/", "Leaderboard"],
  ["/gap", "The gap"],
  ["/runs", "Runs"],
  ["/log", "Log"],
  ["/api/openapi.json", "API"],
];

/** el("a", {href: "/x", class: "y"}, "text", child…): an element with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** The header's navigation, with the current page marked. */
export function header() {
  const here = location.pathname;
  const current = (path) => path === "/" ? here === "/" : here === path || here.startsWith(path + "/");
  const nav = el("nav", {"aria-label": "Site"},
    el("a", {href: "/", class: "brand"}, "Glassbox"),
    NAV.map(([path, label]) => el("a", {href: path, "aria-current": current(path) ? "page" : null}, label)));
  document.getElementById("site-header").replaceChildren(nav);
}

/** An API error with the server's message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GETs an /api path as JSON; a non-2xx answer throws ApiError with the server's message. */
export async function api(path) {
  const res = await fetch(path, {headers: {accept: "application/json"}});
  const text = await res.text();
  let body;
  try {
    body = text.length ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, `${path} answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) throw new ApiError(res.status, body?.error?.message ?? `${path} answered ${res.status}`);
  return body;
}

/** Every item of a paginated list endpoint. */
export async function all(path) {
  const items = [];
  const sep = path.includes("?") ? "&" : "?";
  for (let offset = 0; ; ) {
    const page = await api(`${path}${sep}limit=1000&offset=${offset}`);
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return items;
  }
}

/** Replaces the page's main content, and marks it loaded. */
export function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children.flat());
  main.setAttribute("aria-busy", "false");
  main.dataset.ready = "true";
}

/** Shows a failure in place of the page; the message names what failed. */
export function fail(title, error) {
  console.error(error);
  show(el("h1", {}, title), el("p", {class: "error", role: "alert"}, error.message ?? String(error)));
}

/** Runs a page's async main, showing any failure instead of an empty page. */
export function page(title, main) {
  header();
  main().catch((e) => fail(title, e));
}

/** A link to a claim's source; sources in the facts are written without a scheme. */
export function sourceLink(source, label = "source") {
  if (!source) return el("span", {class: "muted"}, "no source");
  const href = /^https?:\/\//.test(source) ? source : `https://${source}`;
  return el("a", {href, rel: "noreferrer", title: source}, label);
}

export function badge(status) {
  return el("span", {class: `badge ${status}`}, status);
}

export function weightsTag(weights) {
  if (!weights) return el("span", {class: "muted"}, "?");
  return el("span", {class: `weights ${weights}`}, weights);
}

/** A fraction as a percentage with one decimal. */
export const pct = (f) => (100 * f).toFixed(1);

/** A claimed score (already a percentage). */
export const score = (s) => Number(s).toFixed(1);

export function modelLink(name) {
  return el("a", {href: `/models/${encodeURIComponent(name)}`}, name);
}

export function runLink(index, label = `run ${index}`) {
  return el("a", {href: `/runs/${index}`}, label);
}

/**
 * A table whose headers sort it: columns are {label, value(row) for sorting, cell(row) → node or
 * text, num}. Sorting is by buttons in the headers, so it works from the keyboard, and the header
 * says how it is sorted (aria-sort).
 */
export function sortableTable(columns, rows, {caption, initial = 0, descending = false, id} = {}) {
  let sortBy = initial, desc = descending;
  const tbody = el("tbody");
  const ths = columns.map((c, i) => el("th", {scope: "col", class: c.num ? "num" : null},
    c.value ? el("button", {class: "sort", type: "button", onclick: () => {
      desc = sortBy === i ? !desc : !!c.num;
      sortBy = i;
      render();
    }}, c.label) : c.label));
  const table = el("table", {id}, caption ? el("caption", {class: "muted"}, caption) : null, el("thead", {}, el("tr", {}, ths)), tbody);
  function render() {
    const col = columns[sortBy];
    const key = col.value ?? (() => 0);
    const sorted = [...rows].sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return desc ? -c : c;
    });
    ths.forEach((th, i) => th.setAttribute("aria-sort", i === sortBy ? (desc ? "descending" : "ascending") : "none"));
    tbody.replaceChildren(...sorted.map((r) => el("tr", {}, columns.map((c) => el("td", {class: c.num ? "num" : null}, c.cell(r))))));
    table.dataset.rows = String(sorted.length);
  }
  render();
  return el("div", {class: "table-wrap"}, table);
}

/** The page's query parameters, and a way to update them without reloading. */
export const query = {
  get: (name) => new URLSearchParams(location.search).get(name),
  set(values) {
    const q = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(values)) {
      if (v === null || v === undefined || v === "") q.delete(k);
      else q.set(k, v);
    }
    const s = q.toString();
    history.replaceState(null, "", location.pathname + (s ? `?${s}` : ""));
  },
};

/** A labelled select whose change calls onchange(value). */
export function select(label, options, value, onchange, id) {
  const s = el("select", {id, onchange: (e) => onchange(e.target.value)},
    options.map(([v, text]) => el("option", {value: v, selected: v === value}, text)));
  return el("label", {}, label, s);
}

/** The runs as a table, newest first. */
export function runsTable(runs) {
  return sortableTable([
    {label: "Log index", num: true, value: (r) => r.log_index, cell: (r) => runLink(r.log_index, String(r.log_index))},
    {label: "Model", value: (r) => r.model, cell: (r) => r.model},
    {label: "Backend", value: (r) => r.backend, cell: (r) => r.backend},
    {label: "Scores", cell: (r) => el("ul", {class: "claims"}, r.scores.map((s) => el("li", {}, `${s.task} ${s.metric} ${pct(s.value)} (n=${s.samples})`)))},
    {label: "Recorded", value: (r) => r.recorded_at, cell: (r) => r.recorded_at},
  ], runs, {initial: 0, descending: true, id: "runs"});
}
