import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../../server/src/cli/context';
import type { ExitStatus } from '../../../server/src/cli/main';
import { main } from '../../../server/src/cli/main';

/** What one run of the CLI gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary folder with files (text, or bytes for files that are not UTF-8). */
export class TempFolder {
  readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-cli-')));

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [name, content] of Object.entries(files)) this.write(name, content);
  }

  write(name: string, content: string | Uint8Array): void {
    const file = path.join(this.root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  /** Runs a synchronous `isc-plan ARGS` in-process with this folder as the current directory. */
  run(...argv: string[]): CliRun {
    return this.runAs({}, ...argv);
  }

  /** {@link run} with a terminal or environment of the test's choosing. */
  runAs(io: Pick<CliIo, 'isTTY' | 'env'>, ...argv: string[]): CliRun {
    const { code, output } = this.start(argv, io);
    if (typeof code !== 'number') throw new Error(`isc-plan ${argv[0]} is asynchronous: use runAsync`);
    return { code, ...output() };
  }

  /** Runs any `isc-plan ARGS` in-process and waits for its exit status. */
  async runAsync(...argv: string[]): Promise<CliRun> {
    const { code, output } = this.start(argv);
    return { code: await code, ...output() };
  }

  private start(
    argv: string[],
    io: Pick<CliIo, 'isTTY' | 'env'> = {},
  ): { code: ExitStatus; output: () => Omit<CliRun, 'code'> } {
    let stdout = '';
    let stderr = '';
    const code = main(argv, {
      cwd: this.root,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      ...io,
    });
    return { code, output: () => ({ stdout, stderr }) };
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The JSON report of `validate --format json` (docs/formats.md#cli-output). */
export interface JsonReport {
  files: {
    path: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
  }[];
  summary: { files: number; errors: number; warnings: number };
}

export function parseReport(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** A valid plan for the shared catalog: no diagnostic at all. */
export const VALID_PLAN = `kind: ProvisioningPlan
name: Zoë 😀 joins Finance
identity: { name: zoe.mueller }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë Müller
    attributeRequests:
      - { name: memberOf, operation: Add, value: CN=Finance }
`;
