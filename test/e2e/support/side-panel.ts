/**
 * Chromium's real side panel, reached over the DevTools protocol: Playwright gives no page for it,
 * so its document is read by attaching to its target and evaluating there.
 */
import type { CDPSession } from 'playwright-core';
import type { Extension } from './extension';

type TargetInfo = { targetId: string; type: string; url: string };

export class SidePanel {
  private next = 0;
  private readonly replies = new Map<number, (reply: { result?: { result?: { value?: unknown } }; error?: { message: string }; exceptionDetails?: unknown }) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as { id?: number };
      if (reply.id === undefined) return;
      this.replies.get(reply.id)?.(reply as never);
      this.replies.delete(reply.id);
    });
  }

  /**
   * The browser's targets showing sidepanel.html that are not tabs: the side panels. A tab showing
   * sidepanel.html (as other tests open it) is one of Playwright's pages, and is left out.
   */
  private static async panels(extension: Extension, cdp: CDPSession): Promise<{ panels: TargetInfo[]; all: TargetInfo[] }> {
    const tabs = new Set<string>();
    for (const page of extension.context.pages()) {
      const session = await extension.context.newCDPSession(page);
      try {
        tabs.add(((await session.send('Target.getTargetInfo')) as { targetInfo: TargetInfo }).targetInfo.targetId);
      } finally {
        await session.detach();
      }
    }
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return { panels: targetInfos.filter((target) => target.url === extension.url('sidepanel.html') && !tabs.has(target.targetId)), all: targetInfos };
  }

  /** How many side panels of the extension are open. */
  static async count(extension: Extension): Promise<number> {
    const cdp = await extension.context.newCDPSession(extension.context.pages()[0]!);
    try {
      return (await SidePanel.panels(extension, cdp)).panels.length;
    } finally {
      await cdp.detach();
    }
  }

  /** The open side panel of the extension; fails saying what was open when there is none. */
  static async attach(extension: Extension): Promise<SidePanel> {
    const cdp = await extension.context.newCDPSession(extension.context.pages()[0]!);
    const { panels, all } = await SidePanel.panels(extension, cdp);
    const [panel] = panels;
    if (!panel) throw new Error(`No side panel is open; the browser shows ${all.map((target) => `${target.type} ${target.url}`).join(', ')}`);
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: panel.targetId, flatten: false })) as { sessionId: string };
    return new SidePanel(cdp, sessionId);
  }

  /** The value of `expression`, evaluated in the side panel's page. */
  async evaluate<T>(expression: string): Promise<T> {
    const id = (this.next += 1);
    const reply = await new Promise<Parameters<SidePanel['replies'] extends Map<number, infer F> ? F : never>[0]>((resolve) => {
      this.replies.set(id, resolve);
      void this.cdp.send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
      });
    });
    if (reply.error || reply.exceptionDetails) throw new Error(`In the side panel: ${JSON.stringify(reply.error ?? reply.exceptionDetails)}`);
    return reply.result?.result?.value as T;
  }

  /** The text of the panel's Answer log, or '' before it has one. */
  answerText(): Promise<string> {
    return this.evaluate<string>(`document.querySelector('[role="log"][aria-label="Answer"]')?.textContent ?? ''`);
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}
