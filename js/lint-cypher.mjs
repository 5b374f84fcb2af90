// Lint Cypher statements with Neo4j's own front end.
// stdin: JSON [{"name": "...", "text": "...", "parameters": ["rows", ...]}]
// stdout: JSON [{"name": "...", "diagnostics": [{"severity", "message", "offsets"}]}]
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const statements = JSON.parse(input);
const results = statements.map(({ name, text, parameters }) => {
  const dbSchema = { parameters: Object.fromEntries(parameters.map((p) => [p, null])) };
  const { diagnostics } = lintCypherQuery(text, dbSchema);
  return {
    name,
    diagnostics: diagnostics.map(({ severity, message, offsets }) => ({ severity, message, offsets })),
  };
});
process.stdout.write(JSON.stringify(results));
