import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { calendarInvite } from '../../shared/documents/calendar-invite.ts';
import { publicTimeline, type TimelineEvent } from '../../shared/domain/program.ts';
import { programSchema } from '../../shared/domain/program-schema.ts';
import { reminderEmail } from '../../shared/email/timeline-templates.ts';
import { sampleNomination } from '../support/fixtures.ts';

const joinUrl = 'https://meet.example.org/metlib-april?pwd=s3cret';
const april = {
  ...(metlib2024.timeline[0] as TimelineEvent),
  agenda: 'Round of projects\nGuest: a city’s cultural strategy',
  readings: [{ title: 'Culture in the city', url: 'https://example.org/culture.pdf' }],
  joinUrl,
};
const program = { ...metlib2024, timeline: [april, ...metlib2024.timeline.slice(1)] };

describe('a meeting’s theme, facilitator, readings and join link', () => {
  it('are in the reminder and the invitation, for participants', () => {
    const invite = calendarInvite(program, april) as string;
    const email = reminderEmail(program, april, sampleNomination(), invite, 7);
    expect(email.text).toContain('Theme: Urban Creativity and Culture.');
    expect(email.text).toContain('Facilitated by Tommi Laitio.');
    expect(email.text).toContain('- Culture in the city: https://example.org/culture.pdf');
    expect(email.text).toContain(`Join: ${joinUrl}`);
    expect(invite).toContain('URL:https://meet.example.org/metlib-april?pwd=s3cret');
    expect(invite.replace(/\r\n /g, '')).toContain('DESCRIPTION:Theme: Urban Creativity and Culture.');
  });

  it('keep the join link out of the public timeline', () => {
    expect(JSON.stringify(publicTimeline(program.timeline))).not.toContain('meet.example.org');
    expect(publicTimeline(program.timeline)[0]).toMatchObject({ theme: 'urban-creativity-and-culture' });
  });

  it('refuse a theme the program does not have and a join link that is not https', () => {
    const wrong = programSchema.safeParse({
      ...program,
      timeline: [
        { ...april, theme: 'space-travel', joinUrl: 'http://meet.example.org/x' },
        ...program.timeline.slice(1),
      ],
    });
    const issues = new Set(wrong.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    expect(issues).toContain('timeline.0.joinUrl: the join link must be an https link');
    expect([...issues].some((i) => i.startsWith('timeline.0.theme: "space-travel" is not one of'))).toBe(
      true,
    );
    const theme = programSchema.safeParse({
      ...program,
      timeline: [{ ...april, theme: 'space-travel' }, ...program.timeline.slice(1)],
    });
    expect(theme.error?.issues[0]?.message).toMatch(/^"space-travel" is not one of the program's themes/);
  });
});
