import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import {
  decisionPendingEmail,
  decisionReserveEmail,
  reserveClosedEmail,
  stipendAwardedEmail,
  withdrawalConfirmedEmail,
} from '../../shared/email/cohort-templates.ts';
import { escapeHtml, html } from '../../shared/email/html.ts';
import { placeOfferedNoticeEmail, selectedNoticeEmail } from '../../shared/email/nominator-templates.ts';
import {
  acknowledgementEmail,
  decisionNotSelectedEmail,
  decisionSelectedEmail,
  newParticipantLinkEmail,
  placeOfferedEmail,
} from '../../shared/email/templates.ts';
import { formToBody } from '../../shared/web/form-fields.ts';
import { confirmationPage, nominationFormPage } from '../../shared/web/pages.ts';
import { sampleNomination } from '../support/fixtures.ts';

const hostile = '<img src=x onerror="alert(1)">&\'';
const nomination = () =>
  sampleNomination((n) => {
    n.library.name = hostile;
    n.candidate.name = `Jordi ${hostile}`;
  });

describe('html escaping', () => {
  it('escapes every interpolated value but not nested html', () => {
    expect(escapeHtml(hostile)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    expect(html`<p>${hostile}</p>${html`<b>${'<i>'}</b>`}`.value).toBe(
      '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;</p><b>&lt;i&gt;</b>',
    );
  });
});

const decisionDay = new Date(metlib2024.decisionsDueAt);

const both = [sample.candidate.email, sample.nominator.email];
const candidateAlone = [sample.candidate.email];
const nominatorAlone = [sample.nominator.email];

describe('email templates', () => {
  it.each([
    ['acknowledgement', acknowledgementEmail, both],
    ['decision selected', decisionSelectedEmail, candidateAlone],
    ['nominator’s news of the selection', selectedNoticeEmail, nominatorAlone],
    ['decision not selected', decisionNotSelectedEmail, both],
    ['decision reserve', decisionReserveEmail, both],
    ['decision pending', decisionPendingEmail, both],
    ['place offered', placeOfferedEmail, candidateAlone],
    ['nominator’s news of the place offered', placeOfferedNoticeEmail, nominatorAlone],
    ['reserve closed', reserveClosedEmail, both],
    ['withdrawal confirmed', withdrawalConfirmedEmail, both],
    ['stipend awarded', stipendAwardedEmail, both],
  ])('the %s email escapes names in HTML and keeps them readable in text', (_, template, recipients) => {
    const email = template(metlib2024, nomination(), decisionDay);
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(email.text).toContain(`Jordi ${hostile}`);
    expect([...email.to, ...email.cc]).toEqual(recipients);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('puts the participant’s page in emails to the participant alone, and never in their nominator’s', () => {
    const page = 'https://nominations.example.org/participants/token-of-the-participant';
    const n = nomination();
    for (const email of [
      decisionSelectedEmail(metlib2024, n, decisionDay, page),
      placeOfferedEmail(metlib2024, n, decisionDay, page),
      newParticipantLinkEmail(metlib2024, n, page),
    ]) {
      expect(email.text).toContain(page);
      expect({ to: email.to, cc: email.cc }).toEqual({ to: [n.candidate.email], cc: [] });
    }
    for (const email of [selectedNoticeEmail(metlib2024, n), placeOfferedNoticeEmail(metlib2024, n)]) {
      expect(email.text).not.toContain('/participants/');
      expect(email.text).toContain(n.candidate.name);
      expect(email.text).toContain('MetLib Conference: 6–10 October 2024, Barcelona, Spain');
    }
  });

  it('tells a selected candidate the first meeting in New York time and in their own zone', () => {
    const email = decisionSelectedEmail(metlib2024, nomination(), decisionDay);
    expect(email.text).toContain('Tuesday 9 April 2024, 09:00 (New York time, UTC−4)');
    expect(email.text).toContain('Tuesday 9 April 2024, 15:00 (Madrid time, UTC+2)');
    expect(email.text).toContain('MetLib Conference: 6–10 October 2024, Barcelona, Spain');
  });

  it('names the next meeting still ahead, never a past one, to a reserve given a place in April', () => {
    const email = placeOfferedEmail(metlib2024, nomination(), new Date('2024-04-20T12:00:00Z'));
    expect(email.text).toContain(
      'The next online meeting is on Tuesday 14 May 2024, 09:00 (New York time, UTC−4)',
    );
    expect(email.text).not.toContain('9 April');
  });

  it('tells a reserve until when a place may open, and an undecided applicant when they will hear', () => {
    expect(decisionReserveEmail(metlib2024, { ...nomination(), reserveRank: 2 }).text).toContain(
      'reserve list (number 2). If a participant withdraws before Friday 31 May 2024',
    );
    expect(decisionPendingEmail(metlib2024, nomination()).text).toContain('by Friday 1 March 2024');
  });

  it('acknowledges with the decision date', () => {
    expect(acknowledgementEmail(metlib2024, nomination()).text).toContain('by Monday 19 February 2024');
  });
});

describe('the form page', () => {
  const open = new Date('2024-02-01T14:00:00Z');

  it('labels every control and escapes kept answers', () => {
    const values = new URLSearchParams({ 'library.name': hostile });
    const page = nominationFormPage(metlib2024, open, values, []);
    expect(page).toContain('value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;"');
    for (const [, id] of page.matchAll(/<(?:input|select|textarea)[^>]* id="([^"]+)"/g)) {
      const labelled =
        page.includes(`for="${id}"`) || new RegExp(`<label class="choice"><input[^>]*id="${id}"`).test(page);
      expect(labelled, `${id} has a label`).toBe(true);
    }
  });

  it('links each error in the summary to its field', () => {
    const page = nominationFormPage(metlib2024, open, new URLSearchParams(), [
      { path: 'themes', message: 'Choose at least one theme' },
      { path: 'candidate.email', message: 'Enter the candidate’s email address' },
    ]);
    expect(page).toContain('<a href="#f-themes-first">Choose at least one theme</a>');
    expect(page).toContain('<a href="#f-candidate-email">');
    expect(page).toContain('aria-invalid="true"');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<title>Error: Nominate a candidate');
  });

  it('describes itself to search engines and asks for no icon it would not find', () => {
    const page = nominationFormPage(metlib2024, open);
    expect(page).toMatch(
      /<meta name="description" content="Library directors nominate a candidate for the [^"]+ Nominations close [^"]+">/,
    );
    expect(page).toContain('<link rel="icon" href="data:,">');
  });

  it('is replaced by a notice before the window opens', () => {
    expect(nominationFormPage(metlib2024, new Date('2023-12-01T00:00:00Z'))).toContain('are not open yet');
  });

  it('escapes the reference on the confirmation page', () => {
    expect(confirmationPage(metlib2024, '<b>')).toContain('&lt;b&gt;');
  });
});

describe('form posts', () => {
  it('become the JSON body: numbers, yes/no answers, ticked boxes and repeated themes', () => {
    const fields = new URLSearchParams(
      'library.cityPopulation=1%2C250%2C000&travel.libraryCoversTravel=no&themes=a&themes=b&commitments.workingHours=true',
    );
    expect(formToBody(fields)).toMatchObject({
      library: { cityPopulation: 1_250_000 },
      travel: { libraryCoversTravel: false, conditionalOnStipend: undefined },
      themes: ['a', 'b'],
      commitments: { workingHours: true, activeParticipation: undefined },
    });
  });

  it('keep a population that is not a number as text, for the schema to reject', () => {
    expect(formToBody(new URLSearchParams('library.cityPopulation=lots'))).toMatchObject({
      library: { cityPopulation: 'lots' },
    });
  });
});

describe('organizer emails that list nominations', () => {
  it('name at most 25 and count the rest, however many there are', async () => {
    const { decisionsOverdueEmail, listedInEmail } = await import(
      '../../shared/email/organizer-templates.ts'
    );
    const undecided = Array.from({ length: 5_000 }, () => sampleNomination());
    const email = decisionsOverdueEmail(metlib2024, 'chair@metlib.example.org', undecided);
    expect(listedInEmail).toBe(25);
    expect(email.text.split('Jordi Serra (').length - 1).toBe(25);
    expect(email.text).toContain('and 4975 more, listed in the staff console');
    expect(Buffer.byteLength(email.html) + Buffer.byteLength(email.text)).toBeLessThan(20_000);
  });
});
