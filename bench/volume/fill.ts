import { DataSource } from 'typeorm';
import { hashApiKey } from '../../src/auth/api-key';

/**
 * The bench's world, written with bulk SQL (not through the app: a million rows through HTTP would
 * take longer than the benchmark): REPS reps with one SMS-enabled direct number each, PROSPECTS
 * Contacts with one mobile each, and a history of messages between them — alternately a rep's text
 * and the prospect's reply, 20 s apart from 2025-01-01 — each with its `done` CRM outbox entry and,
 * for replies, the rep's (read) notification, as the service leaves them.
 *
 * Everything is a function of the row number, so the load generator knows every phone and key
 * without reading them back.
 */
export const REPS = 20;
export const HISTORY_START_EPOCH = 1_735_689_600; // 2025-01-01T00:00:00Z

export const repNumber = (r: number) => `+1415555${String(1000 + r)}`;
export const repApiKey = (r: number) => `scs_bench_rep_${String(r).padStart(4, '0')}_key_0123456789abcdef`;
const repUserId = (r: number) => `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
const repNumberId = (r: number) => `00000000-0000-4000-9000-${String(r).padStart(12, '0')}`;
export const prospectPhone = (p: number) => `+1212${2000000 + p}`;
/** 18-character Contact ids: `003` + 12 digits + `AAA` (a checksum-free suffix the app accepts as given). */
export const prospectId = (p: number) => `003${String(p).padStart(12, '0')}AAA`;

type Engine = 'sqlite' | 'postgres';

/** Engine-specific spellings; everything else in the fill is one SQL text. */
function dialect(engine: Engine) {
  return engine === 'sqlite'
    ? {
        pad: (expr: string, width: number) => `printf('%0${width}d', ${expr})`,
        hex8: (expr: string) => `printf('%08x', ${expr})`,
        iso: (seconds: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`,
        series: (from: number, to: number) =>
          `(WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ${to}) SELECT n FROM seq) s`,
        bool: (b: boolean) => (b ? '1' : '0'),
      }
    : {
        pad: (expr: string, width: number) => `lpad((${expr})::text, ${width}, '0')`,
        hex8: (expr: string) => `lpad(to_hex(${expr}), 8, '0')`,
        iso: (seconds: string) => `to_char(to_timestamp(${seconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        series: (from: number, to: number) => `generate_series(${from}, ${to - 1}) AS s(n)`,
        bool: (b: boolean) => (b ? 'true' : 'false'),
      };
}

/**
 * A MessageSid per row spread over the sid index as Twilio's random ones are ('SM' + 32 hex digits
 * from four bijective hashes of n): the load's sids then land between them, not after them, and
 * each stored message dirties a leaf of that index anywhere in it, as in a real org.
 */
function scatteredSid(d: ReturnType<typeof dialect>): string {
  const hashes = [2654435761, 2246822519, 3266489917, 668265263].map((k, i) => d.hex8(`((CAST(n AS BIGINT) * ${k} + ${i * 374761393}) % 4294967296)`));
  return `'SM' || ${hashes.join(' || ')}`;
}

/** The reps, their numbers and the prospects (an empty history). */
export async function seedWorld(ds: DataSource, prospects: number): Promise<void> {
  const engine: Engine = ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const d = dialect(engine);
  const now = new Date().toISOString();
  await ds.transaction(async (m) => {
    for (let r = 0; r < REPS; r++) {
      await m.query(
        `INSERT INTO users (id, salesforce_user_id, name, email, role, api_key_hash, created_at) VALUES ('${repUserId(r)}', '005${String(r + 1).padStart(12, '0')}AAA', 'Rep ${r}', 'rep${r}@example.com', 'rep', '${hashApiKey(repApiKey(r))}', '${now}')`,
      );
      await m.query(
        `INSERT INTO sender_numbers (id, phone_number, user_id, kind, sms_enabled, created_at) VALUES ('${repNumberId(r)}', '${repNumber(r)}', '${repUserId(r)}', 'direct', ${d.bool(true)}, '${now}')`,
      );
    }
    await m.query(
      `INSERT INTO prospects (id, object_type, name, account_id, owner_id, do_not_call, do_not_sms, enrolled, system_modstamp, synced_at) ` +
        `SELECT '003' || ${d.pad('n', 12)} || 'AAA', 'Contact', 'Prospect ' || n, NULL, NULL, ${d.bool(false)}, ${d.bool(false)}, ${d.bool(true)}, '${now}', '${now}' FROM ${d.series(0, prospects)}`,
    );
    await m.query(`INSERT INTO prospect_phones (prospect_id, field, position, e164) SELECT '003' || ${d.pad('n', 12)} || 'AAA', 'MobilePhone', 0, '+1212' || (2000000 + n) FROM ${d.series(0, prospects)}`);
  });
}

/** `count` messages of history, with their outbox entries and notifications; chunked transactions. */
export async function fillHistory(ds: DataSource, prospects: number, count: number, progress: (done: number) => void): Promise<void> {
  const engine: Engine = ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const d = dialect(engine);
  const CHUNK = 50_000;
  const p = `(n % ${prospects})`;
  const r = `((n / ${prospects}) % ${REPS})`;
  const repNo = `'+1415555' || (1000 + ${r})`;
  const phone = `'+1212' || (2000000 + ${p})`;
  const at = d.iso(`${HISTORY_START_EPOCH} + n * 20`);
  const outbound = `(n % 2 = 0)`;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const rows = d.series(start, end);
    await ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO messages (id, direction, from_number, to_number, body, encoding, segments, status, error_code, provider_sid, prospect_id, record_id, user_id, ` +
          `sender_number_id, idempotency_key, needs_review, created_at, updated_at, crm_activity_id, reply_to_id, send_attempts, send_claimed_at) ` +
          `SELECT '00000000-0000-7000-8000-' || ${d.pad('n', 12)}, CASE WHEN ${outbound} THEN 'outbound' ELSE 'inbound' END, ` +
          `CASE WHEN ${outbound} THEN ${repNo} ELSE ${phone} END, CASE WHEN ${outbound} THEN ${phone} ELSE ${repNo} END, ` +
          `'History message ' || n || ', about the renewal we discussed', 'GSM-7', 1, CASE WHEN ${outbound} THEN 'delivered' ELSE 'received' END, NULL, ` +
          `${scatteredSid(d)}, '003' || ${d.pad(p, 12)} || 'AAA', '003' || ${d.pad(p, 12)} || 'AAA', '00000000-0000-4000-8000-' || ${d.pad(r, 12)}, ` +
          `'00000000-0000-4000-9000-' || ${d.pad(r, 12)}, NULL, ${d.bool(false)}, ${at}, ${at}, '00T' || ${d.pad('n', 12)} || 'AAA', NULL, 0, NULL FROM ${rows}`,
      );
      await m.query(
        `INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) ` +
          `SELECT 'task_upsert', '00000000-0000-7000-8000-' || ${d.pad('n', 12)}, NULL, 10, 'done', 1, ${at}, NULL, ${at}, ${at} FROM ${rows}`,
      );
      await m.query(
        `INSERT INTO notifications (id, user_id, type, message_id, record_id, prospect_name, preview, created_at, read_at) ` +
          `SELECT '00000000-0000-7000-9000-' || ${d.pad('n', 12)}, '00000000-0000-4000-8000-' || ${d.pad(r, 12)}, 'sms_reply', '00000000-0000-7000-8000-' || ${d.pad('n', 12)}, ` +
          `'003' || ${d.pad(p, 12)} || 'AAA', 'Prospect ' || ${p}, 'History message ' || n, ${at}, ${at} FROM ${rows} WHERE NOT ${outbound}`,
      );
    });
    progress(end);
  }
}
