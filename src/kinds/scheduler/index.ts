// EventBridge Scheduler: `schedules:` entries — rate()/cron()/at() in a time zone, flexible
// windows, start and end dates, retries and a DLQ — in the app's schedule group, each with a
// role for exactly its target. (Scheduled rules and schedule triggers are rules: schedule/.)
import type { KindDefinition } from '../types.js';
import { checkSchedulerSchedules } from './checks.js';
import { modelSchedulerSchedules } from './model.js';
import { schedulerScaffold } from './scaffold.js';
import { synthSchedulerSchedules } from './synth.js';

export const scheduler: KindDefinition = { name: 'scheduler', check: checkSchedulerSchedules, model: modelSchedulerSchedules, synth: [synthSchedulerSchedules], scaffold: schedulerScaffold };
