export * from "./types.js";
export { evaluate, type Evaluation } from "./evaluate.js";
export { timeline, type TimelinePeriod, type TimelineRow } from "./timeline.js";
