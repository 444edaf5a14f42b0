/**
 * Whether a country counts as "Global South" for travel stipends, by the World Bank's country
 * classification by income level, FY2024 edition (July 2023, from 2022 GNI per capita):
 * https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups
 *
 * Rule: low, lower-middle and upper-middle income economies count as Global South; high income
 * economies do not. "Global South" has no official list, and any hand-made one invites argument
 * about who drew it; the income groups are published, dated and citable, so a nominee or a funder
 * can check a decision against the same source. Where the groups are wrong for a case (a high
 * income country with a poor region, a nominee in exile), organizers override it per nomination.
 *
 * The data file keeps the World Bank's edition fixed: a new edition moves countries between
 * groups, so changing it is a decision to make and note, not a silent refresh.
 *
 * Gaps in the source, decided here:
 * - Venezuela (VE) was unclassified in FY2024 for want of recent national accounts data, so it is not listed and reads
 *   as not Global South until an organizer decides otherwise.
 * - The World Bank classifies the Channel Islands as one economy, which has no ISO code; Jersey
 *   (JE) and Guernsey (GG) both carry its group.
 * - Kosovo has no ISO 3166-1 code; it is listed as XK, the user-assigned code in common use
 *   (the EU's, and the World Bank's own API's).
 */
import data from './data/income-groups.json' with { type: 'json' };

export type IncomeGroup = 'low' | 'lower-middle' | 'upper-middle' | 'high';

// JSON imports widen the values to string; the unit test checks that each one is a group.
const groups: Readonly<Record<string, IncomeGroup>> = data.groups as Record<string, IncomeGroup>;

// Own keys only: "constructor" or "toString" must not read as a country.
export const incomeGroupOf = (country: string): IncomeGroup | undefined =>
  Object.hasOwn(groups, country) ? groups[country] : undefined;

export const globalSouthByData = (country: string): boolean => {
  const group = incomeGroupOf(country);
  return group !== undefined && group !== 'high';
};

/** What the API and docs/cohort.md cite when they say why a country counts, or does not. */
export const globalSouthSource = {
  name: data.source.name,
  edition: data.source.edition,
  url: data.source.url,
  rule: 'Low, lower-middle and upper-middle income economies count as Global South',
} as const;
