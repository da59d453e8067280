import fc from 'fast-check';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { ADMIN_KEY, startTestStack, TestStack } from './support/test-app';

/**
 * Property: whatever hostile value lands in whatever field of whatever route (NUL, lone surrogates,
 * huge or deeply nested values, wrong types, wrong content types, raw garbage), the service never
 * answers 5xx, every refusal is in the contract's error shape, and a refused request stores nothing
 * (the send gate's 422 refusals, audited by contract, aside).
 */

const TABLES = ['messages', 'send_refusals', 'users', 'sender_numbers', 'outbox', 'notifications', 'crm_mapping', 'sms_requests', 'consent_events', 'consent_blocks'];
const REP_NUMBER = '+14155550100';
const PROSPECT_PHONE = '+14155550123';
const RUNS = Number(process.env.HOSTILE_RUNS ?? 120);

const backends: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ url: 'sqlite::memory:', drop: async () => undefined })],
  ...onPostgres('PostgreSQL', createScratchDatabase),
];

// ---- hostile values -----------------------------------------------------------------------

const nasty = fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFF', '\uDBFF\u0000', '😀', '\uFEFF', '\u202E', '%00', '\\u0000', '{{', '"', "'; DROP TABLE users;--", '__proto__', 'constructor');
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), nasty, fc.string({ maxLength: 10 })).map(([a, n, b]) => a + n + b) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '+14155550123', '003000000000001AAA', '005000000000001AAA', 'direct', 'rep', 'admin') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 250_000 }).map((n) => 'x'.repeat(n)) },
);
const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { d: value } : [value];
  return value;
};
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 120 }), hostileString).map(([n, leaf]) => deep(n, leaf)) },
);

interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  /** the path; `{x}` takes a hostile path parameter */
  path: string;
  key: 'rep' | 'admin';
  /** a valid body, whose fields the property spoils */
  body?: Record<string, unknown>;
  /** query fields the property spoils */
  query?: string[];
}

function routes(ctx: { recordId: string; repId: string; numberId: string }): Route[] {
  return [
    { method: 'post', path: '/api/messages', key: 'rep', body: { recordId: ctx.recordId, from: REP_NUMBER, to: PROSPECT_PHONE, body: 'Hi there', idempotencyKey: 'k-1' } },
    { method: 'post', path: '/api/sms/segments', key: 'rep', body: { body: 'Hi there' } },
    { method: 'post', path: '/api/admin/users', key: 'admin', body: { salesforceUserId: '005000000000009AAA', name: 'Hostile Hal', email: 'hal@example.com', role: 'rep' } },
    { method: 'post', path: '/api/admin/numbers', key: 'admin', body: { phoneNumber: '+14155550177', userId: ctx.repId, kind: 'direct', smsEnabled: false } },
    { method: 'put', path: '/api/admin/crm-mapping', key: 'admin', body: { people: { Contact: { phoneFields: ['Phone'] } } } },
    { method: 'post', path: '/api/admin/sync/outbox/requeue', key: 'admin', body: { ids: [1, 2] } },
    { method: 'get', path: '/api/admin/consent', key: 'admin', query: ['phone'] },
    { method: 'get', path: '/api/notifications', key: 'rep', query: ['limit', 'unread'] },
    { method: 'get', path: '/api/prospects', key: 'rep', query: ['query', 'limit'] },
    { method: 'get', path: '/api/admin/numbers', key: 'admin', query: ['userId'] },
    { method: 'get', path: '/api/admin/sms-requests', key: 'admin', query: ['status'] },
    { method: 'get', path: '/api/records/{x}/sms', key: 'rep' },
    { method: 'get', path: '/api/prospects/{x}/messages', key: 'rep' },
    { method: 'post', path: '/api/notifications/{x}/read', key: 'rep' },
    { method: 'post', path: '/api/numbers/{x}/sms-requests', key: 'rep' },
    { method: 'post', path: '/api/admin/sms-requests/{x}/approve', key: 'admin' },
    { method: 'post', path: '/api/admin/sms-requests/{x}/reject', key: 'admin' },
    { method: 'post', path: '/api/admin/sync/{x}', key: 'admin' },
    { method: 'get', path: '/api/admin/sync/runs/{x}', key: 'admin' },
    { method: 'post', path: '/api/admin/users/{x}/keys', key: 'admin' },
    { method: 'delete', path: '/api/admin/users/{x}/keys', key: 'admin' },
  ];
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json', // twice as likely
  'application/json; charset=utf-8',
  'application/json; charset=utf-7',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
);

/** How the body is spoiled: one field replaced, extra fields, the whole body replaced, or raw text. */
const bodyPlan = fc.oneof(
  fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('extra' as const), key: hostileString, value: hostileValue }),
  fc.record({ kind: fc.constant('whole' as const), value: hostileValue }),
  fc.record({
    kind: fc.constant('raw' as const),
    text: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.integer({ min: 50, max: 20_000 }).map((n) => `{"body":${'['.repeat(n)}${']'.repeat(n)}}`),
      fc.constantFrom('{"body":"a"', '{"body":"\\ud800"}', '{"body":"\\u0000"}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'null', '[]', '"str"', '1e999'),
    ),
  }),
);

const requestPlan = fc.record({
  route: fc.nat(),
  plan: bodyPlan,
  contentType: contentTypes,
  param: hostileString,
  queryValue: hostileValue,
});

