/**
 * Returns the Content Security Policy of every page. Scripts run only with this request's nonce, which
 * Next.js adds to its own scripts when it finds the policy on the request. Styles allow inline
 * attributes, because React's style props need them. No page may be framed, and forms post only to
 * this site.
 */
export function pageContentSecurityPolicy(nonce: string, options: { https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Headers sent with every response, pages and API alike. */
export const commonSecurityHeaders: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The policy of API responses: JSON, files and streams that never run as a page. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
