"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764400000000_initial_schema_1 = require("./1764400000000-initial-schema");
const _1764400500000_consent_crm_flags_1 = require("./1764400500000-consent-crm-flags");
const _1764500000000_sync_run_lease_1 = require("./1764500000000-sync-run-lease");
const _1764700000000_keyword_reply_sends_1 = require("./1764700000000-keyword-reply-sends");
const _1764850000000_bounded_hot_paths_1 = require("./1764850000000-bounded-hot-paths");
const _1764910000000_revocable_api_keys_1 = require("./1764910000000-revocable-api-keys");
/** Every migration, in order. Listed explicitly so tests, the CLI and dist/ load the same set. */
exports.MIGRATIONS = [_1764400000000_initial_schema_1.InitialSchema1764400000000, _1764400500000_consent_crm_flags_1.ConsentCrmFlags1764400500000, _1764500000000_sync_run_lease_1.SyncRunLease1764500000000, _1764700000000_keyword_reply_sends_1.KeywordReplySends1764700000000, _1764850000000_bounded_hot_paths_1.BoundedHotPaths1764850000000, _1764910000000_revocable_api_keys_1.RevocableApiKeys1764910000000];
//# sourceMappingURL=index.js.map