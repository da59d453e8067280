import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { normalizePhone } from '../common/phone-number';
import { PersonMatch, ProspectsStore } from './mirror/prospects.store';
import { ProspectSearchQuery } from './prospect-search.dto';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/prospects')
export class ProspectsController {
  constructor(private readonly prospects: ProspectsStore) {}

  /**
   * Finds mirrored Contacts and Leads by name or phone, for the console's search: a whole number
   * (as typed, US/Canada) matches exactly, a run of 4 digits or more matches inside numbers,
   * anything else matches inside names.
   */
  @Get()
  @ApiOperation({ summary: 'Mirrored Contacts and Leads by name or phone number' })
  @ApiOkResponse({ description: '[{id, type: "Contact"|"Lead", name, phoneNumbers}], by name' })
  search(@Query() query: ProspectSearchQuery): Promise<PersonMatch[]> {
    const text = query.query.trim();
    const limit = query.limit ?? 20;
    const digits = text.replace(/\D/g, '');
    if (/^[\d\s()+.-]+$/.test(text) && digits.length >= 4) {
      const phone = digits.length >= 10 ? normalizePhone(text) : null;
      return this.prospects.search(phone ? { e164: phone.e164 } : { digits }, limit);
    }
    return this.prospects.search({ nameFragment: text }, limit);
  }
}
