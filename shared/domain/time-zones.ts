// Apart from time.ts: checking a zone name needs the list of zones, not the formatting of dates.
// The list is built on the first check rather than at import: the schemas that check a zone are
// in most bundles, and most functions never check one.
let knownZones: ReadonlySet<string> | undefined;

/**
 * Intl.supportedValuesOf lists canonical zones only; links such as "Asia/Calcutta" or "UTC" are
 * still valid IANA names that people type, so fall back to asking Intl whether it can use one.
 */
export const isIanaTimeZone = (zone: string): boolean => {
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(zone)) return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
