import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('accounts')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 18 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'system_modstamp', type: 'varchar', length: 30 })
  systemModstamp!: string;

  @Column({ name: 'synced_at', type: 'varchar', length: 30 })
  syncedAt!: string;
}
