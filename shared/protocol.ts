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
}

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
