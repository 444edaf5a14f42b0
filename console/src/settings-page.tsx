import { useState } from 'preact/hooks';
import { type Api, issuesOf, isVersionConflict, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import { type QuestionDraft, questionDrafts, questionsToSend } from './evaluation-questions-view.ts';
import { SettingsForm } from './settings-form.tsx';
import { SettingsHistory } from './settings-history.tsx';
import {
  formValues,
  placeIssues,
  type SettingsRead,
  type SettingsSaved,
  settingsChange,
  zoneName,
} from './settings-view.ts';
import { Banner, ErrorSummary, Loading, messageOf, type Problem, SummaryList } from './ui.tsx';

/** What the page says after a save: the banner, keyed by the version so each save is announced. */
type Saved = { version: number; detail?: string };

/**
 * A program's settings (`/staff/program`, organizers): the window, the decision dates, places,
 * stipends and the contact address, as wall times of the program's zone; a change sends what
 * changed at the version read, and the history below says who changed what, when and why.
 */
export const SettingsPage = (props: { api: Api; config: ConsoleConfig }) => {
  const path = `/programs/${encodeURIComponent(props.config.programId)}/settings`;
  const [values, setValues] = useState<Record<string, string>>({});
  const [questions, setQuestions] = useState<QuestionDraft[]>([]);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Saved>();
  const [busy, setBusy] = useState(false);

  /** The settings as they stand, in the form: what was typed is replaced. */
  const reading = useRead(() => props.api.get<SettingsRead>(path), [path], {
    shown: (next) => {
      setValues(formValues(next.settings, next.timeZone));
      setQuestions(questionDrafts(next.settings.evaluation.questions));
    },
  });
  const read = reading.data;

  const refused = async (error: unknown) => {
    if (isVersionConflict(error)) {
      const fresh = await reading.reload().catch(() => undefined);
      return setProblems([
        {
          message: `Someone else changed the settings while you had them open. The form now shows them as they are (version ${fresh?.settingsVersion ?? '?'}): check them and make your change again.`,
        },
      ]);
    }
    const issues = issuesOf(error);
    if (issues.length) {
      const placed = placeIssues(issues);
      setErrors(placed.beside);
      return setProblems(placed.problems);
    }
    // A conflict with what already happened is one sentence, about no field in particular.
    setProblems([{ message: messageOf(error) }]);
  };

  const save = async () => {
    if (!read) return;
    setSaved(undefined);
    setErrors({});
    // Once the evaluation has opened its questions are shown, not edited, and go as they were read.
    const frozen = read.evaluationState === 'open' || read.evaluationState === 'closed';
    const asked = frozen ? undefined : questionsToSend(questions, read.settings.evaluation.questions);
    const body = settingsChange(read, values, note, asked);
    if (!body) return setProblems([{ message: 'Change a setting before saving' }]);
    setBusy(true);
    try {
      const answer = await props.api.put<SettingsSaved>(path, body);
      setProblems([]);
      setNote('');
      await reading.reload();
      setSaved({
        version: answer.settingsVersion,
        ...(answer.schedulesPending ? { detail: answer.schedulesPending } : {}),
      });
    } catch (error) {
      await refused(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="govuk-heading-l">Program settings</h1>
      <ErrorSummary problems={reading.problems(problems)} />
      {saved && (
        <Banner key={saved.version} message="Saved" {...(saved.detail ? { detail: saved.detail } : {})} />
      )}
      <Loading reading={reading} text="Loading the settings…" />
      {read && (
        <>
          <SummaryList
            id="settings-about"
            rows={[
              ['Time zone', `${zoneName(read.timeZone)} (${read.timeZone}): every time below is in it`],
              ['Version', read.settingsVersion],
            ]}
          />
          <SettingsForm
            timeZone={read.timeZone}
            values={values}
            errors={errors}
            note={note}
            busy={busy}
            evaluationState={read.evaluationState}
            questions={questions}
            onQuestions={setQuestions}
            onInput={(at, value) => setValues((typed) => ({ ...typed, [at]: value }))}
            onNote={setNote}
            onSave={() => void save()}
          />
          <SettingsHistory history={read.history} timeZone={read.timeZone} />
        </>
      )}
    </>
  );
};
