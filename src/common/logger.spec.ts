import pino from 'pino';
import { humanLine, pinoOptions, type LogSettings } from './logger';
import { redactor } from './redact';
import { requestContext } from './request-context';

function capture(overrides: Partial<LogSettings> = {}) {
  const lines: string[] = [];
  const logger = pino(pinoOptions({ level: 'info', pretty: false, sandbox: false, fd: 1, ...overrides }), { write: (line: string) => void lines.push(line) });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), raw: () => lines.join('') };
}

describe('the log lines', () => {
  it('are JSON objects with a level label, an ISO time and the message; sandbox lines say so', () => {
    const { logger, records } = capture({ sandbox: true });
    logger.info({ context: 'JobRunner', job: 'mirror' }, 'sync job started');
    expect(records()).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), sandbox: true, context: 'JobRunner', job: 'mirror', msg: 'sync job started' },
    ]);
  });

  it('put Nest’s module and route chatter at debug, and keep its warnings', () => {
    const atInfo = capture();
    atInfo.logger.info({ context: 'RoutesResolver' }, 'MessagesController {/api/messages}:');
    atInfo.logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    atInfo.logger.warn({ context: 'NestApplication' }, 'something odd');
    atInfo.logger.info({ context: 'Boot' }, 'listening');
    expect(atInfo.records().map((r) => [r.level, r.msg])).toEqual([
      ['warn', 'something odd'],
      ['info', 'listening'],
    ]);
    const atDebug = capture({ level: 'debug' });
    atDebug.logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/messages, POST} route');
    expect(atDebug.records().map((r) => [r.level, r.msg])).toEqual([['debug', 'Mapped {/api/messages, POST} route']]);
  });

  it('never carry a secret or a full phone number, whatever field or text they are in', () => {
    redactor.addSecrets(['twilio-auth-token-0123456789']);
    const { logger, records, raw } = capture();
    logger.info(
      {
        apiKey: 'scs_abcdefghijklmnop',
        headers: { authorization: 'Bearer scs_qrstuvwxyz', 'x-twilio-signature': 'c2lnbmF0dXJl' },
        settings: { authToken: 'tok-1', clientSecret: 'cs-1' },
        to: '+12125550101',
        reason: 'Twilio refused twilio-auth-token-0123456789 for +1 (416) 555-0192',
      },
      'sent to +12125550190 with ?access_token=scs_zzzzzzzzzz',
    );
    const [line] = records();
    expect(line).toMatchObject({
      apiKey: '[REDACTED]',
      headers: { authorization: '[REDACTED]', 'x-twilio-signature': '[REDACTED]' },
      settings: { authToken: '[REDACTED]', clientSecret: '[REDACTED]' },
      to: '+***0101',
      msg: 'sent to +***0190 with ?access_token=[REDACTED]',
    });
    expect(line.reason).toBe('Twilio refused [REDACTED] for +***0192');
    expect(raw()).not.toMatch(/scs_|tok-1|cs-1|twilio-auth-token|5550101|5550190|555-0192/);
  });

  it('carry the id of the request they are written for', () => {
    const { logger, records } = capture();
    requestContext.run({ requestId: 'req-1' }, () => logger.info('inside'));
    logger.info('outside');
    logger.info({ requestId: 'req-2' }, 'named');
    expect(records().map((r) => [r.msg, r.requestId])).toEqual([
      ['inside', 'req-1'],
      ['outside', undefined],
      ['named', 'req-2'],
    ]);
  });
});

describe('a human line (pino-pretty on a terminal)', () => {
  it('reads [context] message key=value', () => {
    expect(humanLine({ level: 30, time: 1, context: 'JobRunner', msg: 'sync job started', job: 'mirror', stats: { sent: 1 } })).toBe(
      '[JobRunner] sync job started job=mirror stats={"sent":1}',
    );
  });

  it('reads an access line as method, path, status, milliseconds and request id', () => {
    expect(humanLine({ level: 30, context: 'HTTP', msg: 'request completed', method: 'POST', path: '/api/messages', status: 202, ms: 12.5, requestId: 'r-9' })).toBe(
      'POST /api/messages 202 12.5 ms  r-9',
    );
  });

  it('puts an error’s stack under its line', () => {
    expect(humanLine({ level: 50, msg: 'boom', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (y.ts:1:1)' } })).toBe('boom\nError: boom\n    at x (y.ts:1:1)');
  });
});
