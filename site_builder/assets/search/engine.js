// The data layer of the search (see docs/search.md): reads the sharded indexes written by
// site_builder/search, with no DOM, so tests and Node use it too.
//   createSearch({indexUrl, siteRoot, fetch}) -> {meta(), query(q, filters, options)}
//     fetches only the shards a query needs;
//   prefetch(indexUrl, q) -> starts the files of q's first results before any form is
//     mounted (preload.js calls it from the top of the search page).
// A file of its own, apart from search.js's page layer (mount(), which imports it), so that
// on the search page preload.js can run the first query while the rest is still on its way:
// the row chunks the first results need are asked for once this file is in, not once the
// whole of search.js is (on a slow connection, every kilobyte arriving first counts).
// Folding must stay identical to site_builder/text/folding.py; preload.js copies fold() and
// parseQuery() to choose term shards before this file has arrived.

const D_LOOKALIKES = /[đĐÐðƉɖ]/g;
const APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\ua78c\u2032";
const APOSTROPHE_RE = new RegExp("[" + APOSTROPHES + "]", "g");
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const NON_NAME_WORD = new RegExp("[^\\p{L}\\p{N}\\p{M}" + APOSTROPHES + "]+", "u");
const TONES = { "\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
const MAX_PREFIX_SHARDS = 3; // a one-letter prefix must not pull the whole index (preload.js: the same)

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

// Files asked for, by address (promises of the parsed JSON, or of the text of a facet's
// postings), shared by every search of the page: the query that preload.js starts before
// the page has been read, and mount()'s own query of the same words, make one request per
// file. preload.js, which runs before this module has arrived, fetches the query's term
// shards into the same map (window.__searchFiles). A caller's own fetch (tests counting
// bytes) keeps its own.
const FILES = globalThis.__searchFiles || (globalThis.__searchFiles = new Map());

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
