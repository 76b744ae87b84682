import type { CatalogSource } from './types';

/**
 * A flat-file source: `connectionType: file`, or a delimited-file source as ISC exports it
 * (`type: DelimitedFile`, connector `delimited-file`). ISC reads such a source from files that
 * someone uploads (docs/isc-behaviour.md#file-source-upload).
 */
export function isFlatFileSource(source: CatalogSource | undefined): boolean {
  if (!source) return false;
  if (source.connectionType?.trim().toLowerCase() === 'file') return true;
  const type = source.type?.replace(/[\s_-]/g, '').toLowerCase();
  const connector = source.connector?.trim().toLowerCase();
  return type === 'delimitedfile' || connector === 'delimited-file';
}

/** Why a flat-file source without an upload cadence has no verification time. */
export const UPLOAD_REASON = 'verified at the next file upload, which ISC does not schedule';
