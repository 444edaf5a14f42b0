import { groupOf } from '../domain/mentoring-groups.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import {
  formatCalendarDate,
  formatDateRange,
  formatInZone,
  formatMonth,
  wallTimeToInstant,
} from '../domain/time.ts';
import { html } from '../email/html.ts';
import type { ParticipantView } from '../use-cases/participant-page.ts';
import { doneBanner, pageLayout } from './pages.ts';
import { newLinkForm } from './participant-link-pages.ts';

/**
 * When an event is: in the participant's own zone, in bold, and below it in the event's zone when
 * that differs.
 */
const whenForYou = (program: Program, event: TimelineEvent, yourZone: string) => {
  const zone = event.timeZone ?? program.timeZone;
  if ('at' in event.when) {
    const start = wallTimeToInstant(event.when.at, zone);
    const yours = html`<strong><time datetime="${start.toISOString()}">${formatInZone(start, yourZone)}</time></strong>`;
    return zone === yourZone
      ? html`<p>${yours}</p>`
      : html`<p>${yours}<span class="hint">${formatInZone(start, zone)}</span></p>`;
  }
  if ('from' in event.when)
    return html`<p><strong>${formatDateRange(event.when.from, event.when.to)}</strong></p>`;
  return html`<p><strong>${formatMonth(event.when.month)}, date to be set</strong></p>`;
};

const details = (program: Program, event: TimelineEvent) => {
  const theme = program.themes.find((t) => t.slug === event.theme)?.label;
  const group = groupOf(program, event.group);
  return html`<dl class="summary">
${theme ? html`<div><dt>Theme</dt><dd>${theme}</dd></div>` : ''}
${event.facilitator ? html`<div><dt>Facilitated by</dt><dd>${event.facilitator}</dd></div>` : ''}
${group ? html`<div><dt>Mentoring group</dt><dd>${group.name}, mentored by ${group.mentor}</dd></div>` : ''}
${event.location ? html`<div><dt>Where</dt><dd>${event.location}</dd></div>` : ''}
${event.joinUrl ? html`<div><dt>Join</dt><dd><a href="${event.joinUrl}" class="url">${event.joinUrl}</a></dd></div>` : ''}
${event.agenda ? html`<div><dt>Agenda</dt><dd>${event.agenda}</dd></div>` : ''}
${
  event.readings?.length
    ? html`<div><dt>To read before</dt><dd><ul>${event.readings.map(
        (r) => html`<li><a href="${r.url}">${r.title}</a></li>`,
      )}</ul></dd></div>`
    : ''
}
</dl>`;
};

const eventList = (
  view: ParticipantView,
  events: TimelineEvent[],
  withDetails: boolean,
  withMarks = false,
) => {
  const zone = view.nomination.candidate.timeZone;
  return events.map(
    (e) =>
      html`<h3>${e.title}</h3>${whenForYou(view.program, e, zone)}${withDetails ? details(view.program, e) : ''}${
        withMarks && view.marks.get(e.id) ? html`<p>The register shows you ${view.marks.get(e.id)}.</p>` : ''
      }`,
  );
};

/** The certificate when issued; before, when it comes and what it needs, with their count so far. */
const certificateSection = (view: ParticipantView, base: string) => {
  const { program, record } = view;
  if (view.certificate) {
    return html`<h2>Your certificate</h2><p>Issued to ${view.certificate.name} on ${formatInZone(new Date(view.certificate.reissuedAt ?? view.certificate.issuedAt), program.timeZone)}.</p><p><a href="${base}/certificate">Download your certificate of participation (PDF)</a></p>`;
  }
  const day = view.certificateDay;
  return html`<h2>Your certificate</h2><p>${day ? `The certificates of participation are issued on ${formatInZone(day, program.timeZone)}, ` : 'The certificates of participation go '}to those present at ${record.required} of the monthly meetings. So far you count as present at ${record.attended} of the ${record.held} held.</p>`;
};

