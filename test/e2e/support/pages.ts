/** Page objects for the extension's own pages, found by the names people and screen readers use. */
import type { Locator, Page } from 'playwright-core';
import type { Extension } from './extension';

export interface OptionsValues {
  apiKey?: string;
  baseUrl?: string;
  model?: string;
  detail?: 'auto' | 'low' | 'high';
  api?: 'Chat Completions' | 'Responses';
  defaultQuestion?: string;
  sendImagesAs?: 'auto' | 'bytes' | 'url';
}

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(extension: Extension): Promise<OptionsPage> {
    const page = await extension.openPage('options.html');
    await page.getByLabel('Base URL', { exact: true }).waitFor();
    return new OptionsPage(page);
  }

  async save(values: OptionsValues): Promise<void> {
    const { page } = this;
    if (values.apiKey !== undefined) await page.getByLabel('API key', { exact: true }).fill(values.apiKey);
    if (values.baseUrl !== undefined) await page.getByLabel('Base URL', { exact: true }).fill(values.baseUrl);
    if (values.model !== undefined) await page.getByLabel('Model', { exact: true }).fill(values.model);
    if (values.detail !== undefined) await page.getByLabel('Image detail', { exact: true }).selectOption(values.detail);
    if (values.api !== undefined) await page.getByLabel('API', { exact: true }).selectOption({ label: values.api });
    if (values.defaultQuestion !== undefined) await page.getByLabel('Default question', { exact: true }).fill(values.defaultQuestion);
    if (values.sendImagesAs !== undefined) await page.getByLabel('Send images as', { exact: true }).selectOption(values.sendImagesAs);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
  }
}

export class PopupPage {
  readonly answer: Locator;
  readonly question: Locator;
  readonly ask: Locator;
  readonly stop: Locator;
  readonly spend: Locator;

  constructor(readonly page: Page) {
    this.answer = page.getByRole('log', { name: 'Answer' });
    this.question = page.getByRole('textbox', { name: 'Question' });
    this.ask = page.getByRole('button', { name: 'Ask', exact: true });
    this.stop = page.getByRole('button', { name: 'Stop' });
    this.spend = page.getByRole('region', { name: 'Token spend' });
  }

  /** The popup opened as a tab, which shows the latest conversation. */
  static async open(extension: Extension): Promise<PopupPage> {
    return new PopupPage(await extension.openPage('popup.html'));
  }

  async followUp(question: string): Promise<void> {
    await this.question.fill(question);
    await this.ask.click();
  }

  /** The spend meter's row for `label` ("This conversation" or "In total") as its cell texts. */
  async spendRow(label: string): Promise<string[]> {
    const row = this.spend.getByRole('row', { name: label });
    await row.waitFor();
    return row.getByRole('cell').allTextContents();
  }
}
