// Run in a fresh Node process: how long importing a handler bundle takes (the part of a Lambda
// cold start the bundle controls). Prints milliseconds as JSON on stdout.
const started = performance.now();
await import(process.argv[2]);
process.stdout.write(JSON.stringify({ importMs: performance.now() - started }));