/** A participant's own page: reached from the private link in each of their emails. */
export const participantPageHtml = (view: ParticipantView, base: string, notice?: string) => {
  const { nomination: n, program } = view;
  const title = `Your ${program.name}`;
  if (!view.participant) {
    return pageLayout(
      title,
      html`${doneBanner(notice)}
<h1>${title}</h1>
<p class="inset">${n.status !== 'withdrawn' ? 'This page is for the participants of the program. ' : notice ? '' : 'You have left the program. '}For anything about the program, write to <a href="mailto:${program.contactEmail}">${program.contactEmail}</a>.</p>`,
      `Your page in the ${program.name}`,
    );
  }
  return pageLayout(
    title,
    html`${doneBanner(notice)}
<h1>${title}</h1>
<p>${n.candidate.name}, ${n.library.name}, ${n.library.city}. Reference <strong>${referenceOf(n.id)}</strong>. Times are shown in your time zone first (${n.candidate.timeZone}).</p>
<p class="inset">This page is yours alone: its address works like a key, so please do not share it.</p>
${newLinkForm(base, 'Shared it by mistake? We email you a new link, and this one stops working at once.')}
${view.group ? html`<h2>Your mentoring group</h2><p>${view.group.name}, mentored by ${view.group.mentor}.</p>` : ''}
<h2>Coming up</h2>
${view.upcoming.length ? eventList(view, view.upcoming, true) : html`<p>Nothing is planned ahead of you now.</p>`}
${view.toBeDated.length ? html`<h2>Dates to be set</h2>${eventList(view, view.toBeDated, false)}<p>You will get an email with a calendar entry when a date is set.</p>` : ''}
<h2>Your calendar</h2>
<p>Subscribe to this address in your calendar program to have every meeting and session, kept up to date as they change:</p>
<p><a href="${view.calendarUrl ?? ''}" class="url">${view.calendarUrl ?? ''}</a></p>
<form method="post" action="${base}/calendar" novalidate><p class="hint">If you shared the address by mistake, make a new one: the old one stops working at once.</p><button type="submit" class="secondary">Make a new calendar address</button></form>
${
  view.evaluation === 'not-yet-open'
    ? ''
    : html`<h2>The evaluation</h2>${
        view.evaluation === 'open'
          ? html`<p><a href="${base}/evaluation">Evaluate the program</a>: your answers shape the next cohort’s year. You can change them until the end of ${formatCalendarDate(program.evaluation.closesOn)}.</p>`
          : html`<p>The evaluation closed at the end of ${formatCalendarDate(program.evaluation.closesOn)}. Thank you to everyone who answered.</p>`
      }`
}
${certificateSection(view, base)}
${view.past.length ? html`<h2>Already held</h2>${eventList(view, view.past, false, true)}` : ''}
<h2>Leaving the program</h2>
<p>If you can no longer take part, <a href="${base}/leave">leave the program</a>. Your place can then go to someone on the reserve list.</p>
<p>Questions? Write to <a href="mailto:${program.contactEmail}">${program.contactEmail}</a>.</p>`,
    `Your meetings, calendar and certificate in the ${program.name}`,
  );
};

/**
 * The step before leaving, so one stray click does not end anyone's place. Someone who has
 * already left sees their page, which says so, rather than a step they cannot take.
 */
export const leavePage = (view: ParticipantView, base: string) =>
  view.participant
    ? pageLayout(
        `Leave the ${view.program.name}`,
        html`<h1>Leave the ${view.program.name}?</h1>
<p>Your place goes to someone else, and you will get no more reminders or invitations.</p>
<div class="warning-text"><span class="warning-text-icon" aria-hidden="true">!</span><strong><span class="visually-hidden">Warning: </span>This cannot be undone.</strong></div>
<p>You will get an email confirming it, and the organizers are told.</p>
<form method="post" action="${base}/leave" novalidate><button type="submit" class="warning">Yes, leave the program</button></form>
<p><a href="${base}">No, stay in the program</a></p>`,
      )
    : participantPageHtml(view, base);
