import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CrmGateway } from '../crm/crm-gateway.port';
import { registerLiveGauge } from '../health/metrics';

export interface ApiBudgetSnapshot {
  /** from the last `Sforce-Limit-Info: api-usage=used/max`; null until one was seen */
  dailyUsed: number | null;
  dailyMax: number | null;
  /** dailyUsed / dailyMax */
  usedShare: number | null;
  /** the configured share (SALESFORCE_API_BUDGET_SHARE) above which non-urgent syncs pause */
  pauseAtShare: number;
  paused: boolean;
  /** calls this process made */
  callsMade: number;
}

/**
 * The org's daily API allocation as Salesforce reports it on every response. Above the configured
 * share, non-urgent syncs (activity logging, reconcile) pause; opt-out write-backs still go. While
 * paused nothing else may call Salesforce, so the reading would never move: at most once every
 * `recheckEveryMs` a cheap call (GET /limits) refreshes it, and the syncs resume below the share.
 */
@Injectable()
export class ApiBudget {
  recheckEveryMs = 60_000;
  private lastRecheckAt = 0;

  constructor(
    private readonly crm: CrmGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // calls made and the daily usage itself are on /metrics already (health/crm-metrics.ts)
    registerLiveGauge('salesforce_api_budget_paused', '1 while non-urgent syncs pause for the API budget', () => (this.paused() ? 1 : 0));
    registerLiveGauge('salesforce_api_budget_share', 'Share of the daily API allocation above which non-urgent syncs pause', () => this.config.apiBudgetShare);
  }

  snapshot(): ApiBudgetSnapshot {
    const { dailyUsed, dailyMax, callsMade } = this.crm.usage();
    const usedShare = dailyUsed !== null && dailyMax ? dailyUsed / dailyMax : null;
    return { dailyUsed, dailyMax, usedShare, pauseAtShare: this.config.apiBudgetShare, paused: this.isAbove(usedShare), callsMade };
  }

  paused(): boolean {
    return this.snapshot().paused;
  }

  /** Refreshes a paused reading when it is due; returns whether non-urgent work may go. */
  async mayRunNonUrgent(now = Date.now()): Promise<boolean> {
    if (!this.paused()) return true;
    if (now - this.lastRecheckAt >= this.recheckEveryMs) {
      this.lastRecheckAt = now;
      try {
        await this.crm.ping();
      } catch {
        // unreachable: stay paused, the outbox keeps the work
      }
    }
    return !this.paused();
  }

  private isAbove(usedShare: number | null): boolean {
    return usedShare !== null && usedShare >= this.config.apiBudgetShare;
  }
}
