import Link from 'next/link';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Links inside the app, such as citations, stay client-side navigations, tagged for tests. Any other
 * link came from a document or a model, which can print or invent any address, so it is shown as
 * text with its address rather than made clickable.
 */
function linkComponents(internalLinkTestId: string | undefined): Components {
  return {
    a({ href = '', children, title, node: _node, ...rest }) {
      if (href.startsWith('/') && !href.startsWith('//')) {
        return (
          <Link href={href} title={title} data-testid={internalLinkTestId} {...rest}>
            {children}
          </Link>
        );
      }
      const text = typeof children === 'string' ? children : null;
      return (
        <span className="text-slate-800" data-testid="markdown-external-link">
          {children}
          {href && text !== href && <span className="break-all text-slate-500"> ({href})</span>}
        </span>
      );
    },
  };
}

type MarkdownProps = {
  children: string;
  className?: string;
  internalLinkTestId?: string;
  /** Smaller headings and tighter spacing, for excerpts shown inside a list such as an answer's sources. */
  compact?: boolean;
};

/**
 * Renders markdown from documents and models. react-markdown escapes raw HTML in the text unless
 * a plugin such as rehype-raw is added, so a document cannot inject markup or scripts.
 */
export function Markdown({ children, className = '', internalLinkTestId, compact = false }: MarkdownProps) {
  return (
    <div className={`markdown ${compact ? 'markdown-compact' : ''} ${className}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={linkComponents(internalLinkTestId)}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
