#!/usr/bin/env node
// `npm run fake-server`: the local OpenAI-compatible server of the tests (test/fake-openai), on its
// own, so the extension can be tried without a key. It prints the base URL to paste into the
// options and answers every question with the same streamed reply until Ctrl+C.
// `npm run fake-server -- --port 9000` picks the port (0: any free one); 8377 otherwise.
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8377' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`"${values.port}" is not a port number (0 to 65535).`);
  process.exit(1);
}

// The server is TypeScript; Vite's module runner loads it as the tests do, with no build step.
const { module } = await runnerImport('./test/fake-openai/standalone.ts', { configFile: false, logLevel: 'error' });
let server;
try {
  server = await module.startStandalone(port, (line) => console.log(line));
} catch (error) {
  const why = error?.code === 'EADDRINUSE' ? `port ${port} is taken; choose another with "npm run fake-server -- --port 9000"` : String(error);
  console.error(`The fake server did not start: ${why}.`);
  process.exit(1);
}
console.log(`Fake OpenAI-compatible server at ${server.url}`);
console.log(`Paste that into the extension's options as the Base URL, with any API key (e.g. sk-fake), and Save.`);
if (!server.validates) console.log(`Requests are not checked against OpenAI's schema: ${server.specPath} is missing (the README's Quick start says where it comes from).`);
console.log('Every question gets the same streamed answer. Ctrl+C stops the server.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => {
        console.log('The fake server has stopped.');
        process.exit(0);
      },
      (error) => {
        console.error(`The fake server did not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
