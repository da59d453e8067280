import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { AuthService } from './auth.service';
import { MeKeysController } from './me-keys.controller';
import { UsersController } from './users.controller';
import { UsersStore } from './users.store';

@Global()
@Module({
  controllers: [UsersController, MeKeysController],
  providers: [AuthService, UsersStore, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [AuthService, UsersStore],
})
export class AuthModule {}
