import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Mutation testing runs the unit tests alone: the stack project's global setup would start Java
// and the emulators for every test run Stryker makes.
const { projects: _projects, ...shared } = base.test ?? {};

export default defineConfig({ test: { ...shared, include: ['test/unit/**/*.test.ts'] } });
