import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/principal';
import type { Principal } from '../auth/principal';
import { ActiveMapping, CrmMappingService } from './crm-mapping.service';

/**
 * The RevOps mapping (CONTRACT §4). The body of PUT is the mapping itself, the same structure as
 * config/crm-mapping.yaml in JSON; GET answers it with a `meta` block PUT ignores, so what GET
 * returns can be edited and PUT back.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/crm-mapping')
export class CrmMappingController {
  constructor(private readonly mappings: CrmMappingService) {}

  @Get()
  @ApiOperation({ summary: 'The mapping in force (saved through the API, else the file)' })
  async get() {
    return view(await this.mappings.active());
  }

  @Put()
  @ApiOperation({ summary: "Validate against the org's describe and save; 422 INVALID_MAPPING lists every problem, nothing saved" })
  @ApiBody({ schema: { type: 'object', properties: { people: { type: 'array' }, account: { type: 'object' }, activity: { type: 'object' } } } })
  async put(@Body() body: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return view(await this.mappings.save(body, principal.bootstrap ? null : principal.id));
  }

  @Delete()
  @ApiOperation({ summary: 'Drop the saved mapping: the file is in force again' })
  async revert() {
    return view(await this.mappings.revertToFile());
  }
}

function view(active: ActiveMapping) {
  return {
    ...active.mapping,
    meta: { source: active.source, file: active.file, updatedAt: active.updatedAt, updatedBy: active.updatedBy },
  };
}
