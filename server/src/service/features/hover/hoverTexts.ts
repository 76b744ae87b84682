import { checkQuartz, quartzSchedule } from '../../time/cron';
import { code, escapeMarkdown } from '../../text/markdown';

const MAPPED: Record<string, string> = {
  Committed:
    "ISC treats the ticket as done: the provisioning item becomes COMMITED (shown as **Committed**) at ISC's next status check. Committed is not verified: the next aggregation of the source confirms (or not) that the access exists.",
  Queued:
    'ISC keeps the request pending and checks the ticket again every `provisioningStatusCheckIntervalMinutes`, until `provisioningMaxStatusCheckDays` have passed; then it stops checking and the request stays pending.',
  Failed: 'ISC records the provisioning as failed (**Failed**); nothing is retried through the ticket.',
};

/** Hover for a `statusMap` value: what ISC does when a ticket reaches that status. */
export function statusMapValueHover(value: string): string {
  const meaning = MAPPED[value];
  if (!meaning) {
    return `${code(value)} is not a status ISC knows: a ticket status maps to Committed, Queued or Failed.`;
  }
  return `Ticket status mapped to ${code(value)}\n\n${meaning}\n\n_ISC: SDIM Status Mapping (at least one status must map to Committed). When ISC sees the status, and what follows a Failed ticket or the last check, are the model's assumptions._`;
}

/** Hover for an aggregation schedule: validity and the next runs in the catalog's time zone. */
export function cronHover(expression: string, timeZone: string, now: number): string {
  if (expression.trim().toLowerCase() === 'none') {
    return '`none`: the source is never aggregated, so ISC can never verify a change on it (items end as UNVERIFIABLE, "Not Verifiable").';
  }
  const check = checkQuartz(expression);
  if (!check.ok) return `Not a valid Quartz cron expression: ${escapeMarkdown(check.message)}`;
  const schedule = quartzSchedule(expression, timeZone);
  const lines = [
    `Quartz cron ${code(expression)} (seconds minutes hours day-of-month month day-of-week [year]; weekday 1 = Sunday).`,
  ];
  if (schedule) {
    const runs = schedule.runsBetween(now, now + 400 * 24 * 3600 * 1000, 3);
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    if (runs.length > 0) {
      lines.push(
        `Next runs (${escapeMarkdown(timeZone)}): ${runs.map((run) => format.format(new Date(run))).join(' · ')}`,
      );
    }
  }
  lines.push('A change committed on the source is verified at the end of the first aggregation after it.');
  return lines.join('\n\n');
}
