import { timingSafeEqual } from 'node:crypto';
import type { Group } from '#shared/domain/actor';

/** A seeded staff account of the local OpenID provider, as the user pool would hold it. */
export interface StaffAccount {
  /** Fixed, so a reviewer's reviews (keyed by `sub`) stay theirs across restarts. */
  sub: string;
  email: string;
  groups: Group[];
}

export const staffAccounts: readonly StaffAccount[] = [
  {
    sub: '0b5e2c9a-1f0e-4c7e-9a51-6d3f00000001',
    email: 'organizer@metlib.example.org',
    groups: ['organizers'],
  },
  ...[1, 2, 3].map(
    (n): StaffAccount => ({
      sub: `0b5e2c9a-1f0e-4c7e-9a51-6d3f0000001${n}`,
      email: `reviewer${n}@metlib.example.org`,
      groups: ['reviewers'],
    }),
  ),
];

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The account of this email (any case) if the password is the one all share, as Cognito checks it. */
export const authenticate = (
  email: string,
  password: string,
  expectedPassword: string,
): StaffAccount | undefined => {
  const account = staffAccounts.find((a) => a.email === email.trim().toLowerCase());
  return account && same(password, expectedPassword) ? account : undefined;
};

export const accountBySub = (sub: string) => staffAccounts.find((a) => a.sub === sub);

/** The claims an ID token carries for the account, as Cognito's do. */
export const accountClaims = (account: StaffAccount) => ({
  sub: account.sub,
  email: account.email,
  email_verified: true,
  'cognito:groups': account.groups,
  'cognito:username': account.sub,
});
