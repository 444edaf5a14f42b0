import { describe, expect, it } from 'vitest';
import { countryCodes } from '#shared/domain/countries';
import { regionOf } from '#shared/domain/regions';

describe('the UN M49 region of a country', () => {
  it('names the region and sub-region', () => {
    expect(regionOf('BR')).toEqual({
      code: '019',
      name: 'Americas',
      subRegion: { code: '419', name: 'Latin America and the Caribbean' },
    });
    expect(regionOf('KE')?.subRegion.name).toBe('Sub-Saharan Africa');
    expect(regionOf('NO')).toMatchObject({ name: 'Europe', subRegion: { name: 'Northern Europe' } });
    expect(regionOf('TW')).toMatchObject({ name: 'Asia', subRegion: { name: 'Eastern Asia' } });
  });

  it('places every country of the form but Antarctica', () => {
    const without = [...countryCodes].filter((code) => regionOf(code) === null);
    expect(without).toEqual(['AQ']);
  });
});
