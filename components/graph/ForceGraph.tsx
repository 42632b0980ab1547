'use client';

import dynamic from 'next/dynamic';
import { Loading } from '@/components/ui/Loading';
import type { ForceGraphCanvasProps } from './ForceGraphCanvas';

/** Loads the canvas in the browser only: with SSR the library fails with "window is not defined". */
const ForceGraphCanvas = dynamic(() => import('./ForceGraphCanvas'), {
  ssr: false,
  loading: () => <Loading label="Loading the graph view…" className="p-4" />,
});

/** Renders a force-directed graph in the browser only. `graphRef` receives the library's methods, such as zoomToFit. */
export function ForceGraph(props: ForceGraphCanvasProps) {
  return <ForceGraphCanvas {...props} />;
}
