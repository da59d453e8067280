import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/principal';
import { SmsProvider } from '../messaging/sms-provider.port';
import { CrmGateway } from '../crm/crm-gateway.port';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ShutdownSignal } from '../common/shutdown-signal';
import { metricsRegistry } from './metrics';

type Check = { status: 'up' | 'down'; error?: string };

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crm: CrmGateway,
    private readonly sms: SmsProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shutdown: ShutdownSignal,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok', mode: this.config.mode };
  }

  /**
   * Readiness: the database, Salesforce and Twilio all answer; 503 when one does not, and 503
   * `{status: "draining"}` from the moment SIGTERM arrives, so the load balancer stops routing here.
   */
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    if (this.shutdown.draining) {
      reply.status(503);
      return { status: 'draining', instance: this.config.instanceName };
    }
    const [database, salesforce, twilio] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.crm.ping()),
      probe(() => this.sms.ping()),
    ]);
    const checks = { database, salesforce, twilio };
    const up = Object.values(checks).every((c) => c.status === 'up');
    reply.status(up ? 200 : 503);
    return { status: up ? 'ready' : 'not_ready', checks };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics() {
    return metricsRegistry.metrics();
  }
}

async function probe(check: () => Promise<unknown>, timeoutMs = 3000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
