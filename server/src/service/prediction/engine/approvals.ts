/**
 * The plan's approvals (docs/prediction-model.md#approvals): the approvers one after the other,
 * each taking a log-normal time in business hours from the moment the request reaches them; with
 * escalation, an approver who has not approved within the deadline hands the step to the next in
 * ISC's escalation order, who takes the step's time again from then.
 */

import type { BusinessCalendar } from '../../time/calendars';
import type { LogNormal } from './random';
import { drawUniform, seedStream } from './random';

/** The approvals' random stream, apart from every unit's (units are streams 0, 1, 2...). */
const APPROVAL_STREAM = -1;

export class ApprovalProcess {
  readonly steps: readonly LogNormal[];
  readonly business: BusinessCalendar;
  readonly escalationMinutes: number;
  readonly escalations: number;
  private readonly state = new Uint32Array(1);
  private readonly reg = new Float64Array(1);

  constructor(
    steps: readonly LogNormal[],
    business: BusinessCalendar,
    escalationMinutes: number,
    escalations: number,
  ) {
    this.steps = steps;
    this.business = business;
    this.escalationMinutes = escalationMinutes;
    this.escalations = escalations;
  }

  /**
   * When the last approval of run `seedOfRun` is given (minutes from the submission; NaN beyond the
   * horizon), writing each step's end to `ends` when given. One draw per approver who gets the step.
   */
  approvedAt(seedOfRun: number, ends: number[] | null): number {
    const { state, reg, business } = this;
    seedStream(state, 0, seedOfRun, APPROVAL_STREAM);
    let time = 0;
    for (const step of this.steps) {
      let received = time;
      for (let tier = 0; ; tier++) {
        drawUniform(state, 0, reg, 0);
        step.apply(reg, 0);
        const done = business.addBusinessMinutes(received, reg[0]!);
        const deadline = received + this.escalationMinutes;
        if (tier < this.escalations && done > deadline) {
          received = deadline;
          continue;
        }
        time = done;
        break;
      }
      if (ends !== null) ends.push(time);
    }
    return time;
  }
}
