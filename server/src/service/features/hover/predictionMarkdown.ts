import type { ChannelDecision } from '../../channel/decideChannel';
import type { Channel, RequestPrediction } from '../../../../../shared/prediction';
import { milestoneNames, milestoneText, outcomesText } from '../../../../../shared/format';
import { escapeMarkdown } from '../../text/markdown';

const CHANNEL_WORDS: Record<Channel, string> = {
  connector: 'direct connector',
  manual: 'manual work item',
  ticketing: 'ticket (service desk integration)',
  none: 'none: ISC does nothing for this request',
  unknown: 'unknown',
};

/** What `verified` means, and that it is the model's reading (docs/isc-behaviour.md#aggregation-verifies). */
const VERIFIED_NOTE =
  '_Verified_: the end of the first aggregation after the change; until then ISC shows the item COMMITED ("Committed"). That this aggregation is what verifies, and that the connector\'s answer does not already update the account in ISC, is the model\'s assumption.';

/** The request's channel, target, reasons and (when available) milestones, outcomes and assumptions. */
export function predictionMarkdown(
  decision: ChannelDecision,
  prediction: RequestPrediction | undefined,
): string {
  const target = decision.target ? ` → ${escapeMarkdown(decision.target)}` : '';
  const lines = [
    `**Channel: ${CHANNEL_WORDS[decision.channel] ?? decision.channel}**${target}`,
    '',
    ...decision.reasons.map((r) => `- ${escapeMarkdown(r)}`),
  ];
  for (const part of decision.parts) {
    const to = part.channel === 'ticketing' ? 'a ticket of the universal SDIM' : 'a manual work item';
    lines.push(
      `- Split: the permission requests go to ${to}${part.target ? ` ${part.channel === 'ticketing' ? '' : 'for '}${escapeMarkdown(part.target)}` : ''}.`,
    );
  }
  if (prediction && decision.channel === 'none') {
    lines.push('', 'No milestones: ISC sends nothing and records no task, so the outcome is not fulfilled.');
    if (prediction.outcomes) lines.push('', `Outcomes: ${outcomesText(prediction.outcomes)}`);
  } else if (prediction) {
    const m = prediction.milestones;
    const names = milestoneNames(m);
    lines.push(
      '',
      `| ${names.join(' | ')} |`,
      `| ${names.map(() => '---').join(' | ')} |`,
      `| ${names.map((name) => milestoneText(m[name])).join(' | ')} |`,
      '',
      VERIFIED_NOTE,
    );
    if (prediction.outcomes) lines.push('', `Outcomes: ${outcomesText(prediction.outcomes)}`);
    if (prediction.learned && prediction.learned.length > 0) {
      lines.push('', '_Learned:_', ...prediction.learned.map((a) => `- ${escapeMarkdown(a)}`));
    }
    if (prediction.assumptions.length > 0) {
      lines.push('', '_Assumed:_', ...prediction.assumptions.map((a) => `- ${escapeMarkdown(a)}`));
    }
  }
  return lines.join('\n');
}
