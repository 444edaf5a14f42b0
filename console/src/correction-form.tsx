import { useState } from 'preact/hooks';
import type { Api } from './api.ts';
import type { CorrectionBody, Detail } from './contract.ts';
import { NoteField, PageForm } from './fields.tsx';
import type { Outcome } from './nomination-actions.tsx';

type Person = 'candidate' | 'nominator';
type Part = 'name' | 'email';

const fields: [Person, Part, string][] = [
  ['candidate', 'name', "Candidate's name"],
  ['candidate', 'email', "Candidate's email address"],
  ['nominator', 'name', "Nominator's name"],
  ['nominator', 'email', "Nominator's email address"],
];

/** The id of a field of this form, as the error summary links to it: `candidate.email` → its input. */
export const correctionFieldId = (path: string) => `correct-${path.replace('.', '-')}`;

const current = (detail: Detail, person: Person, part: Part) => detail[person][part];

/**
 * An organizer corrects a name or an address as it was submitted: only what changed is sent,
 * with the version on the screen and a note for the history.
 */
export const CorrectionForm = (props: {
  detail: Detail;
  api: Api;
  settle: (outcome: Outcome) => Promise<void>;
}) => {
  const { detail } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const shown = (person: Person, part: Part) => values[`${person}.${part}`] ?? current(detail, person, part);
  const submit = async () => {
    const body: CorrectionBody = { expectedVersion: detail.version };
    for (const [person, part] of fields) {
      const value = shown(person, part).trim();
      if (value === current(detail, person, part)) continue;
      body[person] = { ...body[person], [part]: value };
    }
    if (!body.candidate && !body.nominator) {
      return props.settle({ ok: false, error: new Error('Change a name or an address before saving') });
    }
    if (note.trim()) body.note = note.trim();
    try {
      await props.api.patch(`/nominations/${encodeURIComponent(detail.id)}`, body);
      setValues({});
      setNote('');
      await props.settle({ ok: true, message: 'Correction saved' });
    } catch (error) {
      await props.settle({ ok: false, error });
    }
  };
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">Correct a name or an email address</summary>
      <PageForm class="govuk-details__text" onSubmit={() => void submit()}>
        {fields.map(([person, part, label]) => {
          const id = correctionFieldId(`${person}.${part}`);
          return (
            <div class="govuk-form-group" key={id}>
              <label class="govuk-label" for={id}>
                {label}
              </label>
              <input
                class="govuk-input"
                id={id}
                type={part === 'email' ? 'email' : 'text'}
                spellcheck={false}
                value={shown(person, part)}
                onInput={(e) => setValues({ ...values, [`${person}.${part}`]: e.currentTarget.value })}
              />
            </div>
          );
        })}
        <NoteField id="correct-note" label="Why (for the history)" rows={2} value={note} onInput={setNote} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Save the correction
        </button>
      </PageForm>
    </details>
  );
};
