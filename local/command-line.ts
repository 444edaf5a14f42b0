import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs gives for `options` and no positionals. */
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O }>>['values'];

const helpOption = { help: { type: 'boolean', short: 'h', default: false } } as const;

/**
 * The command line of one of the project's scripts: its `options`, and -h/--help, which prints
 * `help` and exits. A mistake (an unknown option, a missing value, a value out of range) is
 * said in one line, followed by the help, with exit code 2.
 */
export const commandLine = <const O extends Options>(help: string, options: O) => {
  const usageError = (message: string): never => {
    process.stderr.write(`${message}\n\n${help}`);
    process.exit(2);
  };
  let parsed: Record<string, unknown>;
  try {
    parsed = parseArgs({ options: { ...options, ...helpOption } }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  const values = parsed as Values<O>;
  return {
    values,
    usageError,
    /** The string option `name` as a whole number within `range`, or a usage error. */
    integer: (name: keyof O & string, range: { min?: number; max?: number } = {}): number => {
      const text = parsed[name];
      const n = Number(text);
      const { min = -Infinity, max = Infinity } = range;
      if (typeof text !== 'string' || text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
        const bounds = [
          Number.isFinite(min) ? `at least ${min}` : '',
          Number.isFinite(max) ? `at most ${max}` : '',
        ].filter(Boolean);
        return usageError(
          `--${name} must be a whole number${bounds.length ? `, ${bounds.join(' and ')}` : ''}; got "${text ?? ''}".`,
        );
      }
      return n;
    },
  };
};
