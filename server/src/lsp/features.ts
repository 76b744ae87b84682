import { registerCodeActions } from './handlers/codeActions';
import { registerHover } from './handlers/hover';
import type { FeatureRegistrar } from './session';

/** The editor features beyond diagnostics, each registering its handlers and capabilities. */
export const FEATURES: FeatureRegistrar[] = [registerHover, registerCodeActions];
