import type { Starter } from './index.js';

const read = { table: 'items', access: 'read' };
const write = { table: 'items', access: 'write' };

export const api: Starter = {
  name: 'api',
  summary: 'an HTTP API with create/read/update/delete over a DynamoDB table',
  shared: ['src/lib/http.ts'],
  sdk: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  manifest: (app) => ({
    manifest: {
      name: app,
      description: `${app}: a CRUD HTTP API over DynamoDB`,
      runtime: 'nodejs24.x',
      functions: {
        createItem: { description: 'POST /items: stores a new item', triggers: [{ http: 'POST /items' }], uses: [write] },
        listItems: { description: 'GET /items: one page of items', triggers: [{ http: 'GET /items' }], uses: [read] },
        getItem: { description: 'GET /items/{id}: one item', triggers: [{ http: 'GET /items/{id}' }], uses: [read] },
        updateItem: { description: 'PUT /items/{id}: replaces the fields of an item', triggers: [{ http: 'PUT /items/{id}' }], uses: [write] },
        deleteItem: { description: 'DELETE /items/{id}: removes an item', triggers: [{ http: 'DELETE /items/{id}' }], uses: [write] },
      },
      apis: {
        public: { type: 'http', cors: true },
      },
      tables: {
        items: { partitionKey: 'id' },
      },
    },
    notes: {
      above: {
        functions: 'Each function gets the table name (resources.tables.items.name) and only the access its `uses` entry asks for.',
        apis: 'One HTTP API; every `http:` trigger above is a route on it.',
      },
    },
  }),
};
