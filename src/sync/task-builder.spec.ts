import type { ActivityMapping } from '../crm/crm-mapping';
import { buildTask, describeMessage, TaskSource } from './task-builder';

const mapping = (overrides: Partial<ActivityMapping> = {}): ActivityMapping => ({
  object: 'Task',
  externalIdField: 'SMS_Message_Id__c',
  status: 'Completed',
  priority: 'Normal',
  type: null,
  subjectOutbound: 'SMS sent to {name}',
  subjectInbound: 'SMS received from {name}',
  linkOpenOpportunity: false,
  ...overrides,
});

type SourceOverrides = Partial<Omit<TaskSource, 'message'>> & { message?: Partial<TaskSource['message']> };
const aSource = (overrides: SourceOverrides = {}): TaskSource => ({
  prospect: { id: '003000000000001AAA', objectType: 'Contact', name: 'Ada Lovelace', accountId: '001000000000001AAA' },
  ownerSalesforceId: '005000000000001AAA',
  openOpportunityId: null,
  ...overrides,
  message: {
    id: '0c6f2a4e-1111-4222-8333-944445555666',
    direction: 'outbound',
    fromNumber: '+14155550100',
    toNumber: '+14155550199',
    body: 'Hi Ada, are you free Tuesday?',
    status: 'delivered',
    errorCode: null,
    createdAt: '2026-11-29T23:59:30.000Z',
    ...overrides.message,
  },
});

describe('buildTask', () => {
  it('writes every field of an outbound SMS to a Contact from the mapping', () => {
    expect(buildTask(aSource(), mapping())).toEqual({
      SMS_Message_Id__c: '0c6f2a4e-1111-4222-8333-944445555666',
      Subject: 'SMS sent to Ada Lovelace',
      Description: 'Hi Ada, are you free Tuesday?\n\nFrom: +14155550100\nTo: +14155550199\nDirection: outbound\nStatus: delivered',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: '2026-11-29',
      WhoId: '003000000000001AAA',
      WhatId: '001000000000001AAA',
      OwnerId: '005000000000001AAA',
    });
  });

  it('uses the inbound subject and the other party number when the prospect is unknown', () => {
    const task = buildTask(aSource({ prospect: null, message: { direction: 'inbound', fromNumber: '+14155550199', toNumber: '+14155550100', status: 'received' } }), mapping());
    expect(task.Subject).toBe('SMS received from +14155550199');
    expect(task).not.toHaveProperty('WhoId');
    expect(task).not.toHaveProperty('WhatId');
  });

  it('never sets WhatId on a Lead, even with an opportunity at hand', () => {
    const task = buildTask(
      aSource({ prospect: { id: '00Q000000000001AAA', objectType: 'Lead', name: 'Grace', accountId: null }, openOpportunityId: '006000000000001AAA' }),
      mapping({ linkOpenOpportunity: true }),
    );
    expect(task.WhoId).toBe('00Q000000000001AAA');
    expect(task).not.toHaveProperty('WhatId');
  });

  it('links the open Opportunity when the mapping says so, the Account otherwise', () => {
    const source = aSource({ openOpportunityId: '006000000000001AAA' });
    expect(buildTask(source, mapping({ linkOpenOpportunity: true })).WhatId).toBe('006000000000001AAA');
    expect(buildTask(source, mapping({ linkOpenOpportunity: false })).WhatId).toBe('001000000000001AAA');
    expect(buildTask(aSource(), mapping({ linkOpenOpportunity: true })).WhatId).toBe('001000000000001AAA');
  });

  it('writes the mapped Type, external-id field and texts', () => {
    const task = buildTask(aSource(), mapping({ type: 'SMS', externalIdField: 'Text_Id__c', subjectOutbound: 'Text → {name} ({name})', status: 'Done', priority: 'Low' }));
    expect(task).toMatchObject({ Type: 'SMS', Text_Id__c: '0c6f2a4e-1111-4222-8333-944445555666', Subject: 'Text → Ada Lovelace (Ada Lovelace)', Status: 'Done', Priority: 'Low' });
    expect(task).not.toHaveProperty('SMS_Message_Id__c');
  });

  it('leaves OwnerId out when no owner is known (Salesforce defaults it)', () => {
    expect(buildTask(aSource({ ownerSalesforceId: null }), mapping())).not.toHaveProperty('OwnerId');
  });

  it('keeps Subject and Description within the Task field lengths', () => {
    const task = buildTask(aSource({ prospect: { id: '003000000000001AAA', objectType: 'Contact', name: 'x'.repeat(400), accountId: null }, message: { body: 'y'.repeat(40000) } }), mapping());
    expect((task.Subject as string).length).toBe(255);
    expect((task.Description as string).length).toBe(32000);
  });
});

describe('describeMessage', () => {
  it('shows a failed delivery with its error code', () => {
    expect(describeMessage(aSource({ message: { status: 'undelivered', errorCode: '30003' } }).message)).toContain('Status: undelivered (error 30003)');
  });
});
