import { Logger } from '@nestjs/common';
import type { Sql } from '../database/sql';
import { NotificationBus } from './notification-bus';
import { FanoutReceiver, NotificationFanout } from './notification-fanout.port';
import type { Notification } from './notification.entity';
import type { NotificationView } from './notification.view';
import { Announcement, NotificationRelay, parseAnnouncement, RESYNC_SLACK_MS, SIGNALS_PER_PAYLOAD } from './notification-relay.service';
import type { NotificationsStore } from './notifications.store';

/** The fan-out as a spec drives it: what was announced, and a hand on the receiver. */
class RecordingFanout extends NotificationFanout {
  readonly announced: string[] = [];
  receiver: FanoutReceiver | null = null;
  closed = false;
  listening = true;
  async announce(_tx: Sql, payloads: readonly string[]): Promise<void> {
    this.announced.push(...payloads);
  }
  async listen(receiver: FanoutReceiver): Promise<void> {
    this.receiver = receiver;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const aNotification = (overrides: Partial<Notification> = {}): Notification => ({
  id: '01a00000-0000-7000-8000-000000000001',
  userId: 'user-a',
  type: 'sms_reply',
  messageId: 'message-1',
  recordId: null,
  prospectName: 'Dana',
  preview: 'Tuesday works',
  createdAt: '2026-12-06T00:00:00.000Z',
  readAt: null,
  ...overrides,
});

/** The store's reads over a fixed set of rows. */
function storeOf(rows: Notification[]) {
  const calls = { find: 0, after: [] as { userId: string; createdAt: string }[] };
  const store = {
    find: async (userId: string, id: string) => {
      calls.find++;
      return rows.find((r) => r.userId === userId && r.id === id) ?? null;
    },
    after: async (userId: string, last: { createdAt: string; id: string }) => {
      calls.after.push({ userId, createdAt: last.createdAt });
      return rows.filter((r) => r.userId === userId && (r.createdAt > last.createdAt || (r.createdAt === last.createdAt && r.id > last.id)));
    },
  };
  return { store: store as unknown as NotificationsStore, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('NotificationRelay', () => {
  beforeAll(() => Logger.overrideLogger(false));

  async function relayOver(rows: Notification[]) {
    const fanout = new RecordingFanout();
    const bus = new NotificationBus();
    const { store, calls } = storeOf(rows);
    const relay = new NotificationRelay(fanout, bus, store);
    await relay.onApplicationBootstrap();
    const seen: NotificationView[] = [];
    const subscribe = (userId: string) => bus.subscribe(userId, (n) => seen.push(n));
    const hear = async (announcement: Announcement) => {
      fanout.receiver!.message(JSON.stringify(announcement));
      await settle();
      await settle();
    };
    return { relay, fanout, bus, calls, seen, subscribe, hear };
  }

  it('announces notification and user ids in payloads far below the 8000-byte NOTIFY limit', async () => {
    const { relay, fanout } = await relayOver([]);
    const many = Array.from({ length: 2 * SIGNALS_PER_PAYLOAD + 1 }, (_, i) => ({ id: `01a00000-0000-7000-8000-${String(i).padStart(12, '0')}`, userId: `01a00000-0000-7000-8000-${String(i).padStart(12, '9')}` }));
    await relay.announce({} as Sql, many);
    expect(fanout.announced).toHaveLength(3);
    for (const payload of fanout.announced) expect(Buffer.byteLength(payload)).toBeLessThan(4000);
    const pairs = fanout.announced.flatMap((p) => parseAnnouncement(p)!.notifications);
    expect(pairs).toEqual(many.map((n) => [n.userId, n.id]));
    expect(new Set(fanout.announced.map((p) => parseAnnouncement(p)!.origin))).toEqual(new Set([relay.origin]));
  });

  it('publishes what another instance announced to the users with a stream here, read through the store', async () => {
    const dana = aNotification();
    const other = aNotification({ id: '01a00000-0000-7000-8000-000000000002', userId: 'user-b' });
    const { seen, subscribe, hear, calls } = await relayOver([dana, other]);
    subscribe('user-a');
    await hear({ origin: 'another-instance', notifications: [['user-a', dana.id], ['user-b', other.id]] });
    expect(seen).toEqual([expect.objectContaining({ id: dana.id, preview: 'Tuesday works', read: false })]);
    expect(calls.find).toBe(1); // user-b has no stream here: no read
  });

  it('ignores its own announcements (it told its streams after the commit) and ones it cannot read', async () => {
    const dana = aNotification();
    const { relay, fanout, seen, subscribe, hear } = await relayOver([dana]);
    subscribe('user-a');
    await hear({ origin: relay.origin, notifications: [['user-a', dana.id]] });
    fanout.receiver!.message('not json');
    fanout.receiver!.message(JSON.stringify({ origin: 'x' }));
    await settle();
    expect(seen).toEqual([]);
  });

  it('never delivers one notification twice to a user, however often it is heard or re-read', async () => {
    const dana = aNotification();
    const { bus, seen, subscribe, hear } = await relayOver([dana]);
    subscribe('user-a');
    await hear({ origin: 'another-instance', notifications: [['user-a', dana.id]] });
    await hear({ origin: 'yet-another', notifications: [['user-a', dana.id]] });
    expect(bus.publish('user-a', { ...dana, read: false })).toBe(false);
    expect(seen.map((n) => n.id)).toEqual([dana.id]);
  });

  it('after a reconnect, re-reads the rows of its streams’ users since shortly before the cut', async () => {
    const early = aNotification({ id: '01a00000-0000-7000-8000-000000000001', createdAt: '2026-12-06T00:00:00.000Z' });
    const missed = aNotification({ id: '01a00000-0000-7000-8000-000000000002', createdAt: '2026-12-06T00:00:20.000Z' });
    const { fanout, seen, subscribe, calls, hear } = await relayOver([early, missed]);
    subscribe('user-a');
    await hear({ origin: 'another-instance', notifications: [['user-a', early.id]] });
    fanout.receiver!.reconnected(new Date('2026-12-06T00:00:15.000Z'));
    await settle();
    await settle();
    expect(calls.after).toEqual([{ userId: 'user-a', createdAt: new Date(Date.parse('2026-12-06T00:00:15.000Z') - RESYNC_SLACK_MS).toISOString() }]);
    expect(seen.map((n) => n.id)).toEqual([early.id, missed.id]);
  });

  it('stops listening when the application shuts down', async () => {
    const { relay, fanout } = await relayOver([]);
    await relay.onApplicationShutdown();
    expect(fanout.closed).toBe(true);
  });
});
