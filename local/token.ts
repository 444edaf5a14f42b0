import { programs } from '#events/programs/index';
import { groups, programGroupName } from '#shared/domain/actor';
import { commandLine } from './command-line.ts';
import { loadOrCreateSigningKey, signToken } from './jwt.ts';
import { localDefaults } from './settings.ts';

const help = `Usage: npm run --silent token -- --group organizers|reviewers --email you@example.org [--expires 12h]

A group holds in every program; organizers:<program> or reviewers:<program> (for example
reviewers:metlib-2024) in that program only. --group may be given more than once.

Prints a token the local stack accepts (signed with the key in .local/keys/, issuer
metlib-local-token, which only the local gateway trusts), and nothing else, so it can go
straight into a variable:  TOKEN=$(npm run --silent token -- --group organizers --email a@example.org)
`;

const { values, usageError } = commandLine(help, {
  group: { type: 'string', multiple: true, default: [] },
  email: { type: 'string' },
  expires: { type: 'string', default: '12h' },
});
const known = new Set<string>([
  ...groups,
  ...groups.flatMap((g) => [...programs.keys()].map((p) => programGroupName(g, p))),
]);
const unknown = values.group.filter((g) => !known.has(g));
const email =
  (values.group.length > 0 && unknown.length === 0 && values.email) ||
  usageError(
    `${unknown.length ? `Unknown group ${unknown.join(', ')}. ` : ''}Give --group (${groups.join(' or ')}) and --email.`,
  );

const key = await loadOrCreateSigningKey(localDefaults.keyFile);
process.stdout.write(`${await signToken(key, { groups: values.group, email, expiresIn: values.expires })}\n`);
