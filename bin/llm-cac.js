#!/usr/bin/env node
"use strict";
require("../dist/launch.cjs").main(process.argv.slice(2));
