import type { FeatureRegistrar } from './session';

/** The editor features beyond diagnostics, each registering its handlers and capabilities. */
export const FEATURES: FeatureRegistrar[] = [];
