import { createHmac, randomBytes } from 'node:crypto';

/**
 * The OAuth 2.0 token endpoint (POST /services/oauth2/token, form-encoded) for the
 * client-credentials flow (grant_type=client_credentials, client_id + client_secret in the body or
 * as HTTP Basic) and the refresh-token flow. Success answers
 * `{access_token, signature, scope, instance_url, id, token_type: "Bearer", issued_at}`;
 * failures `{"error": "invalid_client", "error_description": "..."}` with 400.
 * Source: Salesforce Help, "OAuth 2.0 Client Credentials Flow for Server-to-Server Integration"
 * and the token response of jsforce's OAuth2 TokenResponse type.
 */
export interface TokenAnswer {
  status: number;
  body: Record<string, string>;
}

export class SessionRegistry {
  private readonly valid = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly clients = new Map<string, string>();
  private readonly expiries = new Map<string, number>();
  readonly orgId = '00D8d0000000001EAA';

  constructor(
    /** a pre-shared access token that is valid from the start (SALESFORCE_ACCESS_TOKEN) */
    readonly staticToken: string,
    /** tokens expire this long after issue (null: never, until expireAll) */
    private readonly ttlMs: number | null = null,
  ) {
    this.valid.add(staticToken);
  }

  registerClient(clientId: string, clientSecret: string): void {
    this.clients.set(clientId, clientSecret);
  }

  isValid(token: string | null): boolean {
    if (!token || !this.valid.has(token)) return false;
    const expiry = this.expiries.get(token);
    if (expiry !== undefined && Date.now() >= expiry) {
      this.valid.delete(token);
      return false;
    }
    return true;
  }

  /** A new valid access token (also what the token endpoint hands out). */
  issue(): string {
    const token = `${this.orgId.slice(0, 15)}!AQ${randomBytes(24).toString('base64url')}`;
    this.valid.add(token);
    if (this.ttlMs !== null) this.expiries.set(token, Date.now() + this.ttlMs);
    return token;
  }

  issueRefreshToken(): string {
    const token = `5Aep${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.add(token);
    return token;
  }

  /** Every access token issued so far (the pre-shared one too) stops working: INVALID_SESSION_ID. */
  expireAll(): void {
    this.valid.clear();
  }

  /** The pre-shared token works again (tests that expired every session clean up with this). */
  restoreStaticToken(): void {
    this.valid.add(this.staticToken);
  }

  revoke(token: string): void {
    this.valid.delete(token);
  }

  token(form: URLSearchParams, authorization: string | undefined, instanceUrl: string, userId: string): TokenAnswer {
    const basic = /^Basic (.+)$/i.exec(authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':') : [];
    const clientId = form.get('client_id') ?? basicId;
    const clientSecret = form.get('client_secret') ?? basicSecret;
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== 'refresh_token') {
      return fail('unsupported_grant_type', 'grant type not supported');
    }
    if (!clientId || !this.clients.has(clientId)) return fail('invalid_client_id', 'client identifier invalid');
    if (grant === 'client_credentials' && this.clients.get(clientId) !== clientSecret) return fail('invalid_client', 'invalid client credentials');
    if (grant === 'refresh_token' && !this.refreshTokens.has(form.get('refresh_token') ?? '')) return fail('invalid_grant', 'expired access/refresh token');
    const accessToken = this.issue();
    const issuedAt = String(Date.now());
    const id = `${instanceUrl}/id/${this.orgId}/${userId}`;
    const signature = createHmac('sha256', clientSecret ?? clientId).update(id + issuedAt).digest('base64');
    return {
      status: 200,
      body: { access_token: accessToken, signature, scope: 'api', instance_url: instanceUrl, id, token_type: 'Bearer', issued_at: issuedAt },
    };
  }
}

function fail(error: string, description: string): TokenAnswer {
  return { status: 400, body: { error, error_description: description } };
}
