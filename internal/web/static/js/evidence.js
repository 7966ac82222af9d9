// The details panel: the events of a cell, and an event's evidence — each
// mention's sentence with the matched words marked, its source and grade, and
// links to the document. Everything from the API is put in as text.
import { el, clear, safeURL } from "./dom.js";
import { colour, OTHER } from "./types.js";

const MARK_LABEL = {
  place: "place",
  actor: "actor",
  target: "target",
  source: "source",
  cue: "attribution cue",
  query: "search word",
};

function typeBadge(type) {
  const b = el("span", { className: "badge", text: type || "?" });
  b.style.background = colour[type] || OTHER;
  return b;
}

function who(a) {
  if (!a || !a.name) return null;
  return a.country ? `${a.name} (${a.country})` : a.name;
}

// sentence builds the evidence sentence from its segments: plain runs as text
// nodes, matched words as <mark> elements holding text nodes.
function sentence(m) {
  const q = el("blockquote", { className: "sentence" });
  for (const s of m.segments || [{ text: m.sentence }]) {
    if (s.mark) {
      q.appendChild(el("mark", { className: "m-" + s.mark, title: MARK_LABEL[s.mark] || s.mark, data: { kind: s.mark }, text: s.text }));
    } else {
      q.appendChild(document.createTextNode(s.text));
    }
  }
  return q;
}

function mentionView(m, first) {
  const d = m.document || {};
  const links = el("p", { className: "links" },
    el("a", { href: d.link, target: "_blank", rel: "noopener", text: "document" }), " · ",
    el("a", { href: d.record, target: "_blank", rel: "noopener", text: "record" }));
  const orig = safeURL(d.url);
  if (orig) links.append(" · ", el("a", { href: orig, target: "_blank", rel: "noopener noreferrer", text: "original" }));
  const title = [d.title, d.outlet, d.published].filter(Boolean).join(" — ");
  return el("article", { className: first ? "mention first" : "mention", data: { event: String(m.event_id) } },
    sentence(m),
    el("p", { className: "source" },
      el("span", { className: "label", text: "Source: " }),
      el("span", { className: "source-name", text: m.source || "unattributed" }),
      m.source_type ? el("span", { className: "source-type", text: ` (${m.source_type})` }) : null,
      el("span", { className: "grade", title: "Admiralty grade: source reliability A–F, information credibility 1–6", text: m.grade ? ` · grade ${m.grade}` : " · no grade" })),
    el("p", { className: "doc", text: title || d.id }),
    d.duplicate_of ? el("p", { className: "dup", text: `near-duplicate of ${d.duplicate_of}` }) : null,
    links);
}

export function showEvidence(panel, ev) {
  clear(panel);
  panel.hidden = false;
  const e = ev.event;
  const place = e.place ? e.place.name : "no place";
  panel.append(
    el("button", { type: "button", className: "close", text: "×", title: "Close", on: { click: () => { panel.hidden = true; } } }),
    el("h2", {}, typeBadge(e.type), " ", el("span", { className: "ev-title", text: `${e.type}${e.mode ? " / " + e.mode : ""} at ${place}` })),
    el("p", { className: "meta", text: [e.date || e.document.published, e.modality, who(e.actor) && `by ${who(e.actor)}`, who(e.target) && `against ${who(e.target)}`].filter(Boolean).join(" · ") }),
    el("p", { className: "fused", text: `${ev.mentions.length} mention${ev.mentions.length === 1 ? "" : "s"} in ${ev.documents} document${ev.documents === 1 ? "" : "s"} (${ev.stories} ${ev.stories === 1 ? "story" : "stories"})` }),
  );
  ev.mentions.forEach((m, i) => panel.appendChild(mentionView(m, i === 0)));
  if (ev.why && ev.why.length) {
    panel.appendChild(el("details", {}, el("summary", { text: "why these were fused" }), el("ul", {}, ev.why.map((w) => el("li", { text: w })))));
  }
  panel.appendChild(el("p", { className: "legend-marks" }, "Marked: ",
    Object.entries(MARK_LABEL).map(([k, v]) => [el("mark", { className: "m-" + k, text: v }), " "])));
}

// showCell lists the events of a cluster; picking one opens its evidence.
export function showCell(panel, cell, events, more, onPick, onZoom) {
  clear(panel);
  panel.hidden = false;
  panel.append(
    el("button", { type: "button", className: "close", text: "×", title: "Close", on: { click: () => { panel.hidden = true; } } }),
    el("h2", { text: `${cell.count} events here` }),
    el("p", { className: "meta", text: Object.entries(cell.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ") }),
    onZoom ? el("button", { type: "button", className: "zoom", text: "zoom in", on: { click: onZoom } }) : null,
  );
  const list = el("ol", { className: "cell-events" });
  for (const e of events) {
    list.appendChild(el("li", {},
      el("button", { type: "button", className: "pick", data: { event: String(e.id) }, on: { click: () => onPick(e.id) } },
        typeBadge(e.type), " ",
        el("span", { className: "when", text: e.date || e.document.published || "" }), " ",
        el("span", { className: "where", text: e.place ? e.place.name : "" })),
      el("p", { className: "snippet", text: e.evidence_text })));
  }
  panel.appendChild(list);
  if (more) panel.appendChild(el("p", { className: "meta", text: "Showing the newest 50; zoom in or filter for the rest." }));
}

export function showError(panel, msg) {
  clear(panel);
  panel.hidden = false;
  panel.append(el("p", { className: "error", text: msg }));
}
