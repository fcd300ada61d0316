/**
 * What testing a connection found, as the options page shows it: a type of its own, so the message
 * list (utils/shared/messages.ts) can name it without importing the test and, through it, the API client.
 */
export type ConnectionTest =
  /** The server answered with its models (their ids, as it lists them). */
  | { kind: 'listed'; models: string[]; sentence: string }
  /** Nothing was sent: no key where one is needed, a key saved for another server, a bad base URL. */
  | { kind: 'not-sent'; sentence: string }
  /** The request went out and failed: the sentence says why and what to do. */
  | { kind: 'failed'; sentence: string }
  /** Chrome's built-in model: there is no server to test. */
  | { kind: 'skipped'; sentence: string };
