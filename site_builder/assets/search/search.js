// Search over the sharded indexes written by site_builder/search (see docs/search.md).
// No dependencies, no build step. Two layers:
//   createSearch({indexUrl, siteRoot, fetch}) -> {meta(), query(q, filters, options)}
//     pure data: fetches only the shards a query needs; usable from tests and Node;
//   prefetch(indexUrl, q) -> starts the files of q's first results before any form is
//     mounted (preload.js calls it from the top of the search page);
//   mount(root) -> binds a search form in the page (data attributes below), keeps the
//     query and filters in the URL (?q=...&award=...), renders results.
// Folding must stay identical to site_builder/text/folding.py.

const D_LOOKALIKES = /[đĐÐðƉɖ]/g;
const APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\ua78c\u2032";
const APOSTROPHE_RE = new RegExp("[" + APOSTROPHES + "]", "g");
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const NON_NAME_WORD = new RegExp("[^\\p{L}\\p{N}\\p{M}" + APOSTROPHES + "]+", "u");
const TONES = { "\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
const MAX_PREFIX_SHARDS = 3; // a one-letter prefix must not pull the whole index

/** Matching form: lower case, no tone or vowel marks, đ -> d, apostrophes dropped. */
export function fold(s) {
  return String(s || "")
    .normalize("NFD")
    .replace(D_LOOKALIKES, "d")
    .replace(APOSTROPHE_RE, "")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\u200b/g, " ")
    .replace(/\p{Cf}/gu, "")
    .toLowerCase()
    .replace(NON_WORD, " ")
    .normalize("NFC")
    .trim();
}

/** Ranking form of one word: vowel letters kept, tone as a trailing digit. */
export function exactForm(word) {
  let tone = "";
  let kept = "";
  for (const ch of String(word).normalize("NFD")) {
    if (TONES[ch]) tone = tone || TONES[ch];
    else kept += ch;
  }
  const base = kept
    .normalize("NFC")
    .toLowerCase()
    .replace(D_LOOKALIKES, "đ")
    .replace(APOSTROPHE_RE, "")
    .replace(/\p{Cf}/gu, "")
    .replace(NON_WORD, "")
    .replace(/_/g, "");
  return base ? base + tone : "";
}

function charPairs(term) {
  const out = [];
  for (let i = 0; i + 1 < term.length; i++) out.push(term.slice(i, i + 2));
  return out.length ? out : [term];
}

/** Words of a query, each with the terms to look up. */
export function parseQuery(q) {
  const text = String(q || "").normalize("NFC").replace(/\u200b/g, " ");
  const written = text.split(NON_NAME_WORD).filter((w) => w && fold(w));
  const open = written.length > 0 && !/[\s\p{P}]$/u.test(text); // still typing the last word
  const words = [];
  written.forEach((w, i) => {
    for (const folded of fold(w).split(" ")) {
      if (KHMER.test(folded)) {
        words.push({ khmer: true, terms: charPairs(folded), prefix: folded.length < 2 });
      } else {
        words.push({ khmer: false, terms: [folded], exact: exactForm(w), prefix: open && i === written.length - 1 });
      }
    }
  });
  return words;
}

// -- postings (inverse of site_builder/search/postings.py) ------------------------
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Calls fn(id) for every id of an encoded postings string, in increasing order. */
export function forEachId(s, fn) {
  if (!s) return;
  const kind = s[0];
  let pos = 1;
  const next = () => {
    let n = 0;
    for (;;) {
      const v = VALUE[s.charCodeAt(pos++)];
      if (v >= 32) n = n * 32 + (v - 32);
      else return n * 32 + v;
    }
  };
  if (kind === "d") {
    let prev = -1;
    while (pos < s.length) { prev += next() + 1; fn(prev); }
  } else if (kind === "r") {
    let prevEnd = -1;
    while (pos < s.length) {
      const start = prevEnd + next() + 1;
      const end = start + next();
      for (let i = start; i <= end; i++) fn(i);
      prevEnd = end;
    }
  } else if (kind === "b") {
    const start = next();
    for (let k = 0; pos < s.length; k++) {
      const v = VALUE[s.charCodeAt(pos++)];
      for (let bit = 0; bit < 6; bit++) if ((v >> bit) & 1) fn(start + k * 6 + bit);
    }
  } else {
    throw new Error("unknown postings form " + kind);
  }
}

export function decodePostings(s) {
  const out = [];
  forEachId(s, (i) => out.push(i));
  return out;
}

// -- the data layer --------------------------------------------------------------

