import type { Metadata } from 'next';
import { AskPanel } from '@/components/answers/AskPanel';
import { DocumentList } from '@/components/documents/DocumentList';
import { UploadZone } from '@/components/documents/UploadZone';
import { Card } from '@/components/ui/Card';
import { requirePageUser } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Knowledge base' };

/** Shows the centre's own manuals and guides, shared by every advisor and kept apart from client documents. */
export default async function KnowledgePage() {
  const user = await requirePageUser({ next: '/knowledge' });
  const isAdmin = user.role === 'admin';
  return (
    <div className="space-y-6">
      <div>
        <h1>Knowledge base</h1>
        <p className="mt-1 text-sm text-slate-600">The centre&apos;s handbooks and guides. Questions here are answered from these documents only, never from client documents.</p>
      </div>
      <Card title="Ask the knowledge base" id="ask">
        <AskPanel scope={{ kind: 'knowledge' }} questionLabel="Question" placeholder="What must we check before applying for breathing space?" />
      </Card>
      <Card title="Documents" id="documents">
        <div className="space-y-4">
          {isAdmin ? (
            <UploadZone scope={{ kind: 'knowledge' }} title="Add guides" />
          ) : (
            <p className="text-sm text-slate-600" data-testid="knowledge-admin-only">
              Only an admin can add or remove guides. Ask your centre&apos;s admin to add one.
            </p>
          )}
          <DocumentList scope={{ kind: 'knowledge' }} canChange={isAdmin} emptyText={isAdmin ? "Upload the centre's handbooks and guides above." : 'No guides have been added yet.'} />
        </div>
      </Card>
    </div>
  );
}
