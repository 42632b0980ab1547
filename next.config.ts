import type { NextConfig } from 'next';
import { apiContentSecurityPolicy, commonSecurityHeaders } from './lib/security-headers';

const nextConfig: NextConfig = {
  // The Docker image runs the self-contained server in .next/standalone. `npm start` and the tests
  // run `next start`, which Next.js does not support with that output, so only the image build
  // (BUILD_STANDALONE=true) turns it on.
  output: process.env.BUILD_STANDALONE === 'true' ? 'standalone' : undefined,
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
    // bullmq loads its Redis client with a run-time require that a bundle cannot follow.
    'bullmq',
    'ioredis',
    // Native llama.cpp bindings, which it loads from the @node-llama-cpp/* binary packages at run time.
    'node-llama-cpp',
  ],
  // Files read from disk at run time by path, which the standalone output must carry. The tracer
  // does not follow the imports of the PDF and image reader processes or of Tesseract's worker
  // thread, so their packages are listed whole: pdfjs-dist, @napi-rs/canvas with its platform
  // binary, and tesseract.js with the dependencies its worker script loads.
  outputFileTracingIncludes: {
    '/**': [
      './lib/db/migrations/**/*',
      './lib/documents/pdf-worker.mjs',
      './lib/documents/image-worker.mjs',
      './node_modules/@tesseract.js-data/eng/4.0.0_best_int/**/*',
      './node_modules/pdfjs-dist/**/*',
      './node_modules/@napi-rs/canvas*/**/*',
      './node_modules/tesseract.js/**/*',
      './node_modules/tesseract.js-core/**/*',
      './node_modules/{bmp-js,is-url,node-fetch,regenerator-runtime,wasm-feature-detect,zlibjs}/**/*',
    ],
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
