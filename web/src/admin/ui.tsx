import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';

/** What happened after an action, announced politely (a live region present before it fills). */
export function StatusLine(props: { message: string | null }) {
  return (
    <p role="status" class={props.message ? 'status-line' : 'status-line empty'}>
      {props.message}
    </p>
  );
}

/** A failure, announced at once. */
export function ErrorAlert(props: { error: Error | string | null; id?: string }) {
  if (!props.error) return null;
  const message = typeof props.error === 'string' ? props.error : describeError(props.error);
  return (
    <p role="alert" class="error" id={props.id}>
      {message}
    </p>
  );
}

export function describeError(error: Error): string {
  if (error instanceof ApiError && error.status === 403) return 'Only admins may do this.';
  return error.message;
}

export function Loading(props: { what: string }) {
  return <p class="muted">Loading {props.what}…</p>;
}

export function PageHeader(props: { title: string; children?: ComponentChildren; onRefresh?: () => void; busy?: boolean }) {
  return (
    <div class="page-header">
      <div>
        <h1 tabIndex={-1}>{props.title}</h1>
        {props.children && <p class="muted lead">{props.children}</p>}
      </div>
      {props.onRefresh && (
        <button type="button" onClick={props.onRefresh} disabled={props.busy}>
          {props.busy ? 'Refreshing…' : 'Refresh'}
        </button>
      )}
    </div>
  );
}
