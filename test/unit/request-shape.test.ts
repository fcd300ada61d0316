import { beforeAll, describe, expect, it } from 'vitest';
import { buildChatRequest } from '../../utils/vision/chat-completions';
import { buildResponsesRequest } from '../../utils/vision/responses';
import type { VisionRequest } from '../../utils/vision/types';
import { loadSchemas, schemaViolations } from '../fake-openai/openapi-validator';

// Compiling the schemas is set-up, not what the tests below check.
beforeAll(() => {
  loadSchemas();
});

const first: VisionRequest = {
  model: 'gpt-4.1-mini',
  detail: 'high',
  imageUrls: ['https://example.com/cat.jpg'],
  history: [],
  question: "What's in this image?",
};
const followUp: VisionRequest = {
  ...first,
  history: [
    { question: "What's in this image?", answer: 'A cat on a sofa.' },
    { question: 'What colour is it?', answer: 'Ginger.' },
  ],
  question: 'Is it asleep?',
};

describe('Chat Completions request', () => {
  it('is valid against the OpenAPI schema, first ask and follow-up', () => {
    expect(schemaViolations('CreateChatCompletionRequest', buildChatRequest(first))).toEqual([]);
    expect(schemaViolations('CreateChatCompletionRequest', buildChatRequest(followUp))).toEqual([]);
  });

  it('sends the picture first, then the question, with the chosen detail, streaming with usage', () => {
    const body = buildChatRequest(first);
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', stream: true, stream_options: { include_usage: true } });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          { type: 'text', text: "What's in this image?" },
        ],
      },
    ]);
  });

  it('re-sends the earlier turns in order and keeps the first message byte-identical', () => {
    const body = buildChatRequest(followUp);
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(JSON.stringify(body.messages[0])).toBe(JSON.stringify(buildChatRequest(first).messages[0]));
    expect(body.messages.slice(1).map((m) => m.content)).toEqual([
      'A cat on a sofa.', 'What colour is it?', 'Ginger.', 'Is it asleep?',
    ]);
  });
});

describe('Responses request', () => {
  it('is valid against the OpenAPI schema, first ask and follow-up', () => {
    expect(schemaViolations('CreateResponse', buildResponsesRequest(first))).toEqual([]);
    expect(schemaViolations('CreateResponse', buildResponsesRequest(followUp))).toEqual([]);
  });

  it('carries the picture as input_image with its detail, and the turns in order', () => {
    const body = buildResponsesRequest(followUp);
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', stream: true, store: false });
    expect(body.input).toHaveLength(5);
    expect(JSON.stringify((body.input as unknown[])[0])).toBe(JSON.stringify((buildResponsesRequest(first).input as unknown[])[0]));
    expect((body.input as unknown[])[0]).toEqual({
      role: 'user',
      content: [
        { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'high' },
        { type: 'input_text', text: "What's in this image?" },
      ],
    });
  });
});

describe('comparisons and the answer language', () => {
  const three: VisionRequest = {
    ...first,
    imageUrls: ['https://example.com/1.jpg', 'https://example.com/2.jpg', 'data:image/png;base64,AAAA'],
    instructions: 'Answer in French.',
    question: 'Which is the odd one out?',
  };

  it('numbers every picture, in order, and tells the model how they are numbered', () => {
    const body = buildChatRequest(three);
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Answer in French.' });
    expect(body.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Picture 1:' },
        { type: 'image_url', image_url: { url: 'https://example.com/1.jpg', detail: 'high' } },
        { type: 'text', text: 'Picture 2:' },
        { type: 'image_url', image_url: { url: 'https://example.com/2.jpg', detail: 'high' } },
        { type: 'text', text: 'Picture 3:' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } },
        { type: 'text', text: 'There are 3 pictures, numbered 1 to 3 in the order given. Refer to them by their numbers.\n\nWhich is the odd one out?' },
      ],
    });
    expect(schemaViolations('CreateChatCompletionRequest', body)).toEqual([]);
  });

  it('gives Responses the same pictures and the language as instructions', () => {
    const body = buildResponsesRequest(three);
    expect(body.instructions).toBe('Answer in French.');
    expect((body.input as { content: { type: string }[] }[])[0]!.content.map((p) => p.type)).toEqual([
      'input_text', 'input_image', 'input_text', 'input_image', 'input_text', 'input_image', 'input_text',
    ]);
    expect(schemaViolations('CreateResponse', body)).toEqual([]);
  });
});
