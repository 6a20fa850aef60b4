// Schedules: rate(...) and cron(...) on schedule triggers and scheduled rules. In the model and
// the template they are rules (rule/); `eda add schedule` makes EventBridge Scheduler schedules
// (scheduler/), whose facet also stubs schedule triggers.
import type { KindDefinition } from '../types.js';
import { checkSchedules } from './checks.js';

export const schedule: KindDefinition = { name: 'schedule', check: checkSchedules };
