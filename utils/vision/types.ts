import type { Detail } from '../settings';

/** Token counts as the API reported them. */
export interface Usage {
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
}

/** One exchange sent to the model: the picture is attached to the first question only. */
export interface Exchange {
  question: string;
  answer: string;
}

export interface VisionRequest {
  model: string;
  detail: Detail;
  /** The pictures, in order (one, or several for a comparison): addresses or data URLs. */
  imageUrls: string[];
  /** A system instruction (the answer language), sent apart from the first message. */
  instructions?: string;
  /** Earlier questions and answers, oldest first; the first one carries the picture. */
  history: Exchange[];
  question: string;
  /** Ask for JSON that follows this schema (structured output), where the server supports it. */
  responseFormat?: JsonSchemaFormat;
}

/** A JSON Schema the answer must follow, under a name the API shows in errors. */
export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}

/** How the stream ended. `complete` is false when it stopped without the server saying it was done. */
export interface StreamOutcome {
  complete: boolean;
  /** The server's reason when it ended early on purpose ("length", "content_filter", …). */
  endedEarlyBecause?: string;
  usage?: Usage;
  /** What the server said the request cost, in USD (OpenRouter's usage.cost), when it said so. */
  reportedCost?: number;
  /** The on-device model's context: how much of it the conversation now uses, of how much. */
  context?: ContextUsage;
}

export interface ContextUsage {
  used: number;
  window: number;
}

export interface StreamHandlers {
  onDelta(text: string): void;
  /** How far a model download has come, 0 to 1 (only the on-device model downloads). */
  onProgress?(loaded: number): void;
  signal: AbortSignal;
}
