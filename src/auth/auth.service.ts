import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { DomainError, notFound } from '../common/domain-error';
import { toId18 } from '../common/salesforce-id';
import { nowIso } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { hashApiKey, newApiKey } from './api-key';
import type { CreateUserDto, UserView } from './user.dto';
import { Principal } from './principal';
import type { User } from './user.entity';
import { UsersStore } from './users.store';

/**
 * API keys: checked on every request against the database (one indexed read, no cache), so a
 * rotated or revoked key is refused at once, by every instance sharing the database.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('ApiKeys');
  private readonly bootstrapHash: Buffer | null;

  constructor(
    private readonly users: UsersStore,
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
    const user = await this.users.keyHolder(hash);
    if (!user) return null;
    return { id: user.id, name: user.name, role: user.role, salesforceUserId: user.salesforceUserId, bootstrap: false };
  }

  /** A new key for the user (shown once); the old one is refused from the moment this returns. */
  async rotateKey(userId: string, by: Principal): Promise<string> {
    const apiKey = newApiKey();
    await this.setKeyHash(userId, hashApiKey(apiKey));
    this.logger.log(`API key of user ${userId} rotated by ${by.bootstrap ? 'the bootstrap admin' : `user ${by.id}`}`);
    return apiKey;
  }

  /** The user keeps no valid key until the next rotation. Revoking twice is harmless. */
  async revokeKey(userId: string, by: Principal): Promise<void> {
    await this.setKeyHash(userId, null);
    this.logger.log(`API key of user ${userId} revoked by ${by.bootstrap ? 'the bootstrap admin' : `user ${by.id}`}`);
  }

  private async setKeyHash(userId: string, apiKeyHash: string | null): Promise<void> {
    const changed = await this.uow.unit((tx) => this.users.setKeyHash(tx, userId, apiKeyHash));
    if (changed === 0) throw notFound('user', userId);
  }

  async createUser(dto: CreateUserDto): Promise<{ user: User; apiKey: string }> {
    const salesforceUserId = toId18(dto.salesforceUserId);
    if (!salesforceUserId || !salesforceUserId.startsWith('005')) {
      throw new DomainError('VALIDATION_FAILED', 'salesforceUserId must be a Salesforce User id (005…, 15 or 18 characters).');
    }
    if (await this.users.findBySalesforceUserId(salesforceUserId)) {
      throw new DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
    }
    const apiKey = newApiKey();
    const user: User = {
      id: randomUUID(),
      salesforceUserId,
      name: dto.name.trim(),
      email: dto.email.trim().toLowerCase(),
      role: dto.role,
      apiKeyHash: hashApiKey(apiKey),
      createdAt: nowIso(),
    };
    try {
      // Through the unit of work like every write: on SQLite the connection is shared.
      await this.uow.unit((tx) => this.users.insert(tx, user));
    } catch (error) {
      // a concurrent create of the same Salesforce user won the unique index
      if (isUniqueViolation(error)) {
        throw new DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
      }
      throw error;
    }
    return { user, apiKey };
  }

  /** Every user, oldest first, without key material: whether a key is in force, not the key. */
  async listUsers(): Promise<UserView[]> {
    const users = await this.users.all();
    return users.map((u) => ({
      id: u.id,
      salesforceUserId: u.salesforceUserId,
      name: u.name,
      email: u.email,
      role: u.role,
      hasKey: u.apiKeyHash !== null,
      createdAt: u.createdAt,
    }));
  }
}
