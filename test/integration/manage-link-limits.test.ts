import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressedTo, type SentEmail } from '../../local/sent-emails.ts';
import { bodyOrder } from '../../shared/domain/nomination-fields.ts';
import { candidateAddressChanges, correctionsPerDay } from '../../shared/domain/public-limits.ts';
import { bodyToForm } from '../../shared/web/form-fields.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
});

type Body = ReturnType<typeof nominationBody>;
const contact = 'learning-circle@metlib.example.org';
const tagged = (name: string) => `${name}-${randomUUID().slice(0, 8)}@library.example.org`;
const withCandidate = (body: Body, email: string): Body => ({
  ...body,
  candidate: { ...body.candidate, email },
});

/** A confirmed nomination and its nominator's manage link. */
const managed = async (body: Body = nominationBody()) => {
  const { id } = await stack.nominate(body);
  return { id, body, link: await stack.linkFor(body.nominator.email, 'manage') };
};

/** The emails sent to exactly this address (the inbox's own match is by substring). */
const mailTo = async (address: string) =>
  (await stack.inbox(address)).filter((e: SentEmail) =>
    [...e.destination.to, ...e.destination.cc].some((a) => a.toLowerCase() === address.toLowerCase()),
  );

/** The answers posted back as the edit form posts them. */
const postForm = (link: string, body: Body) =>
  stack.api('POST', link, {
    raw: bodyToForm(body).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

const submit = (body: Body) => stack.api('POST', '/programs/metlib-2024/nominations', { body });

describe("the nominator's manage link is no relay", () => {
  it(`gives the candidate a new address ${candidateAddressChanges} times, each told once, then says to write to the organizers`, async () => {
    const { link, body } = await managed();
    let answers = body;
    for (const address of [tagged('moved'), tagged('moved-again')]) {
      answers = withCandidate(answers, address);
      expect((await stack.api('POST', link, { body: answers })).status).toBe(200);
      expect((await mailTo(address)).map((e) => e.subject)).toEqual([
        `Nomination received: ${body.candidate.name} for the MetLib Learning Circle 2024`,
      ]);
    }
    expect((await stack.api('GET', link)).json.candidateAddressChangesLeft).toBe(0);
    const edit = await stack.api('GET', `${link}/edit`, { headers: { accept: 'text/html' } });
    expect(edit.text).toContain(`please write to ${contact}`);

    const third = tagged('third');
    const before = await stack.itemCount();
    const refused = await stack.api('POST', link, { body: withCandidate(answers, third) });
    expect(refused.status).toBe(400);
    expect(refused.json.issues).toEqual([
      { path: 'candidate.email', message: expect.stringContaining(contact) },
    ]);
    const page = await postForm(link, withCandidate(answers, third));
    expect(page.status).toBe(400);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain(`value="${third}"`);
    expect(await stack.itemCount()).toBe(before);
    expect(await mailTo(third)).toEqual([]);
  });

  it("counts a correction's emails and the form's against one limit per mailbox, however it is spelled", async () => {
    const tag = randomUUID().slice(0, 8);
    // One Gmail mailbox under six spellings: the local stack allows 5 emails a day to an address.
    const spellings = [
      `vic.tim${tag}+a@gmail.com`,
      `Victim${tag}+b@googlemail.com`,
      `victim${tag}@gmail.com`,
      `v.ictim${tag}+c@gmail.com`,
      `VICTIM${tag}+d@gmail.com`,
      `victim${tag}+e@googlemail.com`,
    ];
    // Two corrections give two nominations' candidates the mailbox: each is told, and counted.
    for (const address of spellings.slice(0, 2)) {
      const { link, body } = await managed();
      expect((await stack.api('POST', link, { body: withCandidate(body, address) })).status).toBe(200);
      expect(await mailTo(address)).toHaveLength(1);
    }
    // Three submissions name it as nominator: the fourth to the fifth email of the day.
    for (const address of spellings.slice(2, 5)) {
      expect((await submit(nominationBody({ nominatorEmail: address }))).status).toBe(202);
    }
    const sixth = spellings[5] as string;
    expect((await submit(nominationBody({ nominatorEmail: sixth }))).json.error).toBe('TooManySubmissions');
    const { link, body } = await managed();
    const before = await stack.itemCount();
    const refused = await stack.api('POST', link, { body: withCandidate(body, sixth) });
    expect([refused.status, refused.json.error]).toEqual([429, 'TooManySubmissions']);
    expect(await stack.itemCount()).toBe(before);
    expect(await mailTo(sixth)).toEqual([]);
    // Each email went to the address as typed: the spelling is normalised for counting only.
    const sent = (await stack.sentEmails()).filter((e) => spellings.some((s) => addressedTo(e, s)));
    expect(sent).toHaveLength(5);
  });

  it('answers a correction to an address another nomination holds as it answers a fresh one; the nominator alone learns it', async () => {
    const [holder, secondHolder] = [await managed(), await managed()];
    const [fresh, duplicate] = [await managed(), await managed()];
    const freshAddress = tagged('fresh');
    const toFresh = await stack.api('POST', fresh.link, { body: withCandidate(fresh.body, freshAddress) });
    const toHeld = await stack.api('POST', duplicate.link, {
      body: withCandidate(duplicate.body, holder.body.candidate.email.toUpperCase()),
    });
    const masked = (json: Record<string, unknown>) => ({ ...json, id: '', candidate: '', nominator: '' });
    expect(toHeld.status).toBe(200);
    expect([toHeld.status, masked(toHeld.json)]).toEqual([toFresh.status, masked(toFresh.json)]);
    // The same through the form: both back to the page, which says the same.
    const [freshAgain, heldAgain] = await Promise.all([
      postForm(fresh.link, withCandidate(fresh.body, tagged('fresh-again'))),
      postForm(duplicate.link, withCandidate(duplicate.body, secondHolder.body.candidate.email)),
    ]);
    expect([heldAgain.status, heldAgain.headers.get('location')]).toEqual([
      freshAgain.status,
      `${duplicate.link}?done=corrected`,
    ]);

    expect(await mailTo(freshAddress)).toHaveLength(1);
    // The held candidates heard of their own nomination once, and of this one nothing.
    expect(await mailTo(holder.body.candidate.email)).toHaveLength(1);
    expect(await mailTo(secondHolder.body.candidate.email)).toHaveLength(1);
    expect((await mailTo(duplicate.body.nominator.email)).map((e) => e.subject)).toEqual([
      'Please confirm your nomination for the MetLib Learning Circle 2024',
      `Nomination received: ${duplicate.body.candidate.name} for the MetLib Learning Circle 2024`,
      'Your correction of your nomination for the MetLib Learning Circle 2024 is saved',
      'Your correction of your nomination for the MetLib Learning Circle 2024 is saved',
    ]);
    const staffView = await stack.api('GET', `/nominations/${duplicate.id}`, { token: organizer });
    expect(staffView.json.duplicateOf).toBe(secondHolder.id);
    expect(staffView.json.history.at(-1).note).toContain('already has a nomination');
    expect((await stack.api('GET', duplicate.link)).json).not.toHaveProperty('duplicateOf');
    // The address the duplicate left is free for a nomination of its own.
    const { id: next } = await stack.nominate(
      nominationBody({ candidateEmail: duplicate.body.candidate.email }),
    );
    expect((await stack.api('GET', `/nominations/${next}`, { token: organizer })).json).not.toHaveProperty(
      'duplicateOf',
    );
  });
});

describe("the nominator's view as JSON", () => {
  it("shows what the page shows: no decision before it is sent, nothing of the staff's side", async () => {
    const body = nominationBody();
    body.library.country = 'KE';
    body.travel.conditionalOnStipend = true;
    const participant = await managed(body);
    const reserve = await managed();
    await stack.takeThrough(participant.id, ['review', 'select']);
    await stack.takeThrough(reserve.id, ['review', { action: 'reserve', rank: 1 }]);
    const stipend = await stack.api('PUT', `/nominations/${participant.id}/stipend`, {
      token: organizer,
      body: { award: 'awarded', note: 'Flights from Nairobi' },
    });
    expect(stipend.status).toBe(200);
    const classified = await stack.api('PUT', `/nominations/${participant.id}/classification`, {
      token: organizer,
      body: { subRegion: '202', note: 'As the partner city reports it' },
    });
    expect(classified.status).toBe(200);

    const shown = [
      'id',
      'programId',
      'standing',
      'canCorrect',
      'canWithdraw',
      'contactEmail',
      ...bodyOrder(),
    ];
    for (const { link } of [participant, reserve]) {
      const view = (await stack.api('GET', link)).json;
      expect(Object.keys(view).sort()).toEqual(shown.sort());
      expect(view.standing).toBe('with-the-advisory-group');
      const text = JSON.stringify(view);
      for (const hidden of [
        'selected',
        'reserve',
        'Flights from Nairobi',
        'organizer@example.org',
        'partner city',
      ]) {
        expect(text).not.toContain(hidden);
      }
      const page = await stack.api('GET', link, { headers: { accept: 'text/html' } });
      expect(page.text).toContain('Confirmed and with the advisory group');
    }
    await stack.takeThrough(participant.id, ['notify']);
    expect((await stack.api('GET', participant.link)).json.standing).toBe('selected');
  });
});

describe("the nominator's corrections a day", () => {
  it(`refuses past ${correctionsPerDay} a day through one link, writing nothing, and corrects again the next day`, async () => {
    const { link, body } = await managed();
    const titled = (title: string) => ({ ...body, project: { ...body.project, title } });
    for (let i = 0; i < correctionsPerDay; i += 1) {
      expect((await stack.api('POST', link, { body: titled(`Title ${i}`) })).status).toBe(200);
    }
    const before = await stack.itemCount();
    const refused = await stack.api('POST', link, { body: titled('One too many') });
    expect([refused.status, refused.json.error]).toEqual([429, 'TooManySubmissions']);
    // A browser gets the form again, the refusal in its summary and the answers kept.
    const page = await postForm(link, titled('Typed in the form'));
    expect(page.status).toBe(429);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain('value="Typed in the form"');
    expect(await stack.itemCount()).toBe(before);
    await stack.advanceTo('2024-02-02T14:00:00Z');
    expect((await stack.api('POST', link, { body: titled('The next day') })).status).toBe(200);
  });
});
