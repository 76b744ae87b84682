import { NotificationType } from 'vscode-languageserver-protocol';
import type { Channel } from './prediction';

/**
 * The custom messages between the isc-plan client and server, in one place. Each says who sends
 * it and why. Standard LSP covers everything else.
 */

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; in Restricted Mode nothing outside the workspace is read. */
  trusted: boolean;
  /**
   * Commands the client itself can run that the server may put in code lenses (the VS Code client:
   * {@link DRY_RUN_VIEW_COMMAND}). Other clients get lenses with the server's {@link PREDICT_COMMAND}.
   */
  clientCommands?: string[];
}

/**
 * The VS Code client's command that opens the dry-run view, with {@link LensCommandArguments}; its
 * code lenses run it.
 */
export const DRY_RUN_VIEW_COMMAND = 'iscPlan.dryRun';

/**
 * `workspace/executeCommand` on the server, with {@link LensCommandArguments}: predicts a plan (or
 * one of its requests) as `isc-plan predict` prints it, shows the text with `window/showMessage`
 * and returns it. The code lenses of clients without {@link DRY_RUN_VIEW_COMMAND} run it.
 */
export const PREDICT_COMMAND = 'isc-plan.predict';

/** A code lens command's arguments: the document URI, the plan's index in the file, the request's index in the plan (none: the whole plan). */
export type LensCommandArguments = [uri: string, plan: number, request?: number];

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Client → server: the user granted workspace trust (VS Code only ever grants it during a session). */
export const WorkspaceTrustNotification = {
  method: 'iscPlan/workspaceTrust',
  type: new NotificationType<WorkspaceTrustParams>('iscPlan/workspaceTrust'),
} as const;

export interface PlanStatusParams {
  uri: string;
  /** Requests per predicted channel over all plans of the file. */
  channels: Record<Channel, number>;
  /** Catalog files the plans use. */
  catalogs: string[];
  /** Errors in the file. */
  errors: number;
}

/** Server → client: a summary of a plan file after validation, for the language status item. */
export const PlanStatusNotification = {
  method: 'iscPlan/planStatus',
  type: new NotificationType<PlanStatusParams>('iscPlan/planStatus'),
} as const;
