export * from "./types.js";
export { evaluate } from "./evaluate.js";
export { timeline, type TimelinePeriod, type TimelineRow } from "./timeline.js";
