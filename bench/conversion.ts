// Measures document conversion against the command-line tools that do the same job, in one run on
// one machine: PDF text layers against `pdftotext -layout` (poppler-utils), and OCR of scanned pages
// against `tesseract` (tesseract-ocr). It prints each median time and the ratio to the reference;
// a ratio of 3 means three times as long as the reference tool. Run: npx tsx bench/conversion.ts
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageTextToMarkdown } from '../lib/documents/markdown';
import { PdfDocument } from '../lib/documents/pdf';
import { recognizePage, shutdownOcr } from '../lib/documents/ocr';

const samples = process.env.SAMPLES_DIR ?? path.resolve(import.meta.dirname, '../../shared/samples');
const repeats = Number(process.env.BENCH_REPEATS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const samplesMs: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const started = performance.now();
    await run();
    samplesMs.push(performance.now() - started);
  }
  return median(samplesMs);
}

function requireTool(name: string): void {
  if (spawnSync('which', [name]).status !== 0) {
    console.error(`The reference tool "${name}" is not installed (Debian: apt-get install ${name === 'pdftotext' ? 'poppler-utils' : 'tesseract-ocr'}).`);
    process.exit(1);
  }
}

async function ourPdfText(file: string): Promise<void> {
  const pdf = await PdfDocument.open(fs.readFileSync(file), { timeoutMs: 60_000 });
  try {
    for (let page = 1; page <= pdf.numPages; page++) pageTextToMarkdown(await pdf.readText(page));
  } finally {
    await pdf.close();
  }
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, index) => (index === 0 ? String(cell).padEnd(44) : String(cell).padStart(15))).join('');
}

async function main(): Promise<void> {
  requireTool('pdftotext');
  requireTool('tesseract');
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, median of ${repeats} runs\n`);

  console.log('Text layer: PdfDocument + pageTextToMarkdown against pdftotext -layout');
  console.log(row(['file', 'ours ms', 'pdftotext ms', 'ratio']));
  const textRatios: number[] = [];
  const textPdfs = fs.readdirSync(path.join(samples, 'synthetic')).filter((name) => /^\d\d_[a-z_]+\.pdf$/.test(name)).slice(0, 6);
  for (const name of [...textPdfs, '../knowledge/kb01_centre_debt_advice_handbook_2025.pdf']) {
    const file = path.join(samples, 'synthetic', name);
    const ours = await time(() => ourPdfText(file));
    const reference = await time(() => execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] }));
    textRatios.push(ours / reference);
    console.log(row([path.basename(name), ours.toFixed(1), reference.toFixed(1), (ours / reference).toFixed(2)]));
  }
  console.log(row(['median ratio', '', '', median(textRatios).toFixed(2)]));

  console.log('\nOCR: recognizePage (tesseract.js, English best_int data) against tesseract --psm 3');
  console.log(row(['file', 'ours ms', 'tesseract ms', 'ratio']));
  const ocrRatios: number[] = [];
  const scans = ['01_council_tax_reminder.scan-p1.jpg', '08_debt_collection_sold_on.scan-p1.jpg', '18_payslip.scan-p1.png'];
  // One recognition first, so that starting the worker and loading the language data are not timed.
  await recognizePage(fs.readFileSync(path.join(samples, 'synthetic', scans[0])), { timeoutMs: 120_000 });
  for (const name of scans) {
    const file = path.join(samples, 'synthetic', name);
    const bytes = fs.readFileSync(file);
    const ours = await time(() => recognizePage(bytes, { timeoutMs: 120_000 }));
    const reference = await time(() => execFileSync('tesseract', [file, '-', '--psm', '3'], { stdio: ['ignore', 'pipe', 'ignore'] }));
    ocrRatios.push(ours / reference);
    console.log(row([name, ours.toFixed(0), reference.toFixed(0), (ours / reference).toFixed(2)]));
  }
  console.log(row(['median ratio', '', '', median(ocrRatios).toFixed(2)]));
  await shutdownOcr();
}

await main();
