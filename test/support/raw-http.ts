import { connect, Socket } from 'node:net';

export interface RawAnswer {
  /** the status code of the first response line, or null when the server closed without one */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** ms from the connection until the server closed it (null if still open at `waitMs`) */
  closedAfterMs: number | null;
  /** bytes of the request the client managed to write before the server closed */
  bytesWritten: number;
}

/**
 * A hand-written HTTP/1.1 client on a raw socket, for what a normal client will not do: send the
 * head and then a body slowly (`drip`), or never, or bytes that are not HTTP at all.
 */
export function rawExchange(
  port: number,
  head: string | Buffer,
  options: { drip?: { chunk: string; everyMs: number }; waitMs?: number } = {},
): Promise<RawAnswer> {
  const waitMs = options.waitMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let closedAfterMs: number | null = null;
    const finish = () => {
      clearInterval(timer);
      clearTimeout(deadline);
      const raw = Buffer.concat(chunks).toString('utf8');
      const [headText, ...rest] = raw.split('\r\n\r\n');
      const lines = headText.split('\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1];
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: status ? Number(status) : null, headers, body: rest.join('\r\n\r\n'), closedAfterMs, bytesWritten: socket.bytesWritten });
      socket.destroy();
    };
    const deadline = setTimeout(finish, waitMs);
    socket.on('connect', () => {
      socket.write(head);
      if (options.drip) {
        const { chunk, everyMs } = options.drip;
        timer = setInterval(() => {
          if (!socket.destroyed && socket.writable) socket.write(chunk);
        }, everyMs);
      }
    });
    socket.on('data', (data) => chunks.push(data));
    socket.on('error', () => undefined); // a reset after the server's answer is expected here
    socket.on('close', () => {
      closedAfterMs = Date.now() - started;
      finish();
    });
    socket.on('timeout', () => reject(new Error('socket timeout')));
  });
}
