import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { ConsentCrmFlags1764400500000 } from './1764400500000-consent-crm-flags';
import { SyncRunLease1764500000000 } from './1764500000000-sync-run-lease';
import { KeywordReplySends1764700000000 } from './1764700000000-keyword-reply-sends';
import { BoundedHotPaths1764850000000 } from './1764850000000-bounded-hot-paths';
import { RevocableApiKeys1764910000000 } from './1764910000000-revocable-api-keys';
import { DeliveryCheck1764960000000 } from './1764960000000-delivery-check';
import { SyncRunHolder1764975000000 } from './1764975000000-sync-run-holder';
import { OutboxClaims1764976000000 } from './1764976000000-outbox-claims';
import { DirectionalMessageIndexes1765000000000 } from './1765000000000-directional-message-indexes';
import { PartialOutboxClaimIndexes1765100000000 } from './1765100000000-partial-outbox-claim-indexes';
import { PartialMessageKeys1765200000000 } from './1765200000000-partial-message-keys';

/** Every migration, in order. Listed explicitly so tests, the CLI and dist/ load the same set. */
export const MIGRATIONS = [InitialSchema1764400000000, ConsentCrmFlags1764400500000, SyncRunLease1764500000000, KeywordReplySends1764700000000, BoundedHotPaths1764850000000, RevocableApiKeys1764910000000, DeliveryCheck1764960000000, SyncRunHolder1764975000000, OutboxClaims1764976000000, DirectionalMessageIndexes1765000000000, PartialOutboxClaimIndexes1765100000000, PartialMessageKeys1765200000000];
