import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SmsProvider } from '../sms-provider.port';
import { TwilioSmsProvider } from './twilio-sms.provider';

/**
 * Provides the SmsProvider port, backed by the twilio SDK with the validated settings. In sandbox
 * mode the config's `twilio` section points at the in-process stand-in (apiBaseUrl and its
 * credentials), so nothing here changes; tests may `overrideProvider(SmsProvider)`.
 */
@Global()
@Module({
  providers: [
    {
      provide: SmsProvider,
      useFactory: (config: AppConfig) => new TwilioSmsProvider(config.twilio),
      inject: [APP_CONFIG],
    },
  ],
  exports: [SmsProvider],
})
export class SmsProviderModule {}
