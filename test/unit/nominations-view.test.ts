// The nominations table's view: the URL query, filters, sorting, paging and the statuses.
import { describe, expect, it } from 'vitest';
import {
  applyView,
  defaultView,
  formatView,
  type Listed,
  pageOf,
  parseView,
  type Row,
  regionChoices,
  toRow,
  valuesOf,
} from '../../console/src/view.ts';
import { countries, listing, themes } from '../support/console-listing.ts';

const names = new Intl.DisplayNames(['en'], { type: 'region' });
const rows = (count: number): Row[] => listing(count).map((n) => toRow(n, (c) => names.of(c) ?? c));

describe('the nominations view', () => {
  it('reads the URL query it writes, and leaves the defaults out', () => {
    const view = {
      filters: { status: 'reviewed', country: 'NO', theme: 'civic-engagement', stipend: 'yes', mine: '1' },
      q: 'oslo',
      sort: 'average' as const,
      dir: 'desc' as const,
      page: 3,
    };
    const query = formatView(view);
    expect(query).toBe(
      '?status=reviewed&country=NO&theme=civic-engagement&stipend=yes&mine=1&q=oslo&sort=average&dir=desc&page=3',
    );
    expect(parseView(query)).toEqual(view);
    expect(formatView(defaultView)).toBe('');
    expect(parseView('')).toEqual(defaultView);
  });

  it('ignores what it does not know in the query', () => {
    expect(parseView('?sort=password&dir=sideways&page=-2&page=x&colour=red&status=')).toEqual(defaultView);
  });

  it('filters by each filter and searches candidate, library and city', () => {
    const all = rows(120);
    const only = (query: string) => applyView(all, parseView(query));
    expect(only('?country=NO').every((r) => r.country === 'NO')).toBe(true);
    expect(only('?country=NO')).toHaveLength(15);
    // A region takes in its sub-regions: Europe is Norway, Spain and Germany here.
    expect(new Set(only('?region=150').map((r) => r.country))).toEqual(new Set(['NO', 'ES', 'DE']));
    expect(new Set(only('?region=154').map((r) => r.country))).toEqual(new Set(['NO']));
    expect(only('?type=branch-development').every((r) => r.projectType === 'branch-development')).toBe(true);
    expect(only('?theme=public-safety').every((r) => r.themes.includes('public-safety'))).toBe(true);
    expect(only('?stipend=yes').every((r) => r.stipend === 'yes')).toBe(true);
    expect(only('?mine=1').every((r) => r.reviewedByMe === false)).toBe(true);
    // "notified" takes in both decisions; a decision narrows it.
    expect(only('?status=notified')).toHaveLength(20);
    expect(only('?status=notified:selected').every((r) => r.status === 'notified:selected')).toBe(true);
    expect(only('?q=city%2049').map((r) => r.city)).toEqual(['City 49', 'City 49']);
    expect(only('?q=LIBRARY%20117').map((r) => r.id)).toEqual(['n00117']);
    expect(only('?q=candidate%20c2').map((r) => r.candidate)).toContain('Candidate C2');
    expect(only('?country=NO&stipend=yes&type=new-major-branch').every((r) => r.country === 'NO')).toBe(true);
  });

  it('sorts by any column both ways, empty scores last, ties by submission', () => {
    const all = rows(60);
    const byAverage = applyView(all, parseView('?sort=average&dir=desc'));
    const scored = byAverage.filter((r) => r.average !== null).map((r) => r.average as number);
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    expect(byAverage.slice(scored.length).every((r) => r.average === null)).toBe(true);
    const ascending = applyView(all, parseView('?sort=average&dir=asc'));
    expect(ascending.at(-1)?.average).toBeNull();
    const byCountry = applyView(all, parseView('?sort=country')).map((r) => r.countryName);
    expect(byCountry[0]).toBe('Brazil');
    expect(byCountry.at(-1)).toBe('Spain');
    const byReviews = applyView(all, parseView('?sort=reviews'));
    for (let i = 1; i < byReviews.length; i++) {
      const [a, b] = [byReviews[i - 1] as Row, byReviews[i] as Row];
      expect(a.reviews < b.reviews || (a.reviews === b.reviews && a.submittedAt < b.submittedAt)).toBe(true);
    }
    expect(applyView(all, defaultView).map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('pages the rows, clamping the page to those there are', () => {
    const all = rows(120);
    expect(pageOf(all, 1)).toMatchObject({ page: 1, pages: 3 });
    expect(pageOf(all, 3).rows).toHaveLength(20);
    expect(pageOf(all, 9).page).toBe(3);
    expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pages: 1 });
  });

  it('lists the values a filter can take among the rows', () => {
    expect(valuesOf(rows(40), (r) => r.country).sort()).toEqual([...countries].sort());
    expect(valuesOf(rows(40), (r) => r.themes)).toHaveLength(themes.length);
  });

  it('filters and sorts 2,000 rows well within a frame budget', () => {
    const all = rows(2000);
    const views = [
      '?sort=candidate',
      '?country=KE&sort=average&dir=desc',
      '?q=city%201&sort=themes',
      '?mine=1&sort=country',
    ];
    const started = performance.now();
    for (const query of views) pageOf(applyView(all, parseView(query)), 1);
    expect((performance.now() - started) / views.length).toBeLessThan(100);
  });
});

describe('the region filter', () => {
  it('offers each region the listing holds, then its sub-regions', () => {
    expect(regionChoices(rows(8)).map((c) => c.label)).toEqual([
      'Africa',
      'Africa: Sub-Saharan Africa',
      'Americas',
      'Americas: Latin America and the Caribbean',
      'Asia',
      'Asia: Eastern Asia',
      'Asia: Southern Asia',
      'Europe',
      'Europe: Northern Europe',
      'Europe: Southern Europe',
      'Europe: Western Europe',
    ]);
  });
});

describe('the statuses in the table', () => {
  const [first] = listing(1);
  const as = (change: Partial<Listed>) => toRow({ ...(first as Listed), ...change }, (c) => c);

  it('names a notified nomination by the decision it was told, a withdrawn one by its status alone', () => {
    expect(as({ status: 'reserve', reserveRank: 2 })).toMatchObject({ status: 'reserve', rank: 2 });
    expect(as({ status: 'notified', decision: 'reserve', reserveRank: 1 })).toMatchObject({
      status: 'notified:reserve',
      rank: 1,
    });
    expect(as({ status: 'withdrawn', decision: 'selected' }).status).toBe('withdrawn');
    expect(as({ status: 'reviewed', version: 4 })).toMatchObject({ version: 4 });
    expect(as({ status: 'reviewed' })).not.toHaveProperty('rank');
  });

  it('filters the reserve list apart from those told of it, and "notified" takes in both', () => {
    const all = [
      as({ id: 'a', status: 'reserve', reserveRank: 1 }),
      as({ id: 'b', status: 'notified', decision: 'reserve', reserveRank: 2 }),
      as({ id: 'c', status: 'notified', decision: 'selected' }),
    ];
    const ids = (query: string) => applyView(all, parseView(query)).map((r) => r.id);
    expect(ids('?status=reserve')).toEqual(['a']);
    expect(ids('?status=notified:reserve')).toEqual(['b']);
    expect(ids('?status=notified')).toEqual(['b', 'c']);
  });
});
