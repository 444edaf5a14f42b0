import { join } from 'node:path';
import { metlib2024 } from '../events/programs/metlib-2024.ts';
import sample from '../events/samples/nomination.json' with { type: 'json' };
import { freePort } from '../local/listen.ts';
import { addressedTo, confirmationLinks, newestLink } from '../local/sent-emails.ts';
import { startStack } from '../local/stack.ts';

/**
 * A local stack of its own (in-memory tables) with a few nominations: one of them reviewed, one
 * selected and told, so a participant (in Madrid) has their page, with a join link and a reading
 * on their next meeting.
 */
export const seedingTime = '2024-02-01T14:00:00Z';

export const seededStack = async (work: string) => {
  const stack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    dynamoDbPort: await freePort(),
    sesPort: 0,
    keyFile: join(work, 'key.json'),
    tableName: 'lighthouse',
    mailFrom: 'MetLib <learning-circle@metlib.example.org>',
    clockStart: seedingTime,
    clockSpeed: 0,
  });
  const libraries = [
    ['Oslo Public Library', 'Oslo', 'NO', 'Ola Nordmann'],
    ['Biblioteca Pública de Bogotá', 'Bogotá', 'CO', 'Camila Rojas'],
    ['Nairobi City Libraries', 'Nairobi', 'KE', 'Wanjiru Kamau'],
    ['Helsinki City Library', 'Helsinki', 'FI', 'Aino Virtanen'],
    ['Biblioteca de Santiago', 'Santiago', 'CL', 'Matías Fuentes'],
    ['Tokyo Metropolitan Library', 'Tokyo', 'JP', 'Haruto Sato'],
  ];
  const ids: string[] = [];
  try {
    for (const [i, [name, city, country, candidate]] of libraries.entries()) {
      const nominator = `director-${i}@lighthouse.example.org`;
      const body = {
        ...sample,
        library: { ...sample.library, name, city, country },
        nominator: { ...sample.nominator, email: nominator },
        candidate: { ...sample.candidate, name: candidate, email: `candidate-${i}@lighthouse.example.org` },
      };
      const r = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status !== 202) throw new Error(`Seeding a nomination: ${r.status} ${await r.text()}`);
      ids.push(((await r.json()) as { id: string }).id);
      // Confirmed as its nominator would, from the link in their email: only then do staff see it.
      await stack.settled();
      const link = confirmationLinks(await stack.sentEmails()).get(nominator);
      if (!link) throw new Error(`No confirmation link was mailed to ${nominator}`);
      const confirmed = await fetch(`${stack.apiUrl}${link}`, { method: 'POST' });
      if (!confirmed.ok) throw new Error(`Confirming a seeded nomination: ${confirmed.status}`);
    }
    const organizer = await stack.token({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
    const reviewed = ids[2] as string;
    const r = await fetch(`${stack.apiUrl}/nominations/${reviewed}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer}` },
      body: JSON.stringify({ action: 'review', score: 4, note: 'Strong partnerships across the city' }),
    });
    if (!r.ok) throw new Error(`Reviewing the seeded nomination: ${r.status} ${await r.text()}`);
    const asOrganizer = { 'content-type': 'application/json', authorization: `Bearer ${organizer}` };
    const selected = ids[0] as string;
    for (const action of ['review', 'select', 'notify']) {
      const t = await fetch(`${stack.apiUrl}/nominations/${selected}/transitions`, {
        method: 'POST',
        headers: asOrganizer,
        // A review scores the nomination, as every review must.
        body: JSON.stringify({ action, ...(action === 'review' ? { score: 5 } : {}) }),
      });
      if (!t.ok)
        throw new Error(`Selecting the seeded participant (${action}): ${t.status} ${await t.text()}`);
    }
    const timeline = metlib2024.timeline.map((e) =>
      e.id === 'meeting-2024-05'
        ? {
            ...e,
            joinUrl: 'https://meet.example.org/metlib-may',
            readings: [{ title: 'Safe and welcoming libraries', url: 'https://readings.example.org/safe' }],
          }
        : e,
    );
    const dated = await fetch(`${stack.apiUrl}/programs/metlib-2024/timeline`, {
      method: 'PUT',
      headers: asOrganizer,
      body: JSON.stringify({ timeline, expectedVersion: 0 }),
    });
    if (!dated.ok) throw new Error(`Setting the join link: ${dated.status} ${await dated.text()}`);
    await stack.settled(); // the acknowledgements and decisions sent before anything is timed
    const participant = newestLink(
      (await stack.sentEmails()).filter((e) => addressedTo(e, 'candidate-0@lighthouse.example.org')),
      'participant',
    );
    if (!participant) throw new Error('No participant page link was mailed to the selected candidate');
    return { stack, reviewed, participantToken: participant.slice('/participants/'.length) };
  } catch (error) {
    await stack.stop();
    throw error;
  }
};
