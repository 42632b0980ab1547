export const graphNodeTypes = ['Client', 'Document', 'Creditor', 'Debt', 'Deadline', 'CourtClaim'] as const;
export type GraphNodeType = (typeof graphNodeTypes)[number];

/**
 * Relationship types. OWES: client to debt; OWED_TO, ORIGINALLY_OWED_TO (a debt sold or assigned
 * on) and COLLECTED_BY: debt to creditor; MENTIONED_IN: debt to document, with the pages;
 * HAS_DEADLINE: debt to deadline; CLAIMED_IN: debt to county court claim; HAS_DOCUMENT: client to document.
 */
export const graphLinkTypes = ['OWES', 'OWED_TO', 'ORIGINALLY_OWED_TO', 'COLLECTED_BY', 'MENTIONED_IN', 'HAS_DEADLINE', 'CLAIMED_IN', 'HAS_DOCUMENT'] as const;
export type GraphLinkType = (typeof graphLinkTypes)[number];

/**
 * A property value both stores keep as it is: a scalar or a list of strings or numbers. Null is
 * accepted on writes but not stored (Neo4j cannot store it), so reads never return it.
 */
export type GraphValue = string | number | boolean | string[] | number[] | null;
export type GraphProperties = Record<string, GraphValue>;

export type GraphNode = {
  id: string;
  type: GraphNodeType;
  label: string;
  /** The client the node belongs to; null for nodes shared across clients, such as creditors. */
  clientId: string | null;
  properties: GraphProperties;
  /** Links of the node within the query's scope, before filters and the node cap; set by getGraph. */
  degree?: number;
};

export type GraphLink = { source: string; target: string; type: GraphLinkType; properties?: GraphProperties };

export type Graph = { nodes: GraphNode[]; links: GraphLink[] };

/** A graph answer: `truncated` when the node cap left nodes out, `total` the nodes before the cap. */
export type GraphResult = Graph & { truncated: boolean; total: number };

export type GraphQuery = {
  /** One client's subgraph; without it, the subgraphs of `clientIds`, or of every client when that is unset too. */
  clientId?: string;
  /** The clients the caller may see; shared creditor nodes appear only through these clients' links. */
  clientIds?: string[];
  types?: GraphNodeType[];
  /** Keeps priority or non-priority debts, and the nodes linked to them. */
  priority?: 'priority' | 'non-priority';
  /** Text searched in labels, creditor aliases and references; matches come with their neighbours. */
  q?: string;
  /** A node id: the answer is that node and its neighbours. */
  expand?: string;
  /** Node cap; the most connected nodes are kept, so what is left out can be reached by expanding. */
  limit: number;
};

/** The whole subgraph of one client, as resolution last left it. Links carry the client's id in the store. */
export type ClientGraph = { clientId: string; nodes: GraphNode[]; links: GraphLink[] };

/** Where the entity graph is kept: the records database by default, Neo4j when configured. */
export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';
  ping(): Promise<void>;
  upsertClient(client: { id: string; name: string }): Promise<void>;
  /**
   * Replaces a client's nodes and links with the given ones. Shared creditor nodes are merged on their
   * normalised key; creditors no client links to any more are removed.
   */
  replaceClientGraph(graph: ClientGraph): Promise<void>;
  /**
   * Removes a document node, its links, the debts it was the only mention of, their deadlines and
   * claims, and creditors left with no link.
   */
  removeDocument(documentId: string): Promise<void>;
  removeClient(clientId: string): Promise<void>;
  getGraph(query: GraphQuery): Promise<GraphResult>;
  /** Counts the nodes and links that belong to a client; used to check that erasure left nothing behind. */
  countClientNodes(clientId: string): Promise<number>;
  close(): Promise<void>;
}
