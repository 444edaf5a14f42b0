import type { Program } from '#shared/domain/program';

const meeting = (id: string, at: string, theme: string) =>
  ({
    id,
    kind: 'meeting',
    title: 'Monthly online meeting',
    when: { at, durationMinutes: 120 },
    theme,
    facilitator: 'Tommi Laitio',
  }) as const;

const mentoring = (id: string, month: string) =>
  ({ id, kind: 'mentoring', title: 'Leadership group mentoring', when: { month } }) as const;

/**
 * The MetLib Learning Circle 2024, from the call for nominations
 * (../shared/seed/metlib-learning-circle-2024.txt in the design notes).
 *
 * The call's prose says meetings are "on the first Tuesday of each month … starting Tuesday
 * 3 March", but 3 March 2024 is a Sunday and every dated meeting in its own timeline is a Tuesday
 * from 9 April on. The dated timeline wins. "9 AM/9:00 EST" is read as New York time, which
 * follows daylight saving (EDT from 10 March 2024).
 *
 * The call lists ten themes and has ten monthly meetings; they are given the themes in the order
 * the call lists them, for organizers to rearrange. Tommi Laitio, who signs the call, facilitates.
 * Join links are private and are set by organizers through the timeline, never in this file.
 *
 * The call gives no opening date; nominations are accepted from 8 January 2024 and close at the
 * end of 15 February 2024, New York time. It dates the evaluation and the certificates only by
 * month: the evaluation request goes out the day after the last meeting (5 March 2025) and the
 * certificates at the end of March (31 March 2025). Mentoring sessions have no date yet; they
 * get reminders once organizers set one.
 */
export const metlib2024: Program = {
  id: 'metlib-2024',
  name: 'MetLib Learning Circle 2024',
  organizer: 'IFLA Metropolitan Libraries Section',
  timeZone: 'America/New_York',
  nominationWindow: { opensAt: '2024-01-08T00:00:00-05:00', closesAt: '2024-02-15T23:59:59-05:00' },
  decisionsDueAt: '2024-02-19T09:00:00-05:00',
  // The call sets neither: a late decision within two weeks, and a reserve list that holds
  // through the second meeting (14 May), so a replacement still has most of the year.
  lateDecisionsBy: '2024-03-01',
  reserveUntil: '2024-05-31',
  capacity: { min: 15, max: 20 },
  travelStipends: { min: 1, max: 3 },
  eligibility: {
    minCityPopulationExclusive: 400_000,
    requirements: [
      'The library serves an urban area with a population of more than 400,000.',
      'The candidate leads an urban transformation project.',
      'The candidate can use working hours for the program.',
      'The candidate commits to active participation throughout the year.',
      'The candidate can take part in professional exchange in English.',
    ],
  },
  themes: [
    { slug: 'urban-creativity-and-culture', label: 'Urban Creativity and Culture' },
    { slug: 'public-safety', label: 'Public Safety' },
    { slug: 'urban-mobility', label: 'Urban Mobility' },
    { slug: 'equity-and-inclusion', label: 'Equity and Inclusion' },
    { slug: 'crisis-preparedness', label: 'Crisis Preparedness' },
    { slug: 'urban-planning-and-real-estate', label: 'Urban Planning and Real Estate Development' },
    { slug: 'public-private-partnerships', label: 'Public-Private Partnerships' },
    { slug: 'health-and-economic-impacts', label: 'Health and Economic Impacts of Libraries' },
    { slug: 'community-partnerships', label: 'Community Partnerships' },
    { slug: 'civic-engagement', label: 'Civic Engagement' },
  ],
  projectTypes: [
    { slug: 'branch-development', label: 'Branch development' },
    { slug: 'new-main-library', label: 'New main library' },
    { slug: 'new-major-branch', label: 'New major branch' },
    { slug: 'strategic-development', label: 'Strategic development' },
    { slug: 'partnerships', label: 'Partnerships' },
    { slug: 'other', label: 'Other' },
  ],
  timeline: [
    meeting('meeting-2024-04', '2024-04-09T09:00', 'urban-creativity-and-culture'),
    meeting('meeting-2024-05', '2024-05-14T09:00', 'public-safety'),
    mentoring('mentoring-2024-05', '2024-05'),
    meeting('meeting-2024-06', '2024-06-11T09:00', 'urban-mobility'),
    meeting('meeting-2024-07', '2024-07-09T09:00', 'equity-and-inclusion'),
    {
      id: 'summer-break-2024',
      kind: 'break',
      title: 'Summer break (no meeting)',
      when: { month: '2024-08' },
    },
    meeting('meeting-2024-09', '2024-09-10T09:00', 'crisis-preparedness'),
    mentoring('mentoring-2024-09', '2024-09'),
    {
      id: 'conference-2024',
      kind: 'conference',
      title: 'MetLib Conference',
      when: { from: '2024-10-06', to: '2024-10-10' },
      timeZone: 'Europe/Madrid',
      location: 'Barcelona, Spain',
    },
    meeting('meeting-2024-11', '2024-11-12T09:00', 'urban-planning-and-real-estate'),
    meeting('meeting-2024-12', '2024-12-10T09:00', 'public-private-partnerships'),
    meeting('meeting-2025-01', '2025-01-14T09:00', 'health-and-economic-impacts'),
    meeting('meeting-2025-02', '2025-02-11T09:00', 'community-partnerships'),
    mentoring('mentoring-2025-02', '2025-02'),
    meeting('meeting-2025-03', '2025-03-04T09:00', 'civic-engagement'),
    {
      id: 'evaluation-2025',
      kind: 'evaluation',
      title: 'Program evaluation',
      when: { at: '2025-03-05T09:00' },
    },
    {
      id: 'certificates-2025',
      kind: 'certificates',
      title: 'Participation certificates',
      when: { at: '2025-03-31T09:00' },
    },
  ],
  reminderDaysBefore: { meeting: [7, 1], mentoring: [7, 1], conference: [30, 7] },
  reminderTimeOfDay: '09:00',
  decisionReadinessDaysBefore: 2,
  // The call names its facilitator's address; this project's example domain stands in for it.
  contactEmail: 'learning-circle@metlib.example.org',
  // The call names no survey. Three weeks to answer; the 2023 cohort's headline figure was the
  // share who would recommend the program to a colleague, so it is asked again.
  evaluation: {
    closesOn: '2025-03-26',
    questions: [
      { id: 'overall', kind: 'rating', text: 'How useful was the learning circle for your work?' },
      { id: 'meetings', kind: 'rating', text: 'How valuable were the monthly meetings?' },
      { id: 'mentoring', kind: 'rating', text: 'How valuable was the group mentoring?' },
      { id: 'conference', kind: 'rating', text: 'How valuable was the workshop at the MetLib Conference?' },
      { id: 'learned', kind: 'text', text: 'What did you learn that you will use in your work?' },
      { id: 'improve', kind: 'text', text: 'What should the next cohort’s program do differently?' },
      { id: 'recommend', kind: 'recommend', text: 'Would you recommend the learning circle to a colleague?' },
    ],
  },
  certificateSignatory: 'Tommi Laitio, facilitator, for the IFLA Metropolitan Libraries Section',
  // The call asks for "active participation throughout the year" and sets no number: seven of the
  // ten meetings, as organizers of such programs commonly ask, until organizers change it.
  certificateRule: { meetingsAttended: 7 },
  personalData: {
    contactEmail: 'privacy@metlib.example.org',
    monthsAfterDecision: 6,
    monthsAfterCertificates: 12,
  },
};
