import { get, IncomingMessage } from 'node:http';

export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface EventStream {
  status: number;
  headers: IncomingMessage['headers'];
  events: ServerSentEvent[];
  /** raw text received, comments included */
  raw: () => string;
  next: (predicate?: (e: ServerSentEvent) => boolean, timeoutMs?: number) => Promise<ServerSentEvent>;
  close: () => void;
}

/** A minimal EventSource for tests: GET the URL, parse `id:`/`event:`/`data:` blocks as they arrive. */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      const events: ServerSentEvent[] = [];
      let buffer = '';
      let raw = '';
      const waiters = new Set<() => void>();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'data') data.push(value);
            else if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
          }
          if (data.length > 0) {
            event.data = data.join('\n');
            events.push(event);
            for (const wake of [...waiters]) wake();
          }
        }
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        raw: () => raw,
        next: (predicate = () => true, timeoutMs = 5000) =>
          new Promise((resolveEvent, rejectEvent) => {
            const check = () => {
              const found = events.find(predicate);
              if (!found) return false;
              clearTimeout(timer);
              waiters.delete(wake);
              resolveEvent(found);
              return true;
            };
            const wake = () => void check();
            const timer = setTimeout(() => {
              waiters.delete(wake);
              rejectEvent(new Error(`No matching server-sent event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
            }, timeoutMs);
            if (!check()) waiters.add(wake);
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}
