import { join } from 'node:path';
import { aField, defaultOrgDescriptions } from '../../test/support/fake-crm.gateway';
import { CrmError, type ObjectDescription } from './crm-gateway.port';
import { loadMappingFile, parseMapping } from './crm-mapping';
import { mappingObjects, mappingProblems } from './crm-mapping-validation';

const shipped = () => loadMappingFile(join(__dirname, '../../config/crm-mapping.yaml'));
const org = (edit: (objects: ObjectDescription[]) => void = () => undefined) => {
  const objects = defaultOrgDescriptions();
  edit(objects);
  return new Map<string, ObjectDescription | CrmError | null>(objects.map((o) => [o.name, o]));
};
const fieldsOf = (objects: ObjectDescription[], name: string) => objects.find((o) => o.name === name)!.fields;

describe('mapping validation against the org describe', () => {
  it('accepts the shipped mapping on an org that has its fields', () => {
    expect(mappingProblems(shipped(), org())).toEqual([]);
  });

  it('describes Contact, Lead, Account and Task (and OpportunityContactRole only when linking opportunities)', () => {
    expect(mappingObjects(shipped())).toEqual(['Contact', 'Lead', 'Account', 'Task']);
    const linked = parseMapping({ ...shipped(), activity: { ...shipped().activity, linkOpenOpportunity: true } });
    expect(mappingObjects(linked)).toContain('OpportunityContactRole');
  });

  it('lists every missing or mistyped field, one entry each', () => {
    const problems = mappingProblems(
      shipped(),
      org((objects) => {
        const contact = fieldsOf(objects, 'Contact');
        contact.splice(contact.findIndex((f) => f.name === 'SMS_Enrolled__c'), 1);
        contact[contact.findIndex((f) => f.name === 'DoNotCall')] = aField('DoNotCall', 'string');
        const lead = fieldsOf(objects, 'Lead');
        lead.splice(lead.findIndex((f) => f.name === 'Do_Not_SMS__c'), 1);
        const task = fieldsOf(objects, 'Task');
        task[task.findIndex((f) => f.name === 'SMS_Message_Id__c')] = aField('SMS_Message_Id__c', 'string', { externalId: false });
      }),
    );
    expect(problems.map(({ object, field, problem }) => ({ object, field, problem }))).toEqual([
      { object: 'Contact', field: 'DoNotCall', problem: 'wrong_type' },
      { object: 'Contact', field: 'SMS_Enrolled__c', problem: 'missing_field' },
      { object: 'Lead', field: 'Do_Not_SMS__c', problem: 'missing_field' },
      { object: 'Task', field: 'SMS_Message_Id__c', problem: 'not_external_id' },
    ]);
    expect(problems[0].message).toBe('Contact.DoNotCall (doNotCallField) is of type string; expected boolean.');
  });

  it('matches field names case-insensitively, as SOQL does', () => {
    const mapping = parseMapping({ ...shipped(), people: [{ ...shipped().people[0], enrolledField: 'sms_enrolled__c' }] });
    expect(mappingProblems(mapping, org())).toEqual([]);
  });

  it('reports a missing object once, not each of its fields', () => {
    const problems = mappingProblems(
      shipped(),
      org((objects) => objects.splice(objects.findIndex((o) => o.name === 'Lead'), 1)),
    );
    expect(problems).toEqual([{ object: 'Lead', field: null, role: null, problem: 'missing_object', message: expect.stringContaining('Lead') }]);
  });

  it('refuses a Do-Not-SMS field the service cannot write back', () => {
    const problems = mappingProblems(
      shipped(),
      org((objects) => {
        const contact = fieldsOf(objects, 'Contact');
        contact[contact.findIndex((f) => f.name === 'Do_Not_SMS__c')] = aField('Do_Not_SMS__c', 'boolean', { updateable: false, createable: false });
      }),
    );
    expect(problems).toMatchObject([{ object: 'Contact', field: 'Do_Not_SMS__c', problem: 'not_updateable' }]);
  });

  it('checks that the account lookup points at the mapped Account object', () => {
    const problems = mappingProblems(
      shipped(),
      org((objects) => {
        const contact = fieldsOf(objects, 'Contact');
        contact[contact.findIndex((f) => f.name === 'AccountId')] = aField('AccountId', 'reference', { referenceTo: ['User'] });
      }),
    );
    expect(problems).toMatchObject([{ object: 'Contact', field: 'AccountId', problem: 'wrong_type' }]);
  });

  it('checks a field named in two roles for each role: a phone field as Do-Not-Call is refused, naming the role', () => {
    const mapping = parseMapping({ ...shipped(), people: [{ ...shipped().people[0], doNotCallField: 'MobilePhone' }, shipped().people[1]] });
    const problems = mappingProblems(mapping, org());
    expect(problems).toContainEqual(
      expect.objectContaining({ object: 'Contact', field: 'MobilePhone', role: 'doNotCallField', problem: 'wrong_type', message: 'Contact.MobilePhone (doNotCallField) is of type phone; expected boolean.' }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ object: 'Contact', field: 'MobilePhone', role: 'doNotCallField', problem: 'conflicting_roles' }));
  });

  it('refuses one boolean field in two flag roles, though its type fits both', () => {
    const mapping = parseMapping({ ...shipped(), people: [{ ...shipped().people[0], enrolledField: 'donotcall' }, shipped().people[1]] });
    expect(mappingProblems(mapping, org())).toEqual([
      {
        object: 'Contact',
        field: 'donotcall',
        role: 'enrolledField',
        problem: 'conflicting_roles',
        message: 'Contact.donotcall is named as enrolledField and as doNotCallField; each role needs a field of its own.',
      },
    ]);
  });
});