type BodyPlan = typeof bodyPlan extends fc.Arbitrary<infer T> ? T : never;

function spoil(body: Record<string, unknown> | undefined, plan: BodyPlan): string {
  const base = { ...(body ?? {}) };
  switch (plan.kind) {
    case 'field': {
      const keys = Object.keys(base);
      if (keys.length) base[keys[plan.pick % keys.length]] = plan.value;
      return JSON.stringify(base);
    }
    case 'extra':
      base[plan.key] = plan.value;
      return JSON.stringify(base);
    case 'whole':
      return JSON.stringify(plan.value) ?? '';
    case 'raw':
      return plan.text;
  }
}

function encodeQueryValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  // a lone surrogate cannot be percent-encoded as UTF-8: send its replacement, as a browser would
  return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, (c, i, s: string) => (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i, i + 2)) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i - 1, i + 1)) ? c : '\uFFFD')));
}

const ERROR_KEYS = new Set(['code', 'message', 'details', 'requestId']);

function expectErrorShape(status: number, body: unknown, what: string): void {
  const error = (body as { error?: Record<string, unknown> })?.error;
  const ok =
    typeof body === 'object' && body !== null && Object.keys(body).length === 1 && typeof error === 'object' && error !== null &&
    typeof error.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(error.code) && typeof error.message === 'string' && error.message.length > 0 &&
    (error.details === undefined || (typeof error.details === 'object' && error.details !== null)) && Object.keys(error).every((k) => ERROR_KEYS.has(k));
  if (!ok) throw new Error(`${what}: ${status} not in the error shape: ${JSON.stringify(body)?.slice(0, 300)}`);
}

describe.each(backends)('hostile values at every DTO route and webhook on %s (property)', (_engine, makeDatabase) => {
  let env: TestStack;
  let drop: () => Promise<void>;
  let keys: { rep: string; admin: string };
  let all: Route[];

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await env.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  };

  beforeAll(async () => {
    const db = await makeDatabase();
    drop = db.drop;
    env = await startTestStack({ DATABASE_URL: db.url });
    const rep = await seedRep(env.dataSource, REP_NUMBER);
    const prospect = await seedProspect(env.dataSource, PROSPECT_PHONE);
    keys = { rep: rep.apiKey, admin: ADMIN_KEY };
    all = routes({ recordId: prospect.id, repId: rep.user.id, numberId: rep.number.id });
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await drop();
  });

  it('never answers 5xx, refuses in the error shape, and stores nothing from a refusal (API routes)', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(requestPlan, async ({ route: pick, plan, contentType, param, queryValue }) => {
        const route = all[pick % all.length];
        let path = route.path.replace('{x}', encodeQueryValue(param) || '%20');
        if (route.query) path += '?' + route.query.map((name) => `${name}=${encodeQueryValue(queryValue)}`).join('&');
        const before = await counts();
        let call = env.http()[route.method](path).set('Authorization', `Bearer ${keys[route.key]}`);
        if (route.method !== 'get') call = call.set('Content-Type', contentType).send(spoil(route.body, plan));
        const res = await call;
        seen.add(`${res.status} ${res.body?.error?.code ?? ''}`);
        const what = `${route.method.toUpperCase()} ${path.slice(0, 120)}`;
        if (res.status >= 500) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
        if (res.status < 400) return;
        expectErrorShape(res.status, res.body, what);
        const audited = route.path === '/api/messages' && (res.status === 422 || res.body.error.code === 'RECORD_NOT_FOUND');
        if (!audited) expect(await counts()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    // the generated requests reached the checks, not only the first refusal
    expect([...seen]).toEqual(expect.arrayContaining(['400 VALIDATION_FAILED', '415 UNSUPPORTED_MEDIA_TYPE']));
  }, 300_000);

  it('never answers 5xx to a webhook, signed or not; a signed one is stored or acknowledged, an unsigned one stores nothing', async () => {
    const fields = fc.record({
      MessageSid: fc.oneof(hostileString, fc.constant(undefined)),
      From: fc.oneof(hostileString, fc.constant(PROSPECT_PHONE)),
      To: fc.oneof(hostileString, fc.constant(REP_NUMBER)),
      Body: hostileString,
      NumSegments: hostileString,
      MessageStatus: fc.oneof(hostileString, fc.constantFrom('delivered', 'failed', 'sent')),
      ErrorCode: hostileString,
      Extra: hostileString,
    });
    await fc.assert(
      fc.asyncProperty(fields, fc.constantFrom('sms', 'status'), fc.constantFrom('valid', 'forged', 'unsigned') as fc.Arbitrary<'valid' | 'forged' | 'unsigned'>, async (raw, hook, signing) => {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') params[k] = v.slice(0, 2000);
        const url = `${env.config.publicBaseUrl}/webhooks/twilio/${hook}`;
        const { headers, body } = env.twilio.webhookRequest(url, params, signing);
        const before = await counts();
        const res = await env.http().post(`/webhooks/twilio/${hook}`).set(headers).send(body);
        if (res.status >= 500) throw new Error(`${hook} webhook: ${res.status} ${res.text.slice(0, 300)}`);
        if (signing !== 'valid') {
          expect(res.status).toBe(403);
          expectErrorShape(res.status, res.body, `${hook} webhook, ${signing}`);
          expect(await counts()).toEqual(before);
        } else if (res.status >= 400) {
          expectErrorShape(res.status, res.body, `${hook} webhook`);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 300_000);
});
