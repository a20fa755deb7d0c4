#!/usr/bin/env node
console.log("hello", import.meta.url, process.argv.slice(2));
