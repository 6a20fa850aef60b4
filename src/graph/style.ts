// How each kind looks in the drawn formats (svg, html): its colour family and corner radius.
import type { EdgeKind, NodeKind } from './types.js';

/** Edges drawn dashed in every format: access and failure paths, not the event flow itself. */
export const DASHED: readonly EdgeKind[] = ['uses', 'dlq', 'failure'];

export interface Look {
  fill: string;
  stroke: string;
  /** Corner radius: rules and tasks are rounded, functions slightly, the rest square. */
  rx: number;
}

const family = {
  function: { fill: '#fff4dd', stroke: '#d68a00' },
  data: { fill: '#e6f0ff', stroke: '#3366cc' },
  messaging: { fill: '#f0e6ff', stroke: '#7a3db8' },
  events: { fill: '#e6ffed', stroke: '#2a8c4a' },
  flow: { fill: '#ffe6ec', stroke: '#c0365a' },
  edge: { fill: '#f2f2f2', stroke: '#777777' },
};

export const LOOK: Record<NodeKind, Look> = {
  route: { ...family.edge, rx: 0 },
  endpoint: { ...family.edge, rx: 0 },
  function: { ...family.function, rx: 4 },
  table: { ...family.data, rx: 0 },
  queue: { ...family.messaging, rx: 0 },
  topic: { ...family.messaging, rx: 10 },
  bus: { ...family.events, rx: 0 },
  rule: { ...family.events, rx: 16 },
  schedule: { ...family.events, rx: 16 },
  workflow: { ...family.flow, rx: 0 },
  task: { ...family.flow, rx: 16 },
  pipe: { ...family.events, rx: 0 },
  bucket: { ...family.data, rx: 0 },
};
