import type { Context } from 'aws-lambda';

export declare const localFunctionArn: (functionName: string) => string;

/** A Lambda context as the runtime passes it, for handlers invoked in this process or a child one. */
export declare const lambdaContext: (functionName: string, timeoutSeconds?: number) => Context;
