'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { fetchJson, postJson } from '@/lib/client/api';
import { formatBytes, formatDateTime } from '@/lib/client/format';
import { fetchHealth, queryKeys } from '@/lib/client/queries';
import type { Health, ModelsResponse, PullProgress, RoleStatus } from '@/lib/client/types';

const PULL_POLL_MS = 1_000;


const dependencyLabels: Record<Health['dependencies'][number]['name'], string> = {
  database: 'Records database',
  vectors: 'Vector store',
  graph: 'Graph store',
  queue: 'Processing queue',
};

const roleLabels: Record<RoleStatus['role'], string> = {
  text: 'Text model (answers, letters and finding debts)',
  vision: 'Vision model (reading scans)',
  embed: 'Embedding model (search)',
};

const providerLabels: Record<RoleStatus['provider'], string> = {
  ollama: 'Ollama',
  openai: 'an OpenAI-compatible server',
  llamacpp: 'llama.cpp in the app',
};

const overall: Record<Health['status'], { tone: 'success' | 'warning' | 'danger'; label: string; text: string }> = {
  ok: { tone: 'success', label: 'All working', text: 'Every service and model is reachable.' },
  degraded: { tone: 'warning', label: 'Working with fallbacks', text: 'Something below is unreachable or missing a model. The app still works:' },
  down: { tone: 'danger', label: 'Not working', text: 'The records database cannot be reached, so nothing can be stored or read.' },
};

export function StatusBoard() {
  const queryClient = useQueryClient();
  const health = useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth, staleTime: 0 });
  const models = useQuery({
    queryKey: queryKeys.models,
    queryFn: () => fetchJson<ModelsResponse>('/api/models'),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.pulls.some((pull) => pull.status === 'running') ? PULL_POLL_MS : false),
  });

  // A finished pull changes the overall health too, so check it again once a running pull ends.
  const running = useRef(new Set<string>());
  useEffect(() => {
    const pulls = models.data?.pulls ?? [];
    const ended = pulls.some((pull) => pull.status !== 'running' && running.current.has(pull.role));
    running.current = new Set(pulls.filter((pull) => pull.status === 'running').map((pull) => pull.role));
    if (ended) void queryClient.invalidateQueries({ queryKey: queryKeys.health });
  }, [models.data, queryClient]);

  const refreshing = health.isFetching || models.isFetching;
  function refresh() {
    void queryClient.invalidateQueries({ queryKey: queryKeys.health });
    void queryClient.invalidateQueries({ queryKey: queryKeys.models });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Status</h1>
        <Button variant="secondary" onClick={refresh} busy={refreshing} data-testid="status-refresh">
          Refresh
        </Button>
      </div>

      <Card title="Services">
        {health.isPending && <Loading label="Checking services…" />}
        {health.isError && <ErrorMessage error={health.error} title="The health check failed." onRetry={() => void health.refetch()} />}
        {health.data && <HealthView health={health.data} />}
      </Card>

      <Card title="Models" description="Each role has its own server or model file. With text on one Ollama server and vision and embeddings on another, reading scans does not hold up answers and letters; a model running inside the app shares this machine's processor with everything else.">
        {models.isPending && <Loading label="Checking model servers…" />}
        {models.isError && <ErrorMessage error={models.error} title="The model servers could not be checked." onRetry={() => void models.refetch()} />}
        {models.data && <ModelsView data={models.data} />}
      </Card>
    </div>
  );
}

function ReachableBadge({ reachable }: { reachable: boolean }) {
  return reachable ? <Badge tone="success">Reachable</Badge> : <Badge tone="danger">Unreachable</Badge>;
}

/** The fallback the app uses for each model role and service that is not working. */
const fallbackTexts: Record<string, string> = {
  text: 'answers show the passages found, debts are found by rules, and letters cannot be written',
  vision: 'scans are read by OCR',
  embed: 'search uses keywords',
  vectors: 'search uses keywords',
  graph: 'the graph cannot be shown until its store is back',
  queue: 'new documents are not processed until the queue is back',
};

/** Returns the fallbacks in use for what is down, e.g. " scans are read by OCR; search uses keywords." */
function fallbackSentence(health: Health): string {
  const failing = [
    ...health.models.filter((model) => !model.reachable || !model.activeModel).map((model) => model.role),
    ...health.dependencies.filter((dependency) => !dependency.reachable).map((dependency) => dependency.name),
  ];
  const texts = [...new Set(failing.map((name) => fallbackTexts[name]).filter(Boolean))];
  return texts.length > 0 ? ` ${texts.join('; ')}.` : ' see below.';
}

