import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // These packages load workers, WebAssembly or native code from their own folders at run time,
  // which breaks when they are bundled ("Setting up fake worker failed", missing worker scripts).
  serverExternalPackages: [
    'pdfjs-dist',
    'tesseract.js',
    '@tesseract.js-data/eng',
    '@napi-rs/canvas',
    'chromadb',
    '@electric-sql/pglite',
    'pg',
    'pino',
  ],
  // Files read from disk at run time by path, which the standalone output must carry.
  outputFileTracingIncludes: {
    '/**': ['./lib/db/migrations/**/*', './lib/documents/pdf-worker.mjs', './lib/documents/image-worker.mjs', './node_modules/@tesseract.js-data/eng/4.0.0_best_int/**/*'],
  },
  poweredByHeader: false,
};

export default nextConfig;
