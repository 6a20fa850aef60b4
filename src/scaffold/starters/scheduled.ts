import { lambdaRetry } from '../../manifest/asl.js';
import type { Starter } from './index.js';

export const scheduled: Starter = {
  name: 'scheduled',
  summary: 'cron and rate jobs, and a weekly maintenance workflow',
  sdk: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  manifest: (app) => ({
    manifest: {
      name: app,
      description: `${app}: scheduled jobs and a maintenance workflow`,
      runtime: 'nodejs24.x',
      functions: {
        heartbeat: {
          description: 'Every 5 minutes: records that the app is alive',
          triggers: [{ schedule: 'rate(5 minutes)' }],
          uses: [{ table: 'reports', access: 'write' }],
        },
        nightlyReport: {
          description: 'Nightly: writes a report of yesterday',
          uses: [{ table: 'reports' }],
        },
        findStaleReports: {
          description: 'Workflow step: finds reports past their retention',
          uses: [{ table: 'reports', access: 'read' }],
        },
        purgeReports: {
          description: 'Workflow step: deletes the stale reports',
          uses: [{ table: 'reports', access: 'write' }],
        },
      },
      tables: {
        reports: { partitionKey: 'id', ttl: 'expiresAt' },
      },
      rules: {
        'nightly-report': {
          description: 'At 02:00 UTC every day',
          schedule: 'cron(0 2 * * ? *)',
          targets: [{ function: 'nightlyReport' }],
        },
        'weekly-maintenance': {
          description: 'At 03:00 UTC every Sunday',
          schedule: 'cron(0 3 ? * SUN *)',
          targets: [{ workflow: 'weekly-maintenance' }],
        },
      },
      workflows: {
        'weekly-maintenance': {
          definition: {
            StartAt: 'FindStaleReports',
            States: {
              FindStaleReports: { Type: 'Task', Resource: 'findStaleReports', Retry: lambdaRetry(), Next: 'AnyStale' },
              AnyStale: {
                Type: 'Choice',
                Choices: [{ Variable: '$.count', NumericGreaterThan: 0, Next: 'PurgeReports' }],
                Default: 'Done',
              },
              PurgeReports: { Type: 'Task', Resource: 'purgeReports', Retry: lambdaRetry(), Next: 'Done' },
              Done: { Type: 'Succeed' },
            },
          },
        },
      },
    },
    notes: {
      above: {
        'functions.heartbeat': 'A `schedule:` trigger is the shortest way to run a function on a timer.',
        rules: 'Schedules as rules: cron(min hour day-of-month month day-of-week year), in UTC.',
      },
    },
  }),
};
