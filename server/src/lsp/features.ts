import { registerCodeActions } from './handlers/codeActions';
import { registerCodeLens } from './handlers/codeLens';
import { registerCompareCatalog } from './handlers/compareCatalog';
import { registerDryRun } from './handlers/dryRun';
import { registerExecuteCommand } from './handlers/executeCommand';
import { registerCompletion } from './handlers/completion';
import { registerFolding } from './handlers/folding';
import { registerHover } from './handlers/hover';
import { registerImport } from './handlers/import';
import { registerNavigation } from './handlers/navigation';
import { registerRename } from './handlers/rename';
import { registerSymbols } from './handlers/symbols';
import type { FeatureRegistrar } from './session';

/** The editor features beyond diagnostics, each registering its handlers and capabilities. */
export const FEATURES: FeatureRegistrar[] = [
  registerHover,
  registerCompletion,
  registerCodeActions,
  registerSymbols,
  registerFolding,
  registerNavigation,
  registerRename,
  registerDryRun,
  registerCodeLens,
  registerExecuteCommand,
  registerImport,
  registerCompareCatalog,
];
