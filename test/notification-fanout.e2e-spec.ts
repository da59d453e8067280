import { seedProspect, seedRep } from './factories/crm';
import { EventStream, openEventStream } from './support/event-stream';
import { Instances, startInstances } from './support/instances';
import { describeOnPostgres } from './support/postgres';

const REP_NUMBER = '+14155550100';
const PROSPECT = '+16175550142';
const SECOND = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Notifications across instances (PostgreSQL LISTEN/NOTIFY): a reply taken by one instance reaches
 * the rep's streams on every instance within a second, once each; the listening connection, cut,
 * comes back and what was committed meanwhile still arrives.
 */
describeOnPostgres('notifications across instances on one PostgreSQL database', () => {
  let instances: Instances;
  let rep: Awaited<ReturnType<typeof seedRep>>;
  const streams: EventStream[] = [];

  const openStream = async (i: number, headers: Record<string, string> = {}) => {
    const stream = await openEventStream(`${instances.apps[i].url}/api/notifications/stream`, { Authorization: `Bearer ${rep.apiKey}`, ...headers });
    expect(stream.status).toBe(200);
    streams.push(stream);
    // the stream is subscribed once its first comment arrived
    for (let tries = 0; !stream.raw().includes(': connected') && tries < 200; tries++) await sleep(10);
    return stream;
  };
  const reply = async (i: number, body: string) => {
    const answer = await instances.twilio.sendInbound({ from: PROSPECT, to: REP_NUMBER, body, url: `${instances.apps[i].url}/webhooks/twilio/sms` });
    expect(answer.status).toBe(200);
  };
  const previews = (stream: EventStream) => stream.events.map((e) => JSON.parse(e.data).preview as string);
  const listeners = async (instance: string) => {
    const [{ count }] = await instances.apps[0].dataSource.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1`, [`sms-crm-sync events ${instance}`]);
    return count as number;
  };

  beforeAll(async () => {
    instances = await startInstances(3);
    const ds = instances.apps[0].dataSource;
    rep = await seedRep(ds, REP_NUMBER, { name: 'Avery Rep' });
    await seedProspect(ds, PROSPECT, { name: 'Solo Prospect' });
  }, 120 * SECOND);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await instances?.close();
  }, 60 * SECOND);

  it('delivers a reply taken by one instance to the rep’s streams on every instance within a second, once each', async () => {
    const [onFirst, onSecond, onThird] = [await openStream(0), await openStream(1), await openStream(2)];
    // within a second of the stream on the instance that took it (told right after the commit)
    const arrivals = Promise.all([onFirst, onSecond, onThird].map((s) => s.next((e) => JSON.parse(e.data).preview === 'Tuesday works', 10 * SECOND).then(() => Date.now())));
    await reply(0, 'Tuesday works');
    const [own, ...others] = await arrivals;
    for (const at of others) expect(at - own).toBeLessThan(1 * SECOND);

    await reply(2, 'Or Wednesday');
    for (const stream of [onFirst, onSecond, onThird]) await stream.next((e) => JSON.parse(e.data).preview === 'Or Wednesday', 1 * SECOND);
    // nothing arrives twice, on the instance that took a reply or on the others
    await sleep(300);
    for (const stream of [onFirst, onSecond, onThird]) expect(previews(stream)).toEqual(['Tuesday works', 'Or Wednesday']);
    // the ids are the rows' own: a stream on another instance replays from one with Last-Event-ID
    const replay = await openStream(1, { 'Last-Event-ID': onFirst.events[0].id! });
    await replay.next(undefined, 2 * SECOND);
    expect(previews(replay)).toEqual(['Or Wednesday']);
    expect(onSecond.events.map((e) => e.id)).toEqual(onFirst.events.map((e) => e.id));
  }, 60 * SECOND);

  it('listens again when its connection is cut, and delivers what was committed meanwhile', async () => {
    const stream = await openStream(1);
    expect(await listeners('instance-2')).toBe(1);
    // instance-2's listening connection is cut again and again (it waits a second before each
    // reconnect) while the reply commits on instance-1: nobody there hears the announcement
    const cut = () => instances.apps[0].dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, ['sms-crm-sync events instance-2']);
    await cut();
    let replied = false;
    const replying = reply(0, 'While you were away').finally(() => (replied = true));
    while (!replied) {
      await cut();
      await sleep(50);
    }
    await replying;
    await cut();
    expect(await listeners('instance-2')).toBe(0);
    await stream.next((e) => JSON.parse(e.data).preview === 'While you were away', 10 * SECOND);
    expect(await listeners('instance-2')).toBe(1);
    // and the new connection carries the next one as before
    const own = await openStream(2);
    const arrivals = Promise.all([own, stream].map((s) => s.next((e) => JSON.parse(e.data).preview === 'Back again', 10 * SECOND).then(() => Date.now())));
    await reply(2, 'Back again');
    const [ownAt, otherAt] = await arrivals;
    expect(otherAt - ownAt).toBeLessThan(1 * SECOND);
    await sleep(300);
    expect(previews(stream)).toEqual(['While you were away', 'Back again']);
  }, 60 * SECOND);
});
