/** What the popup and the options page may ask of the background. */
import { stopRequest } from '../ask/active-requests';
import { askFollowUp, retryTurn } from '../ask/start';
import { resetSpend } from '../cost/record-spend';
import type { Handlers, PageRequests } from '../messages';
import { apiKeyItem } from '../storage';

export const pageRequestHandlers: Handlers<PageRequests> = {
  // The reply goes back as soon as the turn is stored; the answer streams on in the background.
  ask: async ({ conversationId, question, detail }) => {
    await askFollowUp(conversationId, question, detail ? { detail } : {});
  },
  retry: async ({ conversationId, turnId, reason }) => {
    await retryTurn(conversationId, turnId, reason === 'budget' ? { ignoreBudget: true } : { bypassCache: true });
  },
  stop: ({ conversationId }) => {
    stopRequest(conversationId);
  },
  resetSpend: () => resetSpend(),
  saveApiKey: async ({ apiKey }) => {
    await apiKeyItem.setValue(apiKey.trim());
  },
  keyStatus: async () => ({ hasKey: (await apiKeyItem.getValue()).trim().length > 0 }),
};
