"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionRegistry = void 0;
const node_crypto_1 = require("node:crypto");
class SessionRegistry {
    staticToken;
    ttlMs;
    valid = new Set();
    refreshTokens = new Set();
    clients = new Map();
    expiries = new Map();
    orgId = '00D8d0000000001EAA';
    constructor(
    /** a pre-shared access token that is valid from the start (SALESFORCE_ACCESS_TOKEN) */
    staticToken, 
    /** tokens expire this long after issue (null: never, until expireAll) */
    ttlMs = null) {
        this.staticToken = staticToken;
        this.ttlMs = ttlMs;
        this.valid.add(staticToken);
    }
    registerClient(clientId, clientSecret) {
        this.clients.set(clientId, clientSecret);
    }
    isValid(token) {
        if (!token || !this.valid.has(token))
            return false;
        const expiry = this.expiries.get(token);
        if (expiry !== undefined && Date.now() >= expiry) {
            this.valid.delete(token);
            return false;
        }
        return true;
    }
    /** A new valid access token (also what the token endpoint hands out). */
    issue() {
        const token = `${this.orgId.slice(0, 15)}!AQ${(0, node_crypto_1.randomBytes)(24).toString('base64url')}`;
        this.valid.add(token);
        if (this.ttlMs !== null)
            this.expiries.set(token, Date.now() + this.ttlMs);
        return token;
    }
    issueRefreshToken() {
        const token = `5Aep${(0, node_crypto_1.randomBytes)(24).toString('base64url')}`;
        this.refreshTokens.add(token);
        return token;
    }
    /** Every access token issued so far (the pre-shared one too) stops working: INVALID_SESSION_ID. */
    expireAll() {
        this.valid.clear();
    }
    /** The pre-shared token works again (tests that expired every session clean up with this). */
    restoreStaticToken() {
        this.valid.add(this.staticToken);
    }
    revoke(token) {
        this.valid.delete(token);
    }
    token(form, authorization, instanceUrl, userId) {
        const basic = /^Basic (.+)$/i.exec(authorization ?? '');
        const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':') : [];
        const clientId = form.get('client_id') ?? basicId;
        const clientSecret = form.get('client_secret') ?? basicSecret;
        const grant = form.get('grant_type');
        if (grant !== 'client_credentials' && grant !== 'refresh_token') {
            return fail('unsupported_grant_type', 'grant type not supported');
        }
        if (!clientId || !this.clients.has(clientId))
            return fail('invalid_client_id', 'client identifier invalid');
        if (grant === 'client_credentials' && this.clients.get(clientId) !== clientSecret)
            return fail('invalid_client', 'invalid client credentials');
        if (grant === 'refresh_token' && !this.refreshTokens.has(form.get('refresh_token') ?? ''))
            return fail('invalid_grant', 'expired access/refresh token');
        const accessToken = this.issue();
        const issuedAt = String(Date.now());
        const id = `${instanceUrl}/id/${this.orgId}/${userId}`;
        const signature = (0, node_crypto_1.createHmac)('sha256', clientSecret ?? clientId).update(id + issuedAt).digest('base64');
        return {
            status: 200,
            body: { access_token: accessToken, signature, scope: 'api', instance_url: instanceUrl, id, token_type: 'Bearer', issued_at: issuedAt },
        };
    }
}
exports.SessionRegistry = SessionRegistry;
function fail(error, description) {
    return { status: 400, body: { error, error_description: description } };
}
//# sourceMappingURL=oauth.js.map