// Plain JavaScript, so that test/infra/invoke-bundle.mjs can import it under Node 24 without a
// TypeScript loader; lambda-context.d.mts gives it its types.
import { randomUUID } from 'node:crypto';

export const localFunctionArn = (functionName) =>
  `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`;

/** A Lambda context as the runtime passes it, counting down from `timeoutSeconds` of real time. */
export const lambdaContext = (functionName, timeoutSeconds = 30) => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionName),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
};
