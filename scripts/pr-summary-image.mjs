// Renders a job-summary Markdown file (src/report/summary.ts output) to a PNG for docs/images, with
// Debian's Chromium: node scripts/pr-summary-image.mjs summary.md docs/images/pr-summary.png
import { chromium } from 'playwright-core';
import fs from 'node:fs';
const md = fs.readFileSync(process.argv[2], 'utf8');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (s) => {
  let t = s.replace(/\\([\\`*_{}[\]<>|~])/g, (_, c) => `\u0000${c.charCodeAt(0)}\u0000`);
  t = esc(t).replace(/&lt;sub&gt;|&lt;\/sub&gt;/g, (m) => (m.includes('/') ? '</sub>' : '<sub>'));
  t = t.replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|\s)_([^_]+)_(\s|$)/g, '$1<em>$2</em>$3');
  return t.replace(/\u0000(\d+)\u0000/g, (_, n) => esc(String.fromCharCode(Number(n))));
};
const out = [];
let list = null;
const close = () => { if (list) { out.push(`</${list}>`); list = null; } };
for (const line of md.split('\n')) {
  let m;
  if ((m = /^(#{2,3}) (.*)$/.exec(line))) { close(); out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`); }
  else if ((m = /^- (.*)$/.exec(line))) { if (list !== 'ul') { close(); out.push('<ul>'); list = 'ul'; } out.push(`<li>${inline(m[1])}</li>`); }
  else if ((m = /^\d+\. (.*)$/.exec(line))) { if (list !== 'ol') { close(); out.push('<ol>'); list = 'ol'; } out.push(`<li>${inline(m[1])}</li>`); }
  else if ((m = /^> (.*)$/.exec(line))) { close(); out.push(`<blockquote>${inline(m[1])}</blockquote>`); }
  else if (line.trim()) { close(); out.push(`<p>${inline(line)}</p>`); }
  else close();
}
close();
const glyph = (s) => s.replace(/❌/g, '<span style="color:#cf222e">✘</span>').replace(/✅/g, '<span style="color:#1a7f37">✔</span>').replace(/⚠️/g, '<span style="color:#9a6700">▲</span>').replace(/🔺/g, '▲');
const html0 = `<!doctype html><meta charset="utf-8"><style>body{font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;margin:0;padding:24px;width:880px}
.box{border:1px solid #d1d9e0;border-radius:6px;padding:16px 24px}h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em;font-size:1.5em}h3{font-size:1.25em}
code{background:#eff1f3;border-radius:4px;padding:.2em .4em;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}blockquote{margin:0 0 16px;padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}sub{color:#59636e}</style>
<div class="box"><div style="color:#59636e;font-size:12px;margin-bottom:8px">audit summary</div>${out.join('\n')}</div>`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 930, height: 600 }, deviceScaleFactor: 1 });
await page.setContent(glyph(html0));
await page.locator('.box').screenshot({ path: process.argv[3] });
await browser.close();
