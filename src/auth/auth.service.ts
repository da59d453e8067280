import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { toId18 } from '../common/salesforce-id';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { hashApiKey, newApiKey } from './api-key';
import type { CreateUserDto } from './user.dto';
import { Principal } from './principal';
import { User } from './user.entity';

/** How long a verified key is trusted without reading the database again. */
const PRINCIPAL_TTL_MS = 30_000;
const PRINCIPAL_CACHE_MAX = 10_000;

@Injectable()
export class AuthService {
  private readonly bootstrapHash: Buffer | null;
  /** key hash → principal: every API call authenticates, and users change rarely */
  private readonly principals = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bootstrapHash = config.adminApiKey ? Buffer.from(hashApiKey(config.adminApiKey), 'hex') : null;
  }

  async authenticate(apiKey: string): Promise<Principal | null> {
    const hash = hashApiKey(apiKey);
    if (this.bootstrapHash && timingSafeEqual(this.bootstrapHash, Buffer.from(hash, 'hex'))) {
      return { id: 'bootstrap-admin', name: 'Bootstrap admin', role: 'admin', salesforceUserId: null, bootstrap: true };
    }
    const cached = this.principals.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    const user = await this.dataSource.getRepository(User).findOneBy({ apiKeyHash: hash });
    if (!user) return null;
    const principal: Principal = { id: user.id, name: user.name, role: user.role, salesforceUserId: user.salesforceUserId, bootstrap: false };
    if (this.principals.size >= PRINCIPAL_CACHE_MAX) this.principals.clear();
    this.principals.set(hash, { principal, expiresAt: Date.now() + PRINCIPAL_TTL_MS });
    return principal;
  }

  async createUser(dto: CreateUserDto): Promise<{ user: User; apiKey: string }> {
    const salesforceUserId = toId18(dto.salesforceUserId);
    if (!salesforceUserId || !salesforceUserId.startsWith('005')) {
      throw new DomainError('VALIDATION_FAILED', 'salesforceUserId must be a Salesforce User id (005…, 15 or 18 characters).');
    }
    const repo = this.dataSource.getRepository(User);
    if (await repo.existsBy({ salesforceUserId })) {
      throw new DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
    }
    const apiKey = newApiKey();
    const user = repo.create({
      id: randomUUID(),
      salesforceUserId,
      name: dto.name.trim(),
      email: dto.email.trim().toLowerCase(),
      role: dto.role,
      apiKeyHash: hashApiKey(apiKey),
      createdAt: nowIso(),
    });
    try {
      // Through the unit of work like every write: on SQLite the connection is shared.
      await this.uow.run((manager) => manager.getRepository(User).insert(user));
    } catch (error) {
      if (error instanceof QueryFailedError) {
        throw new DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
      }
      throw error;
    }
    return { user, apiKey };
  }

  findUser(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }
}
