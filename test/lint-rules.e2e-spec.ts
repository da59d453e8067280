import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

// The architecture rules of eslint.config.mjs, run through ESLint's Node API on snippets placed at
// chosen paths under src/ (test/support/lint-snippets.mjs): each rule fails on a violation and
// stays quiet on the allowed direction.

const root = path.resolve(__dirname, '..');

interface Finding {
  ruleId: string | null;
  message: string;
  line: number;
}

function lint(files: { filePath: string; code: string }[]): Record<string, Finding[]> {
  const out = execFileSync(process.execPath, [path.join(root, 'test/support/lint-snippets.mjs'), JSON.stringify(files)], { cwd: root, encoding: 'utf8' });
  const results = JSON.parse(out) as { filePath: string; messages: Finding[] }[];
  return Object.fromEntries(results.map((r) => [r.filePath, r.messages]));
}

const boundaryLines = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'boundaries/dependencies').map((f) => f.line);

describe('lint: folders under src/ one way, drivers only in src/database', () => {
  let results: Record<string, Finding[]>;

  beforeAll(() => {
    results = lint([
      // a back edge: sync may use messaging, never the other way round
      { filePath: 'src/messaging/zz-back-edge.ts', code: "import { SyncStatusService } from '../sync/sync-status.service';\nexport const x = SyncStatusService;\n" },
      { filePath: 'src/sync/zz-forward.ts', code: "import { Message } from '../messaging/message.entity';\nexport const x = Message;\n" },
      // a context reaching up into the app's wiring
      { filePath: 'src/crm/zz-app.ts', code: "import { AppModule } from '../app.module';\nexport const x = AppModule;\n" },
      // drivers
      {
        filePath: 'src/crm/zz-driver.ts',
        code: [
          "import Database from 'better-sqlite3';",
          "import { Pool } from 'pg';",
          "import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';",
          "import { DataSource } from 'typeorm';",
          'export const x = [Database, Pool, DataSource];',
          'export type Y = PostgresDriver;',
          '',
        ].join('\n'),
      },
      { filePath: 'src/database/zz-driver.ts', code: "import Database from 'better-sqlite3';\nimport { Pool } from 'pg';\nexport const x = [Database, Pool];\n" },
    ]);
  });

  it('refuses an import against the folder graph, naming what the folder may import', () => {
    expect(boundaryLines(results['src/messaging/zz-back-edge.ts'])).toEqual([1]);
    expect(results['src/messaging/zz-back-edge.ts'][0].message).toContain('src/messaging may import only src/auth');
    expect(boundaryLines(results['src/crm/zz-app.ts'])).toEqual([1]);
  });

  it('lets the allowed direction through', () => {
    expect(results['src/sync/zz-forward.ts']).toEqual([]);
  });

  it('refuses better-sqlite3, pg and TypeORM driver internals outside src/database, not TypeORM itself', () => {
    expect(boundaryLines(results['src/crm/zz-driver.ts'])).toEqual([1, 2, 3]);
    expect(results['src/crm/zz-driver.ts'][0].message).toContain('only src/database imports a database driver');
    expect(results['src/database/zz-driver.ts']).toEqual([]);
  });

  it('places every folder under src/ in an acyclic graph', () => {
    const graph = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./eslint.config.mjs'); process.stdout.write(JSON.stringify(m.FOLDER_DEPENDENCIES));"], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as Record<string, string[]>;
    const folders = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(Object.keys(graph).filter((f) => f !== 'app' && f !== 'main').sort()).toEqual(folders.sort());
    // depth-first search for a cycle
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, trail: string[]): void => {
      if (state.get(folder) === 'done') return;
      if (state.get(folder) === 'open') throw new Error(`cycle: ${[...trail, folder].join(' -> ')}`);
      state.set(folder, 'open');
      for (const next of graph[folder] ?? []) visit(next, [...trail, folder]);
      state.set(folder, 'done');
    };
    expect(() => Object.keys(graph).forEach((f) => visit(f, []))).not.toThrow();
  });
});
