import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { WatermarksStore } from './mirror/watermarks.store';
import { CrmError, CrmGateway, type ObjectDescription } from './crm-gateway.port';
import { CrmMapping, loadMappingFile, MappingShapeError, parseMapping } from './crm-mapping';
import { CrmMappingStore } from './crm-mapping.store';
import { MappingProblem, mappingObjects, mappingProblems, shapeProblems } from './crm-mapping-validation';

export interface ActiveMapping {
  mapping: CrmMapping;
  source: 'file' | 'saved';
  /** the file path when the source is the file */
  file: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A mapping saved by another process (a second instance) is seen within this long. */
const CACHE_MS = 5_000;

/**
 * The RevOps mapping in force: the one saved through the API when there is one, else the file of
 * CRM_MAPPING_FILE. Every other module reads names through `active()`.
 */
@Injectable()
export class CrmMappingService {
  private cached: { value: ActiveMapping; at: number } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: CrmMappingStore,
    private readonly uow: UnitOfWork,
    private readonly crm: CrmGateway,
    private readonly watermarks: WatermarksStore,
  ) {}

  /** The mapping in force (cached for a few seconds). */
  async active(): Promise<ActiveMapping> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const value = await this.load();
    this.cached = { value, at: Date.now() };
    return value;
  }

  async mapping(): Promise<CrmMapping> {
    return (await this.active()).mapping;
  }

  /** The shipped/configured file, parsed (shape errors thrown as MappingShapeError). */
  fileMapping(): CrmMapping {
    return loadMappingFile(this.config.crmMappingFile);
  }

  /**
   * Problems of a mapping against the org's describe; [] when it is usable. A describe that fails
   * for a reason other than "no such object" (Salesforce down, limits) is a 503, not a verdict.
   */
  async problemsOf(mapping: CrmMapping): Promise<MappingProblem[]> {
    const objects = mappingObjects(mapping);
    const described = await Promise.all(objects.map((name) => this.describe(name)));
    return mappingProblems(mapping, new Map(objects.map((name, i) => [name, described[i]])));
  }

  /** Parses and validates a document; throws 422 INVALID_MAPPING listing every problem. */
  async validate(document: unknown): Promise<CrmMapping> {
    let mapping: CrmMapping;
    try {
      mapping = parseMapping(document);
    } catch (error) {
      if (error instanceof MappingShapeError) throw invalidMapping(shapeProblems(error.problems));
      throw error;
    }
    const problems = await this.problemsOf(mapping);
    if (problems.length) throw invalidMapping(problems);
    return mapping;
  }

  /**
   * Validates and saves a mapping; nothing is saved on error. When what the mirror reads changed
   * (people or account), the watermarks are reset so the next mirror run re-reads every record
   * under the new mapping.
   */
  async save(document: unknown, updatedBy: string | null): Promise<ActiveMapping> {
    const mapping = await this.validate(document);
    const previous = await this.active();
    const mirrorChanged = JSON.stringify([previous.mapping.people, previous.mapping.account]) !== JSON.stringify([mapping.people, mapping.account]);
    const updatedAt = nowIso();
    await this.uow.unit(async (tx) => {
      await this.store.save(tx, JSON.stringify(mapping), updatedAt, updatedBy);
      if (mirrorChanged) await this.watermarks.clear(tx);
    });
    this.cached = null;
    return this.active();
  }

  /** Drops the saved mapping: the file is in force again. */
  async revertToFile(): Promise<ActiveMapping> {
    await this.uow.unit(async (tx) => {
      await this.store.remove(tx);
      await this.watermarks.clear(tx);
    });
    this.cached = null;
    return this.active();
  }

  private async load(): Promise<ActiveMapping> {
    const saved = await this.store.saved();
    if (saved) {
      return { mapping: parseMapping(JSON.parse(saved.document)), source: 'saved', file: null, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy };
    }
    return { mapping: this.fileMapping(), source: 'file', file: this.config.crmMappingFile, updatedAt: null, updatedBy: null };
  }

  private async describe(objectName: string): Promise<ObjectDescription | CrmError> {
    try {
      return await this.crm.describe(objectName);
    } catch (error) {
      if (error instanceof CrmError && (error.kind === 'NOT_FOUND' || error.kind === 'INVALID_DATA')) return error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new DomainError('CRM_UNAVAILABLE', `Salesforce could not describe ${objectName}, so the mapping cannot be checked now: ${reason}`);
    }
  }
}

function invalidMapping(fields: MappingProblem[]): DomainError {
  const summary = fields
    .slice(0, 3)
    .map((f) => f.message)
    .join(' ');
  const more = fields.length > 3 ? ` (and ${fields.length - 3} more)` : '';
  return new DomainError('INVALID_MAPPING', `The CRM mapping has ${fields.length} problem${fields.length === 1 ? '' : 's'}: ${summary}${more}`, { fields });
}
