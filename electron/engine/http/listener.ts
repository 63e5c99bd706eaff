// An HTTP listener with the limits we want everywhere: header/request timeouts, bounded keep-alive,
// no stack traces to clients, and a graceful close that lets in-flight requests finish.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import { sendError } from './respond.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Listener {
  server: Server;
  host: string;
  port: number;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

export async function startListener(name: string, host: string, port: number, handler: Handler, logger: Logger): Promise<Listener> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 },
    (req, res) => {
      inFlight++;
      res.once('close', () => {
        if (--inFlight === 0) drained?.();
      });
      const fail = (error: unknown) => {
        logger.error('request failed', { listener: name, method: req.method, path: req.url?.split('?')[0], error });
        sendError(res, 500, 'internal error; the event was not stored, please retry');
      };
      try {
        handler(req, res)?.catch(fail);
      } catch (error) {
        fail(error);
      }
    },
  );
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy(error);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host,
    port: address.port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const finish = () => server.closeAllConnections();
        if (inFlight === 0) finish();
        else {
          drained = finish;
          setTimeout(finish, graceMs).unref();
        }
      }),
  };
}
