// Search over the sharded indexes written by site_builder/search (see docs/search.md).
// No dependencies, no build step. Two layers:
//   engine.js, the data layer (createSearch, prefetch, fold...), re-exported here;
//   mount(root) -> binds a search form in the page (data attributes below), keeps the
//     query and filters in the URL (?q=...&award=...), renders results.

import { createSearch } from "./engine.js";

export { createSearch, decodePostings, exactForm, fold, forEachId, parseQuery, prefetch } from "./engine.js";

// -- the page layer ---------------------------------------------------------------

const STRINGS = {
  vi: { results: "{n} kết quả", none: "Không tìm thấy kết quả phù hợp.", more: "Xem thêm", all: "Tất cả",
        loading: "Đang tìm…", error: "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.", collective: "Tập thể",
        remove: "Bỏ lọc {filter}" },
  en: { results: "{n} results", none: "No matching results.", more: "Show more", all: "All",
        loading: "Searching…", error: "The search data could not be loaded. Please try again.", collective: "Collective",
        remove: "Remove the filter {filter}" },
};

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) if (attrs[k] != null) e.setAttribute(k, attrs[k]); // "" is a value
  for (const c of children) if (c != null && c !== "") e.append(c);
  return e;
}

/**
 * Binds a search form. Attributes on ``root``:
 *   data-search-index   URL of the index folder (relative to the page)      required
 *   data-search-root    URL of the site root (relative to the page)         default "../"
 *   data-search-recipient-root, data-search-recipient-lang   root and language of the
 *                       recipient pages when they are not in the page's language  optional
 *   data-search-lang    language of labels                                  default <html lang>
 *   data-search-target  target of result links ("_top" inside an embed)     optional
 *   data-search-strings JSON of interface strings overriding the defaults   optional
 * Inside ``root``: a <form> with <input name="q"> and optional <select name="award|
 * locality|year|campaign|kind">, [data-search-status] (aria-live), [data-search-results]
 * (an <ol> or <ul>), optional <button data-search-more>; optional [data-search-chips]
 * holding a [data-search-chip-list] (the active filters, one button each that removes it)
 * and [data-search-filter-count] (how many filters are active, for a folded filter panel).
 */
