/** Figures and times as the admin pages print them: in the admin's locale and time zone. */

const number = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : number.format(n));

export const formatShare = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : percent.format(share));

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dateTime.format(at);
}

/** "3 s", "4 min 10 s", "2 h 5 min", "3 d 4 h" */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "4 min 10 s ago" */
export const formatAgo = (iso: string | null | undefined, now = Date.now()): string => (iso ? `${formatDuration(now - Date.parse(iso))} ago` : '—');

/** A stat key as a label: salesforceApiCalls → "Salesforce API calls", tasksLogged → "tasks logged". */
export function statLabel(key: string): string {
  if (key === 'salesforceApiCalls') return 'Salesforce API calls';
  if (key === 'durationMs') return 'duration';
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export const kindLabel: Record<string, string> = {
  task_upsert: 'Task writes (messages logged)',
  task_status: 'Task status updates',
  do_not_sms: 'Do-Not-SMS write-backs',
};
