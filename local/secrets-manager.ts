import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
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

/** The link secret kept in a file, made on first use, so links in sent emails outlive a restart. */
export const loadOrCreateLinkSecret = async (file: string): Promise<string> => {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, secret, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch {
    return (await readFile(file, 'utf8')).trim();
  }
};
