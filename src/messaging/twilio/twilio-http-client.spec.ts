import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TwilioHttpClient } from './twilio-http-client';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('TwilioHttpClient (the SDK’s transport)', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
    answer = (_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1","status":"queued"}');
  });

  const client = (o: Partial<ConstructorParameters<typeof TwilioHttpClient>[0]> = {}) =>
    new TwilioHttpClient({ apiBaseUrl: `${base}/prefix/`, timeoutMs: 1000, rateLimitRetries: 2, ...o });
  const create = (c: TwilioHttpClient, data: Record<string, unknown> = { To: '+12125550123', Body: 'Hi & bye = 100%', MediaUrl: ['a', 'b'] }) =>
    c.request({
      method: 'post',
      uri: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=1',
      username: 'AC1',
      password: 'secret',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'twilio-node' },
      data,
    });

  it('posts the form the SDK built to the base URL (path prefix kept), with Basic auth and keep-alive, and parses the JSON answer', async () => {
    const res = await create(client());
    expect(res).toMatchObject({ statusCode: 201, body: { sid: 'SM1', status: 'queued' } });
    const [request] = seen;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/prefix/2010-04-01/Accounts/AC1/Messages.json?x=1');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC1:secret').toString('base64')}`);
    expect(request.headers.connection).toBe('keep-alive');
    expect(request.headers['user-agent']).toBe('twilio-node');
    const form = new URLSearchParams(request.body);
    expect(form.get('Body')).toBe('Hi & bye = 100%');
    expect(form.getAll('MediaUrl')).toEqual(['a', 'b']);
  });

  it('adds the SDK’s query parameters and sends a GET without a body', async () => {
    await client().request({ method: 'get', uri: 'https://api.twilio.com/2010-04-01/Accounts/AC1.json', params: { PageSize: 20, Status: ['a', 'b'] } });
    expect(seen[0].url).toBe('/prefix/2010-04-01/Accounts/AC1.json?PageSize=20&Status=a&Status=b');
    expect(seen[0].body).toBe('');
  });

  it('hands every status back to the SDK, an HTML body as text', async () => {
    answer = (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html>down</html>');
    await expect(create(client())).resolves.toMatchObject({ statusCode: 503, body: '<html>down</html>' });
  });

  it('retries a 429 as configured, then returns it', async () => {
    answer = (_req, res) => res.writeHead(429, { 'content-type': 'application/json' }).end('{"code":20429}');
    await expect(create(client({ rateLimitRetries: 2 }))).resolves.toMatchObject({ statusCode: 429, body: { code: 20429 } });
    expect(seen).toHaveLength(3);
    seen.length = 0;
    await expect(create(client({ rateLimitRetries: 0 }))).resolves.toMatchObject({ statusCode: 429 });
    expect(seen).toHaveLength(1);
  });

  it('fails a request that outlives the timeout with ECONNABORTED, and a refused connection with its code', async () => {
    answer = () => undefined; // never answers
    await expect(create(client({ timeoutMs: 50 }))).rejects.toMatchObject({ code: 'ECONNABORTED' });
    await expect(create(client({ apiBaseUrl: 'http://127.0.0.1:9' }))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
