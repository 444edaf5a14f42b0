// Runs one bundled Lambda handler the way the runtime would: import the bundle, call `handler`
// with the event read from stdin and a context, print the result as JSON.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../local/lambda-context.mjs';

const [dir, functionName] = process.argv.slice(2);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { handler } = await import(pathToFileURL(join(dir, 'index.mjs')).href);
// 300 s, the longest timeout in functions/catalog.ts: no handler here runs short of time.
const result = await handler(JSON.parse(input), lambdaContext(functionName, 300));
process.stdout.write(`\n@@result ${JSON.stringify({ node: process.version, result })}\n`);
