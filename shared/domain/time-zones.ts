// Apart from time.ts: checking a zone name needs the list of zones, not the formatting of dates.
const knownZones = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * Intl.supportedValuesOf lists canonical zones only; links such as "Asia/Calcutta" or "UTC" are
 * still valid IANA names that people type, so fall back to asking Intl whether it can use one.
 */
export const isIanaTimeZone = (zone: string): boolean => {
  if (knownZones.has(zone)) return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
