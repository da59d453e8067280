import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { createAppContext } from '../create-app';
import { loadMappingFile, MappingShapeError, type CrmMapping } from '../crm/crm-mapping';
import { CrmMappingService } from '../crm/crm-mapping.service';
import { mappingRequirements } from '../crm/crm-mapping-validation';
import type { CliIo } from './cli';
import { asCommandLine } from './cli-config';
import { CliError } from './cli-error';
import { SANDBOX_HINT } from './sync.command';

/**
 * `mapping validate [--file PATH]`: checks the mapping file (CRM_MAPPING_FILE unless --file)
 * against the org's describe. One line either way; exit 0 when it is usable, 1 with every
 * problem listed otherwise.
 */
export async function mappingCommand(args: string[], io: CliIo, loadConfig: () => Promise<AppConfig>): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'validate') throw new CliError('usage: mapping validate [--file PATH]');
  const config = await loadConfig();
  if (config.mode === 'sandbox') throw new CliError(SANDBOX_HINT);
  const file = fileOption(rest) ?? config.crmMappingFile;
  let mapping: CrmMapping;
  try {
    mapping = loadMappingFile(resolve(file));
  } catch (error) {
    if (error instanceof MappingShapeError) throw new CliError(`the mapping ${file} is not valid: ${error.problems.join('; ')}`);
    throw error;
  }
  const context = await createAppContext(asCommandLine(config));
  try {
    const service = context.get(CrmMappingService);
    const problems = await service.problemsOf(mapping);
    if (problems.length) {
      const list = problems.map((p) => p.message).join(' ');
      throw new CliError(`the mapping ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'} in the org: ${list}`);
    }
    const active = await service.active();
    const objects = [...new Set(mappingRequirements(mapping).map((r) => r.object))];
    const note = active.source === 'saved' ? ' (note: a mapping saved through the API is in force instead of the file)' : '';
    io.out(`mapping OK: ${file} matches the org (${objects.join(', ')}; ${mappingRequirements(mapping).length} fields checked)${note}`);
    return 0;
  } finally {
    await context.close();
    const dataSource = context.get(DataSource);
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

function fileOption(args: string[]): string | null {
  if (args.length === 0) return null;
  if (args[0] === '--file' && args[1] && args.length === 2) return args[1];
  if (args[0].startsWith('--file=') && args.length === 1) return args[0].slice('--file='.length);
  throw new CliError('usage: mapping validate [--file PATH]');
}
