import { candidateKey } from './nomination.ts';

/** What an erased address or name becomes where it stays quoted (a history entry, an email's record). */
export const erasedMark = '[erased]';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A secret matches only whole: not inside a longer address or word (`ann@lib.org` is not erased
 * from `joann@lib.org` or `ann@lib.org.uk`, nor `Ann` from `Annabel`), which may be someone
 * else's, or the person's present address.
 */
const notAfter = '(?<![\\p{L}\\p{N}._%+@-])';
const notBefore = '(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])';

/**
 * `value` with every whole occurrence of each of `secrets` (in any case, inside any string, in
 * nested objects, lists and sets) replaced by `by`; `changed` says whether anything was.
 */
export const replaceEverywhere = (
  value: unknown,
  secrets: readonly string[],
  by: string,
): { value: unknown; changed: boolean } => {
  const wanted = secrets.filter((s) => s.trim().length > 0);
  if (wanted.length === 0) return { value, changed: false };
  const pattern = new RegExp(`${notAfter}(?:${wanted.map(escapeRegExp).join('|')})${notBefore}`, 'giu');
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const replaced = v.replace(pattern, by);
      if (replaced !== v) changed = true;
      return replaced;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Set) return new Set([...v].map(walk));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  const result = walk(value);
  return { value: result, changed };
};

const roles = ['candidate', 'nominator'] as const;

/** A field of a correction's `before` or `after`: flat (`candidate.email`) or by section. */
const fieldOf = (side: unknown, role: string, field: string): string | undefined => {
  if (!side || typeof side !== 'object') return undefined;
  const record = side as Record<string, unknown>;
  const flat = record[`${role}.${field}`];
  if (typeof flat === 'string') return flat;
  const section = record[role];
  const nested =
    section && typeof section === 'object' ? (section as Record<string, unknown>)[field] : undefined;
  return typeof nested === 'string' ? nested : undefined;
};

/**
 * The names of the people who had `address` before a correction replaced it, from the history's
 * corrections: a name replaced in the same correction as the address was another person's, so
 * it goes with the address. A name kept while the address changed is still the current person's.
 */
export const namesReplacedWith = (history: readonly Record<string, unknown>[], address: string): string[] => {
  const wanted = candidateKey(address);
  const names = new Set<string>();
  for (const entry of history) {
    const changes = entry.changes as { before?: unknown; after?: unknown } | undefined;
    if (!changes) continue;
    for (const role of roles) {
      const email = fieldOf(changes.before, role, 'email');
      if (!email || candidateKey(email) !== wanted) continue;
      const before = fieldOf(changes.before, role, 'name');
      const after = fieldOf(changes.after, role, 'name');
      if (before && after && before !== after) names.add(before);
    }
  }
  return [...names];
};