export function mount(root, options = {}) {
  if (root.__search) return root.__search;
  const lang = root.dataset.searchLang || document.documentElement.lang || "vi";
  const strings = Object.assign({}, STRINGS.vi, STRINGS[lang] || {}, JSON.parse(root.dataset.searchStrings || "{}"));
  const search = createSearch({ indexUrl: root.dataset.searchIndex, siteRoot: root.dataset.searchRoot || "../",
    recipientRoot: root.dataset.searchRecipientRoot, fetch: options.fetch });
  const recipientLang = root.dataset.searchRecipientLang || null; // the result links' hreflang
  // A page may show several indexes (names, documents) under one form: each root names
  // the form (data-search-form="id") and the filters it uses (data-search-filters).
  const form = (root.dataset.searchForm && document.getElementById(root.dataset.searchForm))
    || root.querySelector("form") || root;
  const input = form.querySelector('[name="q"]');
  const only = root.dataset.searchFilters != null ? root.dataset.searchFilters.split(/\s+/) : null;
  const selects = [...form.querySelectorAll("select[name]")].filter((s) => !only || only.includes(s.name));
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const target = root.dataset.searchTarget || null;
  const chips = root.querySelector("[data-search-chips]");
  const chipList = chips && chips.querySelector("[data-search-chip-list]");
  const filterCount = root.querySelector("[data-search-filter-count]");
  let offset = 0, timer = 0, seq = 0;

  const params = new URLSearchParams(location.search);
  if (input && params.has("q") && !input.value) input.value = params.get("q");
  for (const s of selects) if (params.has(s.name) && !s.value) s.value = params.get(s.name); // options in the page

  function filters() {
    const f = {};
    for (const s of selects) if (s.value) f[s.name] = s.value;
    return f;
  }

  function saveToUrl() {
    const p = new URLSearchParams(location.search);
    const q = input ? input.value.trim() : "";
    if (q) p.set("q", q); else p.delete("q");
    for (const s of selects) { if (s.value) p.set(s.name, s.value); else p.delete(s.name); }
    const qs = p.toString();
    history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  function render(r) {
    if (m.kind === "names") {
      const details = [r.kind === "collective" ? strings.collective : "", r.award && r.award.label, r.unit, r.locality && r.locality.label]
        .filter(Boolean).join(" · ");
      return el("li", { class: "sb-search-hit" },
        el("a", { href: r.url, target, class: "sb-search-name", hreflang: recipientLang }, r.name),
        el("span", { class: "sb-search-details" }, details),
        r.decision && r.decision.title
          ? el("a", { href: r.decision.url || null, target, class: "sb-search-decision" }, r.decision.title) : null);
    }
    return el("li", { class: "sb-search-hit" },
      el("a", { href: r.url, target, class: "sb-search-name" }, r.title),
      el("span", { class: "sb-search-details" }, [r.kind && r.kind.label, r.date].filter(Boolean).join(" · ")),
      r.summary ? el("p", { class: "sb-search-summary" }, r.summary) : null);
  }

  const facetText = (lab, id) => (lab && typeof lab === "object" ? lab[lang] || lab.vi || id : lab || id);

  // An active filter as the reader reads it: "Năm: 2022" (its label, then its value's label).
  function filterText(s) {
    const label = s.id && form.querySelector('label[for="' + s.id + '"]');
    const entry = m && (m.facets[s.name] || []).find((e) => String(e[0]) === s.value);
    const option = s.selectedOptions[0];
    const value = entry ? facetText(entry[1], s.value) : option ? option.textContent.trim() : s.value;
    return (label ? label.textContent.trim() + ": " : "") + value;
  }

  // The active filters as chips, shown even when the filter panel is folded away (phones).
  function showChips() {
    const active = selects.filter((s) => s.value);
    if (filterCount) filterCount.textContent = active.length ? " (" + active.length + ")" : "";
    if (!chipList) return;
    chipList.replaceChildren(...active.map((s) => {
      const text = filterText(s);
      const chip = el("button", { type: "button", "data-search-filter": s.name, "aria-label": strings.remove.replace("{filter}", text) },
        el("span", {}, text), el("span", { "aria-hidden": "true" }, "\u00d7"));
      chip.addEventListener("click", () => removeFilter(s, chip));
      return el("li", {}, chip);
    }));
    chips.hidden = !active.length;
  }

  function removeFilter(s, chip) {
    const before = [...chipList.querySelectorAll("button")].indexOf(chip);
    s.value = "";
    s.dispatchEvent(new Event("change", { bubbles: true })); // as if the reader chose "All"
    // Focus stays among the chips (the one that took this one's place), else the query box.
    const left = [...chipList.querySelectorAll("button")];
    (left[Math.min(before, left.length - 1)] || input || form).focus();
  }

  let m = null;
  async function fillFilters() {
    m = await search.meta();
    const current = new URLSearchParams(location.search);
    for (const s of selects) {
      const values = m.facets[s.name];
      // Options may come with the page (rendered at build time): keep them.
      if (values && s.options.length <= 1) {
        if (!s.options.length) s.append(el("option", { value: "" }, strings.all));
        for (const [id, lab, count] of values) {
          s.append(el("option", { value: id }, facetText(lab, id) + " (" + count + ")"));
        }
      }
      if (current.has(s.name)) s.value = current.get(s.name);
    }
    showChips();
  }

  async function run(append) {
    const mine = ++seq;
    const q = input ? input.value : "";
    if (!append) offset = 0;
    try {
      if (!m) await fillFilters();
      if (status && !append) status.textContent = strings.loading;
      const res = await search.query(q, filters(), { offset, lang });
      if (mine !== seq) return; // a newer query is on its way
      if (!append) list.replaceChildren();
      for (const r of res.results) list.append(render(r));
      if (status) status.textContent = res.total ? strings.results.replace("{n}", res.total.toLocaleString(lang)) : (q.trim() || Object.keys(filters()).length ? strings.none : "");
      if (more) more.hidden = res.next == null;
      offset = res.next;
      root.dispatchEvent(new CustomEvent("search:results", { detail: res }));
    } catch (err) {
      if (status) status.textContent = strings.error;
      root.dispatchEvent(new CustomEvent("search:error", { detail: err }));
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => { saveToUrl(); run(false); }, 120);
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); saveToUrl(); run(false); });
  if (input) input.addEventListener("input", schedule);
  for (const s of selects) s.addEventListener("change", () => { showChips(); schedule(); });
  if (more) { more.hidden = true; more.addEventListener("click", () => { if (offset != null) run(true); }); }

  const api = { search, run: () => run(false), ready: null };
  root.__search = api;
  const wanted = (input && input.value.trim()) || selects.some((s) => params.get(s.name));
  // The reader may have typed while search.js was loading: run that query now, and record
  // it in the URL once the filters hold their options (a shared link keeps its filters).
  // A reader still typing waits for the usual pause, so the letters typed while search.js
  // loaded do not fetch shards for a prefix that is about to change.
  const typing = input && document.activeElement === input && !params.has("q");
  api.ready = wanted && !typing
    ? fillFilters().catch(() => {}).then(() => { saveToUrl(); return run(false); })
    : fillFilters().catch(() => {}).then(() => { if (wanted) schedule(); });
  return api;
}
