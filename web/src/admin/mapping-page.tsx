import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { adminApi, CrmMappingDocument, CrmMappingView, MappingProblem, PeopleMapping } from './admin-api';
import { formatTime } from './format';
import { FieldPath, GENERAL, inputId, problemsByPath } from './mapping-problems';
import { useResource } from './use-resource';
import { ErrorAlert, Loading, PageHeader, StatusLine } from './ui';

type Problems = Map<FieldPath, MappingProblem[]>;

/** The CRM mapping editor: edit, save (checked against the org's describe), each problem shown at its field. */
export function MappingPage() {
  const loaded = useResource(adminApi.mapping);
  const [doc, setDoc] = useState<CrmMappingDocument | null>(null);
  const [meta, setMeta] = useState<CrmMappingView['meta'] | null>(null);
  const [problems, setProblems] = useState<Problems>(new Map());
  const [count, setCount] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!loaded.data) return;
    const { meta: m, ...rest } = loaded.data;
    setDoc(rest);
    setMeta(m);
  }, [loaded.data]);

  useEffect(() => {
    if (count > 0) summary.current?.focus();
  }, [count, problems]);

  if (!doc) {
    return (
      <section>
        <PageHeader title="Mapping" />
        <ErrorAlert error={loaded.error} />
        {!loaded.error && <Loading what="the mapping" />}
      </section>
    );
  }

  const edit = (change: (draft: CrmMappingDocument) => void) => {
    const draft = structuredClone(doc);
    change(draft);
    setDoc(draft);
    setStatus(null);
  };

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const saved = await adminApi.saveMapping(clean(doc!));
      const { meta: m, ...rest } = saved;
      setDoc(rest);
      setMeta(m);
      setProblems(new Map());
      setCount(0);
      setStatus(`Mapping saved at ${formatTime(m.updatedAt)}. It is in force now; the next mirror run reads every record under it.`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INVALID_MAPPING' && Array.isArray(e.details?.fields)) {
        const list = e.details.fields as MappingProblem[];
        setProblems(problemsByPath(list, doc!));
        setCount(list.length);
      } else {
        setError(e as Error);
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (path: FieldPath, label: string, value: string, set: (draft: CrmMappingDocument, value: string) => void, hint?: string) => (
    <MappingField path={path} label={label} value={value} hint={hint} problems={problems.get(path)} onInput={(v) => edit((d) => set(d, v))} />
  );

  return (
    <section>
      <PageHeader title="Mapping">
        Which Salesforce objects and fields the service reads and writes. Saving checks every name against your org first; nothing is saved while a problem remains.
      </PageHeader>
      {meta && (
        <p class="muted small" data-figure="mapping-source">
          {meta.source === 'saved'
            ? `In force: saved here on ${formatTime(meta.updatedAt)}.`
            : `In force: the file ${meta.file ?? 'config/crm-mapping.yaml'} (not edited here yet).`}
        </p>
      )}
      {count > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="mapping-problems-heading">
          <h2 id="mapping-problems-heading">
            Not saved: {count} problem{count === 1 ? '' : 's'} to fix
          </h2>
          <ul>
            {[...problems].flatMap(([path, list]) =>
              list.map((p, i) => (
                <li key={`${path}:${i}`}>
                  {path === GENERAL ? (
                    p.message
                  ) : (
                    <a
                      href={`#${inputId(path)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(inputId(path))?.focus();
                      }}
                    >
                      {p.message}
                    </a>
                  )}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <form onSubmit={save} noValidate class="mapping-form">
        <h2>People</h2>
        <p class="muted small">The objects whose records can be texted, in the order they are matched.</p>
        {doc.people.map((p, i) => (
          <PeopleFieldset key={i} index={i} people={p} field={field} problems={problems} edit={edit} />
        ))}
        <fieldset class="card">
          <legend>Account</legend>
          <div class="fields">
            {field('account.object', 'Object', doc.account.object, (d, v) => (d.account.object = v))}
            {field('account.nameField', 'Name field', doc.account.nameField, (d, v) => (d.account.nameField = v))}
          </div>
        </fieldset>
        <fieldset class="card">
          <legend>Activity (one per message)</legend>
          <div class="fields">
            {field('activity.object', 'Object', doc.activity.object, (d, v) => (d.activity.object = v))}
            {field('activity.externalIdField', 'External id field', doc.activity.externalIdField, (d, v) => (d.activity.externalIdField = v), 'An External ID field: written by upsert, so a retry never makes a second record.')}
            {field('activity.status', 'Status value', doc.activity.status, (d, v) => (d.activity.status = v))}
            {field('activity.priority', 'Priority value', doc.activity.priority, (d, v) => (d.activity.priority = v))}
            {field('activity.type', 'Type value', doc.activity.type ?? '', (d, v) => (d.activity.type = v.trim() ? v : null), 'Empty leaves Type unset.')}
            {field('activity.subjectOutbound', 'Subject of a sent SMS', doc.activity.subjectOutbound, (d, v) => (d.activity.subjectOutbound = v), '{name} becomes the prospect’s name.')}
            {field('activity.subjectInbound', 'Subject of a received SMS', doc.activity.subjectInbound, (d, v) => (d.activity.subjectInbound = v))}
          </div>
          <CheckField
            path="activity.linkOpenOpportunity"
            label="Link the open Opportunity"
            hint="The activity’s WhatId is the open Opportunity the Contact plays a role in, else its Account."
            checked={doc.activity.linkOpenOpportunity}
            problems={problems.get('activity.linkOpenOpportunity')}
            onChange={(v) => edit((d) => (d.activity.linkOpenOpportunity = v))}
          />
        </fieldset>
        <StatusLine message={status} />
        <ErrorAlert error={error} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking with Salesforce…' : 'Save mapping'}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setProblems(new Map());
              setCount(0);
              setStatus(null);
              void loaded.reload().then(() => setStatus('Changes discarded: showing the mapping in force.'));
            }}
          >
            Discard changes
          </button>
        </div>
      </form>
    </section>
  );
}

type FieldRenderer = (path: FieldPath, label: string, value: string, set: (draft: CrmMappingDocument, value: string) => void, hint?: string) => preact.JSX.Element;

function PeopleFieldset(props: {
  index: number;
  people: PeopleMapping;
  field: FieldRenderer;
  problems: Problems;
  edit: (change: (draft: CrmMappingDocument) => void) => void;
}) {
  const { index: i, people: p, field } = props;
  const at = `people[${i}]`;
  return (
    <fieldset class="card">
      <legend>{p.object || `People object ${i + 1}`}</legend>
      <div class="fields">
        {field(`${at}.object`, 'Object', p.object, (d, v) => (d.people[i].object = v))}
        {field(`${at}.nameField`, 'Name field', p.nameField, (d, v) => (d.people[i].nameField = v))}
        {p.phoneFields.map((f, j) => (
          <div key={j} class="with-action">
            {field(`${at}.phoneFields[${j}]`, `Phone field ${j + 1}`, f, (d, v) => (d.people[i].phoneFields[j] = v), j === 0 ? 'In priority order.' : undefined)}
            {p.phoneFields.length > 1 && (
              <button type="button" class="link" aria-label={`Remove phone field ${j + 1} of ${p.object}`} onClick={() => props.edit((d) => d.people[i].phoneFields.splice(j, 1))}>
                Remove
              </button>
            )}
          </div>
        ))}
        {field(`${at}.doNotCallField`, 'Do-Not-Call field', p.doNotCallField, (d, v) => (d.people[i].doNotCallField = v))}
        {field(`${at}.doNotSmsField`, 'Do-Not-SMS field', p.doNotSmsField, (d, v) => (d.people[i].doNotSmsField = v), 'Written back when the prospect texts STOP or START.')}
        {field(`${at}.enrolledField`, 'Enrollment field', p.enrolledField, (d, v) => (d.people[i].enrolledField = v))}
        {field(`${at}.ownerField`, 'Owner field', p.ownerField, (d, v) => (d.people[i].ownerField = v))}
        {field(`${at}.accountField`, 'Account field', p.accountField ?? '', (d, v) => (d.people[i].accountField = v), 'Optional: the Account lookup.')}
        {field(`${at}.convertedField`, 'Converted field', p.convertedField ?? '', (d, v) => (d.people[i].convertedField = v), 'Optional: converted records leave the mirror.')}
      </div>
      <button type="button" class="link" onClick={() => props.edit((d) => d.people[i].phoneFields.push(''))}>
        Add a phone field to {p.object || `people object ${i + 1}`}
      </button>
    </fieldset>
  );
}

function MappingField(props: { path: FieldPath; label: string; value: string; hint?: string; problems?: MappingProblem[]; onInput: (value: string) => void }) {
  const id = inputId(props.path);
  const problems = props.problems ?? [];
  const describedBy = [problems.length ? `${id}-problem` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={problems.length ? 'field has-problem' : 'field'}>
      <label for={id}>{props.label}</label>
      {problems.length > 0 && (
        <p class="field-problem" id={`${id}-problem`}>
          {problems.map((p) => p.message).join(' ')}
        </p>
      )}
      <input
        id={id}
        type="text"
        spellcheck={false}
        autocomplete="off"
        class="mono"
        value={props.value}
        aria-invalid={problems.length ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

function CheckField(props: { path: FieldPath; label: string; hint: string; checked: boolean; problems?: MappingProblem[]; onChange: (value: boolean) => void }) {
  const id = inputId(props.path);
  const problems = props.problems ?? [];
  return (
    <div class={problems.length ? 'check has-problem' : 'check'}>
      {problems.length > 0 && (
        <p class="field-problem" id={`${id}-problem`}>
          {problems.map((p) => p.message).join(' ')}
        </p>
      )}
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-invalid={problems.length ? 'true' : undefined}
        aria-describedby={[problems.length ? `${id}-problem` : null, `${id}-hint`].filter(Boolean).join(' ')}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

/** What PUT takes: blanks of optional fields left out, phone fields trimmed of empty entries. */
function clean(doc: CrmMappingDocument): CrmMappingDocument {
  const trim = (v: string) => v.trim();
  return {
    people: doc.people.map((p) => {
      const { accountField, convertedField, ...rest } = p;
      return {
        ...rest,
        object: trim(p.object),
        nameField: trim(p.nameField),
        phoneFields: p.phoneFields.map(trim).filter(Boolean),
        doNotCallField: trim(p.doNotCallField),
        doNotSmsField: trim(p.doNotSmsField),
        enrolledField: trim(p.enrolledField),
        ownerField: trim(p.ownerField),
        ...(accountField?.trim() ? { accountField: trim(accountField) } : {}),
        ...(convertedField?.trim() ? { convertedField: trim(convertedField) } : {}),
      };
    }),
    account: { object: trim(doc.account.object), nameField: trim(doc.account.nameField) },
    activity: { ...doc.activity, object: trim(doc.activity.object), externalIdField: trim(doc.activity.externalIdField), type: doc.activity.type?.trim() || null },
  };
}
