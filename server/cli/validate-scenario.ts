// Checks scenario files against the schema: `npm run validate-scenario -- FILE…`.
// Prints "ok" per good file, and for a bad one the file, each bad field and what was expected.
import { readFile } from 'node:fs/promises';
import { ScenarioError, parseScenarioText } from '../../src/game/scenario';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run validate-scenario -- FILE.json [FILE.json …]');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  try {
    const scenario = parseScenarioText(await readFile(file, 'utf8'), file);
    console.info(
      `${file}: ok (${scenario.id}, ${scenario.catalog.length} clauses, ${scenario.incidents.length} incidents)`,
    );
  } catch (err) {
    failed++;
    console.error(
      err instanceof ScenarioError ? err.message : `${file}: ${(err as Error).message}`,
    );
  }
}
process.exit(failed > 0 ? 1 : 0);
