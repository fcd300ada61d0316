/** What the popup and the options page may ask of the background. */
import { stopRequest } from '../ask/active-requests';
import { askFollowUp } from '../ask/start';
import type { Handlers, PageRequests } from '../messages';
import { apiKeyItem } from '../storage';

export const pageRequestHandlers: Handlers<PageRequests> = {
  ask: ({ conversationId, question }) => askFollowUp(conversationId, question),
  stop: ({ conversationId }) => {
    stopRequest(conversationId);
  },
  saveApiKey: async ({ apiKey }) => {
    await apiKeyItem.setValue(apiKey.trim());
  },
  keyStatus: async () => ({ hasKey: (await apiKeyItem.getValue()).trim().length > 0 }),
};
