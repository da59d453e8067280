// Lints source snippets as if they were files at the given paths, with the project's
// eslint.config.mjs (type-aware parsing off: the snippets are not files of the TypeScript project).
// Usage: node lint-snippets.mjs '[{"filePath":"src/common/x.ts","code":"…"}]' → prints
// [{ filePath, messages: [{ ruleId, message, line }] }] as JSON.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});
const out = [];
for (const { filePath, code } of JSON.parse(process.argv[2])) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  out.push({ filePath, messages: result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line })) });
}
process.stdout.write(JSON.stringify(out));
