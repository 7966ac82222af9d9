// The situation map: the offline basemap, events clustered on the server,
// control of places as of the slider's day, the timeline, filters, search and
// the evidence panel.
import { el, clear } from "./dom.js";
import { getJSON, fromDay } from "./api.js";
import { TYPES, colour, OTHER } from "./types.js";
import { Timeline } from "./timeline.js";
import { showEvidence, showCell, showError } from "./evidence.js";

const L = window.L;
const $ = (id) => document.getElementById(id);
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || "";

const state = {
  types: new Set(TYPES.map(([t]) => t)),
  side: "",
  q: "",
  window: 0,
};

const mapEl = $("map");
const map = L.map(mapEl, { preferCanvas: true, worldCopyJump: false, minZoom: 2, maxZoom: 14, zoomSnap: 1 });
map.attributionControl.setPrefix(false);
map.setView([49, 32], 6);

// Basemap: the embedded countries and oblasts; online tiles only when the
// server was started with --tiles.
const tiles = meta("sitrep-tiles");
if (tiles) {
  L.tileLayer(tiles, { attribution: meta("sitrep-tiles-attribution") || "", maxZoom: 19, crossOrigin: false }).addTo(map);
}
map.attributionControl.addAttribution("Natural Earth (public domain); visionscarto world atlas; Leaflet");
const basePane = map.createPane("base");
basePane.style.zIndex = 250;
async function loadBasemap() {
  const [world, obl] = await Promise.all([
    fetch("/static/geo/countries.geojson").then((r) => r.json()),
    fetch("/static/geo/oblasts.geojson").then((r) => r.json()),
  ]);
  L.geoJSON(world, {
    pane: "base",
    interactive: false,
    style: (f) => ({ color: "#9aa4ad", weight: 0.8, fillColor: f.properties.a3 === "UKR" ? "#fbfaf4" : "#eceae3", fillOpacity: tiles ? 0.25 : 1 }),
  }).addTo(map);
  L.geoJSON(obl, { pane: "base", interactive: false, style: { color: "#8d8a80", weight: 0.7, dashArray: "3 3", fill: false } }).addTo(map);
}

// Filters shared by every query.
function filters() {
  const p = {};
  if (state.types.size < TYPES.length) p.type = state.types.size ? [...state.types] : ["NONE"];
  if (state.side) p.side = state.side;
  if (state.q) p.q = state.q;
  return p;
}

