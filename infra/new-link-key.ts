import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { commandLine } from '#local/command-line';
import { newLinkKeyPair } from '#shared/adapters/link-key-pair';

const help = `Usage: npm run --silent link-key -- --out <file>

Makes a new ES256 key pair for signing links (docs/link-keys.md). Writes the private key (a JWK)
to <file>, readable by you alone, for Secrets Manager; prints its public half, to add to
linkPublicKeys in the stage's settings. Never commit the private key, and delete the file once it
is in the secret.
`;

const { values, usageError } = commandLine(help, { out: { type: 'string' } });
const out = values.out ?? usageError('Give --out, the file to write the private key to.');
const { privateJwk, publicKey } = newLinkKeyPair();
try {
  // wx: never overwrite a key file, which may hold the key links are being signed with.
  await writeFile(out, `${privateJwk}\n`, { flag: 'wx', mode: 0o600 });
} catch (error) {
  usageError(`Could not write ${out}: ${(error as Error).message}`);
}
process.stderr.write(`The private key (kid ${publicKey.kid}) is in ${resolve(out)}.\n`);
process.stdout.write(`${JSON.stringify(publicKey)}\n`);
