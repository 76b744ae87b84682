import { RequestType } from 'vscode-languageserver-protocol';

/** What the client sends to import a file: its path (or name) and its text. */
export interface ImportParams {
  /** The input's file system path; its folder is where the plan's catalogs are looked for in the summary. */
  fileName: string;
  text: string;
}

/** The plan made from the input, or why none could be made. */
export type ImportResult =
  | {
      /** The plan file's text (YAML, one document per record). */
      planText: string;
      /** `<input base name>.plan.yaml`, to save next to the input. */
      suggestedName: string;
      /** One line: what was imported, the requests per predicted channel, errors and warnings. */
      summary: string;
    }
  | { error: string };

const METHOD = 'iscPlan/import';

/** Client → server: convert an ISC search document, trigger payload or IdentityIQ plan XML into a plan. */
export const ImportRequest = {
  method: METHOD,
  type: new RequestType<ImportParams, ImportResult, void>(METHOD),
} as const;
