import { afterAll } from 'vitest';
import { pauseWorkerStack } from './test-stack.ts';

// Run before each file of the stack project: its hooks are that file's.
afterAll(pauseWorkerStack);
