import type { NextConfig } from 'next';
import { apiContentSecurityPolicy, commonSecurityHeaders } from './lib/security-headers';

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
  async headers() {
    const common = Object.entries(commonSecurityHeaders).map(([key, value]) => ({ key, value }));
    return [
      { source: '/:path*', headers: common },
      // Pages get a per-request policy with a nonce from proxy.ts; API responses get a strict one here.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
