// Runs one bundled Lambda handler the way the runtime would: import the bundle, call `handler`
// with the event read from stdin and a context, print the result as JSON.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, functionName] = process.argv.slice(2);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { handler } = await import(pathToFileURL(join(dir, 'index.mjs')).href);
const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: 'bundle-test',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'bundle-test',
  getRemainingTimeInMillis: () => 300_000,
  callbackWaitsForEmptyEventLoop: false,
};
const result = await handler(JSON.parse(input), context);
process.stdout.write(`\n@@result ${JSON.stringify({ node: process.version, result })}\n`);
