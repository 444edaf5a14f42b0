// Longer than most: the console's logic kept out of its components, a describe for each page.
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import {
  type CohortWarning,
  type Composition,
  changedFigures,
  compareWarnings,
  decisionsBody,
  pickAll,
  placesText,
  previewPath,
} from '../../console/src/cohort-view.ts';
import {
  describeChange,
  formatDay,
  formatWhen,
  formValues,
  type ProgramSettings,
  placeIssues,
  settingId,
  settingsChange,
  wallTime,
  zoneName,
} from '../../console/src/settings-view.ts';
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

const warning = (
  code: CohortWarning['code'],
  message: string,
  nominationIds: string[] = [],
): CohortWarning => ({
  code,
  message,
  nominationIds,
});

const composition = (change: Partial<Composition> = {}): Composition => ({
  programId: 'metlib-2024',
  places: { taken: 3, min: 15, max: 20 },
  participants: [],
  byRegion: [],
  byCountry: [],
  byCity: [],
  byProjectType: [],
  byTheme: [],
  stipends: { min: 1, max: 3, requested: 1, eligible: 1, awarded: 0, declined: 0, notAwarded: 0 },
  reserve: [],
  undecided: 8,
  warnings: [],
  ...change,
});

describe('the preview of decisions on several nominations', () => {
  it('tells the warnings a preview adds and resolves from those that only changed', () => {
    const before = [
      warning('below-minimum', '3 of at least 15 places are taken'),
      warning('same-city', '2 participants come from Oslo, Norway', ['ola', 'kari']),
      warning('region-without-participant', 'Africa has 2 nominations in the running', [
        'wanjiru',
        'thandiwe',
      ]),
      warning('region-without-participant', 'Asia has 1 nomination in the running', ['priya']),
      warning('stipends-below-minimum', '0 travel stipends awarded', ['camila']),
    ];
    const after = [
      warning('below-minimum', '5 of at least 15 places are taken'),
      warning('same-city', '3 participants come from Oslo, Norway', ['ola', 'kari', 'lars']),
      warning('same-city', '2 participants come from Nairobi, Kenya', ['wanjiru', 'amani']),
      warning('region-without-participant', 'Asia has 1 nomination in the running', ['priya']),
      // The same warning about other people: a code the cohort has once is the one warning.
      warning('stipends-below-minimum', '0 travel stipends awarded', ['camila', 'wanjiru']),
    ];
    const { added, resolved, remaining } = compareWarnings(before, after);
    expect(added.map((w) => w.message)).toEqual(['2 participants come from Nairobi, Kenya']);
    expect(resolved.map((w) => w.message)).toEqual(['Africa has 2 nominations in the running']);
    expect(remaining.map((w) => w.message)).toEqual([
      '5 of at least 15 places are taken',
      '3 participants come from Oslo, Norway',
      'Asia has 1 nomination in the running',
      '0 travel stipends awarded',
    ]);
    expect(compareWarnings(before, before)).toEqual({ added: [], resolved: [], remaining: before });
  });

  it('shows places taken always, and the other figures only when they change', () => {
    const now = composition();
    const then = composition({
      places: { taken: 6, min: 15, max: 20 },
      stipends: { ...now.stipends, requested: 4, eligible: 4 },
      undecided: 5,
    });
    expect(placesText(now.places)).toBe('3 of 15–20');
    expect(changedFigures(now, then)).toEqual([
      ['Places taken (of 15–20)', '3', '6'],
      ['Participants whose place depends on a stipend', '1', '4'],
      ['Participants eligible for a stipend', '1', '4'],
      ['Not yet decided', '8', '5'],
    ]);
    expect(changedFigures(now, now)).toEqual([['Places taken (of 15–20)', '3', '3']]);
  });

  it('asks the API for the preview, and sends each decision at the version the table showed', () => {
    expect(previewPath('metlib-2024', 'reserve', ['a-1', 'b-2'])).toBe(
      '/programs/metlib-2024/cohort?reserve=a-1%2Cb-2',
    );
    expect(
      decisionsBody(
        'select',
        [
          { id: 'a', version: 3 },
          { id: 'b', version: 1 },
        ],
        '  Balance ',
      ),
    ).toEqual({
      decisions: [
        { id: 'a', action: 'select', expectedVersion: 3 },
        { id: 'b', action: 'select', expectedVersion: 1 },
      ],
      note: 'Balance',
    });
    expect(decisionsBody('reject', [{ id: 'a', version: 2 }], ' ')).not.toHaveProperty('note');
  });

  it('ticks and unticks a whole page, keeping what was ticked on others', () => {
    const ticked = pickAll(new Set(['x']), ['a', 'b'], true);
    expect([...ticked].sort()).toEqual(['a', 'b', 'x']);
    expect([...pickAll(ticked, ['a', 'b'], false)]).toEqual(['x']);
  });
});

