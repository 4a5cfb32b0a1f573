// The browser check: serves the built site on 127.0.0.1 and loads the home page, a guide, an API page and the
// bench report (its charts) in
// Debian's chromium (headless, through playwright-core, which downloads no browser). Fails on a console error,
// an uncaught page error, a request that fails or answers >= 400, an image that did not load, or a link in the
// rendered page (the navigation TypeDoc's script builds included) whose target the server does not have.
// Saves a screenshot of each page in docs/dist/screenshots/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { screenshotDir, siteDir } from './paths.ts';

/** Debian's package (`apt-get install chromium`); CHROMIUM_PATH overrides. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = [
  { name: 'home', path: 'index.html' },
  { name: 'guide-getting-started', path: 'documents/Getting_started_in_five_minutes.html' },
  { name: 'api-lock-client', path: 'classes/_ddb-lock_runtime.LockClient.html' },
  // The bench report: the page with the charts (images that must load).
  { name: 'bench-report', path: 'documents/Benchmark_report_(latest_run).html' },
];

if (!existsSync(executablePath)) {
  console.error(`browser check: no chromium at ${executablePath} (apt-get install -y chromium; .ci/run installs it)`);
  process.exit(1);
}
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain',
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let file = normalize(join(siteDir, decodeURIComponent(url.pathname)));
  if (file.endsWith('/')) file = join(file, 'index.html');
  if (!file.startsWith(siteDir) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
mkdirSync(screenshotDir, { recursive: true });

// Root (CI) needs --no-sandbox: chromium's sandbox refuses to run as root.
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const problems: string[] = [];
try {
  for (const { name, path } of PAGES) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const report = (what: string) => problems.push(`${path}: ${what}`);
    page.on('console', (m) => {
      if (m.type() === 'error') report(`console error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => report(`page error: ${e.message}`));
    page.on('requestfailed', (r) => report(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400) report(`HTTP ${r.status()}: ${r.url()}`);
    });
    const response = await page.goto(base + path, { waitUntil: 'networkidle' });
    if (!response?.ok()) report(`HTTP ${response?.status()}`);
    const images = await page.$$eval('img', (imgs) => imgs.map((i) => ({ src: i.src, ok: i.complete && i.naturalWidth > 0 })));
    for (const img of images) if (!img.ok) report(`image did not load: ${img.src}`);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
    const internal = [...new Set(links.filter((l) => l.startsWith(base)).map((l) => l.split('#')[0] ?? l))];
    for (const link of internal) {
      const status = (await fetch(link)).status;
      if (status !== 200) report(`link ${link} answers ${status}`);
    }
    const shot = join(screenshotDir, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    console.log(`✓ ${path}: ${images.length} images, ${internal.length} internal links, screenshot ${shot}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const p of problems) console.error(`✗ ${p}`);
console.log(`browser: ${PAGES.length} pages loaded in ${executablePath}, ${problems.length} problems`);
if (problems.length > 0) process.exitCode = 1;
