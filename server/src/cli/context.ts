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
}

/** Bad usage: printed as one line on stderr, exit status 2. */
export class UsageError extends Error {}
