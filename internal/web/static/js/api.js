// The API calls the page makes, with the page's filters as query parameters.

export async function getJSON(path, params = {}) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    u.searchParams.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const r = await fetch(u, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

// Days are counted as the store does: whole days since 1970-01-01 (UTC).
const DAY = 86400000;
export const toDay = (s) => Math.floor(Date.parse(s + "T00:00:00Z") / DAY);
export const fromDay = (d) => new Date(d * DAY).toISOString().slice(0, 10);