// Files asked for, by address, shared by every search of the page: the query that
// preload.js starts before the page has been read, and mount()'s own query of the same
// words, make one request per file. A caller's own fetch (tests counting bytes) keeps its own.
const FILES = new Map();

/**
 * @param {object} o
 * @param {string|URL} o.indexUrl  folder of meta.json (absolute, or relative to the page)
 * @param {string|URL} [o.siteRoot] site root that record urls are relative to
 * @param {string|URL} [o.recipientRoot] site root of the recipient pages, when they are not
 *   in the page's language (only the site's language has them by default): default siteRoot
 * @param {Function} [o.fetch]     fetch implementation (tests count bytes with it)
 */
export function createSearch(o) {
  const base = typeof document !== "undefined" ? document.baseURI : undefined;
  const indexUrl = new URL(String(o.indexUrl).replace(/\/?$/, "/"), base);
  const siteRoot = new URL(String(o.siteRoot || "../../").replace(/\/?$/, "/"), o.siteRoot ? base : indexUrl);
  const recipientRoot = o.recipientRoot ? new URL(String(o.recipientRoot).replace(/\/?$/, "/"), base) : siteRoot;
  const doFetch = o.fetch || ((u) => fetch(u));
  const cache = o.fetch ? new Map() : FILES;

  function get(rel, asText) {
    const url = new URL(rel, indexUrl).href;
    if (!cache.has(url)) {
      const p = doFetch(url).then((r) => {
        if (!r.ok) throw new Error("search index: " + rel + " " + r.status);
        return asText ? r.text() : r.json();
      });
      p.catch(() => cache.delete(url)); // let a later query retry after a network error
      cache.set(url, p);
    }
    return cache.get(url);
  }

  const meta = () => get("meta.json");

  function shardOf(shards, term) {
    // Last shard whose first term is <= term (JavaScript string order, as written).
    let lo = 0, hi = shards.length - 1, found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (shards[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  async function lookup(m, term, prefix) {
    // -> [{exact, postings: [...per role], prefix: bool}] for the term (and, for a prefix,
    // every term starting with it, within MAX_PREFIX_SHARDS shards).
    const first = shardOf(m.shards, term);
    const end = prefix ? shardOf(m.shards, term + "\uffff") : first;
    const last = Math.min(end, first + MAX_PREFIX_SHARDS - 1);
    const shards = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, k) => get("t/" + (first + k) + ".json")),
    );
    const out = [];
    for (const shard of shards) {
      for (const key in shard) {
        if (key === term || (prefix && key.startsWith(term))) {
          for (const [exact, ...postings] of shard[key]) out.push({ exact, postings, prefix: key !== term });
        }
      }
    }
    out.truncated = end > last; // a short prefix: only the first shards were read
    return out;
  }

  function resolveUrl(url, decision, root = siteRoot) {
    if (url && url[0] === "+") url = (decision && decision[1] ? decision[1] : "") + url.slice(1);
    return new URL(url || "", root).href;
  }

  function label(value, lang) {
    if (value && typeof value === "object") return value[lang] || value.vi || Object.values(value)[0] || "";
    return value == null ? "" : String(value);
  }

  function toResult(m, row, shared, id, score, lang) {
    const f = {};
    m.fields.forEach((name, k) => { f[name] = row[k]; });
    const facet = (name) => {
      const entry = m.facets[name] && m.facets[name][f[name]];
      return entry ? { id: entry[0], label: label(entry[1], lang) } : null;
    };
    if (m.kind === "names") {
      const decision = typeof f.decision === "number" ? shared[f.decision] : null;
      return {
        id, score, name: f.name, kind: f.kind ? "collective" : "individual",
        award: facet("award"), unit: f.unit || "", locality: facet("locality"),
        decision: decision ? { title: decision[0], url: decision[1] ? new URL(decision[1], siteRoot).href : "" } : null,
        url: resolveUrl(f.url, decision, recipientRoot),
      };
    }
    return {
      id, score, title: f.title, kind: facet("kind"), date: f.date || "", summary: f.summary || "",
      url: resolveUrl(f.url, null),
    };
  }

  /**
   * @param {string} q
   * @param {object} [filters]  {award: id, locality: id, year: "2021", campaign: id, kind: id}
   * @param {object} [opts]     {offset: 0, pageSize: 20, maxChunks: 6, lang: "vi"}
   * @returns {Promise<{total, results, partial, next}>}  next: offset of the next page or null
   */
  async function query(q, filters = {}, opts = {}) {
    const m = await meta();
    const n = m.count;
    const pageSize = opts.pageSize || 20;
    const offset = opts.offset || 0;
    const words = parseQuery(q);
    const active = Object.entries(filters || {}).filter(([k, v]) => v !== "" && v != null && m.facets[k]);
    if (!words.length && !active.length) return { total: 0, results: [], partial: false, next: null };

    // Fetch term shards and facet postings together: one round trip after meta.json.
    const facetPostings = Promise.all(active.map(([k, v]) => {
      const idx = m.facets[k].findIndex((e) => String(e[0]) === String(v));
      return idx < 0 ? Promise.resolve("") : get("f/" + k + "/" + idx + ".txt", true);
    }));
    const lookups = await Promise.all(words.map((w) => Promise.all(w.terms.map((t) => lookup(m, t, w.prefix)))));

    const total = new Uint16Array(n);
    const matched = new Uint8Array(n);
    let partial = false;
    words.forEach((w, wi) => {
      const score = new Uint8Array(n);
      // Roles that earn a bonus for this word (see rank in names.py / documents.py).
      // A one-word query is most often a given name: it gets the "last" bonus only.
      const r = m.rank || {};
      const bonusRoles = new Set([
        ...(r.any || []),
        ...(wi === 0 && words.length > 1 ? r.first || [] : []),
        ...(wi === 1 ? r.second || [] : []),
        ...(wi === words.length - 1 ? r.last || [] : []),
      ]);
      if (w.khmer) {
        // Every character pair of the word must be present.
        const hits = new Uint8Array(n);
        lookups[wi].forEach((variants) => {
          const seen = new Uint8Array(n);
          for (const v of variants) v.postings.forEach((p, role) => forEachId(p, (id) => {
            seen[id] = Math.max(seen[id], bonusRoles.has(role) ? 2 : 1);
          }));
          for (let id = 0; id < n; id++) if (seen[id]) { hits[id]++; score[id] = Math.max(score[id], 3 + seen[id]); }
        });
        for (let id = 0; id < n; id++) if (hits[id] < w.terms.length) score[id] = 0;
      } else {
        for (const v of lookups[wi][0]) {
          const base = v.prefix ? 2 : v.exact === w.exact ? 6 : 4;
          v.postings.forEach((p, role) => {
            const s = base + (bonusRoles.has(role) ? 1 : 0);
            forEachId(p, (id) => { if (s > score[id]) score[id] = s; });
          });
        }
        partial = partial || lookups[wi][0].truncated;
      }
      for (let id = 0; id < n; id++) if (score[id]) { total[id] += score[id]; matched[id]++; }
    });

    let allowed = null;
    const facetLists = await facetPostings;
    for (const p of facetLists) {
      const mask = new Uint8Array(n);
      forEachId(p, (id) => { mask[id] = 1; });
      if (allowed) for (let id = 0; id < n; id++) allowed[id] &= mask[id];
      else allowed = mask;
    }
    const hits = [];
    for (let id = 0; id < n; id++) {
      if ((words.length ? matched[id] === words.length : true) && (!allowed || allowed[id])) hits.push(id);
    }
    // Best score first; among equals, index order (people by given name, newest documents).
    hits.sort((a, b) => total[b] - total[a] || a - b);

    // Rows live in chunks in index order; hits that share a given name share chunks, but
    // a family-name-only query can scatter. Cap the chunks one page may fetch (and show
    // fewer results, with "more") so the first query stays within its byte budget.
    const maxChunks = opts.maxChunks || 6;
    const pageIds = [];
    const chunkIds = new Set();
    for (let k = offset; k < hits.length && pageIds.length < pageSize; k++) {
      const c = Math.floor(hits[k] / m.chunk);
      if (!chunkIds.has(c) && chunkIds.size >= maxChunks) break;
      chunkIds.add(c);
      pageIds.push(hits[k]);
    }
    const chunks = new Map(await Promise.all([...chunkIds].map(async (c) => [c, await get("r/" + c + ".json")])));
    const lang = opts.lang || "vi";
    const results = pageIds.map((id) => {
      const chunk = chunks.get(Math.floor(id / m.chunk));
      return toResult(m, chunk.r[id % m.chunk], chunk.s, id, total[id], lang);
    });
    const next = offset + pageIds.length < hits.length ? offset + pageIds.length : null;
    return { total: hits.length, results, partial, next };
  }

  return { meta, query, indexUrl: indexUrl.href, siteRoot: siteRoot.href };
}

/**
 * Fetches what the first page of results for `q` needs from one index (meta.json, term
 * shards, row chunks) into the page's shared files, so that mount()'s query finds them on
 * their way. Resolves when they are in, failed or not (the real query reports errors).
 */
export function prefetch(indexUrl, q) {
  return createSearch({ indexUrl }).query(q).then(() => {}, () => {});
}

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
