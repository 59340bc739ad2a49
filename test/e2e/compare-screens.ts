// Compares two runs of test/e2e/screens.ts pixel by pixel in Chromium's canvas:
// `npx tsx test/e2e/compare-screens.ts before after` prints, for each screenshot, the share of
// pixels that differ (more than a little, per channel) and writes a diff image where they do.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchChromium } from './support';

const [a = 'before', b = 'after'] = process.argv.slice(2);
const dirA = join(ROOT, 'test-results', 'screens', a);
const dirB = join(ROOT, 'test-results', 'screens', b);
const diffDir = join(ROOT, 'test-results', 'screens', `${a}-vs-${b}`);

async function main(): Promise<void> {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(diffDir, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage();
  // tsx names functions with a helper that the page does not have.
  await page.evaluate('window.__name = (f) => f');
  for (const name of readdirSync(dirA).filter((f) => f.endsWith('.png'))) {
    if (!existsSync(join(dirB, name))) {
      console.info(`${name}: missing in ${b}`);
      continue;
    }
    const url = (dir: string) =>
      `data:image/png;base64,${readFileSync(join(dir, name)).toString('base64')}`;
    const result = await page.evaluate(
      async ([ua, ub]) => {
        const load = (src: string) =>
          new Promise<HTMLImageElement>((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve(img);
            img.onerror = reject;
            img.src = src;
          });
        const [ia, ib] = await Promise.all([load(ua!), load(ub!)]);
        const w = Math.max(ia.width, ib.width);
        const h = Math.max(ia.height, ib.height);
        const pixels = (img: HTMLImageElement) => {
          const c = document.createElement('canvas');
          c.width = w;
          c.height = h;
          const ctx = c.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, w, h);
        };
        const pa = pixels(ia);
        const pb = pixels(ib);
        const out = document.createElement('canvas');
        out.width = w;
        out.height = h;
        const octx = out.getContext('2d')!;
        octx.globalAlpha = 0.25;
        octx.drawImage(ib, 0, 0);
        const marks = octx.getImageData(0, 0, w, h);
        let differ = 0;
        for (let i = 0; i < pa.data.length; i += 4) {
          const d = Math.max(
            Math.abs(pa.data[i]! - pb.data[i]!),
            Math.abs(pa.data[i + 1]! - pb.data[i + 1]!),
            Math.abs(pa.data[i + 2]! - pb.data[i + 2]!),
          );
          if (d > 24) {
            differ++;
            marks.data.set([255, 0, 0, 255], i);
          }
        }
        octx.putImageData(marks, 0, 0);
        return {
          size: `${ia.width}×${ia.height} / ${ib.width}×${ib.height}`,
          share: differ / (w * h),
          diff: out.toDataURL('image/png'),
        };
      },
      [url(dirA), url(dirB)],
    );
    if (result.share > 0)
      writeFileSync(join(diffDir, name), Buffer.from(result.diff.split(',')[1]!, 'base64'));
    console.info(`${name}: ${(result.share * 100).toFixed(3)}% differ (${result.size})`);
  }
  await browser.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
