export const graphNodeTypes = ['Client', 'Document', 'Creditor', 'Debt', 'Deadline', 'CourtClaim'] as const;
export type GraphNodeType = (typeof graphNodeTypes)[number];

export type GraphNode = {
  id: string;
  type: GraphNodeType;
  label: string;
  /** The client the node belongs to; null for nodes shared across clients, such as creditors. */
  clientId: string | null;
  properties: Record<string, string | number | boolean | null>;
};

export type GraphLink = { source: string; target: string; type: string; properties?: Record<string, string | number | boolean | null> };

export type Graph = { nodes: GraphNode[]; links: GraphLink[] };

export type GraphQuery = {
  /** One client's subgraph; without it, the subgraphs of `clientIds`, or of every client when that is unset too. */
  clientId?: string;
  /** The clients the caller may see; shared creditor nodes appear only through these clients' edges. */
  clientIds?: string[];
  types?: GraphNodeType[];
  q?: string;
  limit: number;
};

/** The nodes and links one document contributes; replacing it removes what the document gave before. */
export type DocumentGraph = { clientId: string; documentId: string; nodes: GraphNode[]; links: GraphLink[] };

/** Where the entity graph is kept: the records database by default, Neo4j when configured. */
export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';
  ping(): Promise<void>;
  upsertClient(client: { id: string; name: string }): Promise<void>;
  replaceDocumentGraph(graph: DocumentGraph): Promise<void>;
  removeDocument(documentId: string): Promise<void>;
  removeClient(clientId: string): Promise<void>;
  getGraph(query: GraphQuery): Promise<Graph>;
  /** Counts the nodes that belong to a client; used to check that erasure left nothing behind. */
  countClientNodes(clientId: string): Promise<number>;
  close(): Promise<void>;
}
