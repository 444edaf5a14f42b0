import { randomUUID } from 'node:crypto';
import { pool } from '#shared/pool';
import sample from '../events/samples/nomination.json' with { type: 'json' };
import { confirmationLinks } from '../local/sent-emails.ts';
import type { RunningStack } from '../local/stack.ts';

/**
 * 1,000 decision emails end to end: nominated, confirmed from each nominator's email, reviewed
 * and rejected; then timed from the organizers' "notify everyone" to every decision sent and
 * SES's reports of them recorded.
 */
export const measureDecisionEmails = async (stack: RunningStack, count = 1000) => {
  const organizer = await stack.token({ groups: ['organizers'], email: 'o@metlib.example.org' });
  const domain = `bench-${randomUUID().slice(0, 6)}.example.org`;
  const ids: string[] = [];
  const candidates = Array.from({ length: count }, (_, i) => i);
  const nominator = (i: number) => `n${i}@nominators.${domain}`;
  await pool(candidates, 20, async (i) => {
    const r = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...sample,
        nominator: { ...sample.nominator, email: nominator(i) },
        candidate: { ...sample.candidate, email: `c${i}@${domain}` },
      }),
    });
    ids.push(((await r.json()) as { id: string }).id);
  });
  // Each nominator confirms from the link in their email.
  await stack.settled();
  const mailedLinks = confirmationLinks(await stack.sentEmails());
  await pool(candidates, 20, async (i) => {
    await fetch(`${stack.apiUrl}${mailedLinks.get(nominator(i))}`, { method: 'POST' });
  });
  const act = (id: string, action: string) =>
    fetch(`${stack.apiUrl}/nominations/${id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer}` },
      body: JSON.stringify({ action, ...(action === 'review' ? { score: 3 } : {}) }),
    });
  await pool(ids, 20, async (id) => {
    await act(id, 'review');
    await act(id, 'reject');
  });
  await stack.settled();
  const started = performance.now();
  await fetch(`${stack.apiUrl}/programs/metlib-2024/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${organizer}` },
  });
  await stack.settled();
  const seconds = (performance.now() - started) / 1000;
  const decided = (await stack.sentEmails()).filter(
    (e) => e.subject.startsWith('Your nomination') && e.destination.to[0]?.endsWith(`@${domain}`),
  );
  const duplicates = decided.length - new Set(decided.map((e) => e.destination.to[0])).size;
  return { count: decided.length, seconds, duplicates };
};
