import { Column, Entity, PrimaryColumn } from 'typeorm';

export type Role = 'rep' | 'admin';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** 18-character Salesforce user id: the OwnerId of the Tasks this rep's messages become. */
  @Column({ name: 'salesforce_user_id', type: 'varchar', length: 18, unique: true })
  salesforceUserId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  /** sha256 of the API key; the key itself is shown once and never stored. Null: revoked. */
  @Column({ name: 'api_key_hash', type: 'varchar', length: 64, unique: true, nullable: true })
  apiKeyHash!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
