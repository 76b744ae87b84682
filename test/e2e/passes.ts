/** Which steps a pass runs in each theme. */
import type { ScenarioStep } from './steps';
import { coreSteps } from './steps';
import { viewSteps } from './viewSteps';
import { whatIfSteps } from './whatIfSteps';
import type { ThemeKind } from './workbench';

/**
 * The steps of a pass in `theme`: everything in light and dark (the what-if steps last, since they change the
 * view's options); in high contrast only what concerns the view.
 */
export function scenarioFor(theme: ThemeKind): ScenarioStep[] {
  const view = [coreSteps.dryRun, viewSteps.readability, viewSteps.keyboard];
  if (theme === 'high-contrast') return [coreSteps.openPlan, ...view];
  const whatIf = [whatIfSteps.scenario, whatIfSteps.perspectives, whatIfSteps.events];
  return [coreSteps.openPlan, coreSteps.problems, coreSteps.hover, ...view, viewSteps.reload, ...whatIf];
}
