import { useRef, useState } from 'preact/hooks';
import { AnnouncementForm } from './announcement-form.tsx';
import { AnnouncementPreviewPanel } from './announcement-preview.tsx';
import { AnnouncementsList } from './announcements-list.tsx';
import {
  type AnnouncementDraft,
  type AnnouncementPreview,
  type AnnouncementSent,
  announcementBody,
  combineSent,
  type FieldPath,
  newDraft,
  placeIssues,
  sentBanner,
} from './announcements-view.ts';
import { type Api, issuesOf, sessionEnded, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import type { AnnouncementsRead, GroupsRead } from './contract.ts';
import { Banner, ErrorSummary, formatInstant, messageOf, type Problem, SummaryList } from './ui.tsx';

type Stage =
  | { kind: 'form'; returned?: boolean }
  | { kind: 'preview'; preview: AnnouncementPreview }
  | { kind: 'sent'; sent: AnnouncementSent };

/** A new announcement: its id, made once here, goes with its preview and every send of it. */
const started = () => newDraft(crypto.randomUUID());

/**
 * Announcements (`/staff/announcements`): organizers write to the participants, a mentoring group,
 * the reserve list or every applicant, see whom it reaches and the email as the first of them
 * will read it, then send it; everyone on the staff reads the announcements sent. The page makes
 * the announcement's id when it is started, so a second click or a retry sends it once.
 */
export const AnnouncementsPage = (props: { api: Api; config: ConsoleConfig; organizer: boolean }) => {
  const path = `/programs/${encodeURIComponent(props.config.programId)}/announcements`;
  const list = useRead(() => props.api.get<AnnouncementsRead>(path), [path]);
  // The groups as they are now (read again after a send): a group's members may have changed.
  const groupsRead = useRead(
    async () =>
      props.organizer
        ? props.api.get<GroupsRead>(
            `/programs/${encodeURIComponent(props.config.programId)}/mentoring-groups`,
          )
        : undefined,
    [path, props.organizer],
  );
  const announcements = list.data?.announcements;
  // Until they are read, the group choice says so rather than that there is none.
  const groups = groupsRead.data?.groups ?? (groupsRead.failure.length ? [] : undefined);
  const [draft, setDraft] = useState<AnnouncementDraft>(started);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Partial<Record<FieldPath, string>>>({});
  const [busy, setBusy] = useState(false);
  // The announcement on screen: an answer for one left behind changes nothing but the list.
  const current = useRef(draft.id);

  /** A refusal: a 400's issues on their fields (back to the form), anything else in the API's words. */
  const refused = (error: unknown, sent: AnnouncementDraft) => {
    if (sessionEnded(error)) return;
    const issues = issuesOf(error);
    if (issues.length) {
      const placed = placeIssues(issues, sent);
      setErrors(placed.beside);
      setProblems(placed.problems);
      setStage({ kind: 'form' });
      return;
    }
    setProblems([{ message: messageOf(error) }]);
  };

  const preview = async () => {
    setBusy(true);
    try {
      const answer = await props.api.post<AnnouncementPreview>(`${path}/preview`, announcementBody(draft));
      setErrors({});
      setProblems([]);
      setStage({ kind: 'preview', preview: answer });
    } catch (error) {
      refused(error, draft);
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    setBusy(true);
    try {
      const answer = await props.api.post<AnnouncementSent>(path, announcementBody(draft));
      if (answer.id === current.current) {
        setProblems([]);
        // Two answers for this one announcement (a double click) are one send.
        setStage((was) => ({
          kind: 'sent',
          sent: combineSent(was.kind === 'sent' ? was.sent : undefined, answer),
        }));
      }
    } catch (error) {
      refused(error, draft);
    } finally {
      setBusy(false);
      void list.refresh();
      void groupsRead.refresh();
    }
  };

  /** A new announcement: empty, or with the text on screen when the one it was began has gone. */
  const startAnother = (keepText = false) => {
    const next = keepText ? { ...draft, id: crypto.randomUUID() } : started();
    current.current = next.id;
    setDraft(next);
    setErrors({});
    setProblems([]);
    setStage({ kind: 'form', returned: true });
  };

  // The announcement on screen was sent already (an answer lost, then its text changed): its id is
  // spent, and the API refuses other text under it. The organizer starts a new one, keeping the text.
  const spent = stage.kind !== 'sent' ? announcements?.find((a) => a.id === draft.id) : undefined;

  const banner = stage.kind === 'sent' ? sentBanner(stage.sent) : undefined;
  return (
    <>
      <h1 class="govuk-heading-l">Announcements</h1>
      <ErrorSummary problems={list.problems(groupsRead.problems(problems))} />
      {stage.kind === 'sent' && banner && (
        <Banner
          key={stage.sent.id}
          message={banner.message}
          {...(banner.detail ? { detail: banner.detail } : {})}
        />
      )}
      {!props.organizer && (
        <p class="govuk-body">
          Organizers write to the participants, a mentoring group, the reserve list or every applicant here.
          These are the announcements sent.
        </p>
      )}
      {props.organizer && spent && (
        <div class="app-panel" id="announcement-spent">
          <p class="govuk-body">
            This announcement was sent on {formatInstant(spent.sentAt)} as “{spent.subject}”. Sending it again
            sends nothing twice; to send a changed text, start a new announcement with it.
          </p>
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={() => startAnother(true)}
          >
            Start a new announcement with this text
          </button>
        </div>
      )}
      {props.organizer && stage.kind === 'form' && (
        <AnnouncementForm
          key={draft.id}
          draft={draft}
          groups={groups}
          errors={errors}
          busy={busy}
          returned={stage.returned ?? false}
          onChange={(change) => setDraft((was) => ({ ...was, ...change }))}
          onPreview={() => void preview()}
        />
      )}
      {props.organizer && stage.kind === 'preview' && (
        <AnnouncementPreviewPanel
          preview={stage.preview}
          busy={busy}
          onSend={() => void send()}
          onChange={() => {
            setProblems([]);
            setStage({ kind: 'form', returned: true });
          }}
        />
      )}
      {props.organizer && stage.kind === 'sent' && (
        <div class="app-panel" id="announcement-sent">
          <SummaryList
            rows={[
              ['To', stage.sent.audience],
              ['Subject', stage.sent.subject],
            ]}
          />
          <button type="button" class="govuk-button govuk-button--secondary" onClick={() => startAnother()}>
            Write another announcement
          </button>
        </div>
      )}
      <AnnouncementsList announcements={announcements} />
    </>
  );
};
