import type { ServiceOptions } from '../service/planService';
import type { ServiceHost } from '../service/workspace/serviceHost';

/** What a command needs from the process: I/O is passed in so commands are testable in-process. */
export interface CliContext {
  cwd: string;
  version: string;
  host: ServiceHost;
  serviceOptions: Partial<ServiceOptions>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal: colour is used only there. */
  isTTY: boolean;
  /** The environment variables the output depends on (`NO_COLOR`). */
  env: Readonly<Record<string, string | undefined>>;
}

/** The process side of a {@link CliContext}: `isTTY` and `env` default to a pipe and an empty environment. */
export type CliIo = Pick<CliContext, 'stdout' | 'stderr' | 'cwd'> &
  Partial<Pick<CliContext, 'isTTY' | 'env'>>;

/** Colour on a terminal unless `NO_COLOR` is set to something (the no-color.org convention). */
export function useColour(ctx: Pick<CliContext, 'isTTY' | 'env'>): boolean {
  return ctx.isTTY && !ctx.env['NO_COLOR'];
}

/** Bad usage: printed as one line on stderr, exit status 2. */
export class UsageError extends Error {}
