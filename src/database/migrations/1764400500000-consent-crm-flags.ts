import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `consent_crm_flags`: the prospects whose Do_Not_SMS__c the service set because their number
 * opted out, and whether the flag was already set (by people) before. An opt-in clears only the
 * flags the service set, so a Do-Not-SMS a person set in the CRM stays in force.
 */
export class ConsentCrmFlags1764400500000 implements MigrationInterface {
  name = 'ConsentCrmFlags1764400500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'consent_crm_flags',
        columns: [
          { name: 'phone_number', type: 'varchar', length: '16', isPrimary: true },
          { name: 'prospect_id', type: 'varchar', length: '18', isPrimary: true },
          { name: 'set_before', type: 'boolean', isNullable: false },
          { name: 'created_at', type: 'varchar', length: '30', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('consent_crm_flags');
  }
}
