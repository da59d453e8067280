import { join } from 'node:path';
import { loadMappingFile, MappingShapeError, parseMapping } from './crm-mapping';

describe('CRM mapping shape', () => {
  it('loads the shipped defaults of CONTRACT §3', () => {
    const mapping = loadMappingFile(join(__dirname, '../../config/crm-mapping.yaml'));
    expect(mapping.people.map((p) => p.object)).toEqual(['Contact', 'Lead']);
    expect(mapping.people[0]).toMatchObject({
      phoneFields: ['MobilePhone', 'Phone'],
      doNotCallField: 'DoNotCall',
      doNotSmsField: 'Do_Not_SMS__c',
      enrolledField: 'SMS_Enrolled__c',
      accountField: 'AccountId',
    });
    expect(mapping.people[1].convertedField).toBe('IsConverted');
    expect(mapping.activity).toMatchObject({ object: 'Task', externalIdField: 'SMS_Message_Id__c', status: 'Completed', linkOpenOpportunity: false });
  });

  it('lists every shape problem at once', () => {
    try {
      parseMapping({ people: [{ object: 'Contact', phoneFields: [], doNotCallField: 'bad name' }], activity: { linkOpenOpportunity: 'yes' } });
      throw new Error('expected a MappingShapeError');
    } catch (error) {
      expect(error).toBeInstanceOf(MappingShapeError);
      const problems = (error as MappingShapeError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          'people[0].phoneFields must list at least one field',
          'people[0].doNotCallField must be a Salesforce API name',
          'people[0].doNotSmsField must be a Salesforce API name',
          'activity.linkOpenOpportunity must be true or false',
          'activity.externalIdField must be a Salesforce API name',
        ]),
      );
    }
  });
});
