// Runs site_builder/assets/search/search.js in Node against an index folder on disk, the
// way a browser would on a cold page, and prints JSON: results, bytes of every file the
// query fetched, time. Used by measure.py and tests/test_search_index.py.
//   node node_query.mjs <index dir> <query> [filters as JSON] [extra bytes]
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const searchJs = path.join(here, "..", "assets", "search", "search.js");
const { createSearch } = await import(pathToFileURL(searchJs).href);

const [indexDir, q, filtersJson] = process.argv.slice(2);
const fetched = [];
async function fakeFetch(url) {
  const file = fileURLToPath(url);
  const body = await readFile(file);
  fetched.push({ file: path.relative(indexDir, file), bytes: body.length });
  return { ok: true, status: 200, json: async () => JSON.parse(body.toString("utf8")), text: async () => body.toString("utf8") };
}
const search = createSearch({
  indexUrl: pathToFileURL(path.resolve(indexDir) + "/").href,
  siteRoot: "https://example.test/sub/path/",
  fetch: fakeFetch,
});
const t0 = performance.now();
const res = await search.query(q, JSON.parse(filtersJson || "{}"), { pageSize: 20 });
const ms = performance.now() - t0;
// What a page loads to run the query: search.js and its data layer engine.js.
const scriptBytes = (await stat(searchJs)).size + (await stat(path.join(path.dirname(searchJs), "engine.js"))).size;
console.log(JSON.stringify({
  query: q, total: res.total, partial: res.partial, ms: Math.round(ms),
  fetched, index_bytes: fetched.reduce((a, f) => a + f.bytes, 0), script_bytes: scriptBytes,
  results: res.results,
}));
