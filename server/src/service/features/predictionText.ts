import type { ChannelDecision } from '../channel/decide';
import type { MilestoneQuantiles, RequestPrediction } from '../prediction/types';
import { escapeMarkdown, humanDuration } from './markdown';

const CHANNEL_WORDS: Record<string, string> = {
  connector: 'direct connector',
  manual: 'manual work item',
  ticketing: 'ticket (service desk integration)',
  unknown: 'unknown',
};

function quantiles(q: MilestoneQuantiles): string {
  if (!q) return '—';
  return q.p50Minutes === q.p90Minutes ? `~${humanDuration(q.p50Minutes)}` : `~${humanDuration(q.p50Minutes)} (p90 ${humanDuration(q.p90Minutes)})`;
}

function percent(share: number): string {
  return share === 0 ? '0 %' : share < 0.01 ? '<1 %' : `${Math.round(share * 100)} %`;
}

/** The request's channel, target, reasons and (when available) milestones, outcomes and assumptions. */
export function predictionMarkdown(decision: ChannelDecision, prediction: RequestPrediction | undefined): string {
  const target = decision.target ? ` → ${escapeMarkdown(decision.target)}` : '';
  const lines = [`**Channel: ${CHANNEL_WORDS[decision.channel] ?? decision.channel}**${target}`, '', ...decision.reasons.map((r) => `- ${escapeMarkdown(r)}`)];
  for (const part of decision.parts) {
    lines.push(`- Split: the permission requests go to a manual work item${part.target ? ` for ${escapeMarkdown(part.target)}` : ''}.`);
  }
  if (prediction) {
    const m = prediction.milestones;
    lines.push('', '| started | committed | verified |', '| --- | --- | --- |', `| ${quantiles(m.started)} | ${quantiles(m.committed)} | ${quantiles(m.verified)} |`);
    const o = prediction.outcomes;
    if (o) {
      const shares = (Object.entries(o) as [string, number][])
        .filter(([, share]) => share > 0)
        .map(([outcome, share]) => `${outcome} ${percent(share)}`);
      lines.push('', `Outcomes: ${shares.join(' · ')}`);
    }
    if (prediction.assumptions.length > 0) lines.push('', '_Assumed:_', ...prediction.assumptions.map((a) => `- ${escapeMarkdown(a)}`));
  }
  return lines.join('\n');
}
