import type { Starter } from './index.js';

export const blank: Starter = {
  name: 'blank',
  summary: 'one function behind GET /hello — the smallest app to grow from',
  sdk: [],
  manifest: (app) => ({
    manifest: {
      name: app,
      description: `${app}: an event-driven app on AWS`,
      runtime: 'nodejs24.x',
      functions: {
        hello: {
          description: 'Says hello over HTTP',
          triggers: [{ http: 'GET /hello' }],
        },
      },
    },
    notes: {
      above: {
        functions: 'Grow the app one resource at a time: eda add queue jobs, eda add function worker --trigger queue:jobs, ...',
        'functions.hello': 'Handler: src/handlers/hello.ts (exports `handler`)',
      },
      inline: { name: 'the stack is <name>-<stage>' },
    },
  }),
};
