/** Page objects for the extension's own pages, found by the names people and screen readers use. */
import type { Locator, Page } from 'playwright-core';
import type { Extension } from './extension';

export interface OptionsValues {
  /** The active profile's name ("Profile name"). */
  profileName?: string;
  apiKey?: string;
  baseUrl?: string;
  model?: string;
  detail?: 'auto' | 'low' | 'high';
  api?: 'Chat Completions' | 'Responses';
  defaultQuestion?: string;
  sendImagesAs?: 'auto' | 'bytes' | 'url';
  /** "Upload speed to this server", by its option's value. */
  uplink?: 'unknown' | 'slow' | 'fast';
  altTextDetail?: 'auto' | 'low' | 'high';
  /** Dollars as typed; '' for no limit. */
  dailyBudget?: string;
}

export class OptionsPage {
  /** The connection test's sentence (after "Test connection", and after each save). */
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.connection = page.locator('#connection-test');
  }

  static async open(extension: Extension): Promise<OptionsPage> {
    const page = await extension.openPage('options.html');
    await page.getByLabel('Base URL', { exact: true }).waitFor();
    return new OptionsPage(page);
  }

  async save(values: OptionsValues): Promise<void> {
    const { page } = this;
    if (values.profileName !== undefined) await page.getByLabel('Profile name', { exact: true }).fill(values.profileName);
    if (values.apiKey !== undefined) await page.getByLabel('API key', { exact: true }).fill(values.apiKey);
    if (values.baseUrl !== undefined) await page.getByLabel('Base URL', { exact: true }).fill(values.baseUrl);
    if (values.model !== undefined) await page.getByLabel('Model', { exact: true }).fill(values.model);
    if (values.detail !== undefined) await page.getByLabel('Image detail', { exact: true }).selectOption(values.detail);
    if (values.api !== undefined) await page.getByLabel('API', { exact: true }).selectOption({ label: values.api });
    if (values.defaultQuestion !== undefined) await page.getByLabel('Default question', { exact: true }).fill(values.defaultQuestion);
    if (values.sendImagesAs !== undefined) await page.getByLabel('Send images as', { exact: true }).selectOption(values.sendImagesAs);
    if (values.uplink !== undefined) await page.getByLabel('Upload speed to this server', { exact: true }).selectOption(values.uplink);
    if (values.altTextDetail !== undefined) await page.getByLabel('Alt text detail', { exact: true }).selectOption(values.altTextDetail);
    if (values.dailyBudget !== undefined) await page.getByLabel('Daily budget (USD)', { exact: true }).fill(values.dailyBudget);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).waitFor();
    // Each save then tests the connection: its request reaches the server before the test goes on.
    await this.connectionTested();
  }

  /** Presses "Test connection" and returns its sentence once the test is over. */
  async testConnection(): Promise<string> {
    await this.page.getByRole('button', { name: 'Test connection', exact: true }).click();
    return this.connectionTested();
  }

  /** The connection test's sentence, once the test running (or just finished) is over. */
  async connectionTested(): Promise<string> {
    await this.page.locator('#connection-test[aria-busy="false"]').filter({ hasText: /\S/ }).waitFor();
    return (await this.connection.textContent()) ?? '';
  }

  /** Adds a profile from a preset ("Custom", "Ollama", …); its form then shows first, to be saved. */
  async addProfile(preset: string): Promise<void> {
    const { page } = this;
    await page.getByLabel('New profile for', { exact: true }).selectOption({ label: preset });
    await page.getByRole('button', { name: 'Add profile', exact: true }).click();
    await page.getByRole('group', { name: `Profile in use: ${preset}` }).waitFor();
  }

  /** Empties the spend record ("Reset spend…", confirmed), so a test's spend is all the meter shows. */
  async resetSpend(): Promise<void> {
    const { page } = this;
    await page.getByRole('button', { name: 'Reset spend…', exact: true }).click();
    // Exact: with several profiles, each has a "Delete “name”" button too.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('The spend record is empty.').waitFor();
  }

  /** Makes the profile named `name` the one in use, from the list; its form then shows first. */
  async useProfile(name: string): Promise<void> {
    const { page } = this;
    await page.getByRole('button', { name: `Use “${name}”`, exact: true }).click();
    await page.getByRole('group', { name: `Profile in use: ${name}` }).waitFor();
  }
}

export class PopupPage {
  readonly answer: Locator;
  readonly question: Locator;
  readonly ask: Locator;
  readonly stop: Locator;
  readonly spend: Locator;
  /** The provider switcher, shown once there are two profiles or more. */
  readonly provider: Locator;

  constructor(readonly page: Page) {
    this.answer = page.getByRole('log', { name: 'Answer' });
    this.question = page.getByRole('textbox', { name: 'Question' });
    this.ask = page.getByRole('button', { name: 'Ask', exact: true });
    this.stop = page.getByRole('button', { name: 'Stop' });
    this.spend = page.getByRole('region', { name: 'Token spend', exact: true });
    this.provider = page.getByLabel('Provider', { exact: true });
  }

  /** The popup opened as a tab, which shows the latest conversation. */
  static async open(extension: Extension): Promise<PopupPage> {
    return new PopupPage(await extension.openPage('popup.html'));
  }

  async followUp(question: string): Promise<void> {
    await this.question.fill(question);
    await this.ask.click();
  }

  /** Opens the comparison tray of `pictures` pictures, asks `question` about all of them, and sends it. */
  async compare(question: string, pictures: number): Promise<void> {
    await this.page.getByRole('button', { name: `Compare (${pictures})` }).click();
    await this.page.getByLabel(`Question about all ${pictures} pictures`).fill(question);
    await this.page.getByRole('button', { name: 'Compare', exact: true }).click();
  }

  /** Opens the spend meter's table under its one line, as a person clicks it; left open when it is. */
  async showSpendTable(): Promise<void> {
    const opened = await this.spend.locator('details').evaluate((details) => (details as HTMLDetailsElement).open);
    if (!opened) await this.spend.locator('summary').click();
  }

  /** The spend meter's row for `label` ("This conversation" or "In total") as its cell texts. */
  async spendRow(label: string): Promise<string[]> {
    await this.showSpendTable();
    const row = this.spend.getByRole('row', { name: label });
    await row.waitFor();
    return row.getByRole('cell').allTextContents();
  }
}

/** The page audit in the popup (`popup.html?view=audit`), found by the names people use. */
export class AuditPage {
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Unlabelled pictures' });
    // The body's rows: the header row holds column names only.
    this.rows = this.table.locator('tbody > tr');
  }

  static async open(extension: Extension): Promise<AuditPage> {
    const audit = new AuditPage(await extension.openPage('popup.html?view=audit'));
    await audit.page.getByRole('heading', { name: 'Alt text for a whole page' }).waitFor();
    return audit;
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The row whose picture address ends with `path` (or, for pictures without one, holds `path`). */
  row(path: string): Locator {
    return this.rows.filter({ hasText: path });
  }
}
