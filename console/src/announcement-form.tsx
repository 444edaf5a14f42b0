import {
  type AnnouncementDraft,
  audienceChoices,
  type FieldPath,
  fieldIds,
  groupLabel,
  type MentoringGroup,
} from './announcements-view.ts';
import { describedBy, ErrorMessage, PageForm } from './fields.tsx';
import { FocusedHeading } from './ui.tsx';

type Errors = Partial<Record<FieldPath, string>>;

const groupClass = (error: string | undefined) =>
  error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group';

/** The select of the mentoring groups, revealed under its radio when that is chosen. */
const GroupSelect = (props: {
  groups: readonly MentoringGroup[];
  value: string;
  error: string | undefined;
  onChange: (group: string) => void;
}) => {
  const id = fieldIds['audience.group'];
  return (
    <div class={groupClass(props.error)}>
      <label class="govuk-label" for={id}>
        Mentoring group
      </label>
      <ErrorMessage id={`${id}-error`} message={props.error} />
      <select
        class="govuk-select app-select--auto"
        id={id}
        value={props.value}
        {...describedBy(id, false, props.error)}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">Choose a group</option>
        {props.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {groupLabel(g)}
          </option>
        ))}
      </select>
    </div>
  );
};

/**
 * Who the announcement is for: GOV.UK radios, a mentoring group's select revealed under its
 * radio. Without mentoring groups the program has no group to write to, and says so.
 */
const AudienceRadios = (props: {
  draft: AnnouncementDraft;
  /** Undefined while they are being read. */
  groups: readonly MentoringGroup[] | undefined;
  errors: Errors;
  onChange: (draft: Partial<AnnouncementDraft>) => void;
}) => {
  const error = props.errors.audience;
  const id = 'announcement-audience';
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" {...describedBy(id, false, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Who is it for?</legend>
        <ErrorMessage id={`${id}-error`} message={error} />
        <div class="govuk-radios">
          {audienceChoices.map((choice) => {
            const inputId = `${id}-${choice.kind}`;
            const groups = props.groups ?? [];
            const noGroups = choice.kind === 'group' && groups.length === 0;
            const hint = !noGroups
              ? choice.hint
              : props.groups === undefined
                ? 'Reading the mentoring groups…'
                : 'The program has no mentoring groups yet.';
            const reveals = choice.kind === 'group' && !noGroups;
            return (
              <div key={choice.kind}>
                <div class="govuk-radios__item app-radios__item--hinted">
                  <input
                    class="govuk-radios__input"
                    id={inputId}
                    name={id}
                    type="radio"
                    value={choice.kind}
                    checked={props.draft.kind === choice.kind}
                    disabled={noGroups}
                    aria-describedby={`${inputId}-hint`}
                    {...(reveals ? { 'aria-controls': `${id}-group-conditional` } : {})}
                    onChange={() => props.onChange({ kind: choice.kind })}
                  />
                  <div>
                    <label class="govuk-label govuk-radios__label" for={inputId}>
                      {choice.label}
                    </label>
                    <div class="govuk-hint govuk-radios__hint" id={`${inputId}-hint`}>
                      {hint}
                    </div>
                  </div>
                </div>
                {reveals && (
                  <div
                    class={
                      props.draft.kind === 'group'
                        ? 'govuk-radios__conditional'
                        : 'govuk-radios__conditional govuk-radios__conditional--hidden'
                    }
                    id={`${id}-group-conditional`}
                  >
                    <GroupSelect
                      groups={groups}
                      value={props.draft.group}
                      error={props.errors['audience.group']}
                      onChange={(group) => props.onChange({ group })}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
};

/**
 * The announcement an organizer writes: who it is for, a subject and the message. The API says
 * what is wrong (through the page's error summary and beside each field), not the browser.
 */
export const AnnouncementForm = (props: {
  draft: AnnouncementDraft;
  /** Undefined while they are being read. */
  groups: readonly MentoringGroup[] | undefined;
  errors: Errors;
  busy: boolean;
  /** Back from the preview: the heading takes the focus. */
  returned: boolean;
  onChange: (draft: Partial<AnnouncementDraft>) => void;
  onPreview: () => void;
}) => {
  const subject = fieldIds.subject;
  const body = fieldIds.body;
  return (
    <PageForm labelledBy="announcement-form-heading" onSubmit={props.onPreview}>
      {props.returned ? (
        <FocusedHeading id="announcement-form-heading" text="Write an announcement" />
      ) : (
        <h2 class="govuk-heading-m" id="announcement-form-heading">
          Write an announcement
        </h2>
      )}
      <AudienceRadios
        draft={props.draft}
        groups={props.groups}
        errors={props.errors}
        onChange={props.onChange}
      />
      <div class={groupClass(props.errors.subject)}>
        <label class="govuk-label" for={subject}>
          Subject
        </label>
        <div class="govuk-hint" id={`${subject}-hint`}>
          One line, at most 150 characters.
        </div>
        <ErrorMessage id={`${subject}-error`} message={props.errors.subject} />
        <input
          type="text"
          class={props.errors.subject ? 'govuk-input govuk-input--error' : 'govuk-input'}
          id={subject}
          value={props.draft.subject}
          spellcheck
          {...describedBy(subject, true, props.errors.subject)}
          onInput={(e) => props.onChange({ subject: e.currentTarget.value })}
        />
      </div>
      <div class={groupClass(props.errors.body)}>
        <label class="govuk-label" for={body}>
          Message
        </label>
        <div class="govuk-hint" id={`${body}-hint`}>
          Plain text. Leave a blank line to start a new paragraph. Each email begins “Dear” and the
          recipient’s name.
        </div>
        <ErrorMessage id={`${body}-error`} message={props.errors.body} />
        <textarea
          class={props.errors.body ? 'govuk-textarea govuk-textarea--error' : 'govuk-textarea'}
          id={body}
          rows={10}
          value={props.draft.body}
          spellcheck
          {...describedBy(body, true, props.errors.body)}
          onInput={(e) => props.onChange({ body: e.currentTarget.value })}
        />
      </div>
      <button type="submit" class="govuk-button" disabled={props.busy}>
        Preview
      </button>
    </PageForm>
  );
};
