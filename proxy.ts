import { NextResponse, type NextRequest } from 'next/server';
import { pageContentSecurityPolicy } from './lib/security-headers';

/**
 * Gives every page request a fresh nonce and its Content Security Policy. Next.js reads the policy
 * from the request headers and puts the nonce on the scripts it renders. API routes, uploads among
 * them, never pass through here (see the matcher), so request bodies are never buffered by the proxy.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = pageContentSecurityPolicy(nonce, {
    https: request.nextUrl.protocol === 'https:',
    development: process.env.NODE_ENV === 'development',
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
