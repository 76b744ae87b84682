import * as path from 'path';
import type { Connection } from 'vscode-languageserver';
import type { IscPlanSettings } from '../../../shared/settings';
import { DEFAULT_SETTINGS, sanitiseSettings } from '../../../shared/settings';
import type { RuleConfig } from '../service/findings/ruleConfig';
import { parseRuleConfig } from '../service/findings/ruleConfig';
import type { LspHost } from './lspHost';

/** Name of the file at a workspace root that holds rule severities (docs/rules.md#configuration). */
export const CONFIG_FILE = '.isc-plan.yaml';

/**
 * Settings per resource, pulled from the client (`workspace/configuration`) before a document is
 * validated and kept until the client reports a change. Never global: each workspace folder may
 * differ.
 */
export class SettingsCache {
  pullSupported = false;
  private readonly byFile = new Map<string, IscPlanSettings>();
  private readonly configs = new Map<string, { text: string | undefined; rules: RuleConfig }>();

  constructor(
    private readonly connection: Connection,
    private readonly host: LspHost,
  ) {}

  /** Fetches (once) the settings that apply to a document. */
  async ensure(uri: string, file: string): Promise<IscPlanSettings> {
    const known = this.byFile.get(file);
    if (known) return known;
    let settings = DEFAULT_SETTINGS;
    if (this.pullSupported) {
      try {
        const [raw] = (await this.connection.workspace.getConfiguration([
          { scopeUri: uri, section: 'iscPlan' },
        ])) as unknown[];
        settings = sanitiseSettings(raw);
      } catch {
        settings = DEFAULT_SETTINGS;
      }
    }
    this.byFile.set(file, settings);
    return settings;
  }

  get(file: string): IscPlanSettings {
    return this.byFile.get(file) ?? DEFAULT_SETTINGS;
  }

  /** The `iscPlan.catalogs` setting of a file, as absolute paths (relative ones against its workspace folder). */
  fallbackCatalogs(file: string): string[] {
    const root = this.host.rootOf(file) ?? path.dirname(file);
    return this.get(file).catalogs.map((catalog) => path.resolve(root, catalog));
  }

  /** Rule severities from `.isc-plan.yaml` at the file's workspace folder. */
  rules(file: string): RuleConfig {
    const root = this.host.rootOf(file);
    if (!root) return {};
    const text = this.host.readFile(path.join(root, CONFIG_FILE));
    const cached = this.configs.get(root);
    if (cached && cached.text === text) return cached.rules;
    const rules = text === undefined ? {} : parseRuleConfig(text).rules;
    this.configs.set(root, { text, rules });
    return rules;
  }

  clear(): void {
    this.byFile.clear();
    this.configs.clear();
  }
}
