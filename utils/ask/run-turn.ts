/**
 * Streams the answer to one turn of a conversation and keeps storage up to date as it goes: the
 * text (throttled), how it ended, and what it cost. The popup only renders what this writes.
 */
import { recordSpend } from '../cost/record-spend';
import { costOf, priceFor } from '../cost/prices';
import { settingsProblem, withDefaults } from '../settings';
import { apiKeyItem, settingsItem } from '../storage';
import { streamAnswer } from '../vision/client';
import { VisionError } from '../vision/errors';
import type { StreamOutcome } from '../vision/types';
import { beginRequest, endRequest, type AbortCause } from './active-requests';
import { priorExchanges, type Conversation, type Turn, type TurnError } from './conversation';
import { loadConversation, markStreaming, updateTurn } from './conversation-store';
import { createIdleTimeout } from './idle-timeout';
import { createThrottle } from './throttle';

export interface RunOptions {
  /** How often streamed text is written to storage. */
  flushMs?: number;
  /** How long the server may stay silent in the middle of an answer. */
  idleMs?: number;
}

const NO_KEY_MESSAGE =
  'Add your API key in the options to ask about pictures. Nothing was sent.';

function finished(turn: Turn, fields: Partial<Turn>): Turn {
  return { ...turn, ...fields, finishedAt: Date.now() };
}

function failTurn(conversationId: string, turnId: string, error: TurnError) {
  return updateTurn(conversationId, turnId, (t) => finished(t, { status: 'error', error }));
}

/** Words for an answer that ended before the model was done. */
function earlyEndNote(outcome: StreamOutcome): string | undefined {
  if (!outcome.complete) {
    return 'The answer was cut off: the connection ended before the server finished. What arrived is shown.';
  }
  if (outcome.endedEarlyBecause === 'length' || outcome.endedEarlyBecause === 'max_output_tokens') {
    return 'The answer was cut off: the model reached its length limit.';
  }
  if (outcome.endedEarlyBecause === 'content_filter') {
    return "The answer was cut off by the provider's content filter.";
  }
  return outcome.endedEarlyBecause ? `The answer ended early (${outcome.endedEarlyBecause}).` : undefined;
}

async function recordUsage(conversation: Conversation, turn: Turn, outcome: StreamOutcome) {
  if (!outcome.usage) return {};
  const cost = costOf(outcome.usage, priceFor(turn.model));
  await recordSpend({
    at: Date.now(),
    conversationId: conversation.id,
    kind: 'question',
    model: turn.model,
    ...outcome.usage,
    cost,
  });
  return { usage: outcome.usage, cost };
}

export async function runTurn(conversationId: string, turnId: string, options: RunOptions = {}): Promise<void> {
  const { flushMs = 100, idleMs = 180_000 } = options;
  const [settings, apiKey, conversation] = await Promise.all([
    settingsItem.getValue().then(withDefaults),
    apiKeyItem.getValue(),
    loadConversation(conversationId),
  ]);
  const turn = conversation?.turns.find((t) => t.id === turnId);
  if (!conversation || !turn) return;

  if (!apiKey.trim()) {
    await failTurn(conversationId, turnId, { kind: 'no-key', message: NO_KEY_MESSAGE });
    return;
  }
  const problem = settingsProblem(settings);
  if (problem) {
    await failTurn(conversationId, turnId, { kind: 'settings', message: `${problem} Nothing was sent.` });
    return;
  }

  const controller = beginRequest(conversationId);
  const idle = createIdleTimeout(controller, idleMs);
  let answer = turn.answer;
  const writer = createThrottle(() => updateTurn(conversationId, turnId, (t) => ({ ...t, answer })), flushMs);
  await markStreaming(conversationId, true);
  try {
    const outcome = await streamAnswer(
      { ...settings, model: turn.model, api: turn.api },
      apiKey,
      {
        model: turn.model,
        detail: turn.detail,
        imageUrl: conversation.image.url,
        history: priorExchanges(conversation, turnId),
        question: turn.question,
      },
      {
        signal: controller.signal,
        onDelta(text) {
          answer += text;
          idle.touch();
          writer.schedule();
        },
      },
    );
    idle.cancel();
    // The SDK ends the stream quietly when its signal is aborted, so a stop shows up here, not as a throw.
    if (controller.signal.aborted) throw controller.signal.reason;
    await writer.finish();
    const spend = await recordUsage(conversation, turn, outcome);
    const note = earlyEndNote(outcome);
    await updateTurn(conversationId, turnId, (t) =>
      finished(t, { answer, status: note ? 'cut' : 'done', ...(note ? { note } : {}), ...spend }),
    );
  } catch (error) {
    idle.cancel();
    await writer.finish();
    await updateTurn(conversationId, turnId, (t) => finished(t, endOfFailedTurn(error, controller, answer)));
  } finally {
    endRequest(conversationId, controller);
    await markStreaming(conversationId, false);
  }
}

/** How a turn reads after its request failed or was stopped; whatever text arrived is kept. */
function endOfFailedTurn(error: unknown, controller: AbortController, answer: string): Partial<Turn> {
  const cause = controller.signal.aborted ? (controller.signal.reason as AbortCause) : undefined;
  if (cause === 'user') return { answer, status: 'stopped', note: 'Stopped.' };
  if (cause === 'stalled') {
    const message = 'The server stopped sending in the middle of the answer, so it was abandoned.';
    return answer
      ? { answer, status: 'cut', note: `The answer was cut off: ${message}` }
      : { answer, status: 'error', error: { kind: 'stalled', message } };
  }
  const visionError =
    error instanceof VisionError ? error : new VisionError('unknown', `Something went wrong while asking: ${String(error)}`);
  const turnError = visionError.toTurnError();
  if (answer && (turnError.kind === 'network' || turnError.kind === 'unknown')) {
    // The answer had started, so this is a broken connection rather than a refused request.
    const note = 'The answer was cut off: the connection broke before the server finished. What arrived is shown.';
    return { answer, status: 'cut', note, error: turnError };
  }
  return { answer, status: 'error', error: turnError };
}
