export { main, runCli } from "./cli/main.js";
