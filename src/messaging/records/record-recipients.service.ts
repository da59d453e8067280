import { Injectable } from '@nestjs/common';
import { RecordContext, RecordContextService } from '../../crm/record-context.service';
import type { RecipientFacts, RecordFacts } from '../gate/send-context';

/**
 * The send gate's and the record screen's view of a record: the CRM's RecordContextService
 * (src/crm/record-context.service.ts) resolves it; this flattens its people into one candidate per
 * phone, person by person in the mapping's field priority, as the gate's rules expect.
 */
@Injectable()
export class RecordRecipientsService {
  constructor(private readonly records: RecordContextService) {}

  /** null when the id is malformed, of another object, or unknown; a Task during a CRM outage throws 503 CRM_UNAVAILABLE. */
  async load(recordId: string): Promise<RecordFacts | null> {
    const context = await this.records.find(recordId);
    return context ? toRecordFacts(context) : null;
  }
}

export function toRecordFacts({ record, prospects, whatId }: RecordContext): RecordFacts {
  const candidates: RecipientFacts[] = prospects.flatMap((p) =>
    p.phones.map((phone) => ({
      prospectId: p.id,
      name: p.name,
      objectType: p.objectType,
      phoneNumber: phone.e164,
      field: phone.field,
      enrolled: p.enrolled,
      doNotCall: p.doNotCall,
      doNotSms: p.doNotSms,
    })),
  );
  return { id: record.id, type: record.type, name: record.name, candidates, ...(record.type === 'Task' ? { whatId } : {}) };
}
