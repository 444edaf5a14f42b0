/**
 * A program's settings as the API answers them, and what the console works out from them, kept
 * apart from the components so it is tested without a browser: the values as the form shows
 * them (instants as wall times in the program's zone), the body of a change, the API's issues
 * placed on the fields, and each change of the history in words.
 */
import type { ProgramSettings } from '#shared/domain/program-settings';
import type { SettingsAudit } from '#shared/ports';
import type { Issue, SettingsRead, SettingsSaved } from './contract.ts';
import {
  describeQuestionChanges,
  type EvaluationQuestion,
  placeQuestionIssue,
  questionsChanged,
} from './evaluation-questions-view.ts';

/** What `GET` and `PUT /programs/{programId}/settings` answer. */
export type { ProgramSettings, SettingsAudit, SettingsRead, SettingsSaved };

export type SettingKind = 'instant' | 'date' | 'count' | 'email';

/** A setting as the form and the history name it: where it is in the settings, its label, its kind. */
export interface SettingField {
  path: string;
  label: string;
  /** Its label inside the fieldset of its group, where the legend says the rest. */
  short?: string;
  kind: SettingKind;
}

/** Every setting an organizer changes, in the form's order. */
export const settingFields: readonly SettingField[] = [
  { path: 'nominationWindow.opensAt', label: 'Nominations open', kind: 'instant' },
  { path: 'nominationWindow.closesAt', label: 'Nominations close', kind: 'instant' },
  { path: 'decisionsDueAt', label: 'Decisions due', kind: 'instant' },
  { path: 'lateDecisionsBy', label: 'Undecided applicants hear by', kind: 'date' },
  { path: 'reserveUntil', label: 'Reserve list holds until', kind: 'date' },
  { path: 'capacity.min', label: 'Minimum places', short: 'Minimum', kind: 'count' },
  { path: 'capacity.max', label: 'Maximum places', short: 'Maximum', kind: 'count' },
  { path: 'travelStipends.min', label: 'Minimum travel stipends', short: 'Minimum', kind: 'count' },
  { path: 'travelStipends.max', label: 'Maximum travel stipends', short: 'Maximum', kind: 'count' },
  { path: 'contactEmail', label: 'Contact address', kind: 'email' },
  { path: 'certificateRule.meetingsAttended', label: 'Meetings attended for the certificate', kind: 'count' },
  // Shown in the form's Evaluation section, with the questions.
  { path: 'evaluation.closesOn', label: 'Evaluation closes', short: 'Closing day', kind: 'date' },
];

/** The settings made of several values, each shown as a fieldset with this legend. */
export const settingGroups: Record<string, string> = {
  nominationWindow: 'Nomination window',
  capacity: 'Places',
  travelStipends: 'Travel stipends',
};

/** The id of a setting's input (and of the note's: `note`), as the error summary links to it. */
export const settingId = (path: string) => `setting-${path.replace('.', '-')}`;

const valueAt = (settings: Partial<ProgramSettings>, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], settings);

/** The parts of a date as the zone's clock and calendar show it, by type. */
const partsIn = (date: Date, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, ...options })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const inWordsOfDay = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;

/** "New York time" for America/New_York: how people name a zone. */
export const zoneName = (timeZone: string) =>
  timeZone === 'UTC' || timeZone === 'Etc/UTC'
    ? 'UTC'
    : `${(timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ')} time`;

/** The wall time an instant is in the zone, as `<input type="datetime-local">` takes it: 2024-02-15T23:59. */
export const wallTime = (instant: string, timeZone: string) => {
  const p = partsIn(new Date(instant), timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...clock,
  });
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};

/** An instant as people write it, in the zone: "Thursday 15 February 2024, 23:59". */
export const formatWhen = (instant: string, timeZone: string) => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const p = partsIn(date, timeZone, { ...inWordsOfDay, ...clock });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
};

/** A calendar date (2024-03-01), the same day everywhere: "Friday 1 March 2024". */
export const formatDay = (date: string) => {
  const day = new Date(`${date}T12:00:00Z`);
  // Not a day of the calendar (2024-02-30 would roll over to March): shown as it is.
  if (Number.isNaN(day.getTime()) || !day.toISOString().startsWith(date)) return date;
  const p = partsIn(day, 'UTC', inWordsOfDay);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
};

const shown = (field: SettingField, value: unknown, timeZone: string) =>
  value === undefined || value === null
    ? ''
    : field.kind === 'instant'
      ? wallTime(String(value), timeZone)
      : String(value);

/** The form's values for these settings, by path. */
export const formValues = (settings: ProgramSettings, timeZone: string): Record<string, string> =>
  Object.fromEntries(settingFields.map((f) => [f.path, shown(f, valueAt(settings, f.path), timeZone)]));

