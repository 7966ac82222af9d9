// The 16 PLOVER event types, grouped as the codebook groups them (cooperation,
// verbal conflict, material conflict), each with its colour on the map.
export const TYPES = [
  ["ASSAULT", "#b2182b", "material conflict"],
  ["COERCE", "#d6604d", "material conflict"],
  ["MOBILIZE", "#f4a582", "material conflict"],
  ["SANCTION", "#8c510a", "material conflict"],
  ["PROTEST", "#bf812d", "material conflict"],
  ["THREATEN", "#762a83", "verbal conflict"],
  ["ACCUSE", "#9970ab", "verbal conflict"],
  ["REJECT", "#c2a5cf", "verbal conflict"],
  ["REQUEST", "#80cdc1", "cooperation"],
  ["RETREAT", "#35978f", "cooperation"],
  ["CONCEDE", "#01665e", "cooperation"],
  ["AID", "#4393c3", "cooperation"],
  ["COOPERATE", "#2166ac", "cooperation"],
  ["SUPPORT", "#5aae61", "cooperation"],
  ["CONSULT", "#1b7837", "cooperation"],
  ["AGREE", "#a6dba0", "cooperation"],
];

export const colour = Object.fromEntries(TYPES.map(([t, c]) => [t, c]));
export const OTHER = "#777777";
