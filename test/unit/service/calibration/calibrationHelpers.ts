import { History } from '../../../../server/src/service/calibration/history';
import { activityFacts } from '../../../../server/src/service/calibration/activities';
import { JsonRecordSplitter } from '../../../../server/src/service/calibration/jsonRecords';
import { readCatalogs } from '../../../../server/src/cli/calibrateInput';
import type { MergedCatalog } from '../../../../server/src/service/catalog/types';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { syntheticCatalog } from './syntheticHistory';

/** The history of `records`, read through the same splitter and reader as the CLI. */
export function historyOf(records: readonly object[]): History {
  const history = new History();
  const splitter = new JsonRecordSplitter();
  splitter.push(JSON.stringify(records), (text) => {
    const facts = activityFacts(JSON.parse(text));
    if (typeof facts === 'string') throw new Error(facts);
    history.add(facts);
  });
  splitter.end();
  return history;
}

/** The synthetic tenant's catalog, merged as the CLI reads it. */
export function syntheticMergedCatalog(): MergedCatalog {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-calib-'));
  const file = path.join(dir, 'tenant.sources.yaml');
  fs.writeFileSync(file, syntheticCatalog());
  try {
    return readCatalogs([file], dir)!;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
