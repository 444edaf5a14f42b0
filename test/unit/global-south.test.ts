import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import data from '../../shared/domain/data/income-groups.json' with { type: 'json' };
import { globalSouthByData, globalSouthSource, incomeGroupOf } from '../../shared/domain/global-south.ts';

describe('globalSouthByData', () => {
  // Spread over regions and over all three middle/low groups, so a shifted or truncated file shows.
  it.each(['KE', 'IN', 'NG', 'BR', 'MX', 'CN', 'ZA', 'ID', 'CO', 'AF', 'BD', 'PS', 'XK'])(
    '%s counts',
    (code) => {
      expect(globalSouthByData(code)).toBe(true);
    },
  );

  it.each(['US', 'DE', 'JP', 'FI', 'CL', 'UY', 'KR', 'SG', 'AU', 'GY', 'JE'])('%s does not count', (code) => {
    expect(globalSouthByData(code)).toBe(false);
  });

  it('does not count countries the source leaves unclassified or does not know', () => {
    expect(globalSouthByData('VE')).toBe(false);
    expect(globalSouthByData('ZZ')).toBe(false);
    expect(globalSouthByData('')).toBe(false);
    expect(globalSouthByData('constructor')).toBe(false);
  });
});

describe('incomeGroupOf', () => {
  // Countries whose group changed in the FY2024 edition: they tell that edition from its neighbours.
  it.each([
    ['AF', 'low'],
    ['KE', 'lower-middle'],
    ['JO', 'lower-middle'],
    ['ZM', 'lower-middle'],
    ['GN', 'lower-middle'],
    ['ID', 'upper-middle'],
    ['SV', 'upper-middle'],
    ['BG', 'upper-middle'],
    ['RU', 'upper-middle'],
    ['GY', 'high'],
    ['AS', 'high'],
  ])('%s is %s', (code, group) => {
    expect(incomeGroupOf(code)).toBe(group);
  });

  it('is undefined for an unlisted country', () => {
    expect(incomeGroupOf('VE')).toBeUndefined();
    expect(incomeGroupOf('toString')).toBeUndefined();
  });
});

describe('income-groups.json', () => {
  const entries = Object.entries(data.groups);

  it('covers the World Bank list', () => {
    expect(entries.length).toBeGreaterThanOrEqual(200);
  });

  it('keys are ISO 3166-1 alpha-2 codes, or XK for Kosovo', () => {
    const invalid = entries
      .map(([code]) => code)
      .filter((code) => code !== 'XK' && !(/^[A-Z]{2}$/.test(code) && countries.isValid(code)));
    expect(invalid).toEqual([]);
  });

  it('values are income groups', () => {
    const groups = ['low', 'lower-middle', 'upper-middle', 'high'];
    expect(entries.filter(([, group]) => !groups.includes(group))).toEqual([]);
  });

  it('keys are sorted', () => {
    const keys = entries.map(([code]) => code);
    expect(keys).toEqual([...keys].sort());
  });

  it('names its source for citing', () => {
    expect(globalSouthSource).toEqual({
      name: expect.any(String),
      edition: 'FY2024 (July 2023)',
      url: 'https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups',
      rule: 'Low, lower-middle and upper-middle income economies count as Global South',
    });
  });
});
