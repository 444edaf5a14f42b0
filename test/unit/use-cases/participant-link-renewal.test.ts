import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExpiredLinkError, InvalidLinkError } from '#shared/domain/errors';
import { linkRenewalsPerDay, renewedLinks } from '#shared/domain/participant-links';
import { certificateFromPage } from '#shared/use-cases/certificate-on-demand';
import { evaluationForm } from '#shared/use-cases/evaluation';
import {
  participantCalendar,
  participantPage,
  withdrawAsParticipant,
} from '#shared/use-cases/participant-page';
import { requestNewParticipantLink } from '#shared/use-cases/renew-participant-link';
import { sampleNomination } from '../../support/fixtures.ts';
import { footprint, inMemoryWorld, nominated, queued, type World } from '../../support/in-memory/world.ts';
import { tokenOf } from './participant-token.ts';

const fontDir = fileURLToPath(new URL('../../../node_modules/dejavu-fonts-ttf/ttf', import.meta.url));

const participantOf = async () => {
  const world = inMemoryWorld();
  const n = await nominated(world, ['review', 'select', 'notify']);
  return { world, n, token: await tokenOf(world, n) };
};

/** The page link each "new link" email carried, oldest first. */
const renewedTokens = (world: World) =>
  queued(world, 'participant-link').map((e) => /\/participants\/([\w.-]+)/.exec(e.email.text)?.[1]);

const feedTokenOf = async (world: World, token: string) => {
  const url = (await participantPage(world, token)).calendarUrl ?? '';
  return url.slice(url.lastIndexOf('/') + 1);
};

describe('a participant asks for a new link', () => {
  it('mails a fresh link to the candidate’s address alone, in the same write as the new generation', async () => {
    const { world, n, token } = await participantOf();
    await requestNewParticipantLink(world, token);
    const [email] = queued(world, 'participant-link');
    expect(email?.email).toMatchObject({ to: [n.candidate.email], cc: [], key: 'participant-link-1' });
    const detail = await world.nominations.getDetail(n.id);
    expect(detail?.nomination).toMatchObject({
      participantLinks: 1,
      calendarFeed: 1,
      version: n.version + 1,
    });
    expect(detail?.history.at(-1)).toMatchObject({ action: 'renew-participant-link', actor: 'participant' });
    const [fresh] = renewedTokens(world);
    expect(fresh).toBeDefined();
    expect((await participantPage(world, fresh as string)).participant).toBe(true);
  });

  it('revokes every earlier link: the page, the evaluation, the certificate, leaving and the calendar feed', async () => {
    const { world, n, token } = await participantOf();
    const feed = await feedTokenOf(world, token);
    await requestNewParticipantLink(world, token);
    const deps = { ...world, fontDir };
    for (const use of [
      () => participantPage(world, token),
      () => evaluationForm(world, token),
      () => certificateFromPage(deps, token),
      () => withdrawAsParticipant(world, token),
      () => participantCalendar(world, feed),
    ]) {
      await expect(use()).rejects.toThrow(InvalidLinkError);
    }
    expect((await world.nominations.get(n.id))?.status).toBe('notified');
    const fresh = renewedTokens(world)[0] as string;
    await expect(participantCalendar(world, await feedTokenOf(world, fresh))).resolves.toContain(
      'BEGIN:VCALENDAR',
    );
  });

  it('renews from an old link too, and at most a few times a UTC day, writing nothing past that', async () => {
    const { world, n, token } = await participantOf();
    for (let i = 0; i < linkRenewalsPerDay; i++) await requestNewParticipantLink(world, token);
    const used = footprint(world);
    const before = await world.nominations.getDetail(n.id);
    await requestNewParticipantLink(world, token);
    expect(footprint(world)).toEqual(used);
    expect(await world.nominations.getDetail(n.id)).toEqual(before);
    expect(queued(world, 'participant-link')).toHaveLength(linkRenewalsPerDay);
    // Only the newest of them works.
    const tokens = renewedTokens(world) as string[];
    await expect(participantPage(world, tokens.at(-2) as string)).rejects.toThrow(InvalidLinkError);
    await expect(participantPage(world, tokens.at(-1) as string)).resolves.toBeDefined();

    world.clock.set('2024-02-02T00:00:00Z');
    await requestNewParticipantLink(world, token);
    expect(queued(world, 'participant-link')).toHaveLength(linkRenewalsPerDay + 1);
  });

  it('gives each of several requests at once its own generation, and no more than the day allows', async () => {
    const { world, token } = await participantOf();
    await Promise.all(Array.from({ length: 5 }, () => requestNewParticipantLink(world, token)));
    expect(
      queued(world, 'participant-link')
        .map((e) => e.email.key)
        .sort(),
    ).toEqual(Array.from({ length: linkRenewalsPerDay }, (_, i) => `participant-link-${i + 1}`));
  });

  it('does nothing, and says nothing, for a link that is not a participant’s', async () => {
    const { world, n, token } = await participantOf();
    const before = footprint(world);
    const manage = await world.links.sign({
      nominationId: n.id,
      purpose: 'manage',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });
    const expired = await world.links.sign({
      nominationId: n.id,
      purpose: 'participant',
      expiresAt: new Date('2024-01-01T00:00:00Z'),
    });
    await expect(participantPage(world, expired)).rejects.toThrow(ExpiredLinkError);
    for (const other of [`${token.slice(0, -4)}AAAA`, 'not-a-token', manage, expired]) {
      await expect(requestNewParticipantLink(world, other)).resolves.toBeUndefined();
    }
    expect(footprint(world)).toEqual(before);
  });
});

describe('renewedLinks', () => {
  it('moves both generations on and counts the day, starting again the next UTC day', () => {
    const n = { ...sampleNomination(), calendarFeed: 4 };
    const first = renewedLinks(n, new Date('2024-02-01T23:59:00Z'));
    expect(first).toEqual({
      participantLinks: 1,
      calendarFeed: 5,
      linkRenewals: { day: '2024-02-01', count: 1 },
    });
    const full = { ...n, linkRenewals: { day: '2024-02-01', count: linkRenewalsPerDay } };
    expect(renewedLinks(full, new Date('2024-02-01T23:59:59Z'))).toBeUndefined();
    expect(renewedLinks(full, new Date('2024-02-02T00:00:00Z'))?.linkRenewals).toEqual({
      day: '2024-02-02',
      count: 1,
    });
  });
});
