import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Api, makeApi } from './api.ts';
import { Auth, type ConsoleConfig, loadConfig, type SignedIn } from './auth.ts';
import { lazyPage } from './lazy-page.tsx';
import { NominationsPage } from './nominations-page.tsx';
import { ErrorSummary, Link, messageOf, type Navigate } from './ui.tsx';

// Every page but the list of nominations is fetched when first opened.
const AnnouncementsPage = lazyPage(() => import('./announcements-page.tsx').then((m) => m.AnnouncementsPage));
const AttendancePage = lazyPage(() => import('./attendance-page.tsx').then((m) => m.AttendancePage));
const CohortPage = lazyPage(() => import('./cohort-page.tsx').then((m) => m.CohortPage));
const EvaluationPage = lazyPage(() => import('./evaluation-page.tsx').then((m) => m.EvaluationPage));
const GroupsPage = lazyPage(() => import('./groups-page.tsx').then((m) => m.GroupsPage));
const NominationPage = lazyPage(() => import('./nomination-page.tsx').then((m) => m.NominationPage));
const PersonalDataPage = lazyPage(() => import('./personal-data-page.tsx').then((m) => m.PersonalDataPage));
const SettingsPage = lazyPage(() => import('./settings-page.tsx').then((m) => m.SettingsPage));
const TimelinePage = lazyPage(() => import('./timeline-page.tsx').then((m) => m.TimelinePage));

type Boot =
  | { kind: 'loading' }
  | { kind: 'redirecting' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; config: ConsoleConfig; auth: Auth; me: SignedIn };

/** Settings, then the callback of a sign-in if this is one, then the person: or off to sign in. */
const boot = async (): Promise<Boot> => {
  const config = await loadConfig();
  const auth = new Auth(config);
  if (location.pathname === '/staff/callback') history.replaceState(null, '', await auth.complete());
  const me = await auth.current();
  if (!me) {
    await auth.signIn();
    return { kind: 'redirecting' };
  }
  // The session ran out and could not be renewed: sign in again, back to this page.
  auth.manager.events.addAccessTokenExpired(() => void auth.signIn());
  return { kind: 'ready', config, auth, me };
};

/**
 * The console's sections, in its navigation; the timeline and the program's settings are for
 * organizers. Reviewers
 * see the mentoring groups and the attendance, which only organizers change, the
 * announcements, which only organizers write, and the evaluation's results.
 */
const sections = [
  ['/staff', 'Nominations'],
  ['/staff/cohort', 'Cohort'],
  ['/staff/groups', 'Mentoring groups'],
  ['/staff/announcements', 'Announcements'],
  ['/staff/attendance', 'Attendance'],
  ['/staff/evaluation', 'Evaluation'],
] as const;
const organizerSections = [
  ...sections,
  ['/staff/timeline', 'Timeline'],
  ['/staff/program', 'Program settings'],
] as const;

const where = () => ({ path: location.pathname, search: location.search });

export const App = () => {
  const [state, setState] = useState<Boot>({ kind: 'loading' });
  const [place, setPlace] = useState(where);
  useEffect(() => {
    boot().then(
      (booted) => {
        // A sign-in callback has replaced its address with the page the person was on.
        setPlace(where());
        setState(booted);
      },
      (error) => setState({ kind: 'failed', message: messageOf(error) }),
    );
    const onPop = () => setPlace(where());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate: Navigate = (url, options = {}) => {
    const from = location.pathname;
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    setPlace(where());
    // A new page starts at its top; a new view of the same page (a filter, a sort) stays put.
    if (location.pathname !== from) scrollTo(0, 0);
  };
  const ready = state.kind === 'ready' ? state : undefined;
  const api = useMemo<Api | undefined>(
    () =>
      ready &&
      makeApi(
        () => ready.me.idToken,
        () => ready.auth.signIn(),
      ),
    [ready],
  );
  const detail = /^\/staff\/nominations\/([^/]+)$/.exec(place.path);
  const organizer = ready?.me.role === 'Organizer';
  const personalData = ready?.config.features.personalData && organizer;
  return (
    <>
      <a href="#main-content" class="govuk-skip-link">
        Skip to main content
      </a>
      <header class="govuk-header">
        <div class="govuk-width-container govuk-header__container">
          <Link href="/staff" navigate={navigate} class="govuk-header__link govuk-header__service-name">
            MetLib staff console
          </Link>
          {/* While the session is read, the header says so where the account will show. */}
          {!ready && state.kind === 'loading' && (
            <div class="govuk-header__account">
              <span role="status">Loading…</span>
            </div>
          )}
          {ready && (
            <div class="govuk-header__account">
              <span>
                Signed in as <strong>{ready.me.email}</strong> ({ready.me.role})
              </span>
              {personalData && (
                <Link href="/staff/personal-data" navigate={navigate} class="govuk-header__link">
                  A person’s data
                </Link>
              )}
              <button type="button" class="govuk-header__button" onClick={() => void ready.auth.signOut()}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      {ready && (
        <nav class="app-service-nav" aria-label="Console">
          <ul class="govuk-width-container app-service-nav__list">
            {(organizer ? organizerSections : sections).map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  navigate={navigate}
                  class="app-service-nav__link"
                  current={place.path.replace(/\/$/, '') === href}
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {/* No main column until the session is read: an empty one would still move as the header grows. */}
      {state.kind !== 'loading' && (
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {state.kind === 'redirecting' ? (
              <p class="govuk-body" role="status">
                Signing you in…
              </p>
            ) : state.kind === 'failed' ? (
              <>
                <h1 class="govuk-heading-l">The console could not start</h1>
                <ErrorSummary problems={[{ message: state.message }]} />
              </>
            ) : api && personalData && place.path === '/staff/personal-data' ? (
              <PersonalDataPage api={api} navigate={navigate} />
            ) : api && organizer && place.path === '/staff/timeline' ? (
              <TimelinePage api={api} config={state.config} search={place.search} navigate={navigate} />
            ) : api && organizer && place.path === '/staff/program' ? (
              <SettingsPage api={api} config={state.config} />
            ) : api && place.path === '/staff/groups' ? (
              <GroupsPage api={api} config={state.config} organizer={organizer} />
            ) : api && place.path === '/staff/announcements' ? (
              <AnnouncementsPage api={api} config={state.config} organizer={organizer} />
            ) : api && place.path === '/staff/attendance' ? (
              <AttendancePage
                api={api}
                config={state.config}
                organizer={organizer}
                search={place.search}
                navigate={navigate}
              />
            ) : api && place.path === '/staff/evaluation' ? (
              <EvaluationPage api={api} config={state.config} />
            ) : api && place.path === '/staff/cohort' ? (
              <CohortPage api={api} config={state.config} navigate={navigate} />
            ) : api && detail?.[1] ? (
              <NominationPage
                id={decodeURIComponent(detail[1])}
                api={api}
                config={state.config}
                me={state.me}
                navigate={navigate}
              />
            ) : api ? (
              <NominationsPage
                api={api}
                config={state.config}
                me={state.me}
                search={place.search}
                navigate={navigate}
              />
            ) : null}
          </main>
        </div>
      )}
    </>
  );
};
