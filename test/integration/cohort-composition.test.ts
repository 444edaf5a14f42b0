import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { pool } from '#shared/pool';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { syntheticNominations } from '../../local/simulation-data.ts';
import { countryName } from '../../shared/domain/countries.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';
import { sized } from '../support/volume.ts';

let stack: WorkerStack;
let organizer: string;
const ids: string[] = [];
/** Nominations, and how many of them nobody got to review: 240 and 40 at full volume. */
const nominations = sized(60, 240);
const unreviewed = sized(10, 40);

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  const bodies = syntheticNominations(nominations, 7, `composition-${randomUUID().slice(0, 8)}.example.org`);
  await pool(bodies, 8, async (body, i) => {
    ids[i] = (await stack.nominate(body)).id;
  });
  // Most reviewed; the last few left as nobody got to them.
  await pool(ids.slice(0, nominations - unreviewed), 8, async (id) => {
    const reviewed = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: organizer,
      body: { action: 'review', score: 3 },
    });
    expect(reviewed.status).toBe(200);
  });
});

const decide = (decisions: unknown[]) =>
  stack.api('POST', '/programs/metlib-2024/decisions', { token: organizer, body: { decisions } });
const cohort = async (query = '') =>
  (await stack.api('GET', `/programs/metlib-2024/cohort${query}`, { token: organizer })).json;

describe('composing the cohort', () => {
  it('previews a selection before it is made, and writes nothing', async () => {
    const neverReviewed = ids[nominations - unreviewed];
    const preview = await cohort(`?select=${ids.slice(0, 3).join(',')}&reject=${neverReviewed}`);
    expect(preview.places.taken).toBe(0);
    expect(preview.preview.places.taken).toBe(3);
    expect(preview.preview.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      ids.slice(0, 3).sort(),
    );
    // It was never reviewed: it cannot be rejected yet, and the preview says so.
    expect(preview.preview.problems).toEqual([
      { id: neverReviewed, problem: expect.stringContaining('Cannot reject a nomination that is submitted') },
    ]);
    expect((await cohort()).places.taken).toBe(0);
  });

  it('makes decisions in bulk, each its own transaction, and reports each', async () => {
    const chosen = ids.slice(0, metlib2024.capacity.max + 2);
    const selected = await decide(chosen.map((id) => ({ id, action: 'select' })));
    expect(selected.status).toBe(200);
    expect(selected.json).toMatchObject({ succeeded: metlib2024.capacity.max, failed: 2 });
    expect(selected.json.results.slice(-2)).toEqual(
      chosen.slice(-2).map((id) => ({
        id,
        ok: false,
        error: expect.objectContaining({ status: 409, code: 'CapacityReached' }),
      })),
    );
    const reserves = await decide(chosen.slice(-2).map((id) => ({ id, action: 'reserve' })));
    expect(reserves.json.results.map((r: { rank: number }) => r.rank)).toEqual([1, 2]);
    const toReject = ids.slice(30, nominations - unreviewed);
    const rejected = await decide(toReject.map((id) => ({ id, action: 'reject' })));
    expect(rejected.json).toMatchObject({ succeeded: toReject.length, failed: 0 });

    const bad = await decide([
      { id: ids[0], action: 'select' },
      { id: ids[0], action: 'reject' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('The decisions are not valid');
  });

  it('awards stipends up to the program maximum to eligible participants', async () => {
    const { participants } = await cohort();
    const eligible = participants.filter((p: { stipend: { eligible: boolean } }) => p.stipend.eligible);
    expect(eligible.length).toBeGreaterThan(metlib2024.travelStipends.max);
    const results = [];
    for (const p of eligible.slice(0, metlib2024.travelStipends.max + 1)) {
      results.push(
        await stack.api('PUT', `/nominations/${p.id}/stipend`, {
          token: organizer,
          body: { award: 'awarded' },
        }),
      );
    }
    expect(results.map((r) => r.status)).toEqual([...Array(metlib2024.travelStipends.max).fill(200), 409]);
    expect(results.at(-1)?.json).toMatchObject({ error: 'StipendsExhausted' });
    const ineligible = participants.find((p: { stipend: { eligible: boolean } }) => !p.stipend.eligible);
    await stack.api('PUT', `/nominations/${ineligible.id}/stipend`, {
      token: organizer,
      body: { award: 'not-awarded', note: 'Not from the Global South' },
    });
  });

  it('gives figures that equal a recomputation from the CSV export', async () => {
    const composition = await cohort();
    const csv = await stack.api('GET', '/programs/metlib-2024/nominations.csv', { token: organizer });
    const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(nominations);

    const participants = rows.filter(
      (r) => r.status === 'selected' || (r.status === 'notified' && r.decision === 'selected'),
    );
    const count = (values: string[]) => {
      const counts: Record<string, number> = {};
      for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
      return counts;
    };
    const asCounts = (tallies: { key: string; label: string; count: number }[], by: 'key' | 'label') =>
      Object.fromEntries(tallies.map((t) => [t[by], t.count]));

    expect(composition.places).toEqual({ taken: participants.length, min: 15, max: 20 });
    expect(asCounts(composition.byCountry, 'label')).toEqual(
      count(participants.map((r) => countryName(r['library.country'] as string))),
    );
    expect(asCounts(composition.byCity, 'label')).toEqual(
      count(participants.map((r) => `${r['library.city']}, ${countryName(r['library.country'] as string)}`)),
    );
    expect(asCounts(composition.byRegion, 'label')).toEqual(
      count(participants.map((r) => r.region as string)),
    );
    expect(
      Object.fromEntries(
        composition.byRegion.flatMap((r: { subRegions: { label: string; count: number }[] }) =>
          r.subRegions.map((s) => [s.label, s.count]),
        ),
      ),
    ).toEqual(count(participants.map((r) => r.subRegion as string)));
    expect(asCounts(composition.byProjectType, 'key')).toEqual(
      count(participants.map((r) => r['project.type'] as string)),
    );
    expect(asCounts(composition.byTheme, 'key')).toEqual(
      count(participants.flatMap((r) => (r.themes as string).split('; '))),
    );
    expect(composition.stipends).toEqual({
      min: metlib2024.travelStipends.min,
      max: metlib2024.travelStipends.max,
      requested: participants.filter((r) => r['travel.conditionalOnStipend'] === 'yes').length,
      eligible: participants.filter((r) => r.globalSouth === 'yes').length,
      awarded: participants.filter((r) => r.stipendAward === 'awarded').length,
      declined: participants.filter((r) => r.stipendAward === 'declined').length,
      notAwarded: participants.filter((r) => r.stipendAward === 'not-awarded').length,
    });
    expect(composition.stipends.awarded).toBe(metlib2024.travelStipends.max);
    expect(composition.reserve.map((r: { id: string; rank: number }) => [r.id, r.rank])).toEqual(
      rows
        .filter((r) => r.reserveRank)
        .map((r) => [r.id, Number(r.reserveRank)])
        .sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    expect(composition.undecided).toBe(
      rows.filter((r) => ['submitted', 'reviewed'].includes(r.status as string)).length,
    );

    // What the committee is warned of follows from the same rows.
    const codes = composition.warnings.map((w: { code: string }) => w.code);
    const cities = count(participants.map((r) => `${r['library.country']}#${r['library.city']}`));
    expect(codes.includes('same-city')).toBe(Object.values(cities).some((n) => n > 1));
    expect(codes).not.toContain('below-minimum');
  });
});
