/**
 * The admin API as the admin pages use it (CONTRACT §2, Admin): the shapes the service answers
 * and one function per call, all through the console's one client (../api).
 */
import { api } from '../api';

export interface UserView {
  id: string;
  salesforceUserId: string;
  name: string;
  email: string;
  role: 'rep' | 'admin';
  hasKey: boolean;
  createdAt: string;
}

export interface NumberView {
  id: string;
  phoneNumber: string;
  userId: string;
  kind: 'direct' | 'local_presence';
  smsEnabled: boolean;
}

export interface SmsRequestView {
  id: string;
  numberId: string;
  userId: string;
  phoneNumber: string | null;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface PeopleMapping {
  object: string;
  nameField: string;
  phoneFields: string[];
  doNotCallField: string;
  doNotSmsField: string;
  enrolledField: string;
  ownerField: string;
  accountField?: string;
  convertedField?: string;
}

export interface CrmMappingDocument {
  people: PeopleMapping[];
  account: { object: string; nameField: string };
  activity: {
    object: string;
    externalIdField: string;
    status: string;
    priority: string;
    type: string | null;
    subjectOutbound: string;
    subjectInbound: string;
    linkOpenOpportunity: boolean;
  };
}

export interface CrmMappingView extends CrmMappingDocument {
  meta: { source: 'saved' | 'file'; file: string | null; updatedAt: string | null; updatedBy: string | null };
}

/** One item of a 422 INVALID_MAPPING's details.fields */
export interface MappingProblem {
  object: string | null;
  field: string | null;
  role: string | null;
  problem: string;
  message: string;
}

export type OutboxKind = 'do_not_sms' | 'task_upsert' | 'task_status';

export interface SyncRunView {
  runId: string;
  job: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  stats: Record<string, number>;
  error: string | null;
  progress?: { done: number; total: number | null; label: string | null };
}

export interface SyncStatus {
  watermarks: { object: string; lastModstamp: string; lastId: string; updatedAt: string }[];
  outboxDepth: number;
  outboxParked: number;
  outbox: {
    pending: Record<OutboxKind, number>;
    parked: Record<OutboxKind, number>;
    recentlyParked: { id: number; kind: OutboxKind; aggregateId: string; attempts: number; lastError: string | null; updatedAt: string }[];
  };
  apiBudget: {
    dailyUsed: number | null;
    dailyMax: number | null;
    usedShare: number | null;
    pauseAtShare: number;
    paused: boolean;
    callsMade: number;
  };
  jobs: Record<string, { registered: boolean; running: boolean; schedule: string | null; lastRun: SyncRunView | null }>;
}

export interface ConsentReport {
  phoneNumber: string;
  optedOut: boolean;
  source: string | null;
  updatedAt: string | null;
  prospects: { id: string; name: string; objectType: string; doNotSms: boolean; doNotCall: boolean }[];
  events: {
    id: string;
    action: 'block' | 'unblock';
    source: string;
    messageId: string | null;
    message: { direction: string; body: string; from: string; to: string; createdAt: string } | null;
    actorUserId: string | null;
    needsReview: boolean;
    note: string | null;
    createdAt: string;
  }[];
}

export const adminApi = {
  users: () => api<UserView[]>('/api/admin/users'),
  numbers: () => api<NumberView[]>('/api/admin/numbers'),
  addNumber: (body: { phoneNumber: string; userId: string; kind: NumberView['kind']; smsEnabled: boolean }) =>
    api<NumberView>('/api/admin/numbers', { method: 'POST', body }),
  requests: () => api<SmsRequestView[]>('/api/admin/sms-requests'),
  /** an admin may file the request for any number (then approve it): the decision stays on record */
  requestSms: (numberId: string) => api<SmsRequestView>(`/api/numbers/${encodeURIComponent(numberId)}/sms-requests`, { method: 'POST' }),
  decide: (id: string, decision: 'approve' | 'reject') => api<SmsRequestView>(`/api/admin/sms-requests/${encodeURIComponent(id)}/${decision}`, { method: 'POST' }),
  mapping: () => api<CrmMappingView>('/api/admin/crm-mapping'),
  saveMapping: (body: CrmMappingDocument) => api<CrmMappingView>('/api/admin/crm-mapping', { method: 'PUT', body }),
  syncStatus: () => api<SyncStatus>('/api/admin/sync/status'),
  startJob: (job: string) => api<{ runId: string }>(`/api/admin/sync/${encodeURIComponent(job)}`, { method: 'POST' }),
  run: (runId: string) => api<SyncRunView>(`/api/admin/sync/runs/${encodeURIComponent(runId)}`),
  requeue: (ids?: number[]) => api<{ requeued: number }>('/api/admin/sync/outbox/requeue', { method: 'POST', body: ids ? { ids } : {} }),
  consent: (phone: string) => api<ConsentReport>(`/api/admin/consent?phone=${encodeURIComponent(phone)}`),
};