/** Whether the form shows something else than the settings read. */
const edited = (field: SettingField, typed: string, was: string) =>
  field.kind === 'count' || field.kind === 'email' ? typed.trim() !== was : typed !== was;

/**
 * A count as a number when it is one; anything else as typed, for the API to say what is wrong
 * with it rather than the console guessing.
 */
const sent = (field: SettingField, typed: string): unknown => {
  const value = field.kind === 'count' || field.kind === 'email' ? typed.trim() : typed;
  return field.kind === 'count' && /^\d+$/.test(value) ? Number(value) : value;
};

/**
 * The body of `PUT …/settings`: only the settings that changed, with the version read and the
 * note. A setting made of several values goes whole, its unchanged values as they were read
 * (an instant in its stored spelling, so 23:59:59 does not become 23:59 unasked); the evaluation
 * with the questions given, when they are not those read. Undefined when nothing changed.
 */
export const settingsChange = (
  read: Pick<SettingsRead, 'settings' | 'timeZone' | 'settingsVersion'>,
  values: Record<string, string>,
  note: string,
  questions?: readonly EvaluationQuestion[],
): Record<string, unknown> | undefined => {
  const before = formValues(read.settings, read.timeZone);
  const body: Record<string, unknown> = {};
  for (const field of settingFields) {
    const typed = values[field.path] ?? before[field.path] ?? '';
    if (!edited(field, typed, before[field.path] ?? '')) continue;
    const [key, part] = field.path.split('.') as [keyof ProgramSettings, string | undefined];
    if (!part) {
      body[key] = sent(field, typed);
      continue;
    }
    body[key] = { ...(body[key] ?? (read.settings[key] as object)), [part]: sent(field, typed) };
  }
  if (questions && questionsChanged(questions, read.settings.evaluation.questions)) {
    body.evaluation = { ...(body.evaluation ?? read.settings.evaluation), questions };
  }
  if (Object.keys(body).length === 0) return undefined;
  return { ...body, expectedVersion: read.settingsVersion, ...(note.trim() ? { note: note.trim() } : {}) };
};

/** An issue of a 400, as the API words it: a dotted path, and a sentence. */
export type { Issue };

/**
 * The API's issues placed on the form: each in the error summary, named by its setting and linked
 * to its input (a group's issue to the group's first input), and by path beside the field.
 */
export const placeIssues = (issues: readonly Issue[]) => {
  const beside: Record<string, string> = {};
  const problems = issues.map((issue) => {
    const field = settingFields.find((f) => f.path === issue.path);
    const group = Object.hasOwn(settingGroups, issue.path) ? settingGroups[issue.path] : undefined;
    const first = group ? settingFields.find((f) => f.path.startsWith(`${issue.path}.`)) : undefined;
    const label = field?.label ?? group ?? (issue.path === 'note' ? 'Note' : undefined);
    const target = field?.path ?? first?.path ?? (issue.path === 'note' ? 'note' : undefined);
    const question = placeQuestionIssue(issue.path);
    if (question) {
      beside[question.beside] = beside[question.beside]
        ? `${beside[question.beside]}; ${issue.message}`
        : issue.message;
      return { message: `${question.label}: ${issue.message}`, field: question.field };
    }
    if (!label || !target) return { message: issue.message };
    beside[issue.path] = beside[issue.path] ? `${beside[issue.path]}; ${issue.message}` : issue.message;
    return { message: `${label}: ${issue.message}`, field: settingId(target) };
  });
  return { problems, beside };
};

const inWords = (field: SettingField, value: unknown, timeZone: string) =>
  value === undefined || value === null || value === ''
    ? 'not set'
    : field.kind === 'instant'
      ? formatWhen(String(value), timeZone)
      : field.kind === 'date'
        ? formatDay(String(value))
        : String(value);

const same = (field: SettingField, a: unknown, b: unknown) =>
  field.kind === 'instant' && typeof a === 'string' && typeof b === 'string'
    ? Date.parse(a) === Date.parse(b)
    : a === b;

/**
 * A change of the history in words, a line a setting: "Nominations close: … → …"; then what
 * became of the evaluation's questions.
 */
export const describeChange = (changes: SettingsAudit['changes'], timeZone: string): string[] => [
  ...settingFields.flatMap((field) => {
    const was = valueAt(changes.before, field.path);
    const is = valueAt(changes.after, field.path);
    if ((was === undefined && is === undefined) || same(field, was, is)) return [];
    return [`${field.label}: ${inWords(field, was, timeZone)} → ${inWords(field, is, timeZone)}`];
  }),
  ...describeQuestionChanges(changes.before.evaluation?.questions, changes.after.evaluation?.questions),
];
