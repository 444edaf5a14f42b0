import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export const localFunctionArn = (functionName: string) =>
  `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`;

/** A Lambda context as the runtime passes it, for handlers invoked in this process. */
export const lambdaContext = (functionName: string, timeoutSeconds = 30): Context => {
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
