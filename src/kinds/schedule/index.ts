// Schedules: rate(...) and cron(...) on schedule triggers and scheduled rules. In the model and
// the template they are rules (rule/).
import type { KindDefinition } from '../types.js';
import { checkSchedules } from './checks.js';
import { scheduleScaffold } from './scaffold.js';

export const schedule: KindDefinition = { name: 'schedule', check: checkSchedules, scaffold: scheduleScaffold };
