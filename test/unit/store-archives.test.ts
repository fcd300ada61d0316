/**
 * What `npm run zip` and `npm run zip:firefox` hand to the stores: the built extension and, for
 * addons.mozilla.org's reviewers, the sources to rebuild it from. Nothing else. And the texts the
 * builds carry are the ones in locales/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const { version, name } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string; name: string };

async function entries(archive: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(resolve(ROOT, '.output', `${name}-${version}-${archive}.zip`)));
  return Object.keys(zip.files).filter((path) => !path.endsWith('/'));
}

describe('the store archives', () => {
  beforeAll(() => {
    for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
      const run = spawnSync(resolve(ROOT, 'node_modules/.bin/wxt'), args, { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`wxt ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
    }
  }, 120_000);

  it('the Chrome and Firefox archives hold the built extension, each without the other browser\'s files', async () => {
    for (const browser of ['chrome', 'firefox']) {
      const files = await entries(browser);
      expect(files).toContain('manifest.json');
      expect(files).toContain('background.js');
      expect(files).toContain('popup.html');
      // The side panel (Firefox's sidebar) is in both builds.
      expect(files).toContain('sidepanel.html');
      expect(files).toContain('_locales/en/messages.json');
      expect(files).toContain('icons/128.png');
      const foreign = files.filter((file) => !/^(manifest\.json|background\.js|(popup|options|offscreen|sidepanel)\.html|(chunks|assets|content-scripts|icons|_locales)\/.+)$/.test(file));
      expect(foreign, browser).toEqual([]);
      // The offscreen document exists for Chrome's worker, which has no DOM; Firefox does not need it.
      expect(files.includes('offscreen.html'), browser).toBe(browser === 'chrome');
    }
  });

  it('the built _locales say exactly what locales/*.yml say, in both browsers\' builds', async () => {
    for (const build of ['chrome-mv3', 'firefox-mv2']) {
      for (const locale of ['en', 'zh_CN', 'ru', 'fr']) {
        const expected = generateChromeMessages(await parseMessagesFile(resolve(ROOT, 'locales', `${locale}.yml`)));
        const built = JSON.parse(readFileSync(resolve(ROOT, '.output', build, '_locales', locale, 'messages.json'), 'utf8')) as unknown;
        expect(built, `${build} ${locale}`).toEqual(JSON.parse(JSON.stringify(expected)));
      }
    }
  });

  it('the sources archive holds what a reviewer rebuilds from, and no tests, pictures of the README or local profiles', async () => {
    const files = await entries('sources');
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md', 'PRIVACY.md', 'locales/en.yml', 'entrypoints/background.ts', 'utils/storage.ts', 'components/popup/App.tsx', 'public/icons/128.png']) {
      expect(files, needed).toContain(needed);
    }
    const forbidden = files.filter((file) => /^(node_modules|\.output|\.wxt|\.git|\.chromium-profile|test|docs)\//.test(file));
    expect(forbidden).toEqual([]);
  });
});