describe('the program settings page', () => {
  const settings: ProgramSettings = {
    nominationWindow: { opensAt: '2024-01-08T00:00:00-05:00', closesAt: '2024-02-15T23:59:59-05:00' },
    decisionsDueAt: '2024-02-19T09:00:00-05:00',
    lateDecisionsBy: '2024-03-01',
    reserveUntil: '2024-05-31',
    capacity: { min: 15, max: 20 },
    travelStipends: { min: 1, max: 3 },
    contactEmail: 'learning-circle@metlib.example.org',
    certificateRule: { meetingsAttended: 7 },
    evaluation: metlib2024.evaluation,
  };
  const read = { settings, timeZone: 'America/New_York', settingsVersion: 2 };
  const shown = formValues(settings, read.timeZone);

  it('shows instants as wall times of the program’s zone, and in words as people write them', () => {
    expect(wallTime('2024-02-16T04:59:59Z', 'America/New_York')).toBe('2024-02-15T23:59');
    // Summer time: four hours behind UTC, not five.
    expect(wallTime('2024-07-01T12:00:00Z', 'America/New_York')).toBe('2024-07-01T08:00');
    expect(wallTime('2024-07-01T23:30:00Z', 'Asia/Kolkata')).toBe('2024-07-02T05:00');
    expect(formatWhen('2024-02-15T23:59:59-05:00', 'America/New_York')).toBe(
      'Thursday 15 February 2024, 23:59',
    );
    expect(formatDay('2024-03-01')).toBe('Friday 1 March 2024');
    expect(formatDay('2024-02-30')).toBe('2024-02-30');
    expect(formatDay('2024-13-01')).toBe('2024-13-01');
    expect(zoneName('America/New_York')).toBe('New York time');
    expect(zoneName('UTC')).toBe('UTC');
    expect(shown).toEqual({
      'nominationWindow.opensAt': '2024-01-08T00:00',
      'nominationWindow.closesAt': '2024-02-15T23:59',
      decisionsDueAt: '2024-02-19T09:00',
      lateDecisionsBy: '2024-03-01',
      reserveUntil: '2024-05-31',
      'capacity.min': '15',
      'capacity.max': '20',
      'travelStipends.min': '1',
      'travelStipends.max': '3',
      contactEmail: 'learning-circle@metlib.example.org',
      'certificateRule.meetingsAttended': '7',
      'evaluation.closesOn': '2025-03-26',
    });
  });

  it('sends only what changed, a group whole with its other values as read, at the version read', () => {
    expect(settingsChange(read, shown, 'a note')).toBeUndefined();
    expect(settingsChange(read, { ...shown, 'capacity.max': ' 20 ' }, '')).toBeUndefined();
    expect(
      settingsChange(
        read,
        {
          ...shown,
          'nominationWindow.closesAt': '2024-02-20T23:59',
          contactEmail: ' circle@metlib.example.org ',
        },
        '  One week more ',
      ),
    ).toEqual({
      // The opening keeps its stored spelling: its wall time is what the form showed.
      nominationWindow: { opensAt: '2024-01-08T00:00:00-05:00', closesAt: '2024-02-20T23:59' },
      contactEmail: 'circle@metlib.example.org',
      expectedVersion: 2,
      note: 'One week more',
    });
    // Changing the opening alone does not move the closing from 23:59:59 to 23:59.
    expect(settingsChange(read, { ...shown, 'nominationWindow.opensAt': '2024-01-09T00:00' }, '')).toEqual({
      nominationWindow: { opensAt: '2024-01-09T00:00', closesAt: '2024-02-15T23:59:59-05:00' },
      expectedVersion: 2,
    });
    // A count is a number when it is one; anything else goes as typed, for the API to name.
    expect(
      settingsChange(read, { ...shown, 'capacity.min': '30', 'travelStipends.max': 'three' }, ''),
    ).toEqual({
      capacity: { min: 30, max: 20 },
      travelStipends: { min: 1, max: 'three' },
      expectedVersion: 2,
    });
    expect(settingsChange(read, { ...shown, lateDecisionsBy: '2024-03-08' }, '')).toEqual({
      lateDecisionsBy: '2024-03-08',
      expectedVersion: 2,
    });
  });

  it('puts each issue of the API on its field, a group’s on the group’s first field', () => {
    const placed = placeIssues([
      { path: 'capacity', message: 'the minimum must not be more than the maximum' },
      { path: 'decisionsDueAt', message: 'decisions cannot be due before nominations close' },
      { path: 'travelStipends.max', message: 'travelStipends.max must be a whole number' },
      { path: '', message: 'Every value given is as it is' },
      { path: 'constructor', message: 'Unknown field "constructor"' },
    ]);
    expect(placed.problems).toEqual([
      { message: 'Places: the minimum must not be more than the maximum', field: settingId('capacity.min') },
      {
        message: 'Decisions due: decisions cannot be due before nominations close',
        field: 'setting-decisionsDueAt',
      },
      {
        message: 'Maximum travel stipends: travelStipends.max must be a whole number',
        field: 'setting-travelStipends-max',
      },
      { message: 'Every value given is as it is' },
      { message: 'Unknown field "constructor"' },
    ]);
    expect(settingId('capacity.min')).toBe('setting-capacity-min');
    expect(placed.beside).toEqual({
      capacity: 'the minimum must not be more than the maximum',
      decisionsDueAt: 'decisions cannot be due before nominations close',
      'travelStipends.max': 'travelStipends.max must be a whole number',
    });
  });

  it('tells each change of the history in words, in the program’s zone', () => {
    expect(
      describeChange(
        {
          before: {
            nominationWindow: settings.nominationWindow,
            lateDecisionsBy: '2024-03-01',
            capacity: { min: 15, max: 20 },
            contactEmail: 'learning-circle@metlib.example.org',
          },
          after: {
            nominationWindow: { opensAt: '2024-01-08T05:00:00.000Z', closesAt: '2024-02-21T04:59:00.000Z' },
            lateDecisionsBy: '2024-03-08',
            capacity: { min: 15, max: 25 },
            contactEmail: 'circle@metlib.example.org',
          },
        },
        'America/New_York',
      ),
    ).toEqual([
      'Nominations close: Thursday 15 February 2024, 23:59 → Tuesday 20 February 2024, 23:59',
      'Undecided applicants hear by: Friday 1 March 2024 → Friday 8 March 2024',
      'Maximum places: 20 → 25',
      'Contact address: learning-circle@metlib.example.org → circle@metlib.example.org',
    ]);
  });
});
