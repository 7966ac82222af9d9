// DOM helpers. Every string from the API (article text above all) goes into the
// page as text: through textContent or a text node, never as markup.

// el makes an element with properties (className, href, title, hidden, dataset
// entries as data: {...}) and children (nodes, or strings that become text).
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === "data") Object.assign(e.dataset, v);
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else if (k === "text") e.textContent = v;
    else e[k] = v;
  }
  append(e, ...children);
  return e;
}

export function append(parent, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return parent;
}

// svg makes an SVG element with attributes (numbers and fixed names only).
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  append(e, ...children);
  return e;
}

export function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
  return e;
}

// safeURL returns u when it is an http(s) URL, else null: a document's URL is
// untrusted and must not become a javascript: link.
export function safeURL(u) {
  if (!u) return null;
  try {
    const p = new URL(u, location.href);
    return p.protocol === "https:" || p.protocol === "http:" ? p.href : null;
  } catch {
    return null;
  }
}
