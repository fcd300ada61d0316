#!/usr/bin/env node
// `npm run icons`: draws public/icons/{16,32,48,128}.png from the SVG below with Debian's Chromium,
// so the icons can be changed in one place and remade the same way. The 128 px icon keeps the
// artwork inside 96 x 96 with 16 px of transparent padding, as the Chrome Web Store asks; the
// small ones fill their square, where padding would only shrink a picture already tiny.
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

// A framed landscape (a picture) with a question in a bubble: "ask about a picture".
const ART = `
  <rect x="16" y="22" width="96" height="78" rx="12" fill="#0b57d0"/>
  <rect x="24" y="30" width="80" height="62" rx="5" fill="#ffffff"/>
  <path d="M24 92 L48 58 L64 78 L74 68 L98 92 Z" fill="#4285f4"/>
  <circle cx="84" cy="46" r="8" fill="#fbbc04"/>
  <circle cx="90" cy="88" r="19" fill="#188038" stroke="#ffffff" stroke-width="4"/>
  <path d="M83.5 82.5 a6.5 6.5 0 1 1 9.5 5.8 c-2.2 1.2 -3 2.4 -3 4.7" fill="none" stroke="#ffffff" stroke-width="4.2" stroke-linecap="round"/>
  <circle cx="90" cy="99.5" r="2.6" fill="#ffffff"/>`;

const svg = (viewBox) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${ART}</svg>`;
const SIZES = { 16: '14 18 102 102', 32: '14 18 102 102', 48: '12 14 106 106', 128: '0 0 128 128' };

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const [size, viewBox] of Object.entries(SIZES)) {
    await page.setViewportSize({ width: Number(size), height: Number(size) });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg(viewBox)}`);
    await writeFile(`public/icons/${size}.png`, await page.screenshot({ omitBackground: true }));
    console.log(`public/icons/${size}.png`);
  }
} finally {
  await browser.close();
}
