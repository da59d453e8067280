import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The number indexes of `messages` hold one direction each. Every query through them names its
 * direction (a thread's legs: what a number sent us, what we sent to it; the last message one of
 * our numbers sent to a number), so the other direction's rows were dead weight there: an inbound
 * reply wrote two index pages no read ever used (the pair's and the `to_number` one), a send one
 * (the `from_number` one). At a million messages those pages lie all over the file, and each is a
 * page of WAL and of checkpoint per message.
 *
 * Drops `ix_messages_from_created`, `ix_messages_to_created` and `ix_messages_pair_latest`.
 */
const OUTBOUND = `"direction" = 'outbound'`;
const INBOUND = `"direction" = 'inbound'`;

/** A fresh TableIndex each time: TypeORM keeps the object it was given in its table cache. */
const ix = (options: ConstructorParameters<typeof TableIndex>[0]) => () => new TableIndex(options);

const REPLACED: { drop: () => TableIndex; create: () => TableIndex }[] = [
  {
    drop: ix({ name: 'ix_messages_from_created', columnNames: ['from_number', 'created_at', 'id'] }),
    create: ix({ name: 'ix_messages_inbound_from', columnNames: ['from_number', 'created_at', 'id'], where: INBOUND }),
  },
  {
    drop: ix({ name: 'ix_messages_to_created', columnNames: ['to_number', 'created_at', 'id'] }),
    create: ix({ name: 'ix_messages_outbound_to', columnNames: ['to_number', 'created_at', 'id'], where: OUTBOUND }),
  },
  {
    drop: ix({ name: 'ix_messages_pair_latest', columnNames: ['to_number', 'from_number', 'direction', 'created_at', 'id'] }),
    create: ix({ name: 'ix_messages_outbound_pair', columnNames: ['to_number', 'from_number', 'created_at', 'id'], where: OUTBOUND }),
  },
];

export class DirectionalMessageIndexes1765000000000 implements MigrationInterface {
  name = 'DirectionalMessageIndexes1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { drop, create } of REPLACED) {
      await queryRunner.createIndex('messages', create());
      await queryRunner.dropIndex('messages', drop().name!);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { drop, create } of [...REPLACED].reverse()) {
      await queryRunner.createIndex('messages', drop());
      await queryRunner.dropIndex('messages', create().name!);
    }
  }
}
