"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mappingCommand = mappingCommand;
const node_path_1 = require("node:path");
const typeorm_1 = require("typeorm");
const create_app_1 = require("../create-app");
const crm_mapping_1 = require("../crm/crm-mapping");
const crm_mapping_service_1 = require("../crm/crm-mapping.service");
const crm_mapping_validation_1 = require("../crm/crm-mapping-validation");
const cli_error_1 = require("./cli-error");
const sync_command_1 = require("./sync.command");
/**
 * `mapping validate [--file PATH]`: checks the mapping file (CRM_MAPPING_FILE unless --file)
 * against the org's describe. One line either way; exit 0 when it is usable, 1 with every
 * problem listed otherwise.
 */
async function mappingCommand(args, io, loadConfig) {
    const [sub, ...rest] = args;
    if (sub !== 'validate')
        throw new cli_error_1.CliError('usage: mapping validate [--file PATH]');
    const config = await loadConfig();
    if (config.mode === 'sandbox')
        throw new cli_error_1.CliError(sync_command_1.SANDBOX_HINT);
    const file = fileOption(rest) ?? config.crmMappingFile;
    let mapping;
    try {
        mapping = (0, crm_mapping_1.loadMappingFile)((0, node_path_1.resolve)(file));
    }
    catch (error) {
        if (error instanceof crm_mapping_1.MappingShapeError)
            throw new cli_error_1.CliError(`the mapping ${file} is not valid: ${error.problems.join('; ')}`);
        throw error;
    }
    const context = await (0, create_app_1.createAppContext)({ ...config, schedules: { mirror: null, fullResync: null, activityFlush: null, reconcile: null, replySweep: null } });
    try {
        const service = context.get(crm_mapping_service_1.CrmMappingService);
        const problems = await service.problemsOf(mapping);
        if (problems.length) {
            const list = problems.map((p) => p.message).join(' ');
            throw new cli_error_1.CliError(`the mapping ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'} in the org: ${list}`);
        }
        const active = await service.active();
        const objects = [...new Set((0, crm_mapping_validation_1.mappingRequirements)(mapping).map((r) => r.object))];
        const note = active.source === 'saved' ? ' (note: a mapping saved through the API is in force instead of the file)' : '';
        io.out(`mapping OK: ${file} matches the org (${objects.join(', ')}; ${(0, crm_mapping_validation_1.mappingRequirements)(mapping).length} fields checked)${note}`);
        return 0;
    }
    finally {
        await context.close();
        const dataSource = context.get(typeorm_1.DataSource);
        if (dataSource.isInitialized)
            await dataSource.destroy();
    }
}
function fileOption(args) {
    if (args.length === 0)
        return null;
    if (args[0] === '--file' && args[1] && args.length === 2)
        return args[1];
    if (args[0].startsWith('--file=') && args.length === 1)
        return args[0].slice('--file='.length);
    throw new cli_error_1.CliError('usage: mapping validate [--file PATH]');
}
//# sourceMappingURL=mapping.command.js.map