import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { CurrentPrincipal, Principal } from './principal';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/me/keys')
export class MeKeysController {
  constructor(private readonly auth: AuthService) {}

  /** The caller's own key rotated: the new key in the answer (shown once), the one used for this call refused from now on. */
  @Post()
  @ApiCreatedResponse({ description: '{apiKey}: the new key, shown once' })
  async rotate(@CurrentPrincipal() principal: Principal) {
    if (principal.bootstrap) {
      throw new DomainError('FORBIDDEN', 'The bootstrap admin key is the ADMIN_API_KEY setting: change the setting to change the key.');
    }
    return { apiKey: await this.auth.rotateKey(principal.id, principal) };
  }
}
