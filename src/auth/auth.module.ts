import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { AuthService } from './auth.service';
import { MeKeysController } from './me-keys.controller';
import { UsersController } from './users.controller';

@Global()
@Module({
  controllers: [UsersController, MeKeysController],
  providers: [AuthService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [AuthService],
})
export class AuthModule {}