function viewBox() {
  const b = map.getBounds();
  const c = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [c(b.getWest(), -180, 180), c(b.getSouth(), -90, 90), c(b.getEast(), -180, 180), c(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
}

function timeWindow() {
  const p = {};
  if (timeline.first === null) return p;
  const day = timeline.day();
  p.to = fromDay(day);
  if (state.window > 0) p.from = fromDay(day - state.window + 1);
  return p;
}

// Events: one marker per cell, a pie of its types; a cell of one event is a dot.
const clusterLayer = L.layerGroup().addTo(map);
// Control rings sit above the markers, in SVG (so each ring is an element with
// its side as a class), and let clicks inside them through to the markers.
map.createPane("control").style.zIndex = 650;
const controlRenderer = L.svg({ pane: "control" });
const controlLayer = L.layerGroup().addTo(map);
let clusterSeq = 0;

function pie(types, count) {
  const entries = Object.entries(types).sort((a, b) => b[1] - a[1]);
  let acc = 0;
  const stops = entries.map(([t, n]) => {
    const a = (acc / count) * 360;
    acc += n;
    const b = (acc / count) * 360;
    return `${colour[t] || OTHER} ${a.toFixed(1)}deg ${b.toFixed(1)}deg`;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

function clusterMarker(cell) {
  const size = Math.round(18 + Math.min(34, Math.log2(cell.count) * 5));
  const dot = el("div", { className: "cluster-pie" }, el("span", { text: String(cell.count) }));
  dot.style.background = pie(cell.types, cell.count);
  dot.style.width = dot.style.height = size + "px";
  const icon = L.divIcon({ html: dot, className: "cluster", iconSize: [size, size] });
  const m = L.marker([cell.lat, cell.lon], { icon, keyboard: true, title: `${cell.count} events`, riseOnHover: true });
  m.on("click", () => openCell(cell));
  return m;
}

function eventMarker(cell) {
  const type = Object.keys(cell.types)[0];
  const dot = el("div", { className: "event-dot", data: { event: String(cell.id), type } });
  dot.style.background = colour[type] || OTHER;
  const icon = L.divIcon({ html: dot, className: "event", iconSize: [14, 14] });
  const m = L.marker([cell.lat, cell.lon], { icon, keyboard: true, title: type });
  m.on("click", () => openEvidence(cell.id));
  return m;
}

// Each load answers for the newest: a load that a newer view overtook waits for
// that one, so whoever awaits a load sees the markers of the latest view.
let clusterRun = Promise.resolve();
function loadClusters() {
  clusterRun = loadClustersOnce();
  return clusterRun;
}

async function loadClustersOnce() {
  const seq = ++clusterSeq;
  const t0 = performance.now();
  const params = { ...filters(), ...timeWindow(), bbox: viewBox(), zoom: map.getZoom() };
  try {
    const res = await getJSON("/api/events/clusters", params);
    if (seq !== clusterSeq) return clusterRun; // a newer view was asked for
    clusterLayer.clearLayers();
    for (const c of res.cells) clusterLayer.addLayer(c.count === 1 && c.id ? eventMarker(c) : clusterMarker(c));
    mapEl.dataset.view = params.bbox;
    mapEl.dataset.zoom = String(params.zoom);
    mapEl.dataset.events = String(res.events);
    mapEl.dataset.cells = String(res.cells.length);
    mapEl.dataset.renders = String(Number(mapEl.dataset.renders || 0) + 1);
    mapEl.dataset.renderMs = (performance.now() - t0).toFixed(1); // request to markers in the DOM
    status();
  } catch (err) {
    showError($("details"), "Could not load events: " + err.message);
  }
}

// Control: each place as of the day, coloured by the side holding it.
let controlSeq = 0;
let controlRun = Promise.resolve();
function loadControl() {
  controlRun = loadControlOnce();
  return controlRun;
}

async function loadControlOnce() {
  if (timeline.first === null) return;
  const seq = ++controlSeq;
  const p = { date: timeline.dayString(), bbox: viewBox() };
  if (state.q) p.q = state.q;
  try {
    const res = await getJSON("/api/control/asof", p);
    if (seq !== controlSeq) return controlRun;
    controlLayer.clearLayers();
    const count = {};
    for (const pl of res.places) {
      if (!pl.place || (pl.place.lat === 0 && pl.place.lon === 0)) continue;
      count[pl.side] = (count[pl.side] || 0) + 1;
      const cls = `ctl ctl-${pl.side === "UKR" || pl.side === "RUS" ? pl.side : "other"}`;
      const m = L.circleMarker([pl.place.lat, pl.place.lon], {
        radius: 15, weight: 4, opacity: 0.85, fill: false, className: cls, renderer: controlRenderer, pane: "control",
        color: pl.side === "UKR" ? "#1f5fbf" : pl.side === "RUS" ? "#c0392b" : "#666",
        dashArray: pl.status === "claimed" ? "4 3" : null,
      });
      const tip = el("div", { className: "ctl-tip" },
        el("strong", { text: pl.place.name }), el("br"),
        `${pl.side} holds it (${pl.status}) since ${pl.from}`, el("br"),
        `${pl.evidence} statement${pl.evidence === 1 ? "" : "s"} for, ${pl.against} against`);
      m.bindTooltip(tip, { direction: "top" });
      controlLayer.addLayer(m);
    }
    mapEl.dataset.controlUkr = String(count.UKR || 0);
    mapEl.dataset.controlRus = String(count.RUS || 0);
    mapEl.dataset.controlDay = p.date;
    status();
  } catch (err) {
    showError($("details"), "Could not load control: " + err.message);
  }
}

function status() {
  const d = mapEl.dataset;
  const n = Number(d.events || 0);
  $("status").textContent = `${n} event${n === 1 ? "" : "s"} in view · control: ${d.controlUkr || 0} UKR, ${d.controlRus || 0} RUS · ${timeline.dayString()}`;
}

// Timeline: the histogram of the filters (not of the view, so it holds still
// while the map moves).
const timeline = new Timeline($("histogram"), $("slider"), $("day"), () => {
  loadClusters();
  loadControl();
});

async function loadHistogram(fit) {
  const day = await getJSON("/api/events/histogram", { ...filters(), bin: "day" });
  if (!day.first) {
    timeline.setBins([], 1);
    return day;
  }
  const span = (Date.parse(day.last) - Date.parse(day.first)) / 86400000;
  const h = span > 180 ? await getJSON("/api/events/histogram", { ...filters(), bin: "week" }) : day;
  if (fit || timeline.first === null) timeline.setExtent(day.first, day.last);
  timeline.setBins(h.bins, span > 180 ? 7 : 1);
  return day;
}

// Details: a cell's events, an event's evidence.
async function openCell(cell) {
  const [w, s, e, n] = cell.bbox;
  const pad = 1e-6;
  const res = await getJSON("/api/events", { ...filters(), ...timeWindow(), bbox: [w - pad, s - pad, e + pad, n + pad].map((v) => v.toFixed(6)).join(","), limit: 50 });
  const zoom = map.getZoom() < map.getMaxZoom() ? () => map.fitBounds([[s, w], [n, e]], { maxZoom: map.getMaxZoom(), padding: [40, 40] }) : null;
  showCell($("details"), cell, res.items, Boolean(res.next), openEvidence, zoom);
}

async function openEvidence(id) {
  try {
    const ev = await getJSON(`/api/events/${encodeURIComponent(id)}/evidence`, state.q ? { q: state.q } : {});
    showEvidence($("details"), ev);
    history.replaceState(null, "", `#event=${id}`);
  } catch (err) {
    showError($("details"), "Could not load the evidence: " + err.message);
  }
}

// Filters: the legend's checkboxes, the side, the window, the search.
function buildLegend() {
  const ul = $("types");
  clear(ul);
  for (const [t, c, group] of TYPES) {
    const box = el("input", { type: "checkbox", checked: state.types.has(t), value: t, on: { change: (e) => {
      if (e.target.checked) state.types.add(t); else state.types.delete(t);
      refresh(false);
    } } });
    const sw = el("span", { className: "swatch" });
    sw.style.background = c;
    ul.appendChild(el("li", { title: group }, el("label", {}, box, sw, t)));
  }
}

async function refresh(fit) {
  try {
    await loadHistogram(fit);
  } catch (err) {
    showError($("details"), "Could not load the timeline: " + err.message);
  }
  loadClusters();
  loadControl();
}

$("types-all").addEventListener("click", () => { state.types = new Set(TYPES.map(([t]) => t)); buildLegend(); refresh(false); });
$("types-none").addEventListener("click", () => { state.types = new Set(); buildLegend(); refresh(false); });
$("side").addEventListener("change", (e) => { state.side = e.target.value; refresh(false); });
$("window").addEventListener("change", (e) => { state.window = Number(e.target.value); loadClusters(); });
$("search").addEventListener("submit", (e) => { e.preventDefault(); state.q = $("q").value.trim(); refresh(true); });

let moveTimer = null;
map.on("moveend", () => {
  clearTimeout(moveTimer);
  moveTimer = setTimeout(() => { loadClusters(); loadControl(); }, 80);
});
window.addEventListener("resize", () => timeline.draw());

async function dataExtent() {
  const res = await getJSON("/api/events/clusters", { zoom: 3 });
  const cells = res.cells.sort((a, b) => b.count - a.count);
  let n = 0;
  let box = null;
  for (const c of cells) {
    const [w, s, e, nn] = c.bbox;
    box = box ? [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], nn)] : [w, s, e, nn];
    n += c.count;
    if (n >= 0.8 * res.events) break;
  }
  if (!box) throw new Error("no events");
  return box;
}

async function start() {
  buildLegend();
  loadBasemap().catch((err) => showError($("details"), "Could not load the basemap: " + err.message));
  let day = null;
  try {
    day = await loadHistogram(true);
  } catch (err) {
    showError($("details"), "Could not load the timeline: " + err.message);
  }
  // Open on the extent of the data: of the coarse cells that hold most of the
  // events, so that a few reports from far away (a summit abroad) do not turn
  // the first view into the whole world.
  if (day && day.bbox) {
    const b = await dataExtent().catch(() => day.bbox);
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [30, 30], maxZoom: 9, animate: false });
    clearTimeout(moveTimer); // the loads below are for this view
  }
  await Promise.all([loadClusters(), loadControl()]);
  const m = /^#event=(\d+)$/.exec(location.hash);
  if (m) await openEvidence(m[1]);
  document.body.dataset.ready = "true";
}

start();
