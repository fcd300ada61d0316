/**
 * What the background does for its content scripts. A web page can make its content script send
 * these (messages.ts), so none of them spends, reads or writes anything, but "Describe as I
 * browse" on a site the user turned it on for (describe-as-browse.ts checks that, and its budget).
 */
import { browseHello, picturesInView } from '../alt-text/describe-as-browse';
import { checkedReport } from '../alt-text/describe-as-browse-payload';
import type { ContentScriptRequests, Handlers } from '../shared/messages';
import { answerSurfaceRead } from './answer-surface';

export const contentScriptRequestHandlers: Handlers<ContentScriptRequests> = {
  // Delivering it started the worker if it was stopped, and the worker reads the choice of where
  // answers go as it starts: the reply waits for that read, and carries nothing.
  wake: () => answerSurfaceRead(),
  browseHello: (_payload, sender) => browseHello(sender),
  browseInView: (payload, sender) => {
    const { pictures, pageTitle, lang } = checkedReport(payload);
    return picturesInView(sender, pictures, { pageTitle, lang });
  },
};
