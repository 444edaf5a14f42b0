import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { newLinkKeyPair } from '#shared/adapters/link-key-pair';
import { parsePublicLinkKeys } from '#shared/domain/link-keys';
import { type Listening, listen } from './listen.ts';

/**
 * Secrets Manager's GetSecretValue over its own wire protocol (AWS JSON 1.1), for the secrets the
 * local stack holds: the functions read their secrets through the same SDK call and Powertools
 * cache as on AWS. Nothing else of Secrets Manager is needed, so nothing else is here.
 */
export const startSecretsManagerEmulator = async (options: {
  port: number;
  secrets: Record<string, string>;
}): Promise<Listening> => {
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer(async (req, res) => {
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
      return answer(res, 400, { __type: 'InvalidRequestException', message: `Unsupported: ${target}` });
    }
    let secretId: unknown;
    try {
      secretId = (JSON.parse(await read(req)) as { SecretId?: unknown }).SecretId;
    } catch {
      return answer(res, 400, { __type: 'InvalidRequestException', message: 'The body is not JSON' });
    }
    const value = typeof secretId === 'string' ? options.secrets[secretId] : undefined;
    if (value === undefined) {
      return answer(res, 400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
    }
    answer(res, 200, {
      ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${secretId}`,
      Name: secretId,
      SecretString: value,
      VersionId: '00000000-0000-0000-0000-000000000001',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_700_000_000,
    });
  });
  return listen(server, { port: options.port, what: 'the Secrets Manager emulator' });
};

/**
 * The key that signs links, kept in a file (a private JWK) and made on first use, so links in
 * sent emails outlive a restart; with its public half, the local stack's one public key.
 */
export const loadOrCreateLinkKey = async (
  file: string,
): Promise<{ privateJwk: string; publicKeys: string }> => {
  const withPublic = (privateJwk: string) => {
    const { kty, crv, x, y, kid } = JSON.parse(privateJwk) as Record<string, unknown>;
    const publicKeys = JSON.stringify([{ kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }]);
    // A file of another shape (the secret of HS256 days) is refused here, naming what is wrong.
    parsePublicLinkKeys(publicKeys);
    return { privateJwk, publicKeys };
  };
  let text: string | undefined;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    try {
      return withPublic(text);
    } catch (error) {
      throw new Error(`${file} does not hold a link signing key (delete it for a new one): ${error}`);
    }
  }
  const { privateJwk } = newLinkKeyPair();
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, privateJwk, { flag: 'wx', mode: 0o600 });
    return withPublic(privateJwk);
  } catch {
    // Another stack of this run made it first: use theirs.
    return withPublic((await readFile(file, 'utf8')).trim());
  }
};
