// Measures the map's responsiveness in headless Chromium over a big store: the
// time from a move of the time slider (or a zoom) to the new markers drawn, and the
// number of markers. Not a test: it prints figures.
//
//   SITREP_BENCH_DB=~/.cache/sitrep-bench/picture-2-100000.db node bench.js
//
// The store is one the Go benchmarks build (see internal/store/sqlite/mapquery_bench_test.go).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const db = process.env.SITREP_BENCH_DB;
if (!db) {
  console.error("SITREP_BENCH_DB names no store");
  process.exit(2);
}
const runs = Number(process.env.SITREP_BENCH_RUNS || 40);
const dir = mkdtempSync(path.join(tmpdir(), "sitrep-bench-"));
const bin = path.join(dir, "sitrep");
execFileSync("go", ["build", "-o", bin, "./cmd/sitrep"], { cwd: path.resolve(here, ".."), stdio: "inherit" });
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(bin, ["serve", "--db", db, "--addr", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"] });
let err = "";
server.stderr.on("data", (b) => { err += b; });
while (!err.includes("sitrep serving")) {
  if (server.exitCode !== null) throw new Error(err);
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({ executablePath: process.env.SITREP_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  console.log(`first view: ${Date.now() - t0} ms, ${await page.getAttribute("#map", "data-events")} events in ${await page.getAttribute("#map", "data-cells")} cells, zoom ${await page.getAttribute("#map", "data-zoom")}`);
  const max = Number(await page.getAttribute("#slider", "max"));
  const lat = [];
  const inPage = [];
  let events = 0, cells = 0;
  for (let i = 0; i < runs; i++) {
    const before = Number(await page.getAttribute("#map", "data-renders"));
    const v = Math.round(max * (0.1 + 0.9 * ((i * 7919) % runs) / runs));
    const start = Date.now();
    await page.locator("#slider").fill(String(v));
    await page.waitForFunction((b) => Number(document.querySelector("#map").dataset.renders) > b, before);
    // The markers are in the DOM; wait for the frame that paints them.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    lat.push(Date.now() - start);
    inPage.push(Number(await page.getAttribute("#map", "data-render-ms")));
    events += Number(await page.getAttribute("#map", "data-events"));
    cells += Number(await page.getAttribute("#map", "data-cells"));
  }
  lat.sort((a, b) => a - b);
  inPage.sort((a, b) => a - b);
  const q = (p, l = lat) => l[Math.floor(p * (l.length - 1))];
  // The slider waits 120 ms for the hand to rest before it asks: that is in the figures.
  console.log(`slider move to markers drawn, ${runs} moves: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms; ${Math.round(events / runs)} events in ${Math.round(cells / runs)} cells on average`);
  console.log(`in the page, clusters request to markers in the DOM: p50 ${q(0.5, inPage)} ms, p99 ${q(0.99, inPage)} ms`);
  // Zooming in and out over the same window.
  const zl = [];
  for (let i = 0; i < 10; i++) {
    for (const sel of [".leaflet-control-zoom-in", ".leaflet-control-zoom-out"]) {
      const before = Number(await page.getAttribute("#map", "data-renders"));
      await page.click(sel);
      await page.waitForFunction((b) => Number(document.querySelector("#map").dataset.renders) > b, before);
      zl.push(Number(await page.getAttribute("#map", "data-render-ms")));
    }
  }
  zl.sort((a, b) => a - b);
  console.log(`zoom in/out, clusters request to markers in the DOM: p50 ${q(0.5, zl)} ms, p99 ${q(0.99, zl)} ms`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
