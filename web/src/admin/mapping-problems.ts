import type { CrmMappingDocument, MappingProblem } from './admin-api';

/** The form's path of each mapping field, e.g. `people[0].doNotCallField`, `account.nameField`. */
export type FieldPath = string;

/** Problems the form cannot pin to one of its fields, shown in the summary only. */
export const GENERAL = 'general';

const PEOPLE_ROLE = /^(nameField|phoneFields\[\d+\]|doNotCallField|doNotSmsField|enrolledField|ownerField|accountField|convertedField)$/;
const NAMED_ROLE = /^(account\.(object|nameField)|activity\.(object|externalIdField|status|priority|type|subjectOutbound|subjectInbound|linkOpenOpportunity))$/;
const SHAPE_PATH = /^(people\[\d+\]\.\w+(\[\d+\])?|account\.\w+|activity\.\w+)$/;

/**
 * Where a problem of a 422 INVALID_MAPPING belongs in the form. Problems carry the Salesforce
 * object, the field and the role the mapping gives it (`doNotCallField`, `phoneFields[1]`,
 * `account.nameField`, `activity.externalIdField`, or a fixed field's role like `record id`);
 * shape problems carry the mapping path in `field`.
 */
export function problemPath(problem: MappingProblem, doc: CrmMappingDocument): FieldPath {
  if (problem.problem === 'invalid_shape') {
    const path = problem.field?.replace(/\.phoneFields$/, '.phoneFields[0]') ?? '';
    return SHAPE_PATH.test(path) ? path : GENERAL;
  }
  if (problem.object === null) return GENERAL;
  const person = doc.people.findIndex((p) => p.object.toLowerCase() === problem.object!.toLowerCase());
  const role = problem.role;
  if (role !== null && NAMED_ROLE.test(role)) return role;
  if (person >= 0 && role !== null && PEOPLE_ROLE.test(role)) return `people[${person}].${role}`;
  // the object itself, or a field the mapping does not name (Id, SystemModstamp, Task.Subject …): the object's box
  if (person >= 0) return `people[${person}].object`;
  if (problem.object.toLowerCase() === doc.account.object.toLowerCase()) return 'account.object';
  if (problem.object.toLowerCase() === doc.activity.object.toLowerCase()) return 'activity.object';
  if (role === 'activity.linkOpenOpportunity' || problem.object === 'OpportunityContactRole') return 'activity.linkOpenOpportunity';
  return GENERAL;
}

export function problemsByPath(problems: MappingProblem[], doc: CrmMappingDocument): Map<FieldPath, MappingProblem[]> {
  const byPath = new Map<FieldPath, MappingProblem[]>();
  for (const problem of problems) {
    const path = problemPath(problem, doc);
    byPath.set(path, [...(byPath.get(path) ?? []), problem]);
  }
  return byPath;
}

/** The id of a field's input: `people[0].phoneFields[1]` → `mapping-people-0-phoneFields-1`. */
export const inputId = (path: FieldPath): string => 'mapping-' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
