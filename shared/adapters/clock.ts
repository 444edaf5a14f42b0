import { readVariable } from '../environment.ts';
import type { Clock } from '../ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `startsAt` when the real clock reads `realStart` and runs `speed` times
 * faster (0 stands still).
 */
export interface VirtualClockSpec {
  startsAt: string;
  realStart: number;
  speed: number;
}

export const virtualNow = (spec: VirtualClockSpec, realNow = Date.now()) =>
  new Date(Date.parse(spec.startsAt) + (realNow - spec.realStart) * spec.speed);

/** "2024-02-01T12:00:00.000Z@1700000000000x3600" */
export const formatClockSpec = (spec: VirtualClockSpec) => `${spec.startsAt}@${spec.realStart}x${spec.speed}`;

export const parseClockSpec = (value: string): VirtualClockSpec => {
  const match = /^(.+)@(\d+)x(\d+(?:\.\d+)?)$/.exec(value);
  if (!match || Number.isNaN(Date.parse(match[1] as string))) {
    throw new Error(`VIRTUAL_CLOCK must look like <ISO instant>@<epoch ms>x<speed>, got "${value}"`);
  }
  return { startsAt: match[1] as string, realStart: Number(match[2]), speed: Number(match[3]) };
};

/**
 * The local stack's clock, shared by the handlers, the scheduler emulator and the stack itself
 * through one environment variable. Unlike other configuration it is read at every use, because
 * the local stack moves it (a simulated year jumps from one scheduled event to the next); the
 * parsed value is kept until the variable changes.
 */
export const environmentClock = (
  variable: string,
  read: (name: string) => string | undefined = readVariable,
): Clock => {
  let raw = '';
  let spec: VirtualClockSpec | undefined;
  return {
    now: () => {
      const current = read(variable) ?? '';
      if (current !== raw) {
        spec = current ? parseClockSpec(current) : undefined;
        raw = current;
      }
      return spec ? virtualNow(spec) : new Date();
    },
  };
};
