/**
 * For unit tests that run the real pipeline: the fake OpenAI server on loopback, a fresh fake
 * browser before each test, and no schema violation allowed after it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FakeOpenAI } from '../fake-openai/server';

export function useFakeServer(): FakeOpenAI {
  const server = new FakeOpenAI();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    fakeBrowser.reset();
    server.reset();
  });
  afterEach(() => {
    expect(server.violations).toEqual([]);
  });
  return server;
}
