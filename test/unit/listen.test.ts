import { createServer, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort, listen } from '../../local/listen.ts';

describe('listening', () => {
  it('takes a free port for 0 and says which', async () => {
    const server = await listen(
      createServer((_, res) => res.end('hi')),
      { port: 0, what: 'a test' },
    );
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(await (await fetch(server.url)).text()).toBe('hi');
    await server.close();
  });

  it('names the port and what wanted it when the port is taken', async () => {
    const holder = await listen(createServer(), { port: 0, what: 'the first' });
    await expect(listen(createServer(), { port: holder.port, what: 'the second' })).rejects.toThrow(
      `Port ${holder.port} for the second is already in use`,
    );
    await holder.close();
  });

  it('closes with a request still open', async () => {
    // A response that never ends: close() alone would wait for it forever.
    const server = await listen(
      createServer((_, res) => res.writeHead(200).flushHeaders()),
      { port: 0, what: 'a test' },
    );
    const answered = new Promise<void>((resolve, reject) => {
      request(server.url, (res) => {
        res.on('error', () => {});
        resolve();
      })
        .on('error', reject)
        .end();
    });
    await answered;
    const closed = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 2000)),
    ]);
    expect(closed).toBe('closed');
  });

  it('finds a port nothing listens on', async () => {
    const port = await freePort();
    const server = await listen(createServer(), { port, what: 'a test' });
    expect(server.port).toBe(port);
    await server.close();
  });
});