function HealthView({ health }: { health: Health }) {
  const summary = overall[health.status];
  const text = health.status === 'degraded' ? summary.text + fallbackSentence(health) : summary.text;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3" data-testid="status-overall" data-status={health.status}>
        <Badge tone={summary.tone}>{summary.label}</Badge>
        <p className="text-sm text-slate-700" data-testid="status-summary">
          {text}
        </p>
      </div>
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
            <th scope="col" className="py-2 pr-3 font-semibold">Service</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Where</th>
            <th scope="col" className="py-2 font-semibold">State</th>
          </tr>
        </thead>
        <tbody>
          {health.dependencies.map((dependency) => (
            <tr key={dependency.name} className="border-b border-slate-200 align-top" data-testid="status-dependency" data-name={dependency.name} data-reachable={dependency.reachable}>
              <th scope="row" className="py-2 pr-3 font-medium">{dependencyLabels[dependency.name] ?? dependency.name}</th>
              <td className="py-2 pr-3 text-slate-700">{dependency.kind}</td>
              <td className="py-2">
                <ReachableBadge reachable={dependency.reachable} />
                {dependency.error && <p className="mt-1 text-red-800">{dependency.error}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">Checked {formatDateTime(health.checkedAt)}</p>
    </div>
  );
}

function ModelsView({ data }: { data: ModelsResponse }) {
  // The text and embedding roles can run inside the app when no Ollama server responds.
  const withoutServer = data.roles.filter((role) => role.role !== 'vision' && role.provider === 'ollama' && !role.reachable);
  return (
    <>
      <ul className="divide-y divide-slate-200">
        {data.roles.map((role) => (
          <RoleRow key={role.role} role={role} pull={data.pulls.find((pull) => pull.role === role.role)} />
        ))}
      </ul>
      {withoutServer.length > 0 && (
        <p className="mt-3 text-sm text-slate-700" data-testid="status-models-in-app">
          Without an Ollama server, the app can run a model itself for {withoutServer.map((role) => roleLabels[role.role].toLowerCase()).join(' and ')}: an admin puts a GGUF model file in
          the app&apos;s models folder, or runs <code>npm run models:pull</code> where the machine can reach the model hub. The README&apos;s &ldquo;Run models without Ollama&rdquo;
          names the models; the small ones used by the tests are too weak for real answers.
        </p>
      )}
    </>
  );
}

function RoleRow({ role, pull }: { role: RoleStatus; pull: PullProgress | undefined }) {
  const queryClient = useQueryClient();
  const isAdmin = useCurrentUser()?.role === 'admin';
  const start = useMutation({
    mutationFn: () => postJson<PullProgress>('/api/models', { role: role.role }),
    onSuccess: (progress) => {
      queryClient.setQueryData<ModelsResponse>(queryKeys.models, (current) => (current ? { ...current, pulls: [...current.pulls.filter((other) => other.role !== progress.role), progress] } : current));
      void queryClient.invalidateQueries({ queryKey: queryKeys.models });
    },
  });

  // activeModel is the configured name when that model is present, otherwise the fallback or null.
  // Only Ollama servers can pull; other providers name what to do in their error.
  const modelMissing = role.provider === 'ollama' && role.reachable && role.activeModel !== role.model;
  const pulling = pull?.status === 'running';

  return (
    <li className="py-4" data-testid="status-model-row" data-role={role.role} data-reachable={role.reachable} data-active-model={role.activeModel ?? ''}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-medium text-slate-900">{roleLabels[role.role]}</h3>
          <p className="text-sm text-slate-600">
            <span className="font-mono">{role.model}</span>
            {role.fallbackModel && (
              <>
                {' '}
                (fallback <span className="font-mono">{role.fallbackModel}</span>)
              </>
            )}{' '}
            at <span className="font-mono">{role.url}</span>
          </p>
          <p className="text-xs text-slate-600" data-testid="status-model-provider" data-provider={role.provider}>
            Served by {providerLabels[role.provider]}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ReachableBadge reachable={role.reachable} />
          {role.activeModel ? <Badge tone={role.activeModel === role.model ? 'success' : 'warning'}>Using {role.activeModel}</Badge> : role.reachable && <Badge tone="danger">Model missing</Badge>}
        </div>
      </div>

      {role.fallbackReason && <p className="mt-2 text-sm text-amber-800" data-testid="status-model-fallback">{role.fallbackReason}</p>}
      {role.error && <p className="mt-2 text-sm text-red-800" data-testid="status-model-error">{role.error}</p>}
      {role.reachable && role.provider !== 'llamacpp' && (
        <p className="mt-1 text-xs text-slate-500">
          On this server: {role.serverModels.length > 0 ? role.serverModels.join(', ') : 'no models'}
        </p>
      )}

      {modelMissing && !pulling && !isAdmin && (
        <p className="mt-3 text-sm text-slate-700" data-testid="model-pull-ask-admin">
          {role.model} is not on this server yet. Ask an admin to pull it from this page.
        </p>
      )}
      {modelMissing && !pulling && isAdmin && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button size="sm" onClick={() => start.mutate()} busy={start.isPending} data-testid="model-pull-button">
            Pull {role.model}
          </Button>
          <span className="text-xs text-slate-600">Downloads the model to this server. Models are several gigabytes; this can take a long time.</span>
        </div>
      )}
      {start.isError && <ErrorMessage error={start.error} className="mt-2" />}
      {pull && <PullStatus pull={pull} />}
    </li>
  );
}

function PullStatus({ pull }: { pull: PullProgress }) {
  if (pull.status === 'failed') {
    return <ErrorMessage error={pull.error ?? 'The pull failed.'} title={`Pulling ${pull.model} failed.`} className="mt-3" data-testid="model-pull-error" />;
  }
  if (pull.status === 'done') {
    return (
      <p className="mt-3 text-sm text-emerald-800" data-testid="model-pull-done">
        {pull.model} was pulled.
      </p>
    );
  }
  const known = pull.total !== null && pull.total > 0 && pull.completed !== null;
  return (
    <div className="mt-3" data-testid="model-pull-progress">
      <p className="mb-1 text-xs text-slate-700">
        Pulling {pull.model}: {pull.detail}
      </p>
      <ProgressBar
        label={`Pulling ${pull.model}`}
        value={known ? pull.completed : null}
        max={known ? pull.total! : 1}
        valueText={known ? `${formatBytes(pull.completed)} of ${formatBytes(pull.total)}` : undefined}
      />
    </div>
  );
}
