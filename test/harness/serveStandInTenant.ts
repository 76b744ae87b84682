import { startStandInTenant } from './standInTenant';

/**
 * `node out/test/harness/serveStandInTenant.js`: serves the stand-in tenant until Ctrl+C and prints
 * the environment a pull needs, so a pull can be tried end to end without a tenant (README).
 */
async function serve(): Promise<void> {
  const tenant = await startStandInTenant();
  process.stdout.write(
    [
      `Stand-in tenant (${tenant.data.sources.length} sources, ${tenant.data.serviceDeskIntegrations.length} service desk integrations, ` +
        `${tenant.data.accountActivities.length} account activities) at ${tenant.url}`,
      `export SAIL_BASE_URL=${tenant.url} SAIL_CLIENT_ID=${tenant.clientId} SAIL_CLIENT_SECRET=${tenant.clientSecret}`,
      '',
    ].join('\n'),
  );
  process.once('SIGINT', () => void tenant.close().then(() => process.exit(0)));
}

void serve();
