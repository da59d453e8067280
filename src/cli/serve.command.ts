import { Logger } from '@nestjs/common';
import { createApp } from '../create-app';
import type { AppConfig } from '../config/app-config';

/** `serve`: the HTTP service, with the sync schedules. */
export async function serve(config: AppConfig): Promise<void> {
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const logger = new Logger('Boot');
  logger.log({ msg: `sms-crm-sync listening on port ${config.port}`, mode: config.mode, publicBaseUrl: config.publicBaseUrl });
}
