import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where the incremental mirror of one object stopped: the (SystemModstamp, Id) of the last
 * committed record (the pair, not the timestamp alone, because many records share a stamp), or,
 * once a run has read up to its cutoff, that cutoff with an empty id: everything stamped before
 * it is read, the next poll starts at it (mirror-spec.ts, Watermark).
 */
@Entity('sync_watermarks')
export class SyncWatermark {
  @PrimaryColumn({ name: 'object_name', type: 'varchar', length: 80 })
  objectName!: string;

  @Column({ name: 'last_modstamp', type: 'varchar', length: 30 })
  lastModstamp!: string;

  @Column({ name: 'last_id', type: 'varchar', length: 18 })
  lastId!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
