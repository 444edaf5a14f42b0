import type { Program } from '../domain/program.ts';
import { retentionOf } from '../domain/retention.ts';
import { html } from '../email/html.ts';
import { pageLayout } from './pages.ts';

const months = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

/**
 * The privacy notice the form links to: what is stored, why, for how long (the program's own
 * retention settings, the same the TTL is computed from), who sees it, and how to ask for a copy
 * or erasure.
 */
export const privacyPage = (program: Program): string => {
  const retention = retentionOf(program);
  const contact = program.personalData.contactEmail;
  return pageLayout(
    `Privacy notice – ${program.name}`,
    html`<h1>Privacy notice</h1>
<p>How the ${program.organizer} uses the personal data sent with a nomination for the ${program.name}.</p>
<h2>What we store</h2>
<ul>
<li>Everything the nomination form asks: the library, the nominator's name, role and email address, the candidate's name, role, email address and time zone, the project, the motivation, the travel answers, the themes and the commitments.</li>
<li>What happens to the nomination: its reviews and scores, the decision, and which member of staff did what, when.</li>
<li>A record of each email we send about it: to whom, what kind, when, and whether it was sent. The text of an email and its attachments (such as the certificate) are deleted once it is sent.</li>
</ul>
<h2>Why</h2>
<p>To review the nominations, select the participants and tell everyone the decision, and, for participants, to run the program: meeting reminders and invitations, the evaluation and the participation certificate.</p>
<h2>Who sees it</h2>
<p>The program's organizers and its advisory group, who review the nominations. The data is held on Amazon Web Services, which stores it and sends the emails for us. It is not shared with anyone else.</p>
<h2>How long we keep it</h2>
<ul>
<li>If the candidate is not selected, or the nomination is withdrawn: <strong id="retention-decision">${months(retention.monthsAfterDecision)}</strong> after the decision is sent or the nomination withdrawn.</li>
<li>If the candidate takes part: <strong id="retention-participants">${months(retention.monthsAfterCertificates)}</strong> after the participation certificates are sent.</li>
<li>If no decision is ever made on the nomination: ${months(retention.monthsAfterDecision)} after the participation certificates are sent, at the program’s end.</li>
</ul>
<p>Then it is deleted automatically, within a few days. Copies in the database's backups are gone 35 days later. What stays is anonymous, for statistics: the country, the type of project and the outcome (taking part, not selected, withdrawn or never decided), without any name, address or text.</p>
<h2>Your copy, or erasure</h2>
<p>The candidate and the nominator can each ask for a copy of everything we store about them, or for it to be erased sooner. Write to <a href="mailto:${contact}">${contact}</a> from the address you gave in the nomination. We answer within one month. Erasing a nomination withdraws it.</p>
<p><a href="/programs/${program.id}/nominate">Back to the nomination form</a></p>`,
    `What the ${program.name} stores about nominators and candidates, why, for how long, and how to ask for a copy or erasure.`,
  );
};
