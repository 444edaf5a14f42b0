import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SchedulerApi } from './api.ts';
import type { DeadLetter, Invocation } from './firing.ts';
import { ApiError, serializationError, validationError } from './validation.ts';

/** What the local-only routes show a person about fired and failed schedules. */
export interface FiringLog {
  invocations(): readonly Invocation[];
  deadLetters(): readonly DeadLetter[];
}

const readJsonObject = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw serializationError('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
};

/** The name in a path such as /schedules/{name}, decoded. */
const pathName = (match: RegExpExecArray | null) => {
  try {
    return decodeURIComponent(match?.[1] ?? '');
  } catch {
    throw validationError('The name in the path is not valid.');
  }
};

/** The REST-JSON routes @aws-sdk/client-scheduler calls, answering as AWS does. */
const route = async (api: SchedulerApi, log: FiringLog, req: IncomingMessage): Promise<unknown> => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const query = url.searchParams;
  const body = await readJsonObject(req);
  const scheduleMatch = /^\/schedules\/([^/]+)$/.exec(url.pathname);
  const groupMatch = /^\/schedule-groups\/([^/]+)$/.exec(url.pathname);
  const name = pathName(scheduleMatch ?? groupMatch);
  const groupName = query.get('groupName') ?? undefined;
  if (scheduleMatch) {
    if (method === 'POST') return api.putSchedule(name, body, 'create');
    if (method === 'PUT') return api.putSchedule(name, body, 'update');
    if (method === 'GET') return api.getSchedule(name, groupName);
    if (method === 'DELETE') return api.deleteSchedule(name, groupName);
  }
  if (url.pathname === '/schedules' && method === 'GET') return api.listSchedules(query);
  if (groupMatch) {
    if (method === 'POST') return { ScheduleGroupArn: api.createGroup(name).Arn };
    if (method === 'GET') return api.getGroup(name);
    if (method === 'DELETE') return api.deleteGroup(name);
  }
  if (url.pathname === '/schedule-groups' && method === 'GET') return api.listGroups(query.get('NamePrefix'));
  // Not AWS: what the local stack shows a person about fired and failed schedules.
  if (url.pathname === '/_local/dead-letters' && method === 'GET') return { deadLetters: log.deadLetters() };
  if (url.pathname === '/_local/invocations' && method === 'GET') return { invocations: log.invocations() };
  throw new ApiError(404, 'UnknownOperationException', `No operation ${method} ${url.pathname}.`);
};

/** The request listener of the emulator's HTTP server. */
export const schedulerRoutes =
  (api: SchedulerApi, log: FiringLog) => async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      send(200, await route(api, log, req));
    } catch (error) {
      if (error instanceof ApiError) {
        send(error.status, { Message: error.message }, { 'x-amzn-errortype': error.type });
      } else {
        send(500, { Message: 'Internal error' }, { 'x-amzn-errortype': 'InternalServerException' });
      }
    }
  };
