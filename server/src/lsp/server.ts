import { createConnection } from 'vscode-languageserver/node';
import { limitHeapGrowth } from './idleMemory';
import { describe } from './runSafe';
import { LanguageServer } from './languageServer';
import { FEATURES } from './features';

/**
 * The isc-plan language server. The transport comes from the command line, as for every
 * vscode-languageserver program: `--stdio` (other editors), `--node-ipc` (VS Code), `--socket=N`.
 */
limitHeapGrowth();
const connection = createConnection();

// One bad input or handler must never take the server down: log and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${describe(error)}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`Unhandled rejection: ${describe(reason)}`),
);

new LanguageServer(connection, FEATURES);
connection.listen();
