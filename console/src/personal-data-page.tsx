import { useState } from 'preact/hooks';
import { type Api, ApiError } from './api.ts';
import type { PersonalDataErased, PersonalDataFound } from './contract.ts';
import { PageForm } from './fields.tsx';
import { Banner, ErrorSummary, Link, type Navigate, type Problem } from './ui.tsx';

type Step =
  | { kind: 'ask' }
  | { kind: 'found'; found: PersonalDataFound }
  | { kind: 'confirm'; found: PersonalDataFound }
  | { kind: 'erased'; nominations: number; items: number; formerly: number };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What was found, as the heading says it: where the address is now, and where a correction replaced it. */
const foundHeading = ({ email, nominations, formerly }: PersonalDataFound) => {
  if (nominations.length === 0 && formerly.length === 0) return `Nothing is stored about ${email}`;
  const now =
    nominations.length > 0
      ? `${email} is in ${plural(nominations.length, 'nomination', 'nominations')}`
      : email;
  if (formerly.length === 0) return now;
  const was = `was in ${plural(formerly.length, 'nomination', 'nominations')} until a correction replaced it`;
  return nominations.length > 0 ? `${now}, and ${was}` : `${now} ${was}`;
};

const fieldId = 'personal-data-email';

const problemsOf = (error: unknown): Problem[] =>
  error instanceof ApiError && error.status === 400
    ? [{ message: 'Enter an email address in the correct format, like name@example.org', field: fieldId }]
    : [{ message: error instanceof Error ? error.message : String(error) }];

/** Saves the export as a file, as the CSV download does. */
const download = (found: PersonalDataFound) => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(found, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'personal-data.json';
  link.click();
  URL.revokeObjectURL(url);
};

/**
 * A person's request about their data, answered by an organizer: find what is stored about an
 * address, download it (a copy), or erase it after a confirmation that says what will go.
 */
export const PersonalDataPage = (props: { api: Api; navigate: Navigate }) => {
  const [email, setEmail] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'ask' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const find = async () => {
    setProblems([]);
    try {
      const found = await props.api.post<PersonalDataFound>('/personal-data/export', { email: email.trim() });
      setStep({ kind: 'found', found });
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };
  const erase = async () => {
    try {
      const done = await props.api.post<PersonalDataErased>('/personal-data/erase', {
        email: email.trim(),
      });
      setEmail('');
      setStep({ kind: 'erased', ...done });
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };
  return (
    <>
      <Link href="/staff" navigate={props.navigate} class="govuk-back-link">
        All nominations
      </Link>
      <h1 class="govuk-heading-l">A person’s data</h1>
      <ErrorSummary problems={problems} />
      {step.kind === 'erased' && (
        <Banner
          message={`Erased: ${plural(step.nominations, 'nomination', 'nominations')}, ${step.items} stored items${step.formerly > 0 ? `; the former address wherever ${plural(step.formerly, 'nomination', 'nominations')} quoted it` : ''}`}
        />
      )}
      {step.kind === 'confirm' ? (
        <PageForm onSubmit={() => void erase()}>
          <h2 class="govuk-heading-m">Erase everything stored about {step.found.email}?</h2>
          <p class="govuk-body">
            {step.found.nominations.length > 0 &&
              `This deletes ${plural(step.found.nominations.length, 'nomination', 'nominations')} with their history, reviews and emails, for the other person named in them too. `}
            {step.found.formerly.length > 0 &&
              `It erases the address, and the name given with it, from the history and emails of ${plural(step.found.formerly.length, 'nomination', 'nominations')} where a correction replaced it; those nominations stay, naming someone else now. `}
            It cannot be undone. The history of erasures keeps who erased how much, not whose data it was.
          </p>
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button govuk-button--warning">
              Yes, erase it
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() => setStep({ kind: 'found', found: step.found })}
            >
              No, go back
            </button>
          </div>
        </PageForm>
      ) : (
        <PageForm onSubmit={() => void find()}>
          <div class="govuk-form-group">
            <label class="govuk-label" for={fieldId}>
              Their email address
            </label>
            <div class="govuk-hint" id={`${fieldId}-hint`}>
              As a candidate or a nominator gave it. Answer a request only from that address.
            </div>
            <input
              class="govuk-input"
              id={fieldId}
              type="email"
              autocomplete="off"
              spellcheck={false}
              aria-describedby={`${fieldId}-hint`}
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="govuk-button">
            Find their data
          </button>
        </PageForm>
      )}
      {step.kind === 'found' && (
        <section aria-labelledby="found-heading">
          <h2 class="govuk-heading-m" id="found-heading">
            {foundHeading(step.found)}
          </h2>
          {step.found.nominations.length + step.found.formerly.length > 0 && (
            <>
              <ul class="govuk-list">
                {step.found.nominations.map((n) => (
                  <li key={n.nomination.id}>
                    {n.roles.join(' and ')} in the nomination of {n.nomination.candidate.name} (
                    {n.nomination.status})
                  </li>
                ))}
              </ul>
              <div class="govuk-button-group">
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary"
                  onClick={() => download(step.found)}
                >
                  Download a copy (JSON)
                </button>
                <button
                  type="button"
                  class="govuk-button govuk-button--warning"
                  onClick={() => setStep({ kind: 'confirm', found: step.found })}
                >
                  Erase…
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
};
