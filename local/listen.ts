import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server that listens, and how to reach and stop it. */
export interface Listening {
  /** The port asked for, or the free one chosen when 0 was asked for. */
  port: number;
  /** `http://<host>:<port>` */
  url: string;
  /** Stops listening and ends open connections too: a keep-alive client would hold close() open. */
  close(): Promise<void>;
}

/** The sentence for a port someone else holds: which port, for what, and what to do. */
export const portTakenError = (port: number, what: string) =>
  new Error(
    `Port ${port} for ${what} is already in use. Stop whatever uses it, or choose another port (see --help).`,
  );

/** Closes a listening server, ending the connections still open. */
export const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    // A server that is not listening (any more) answers with an error: it is closed all the same.
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * Listens on `port` (0 for any free one) on the loopback interface unless `host` says otherwise,
 * turning "port taken" into a sentence that names `what` wanted it.
 */
export const listen = (
  server: Server,
  options: { port: number; host?: string; what: string },
): Promise<Listening> => {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portTakenError(options.port, options.what) : error);
    server.once('error', failed);
    server.listen(options.port, host, () => {
      server.off('error', failed);
      const { port } = server.address() as AddressInfo;
      resolve({ port, url: `http://${host}:${port}`, close: () => closeServer(server) });
    });
  });
};

/** Throws the "port taken" sentence now, before a child process given `port` fails less clearly. */
export const assertPortFree = async (port: number, what: string) => {
  await (await listen(createServer(), { port, what })).close();
};

/** A port nothing listens on right now, for a process that must be told its port. */
export const freePort = async () => {
  const probe = await listen(createServer(), { port: 0, what: 'a free port' });
  await probe.close();
  return probe.port;
};
