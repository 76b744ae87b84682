/**
 * The inputs of `isc-plan calibrate`: the account-activity files, streamed record by record (a
 * file of 100,000 activities is never held whole; docs/architecture.md#performance), and the
 * `--catalog` files, read and merged as any catalog.
 */

import * as fs from 'fs';
import * as path from 'path';
import { fileTypeOf } from '../../../shared/fileNames';
import { readCatalogDocument } from '../service/catalog/read';
import { mergeCatalogs } from '../service/catalog/merge';
import type { CatalogContent, MergedCatalog } from '../service/catalog/types';
import { parseJsonText } from '../service/syntax/jsonSyntax';
import { parseYamlText } from '../service/syntax/yamlSyntax';
import { DEFAULT_LIMITS } from '../service/syntax/limits';
import { activityFacts } from '../service/calibration/activities';
import { History } from '../service/calibration/history';
import { JsonRecordSplitter, JsonStreamError } from '../service/calibration/jsonRecords';
import { UsageError } from './context';

/** Records that could not be used: how many, and the first few reasons with file and record number. */
export interface Skipped {
  count: number;
  examples: string[];
}

/** Reads and merges the `--catalog` files; a file that yields no catalog is a usage error naming it. */
export function readCatalogs(files: readonly string[], cwd: string): MergedCatalog | undefined {
  if (files.length === 0) return undefined;
  const contents: CatalogContent[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    // The syntax tree alone: calibration reads a catalog's facts and needs no schema findings.
    const json = (fileTypeOf(file)?.format ?? (/\.json$/i.test(file) ? 'json' : 'yaml')) === 'json';
    const documents = json ? [parseJsonText(text, DEFAULT_LIMITS)] : parseYamlText(text, DEFAULT_LIMITS);
    const found = documents.flatMap((doc) => {
      const content = doc.root ? readCatalogDocument(file, doc.root) : undefined;
      return content ? [content] : [];
    });
    if (found.length === 0) {
      throw new UsageError(
        `--catalog ${path.relative(cwd, file)}: not a catalog isc-plan recognises (run isc-plan validate on it)`,
      );
    }
    contents.push(...found);
  }
  return mergeCatalogs(contents);
}

/**
 * Streams one file of account activities into `history`. A record that is JSON but not an
 * activity is skipped with its number and reason; text that is not JSON stops the file with a
 * UsageError naming the file and place.
 */
export async function readActivities(
  file: string,
  display: string,
  history: History,
  skipped: Skipped,
  onProgress: (bytes: number) => void,
): Promise<void> {
  const splitter = new JsonRecordSplitter();
  let records = 0;
  const onRecord = (text: string, offset: number): void => {
    records++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(
        `${display}: record ${records} (at character ${offset + 1}) is not JSON: ${(error as Error).message}`,
      );
    }
    const facts = activityFacts(value);
    if (typeof facts === 'string') {
      skipped.count++;
      if (skipped.examples.length < 5) skipped.examples.push(`${display}: record ${records}: ${facts}`);
      return;
    }
    history.add(facts);
  };
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      splitter.push(chunk, onRecord);
      bytes += Buffer.byteLength(chunk);
      onProgress(bytes);
    }
    splitter.end();
  } catch (error) {
    if (error instanceof JsonStreamError) {
      throw new UsageError(`${display}: at character ${error.offset + 1}: ${error.message}`);
    }
    if ((error as { code?: string }).code === 'ENOENT') throw new UsageError(`${display}: no such file`);
    throw error;
  } finally {
    stream.destroy();
  }
  if (records === 0) {
    throw new UsageError(
      `${display}: no account-activity records (expected a JSON array of AccountActivity records or search documents)`,
    );
  }
}

export { History };
