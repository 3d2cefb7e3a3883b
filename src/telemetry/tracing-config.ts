import { z } from 'zod';

/**
 * Which OpenTelemetry settings Roster itself reads (through src/config.ts, from the environment it
 * is given). Tracing is on only when an OTLP endpoint is configured; the exporter's remaining
 * standard variables (protocol, headers, timeouts, batching, resource attributes, propagators) are
 * read by the OpenTelemetry SDK itself, as the specification says.
 */
export interface TracingConfig {
  readonly enabled: boolean;
  /** Where spans go, without credentials (for the start-up log); undefined when off. */
  readonly endpoint: string | undefined;
  /** OTEL_TRACES_SAMPLER: the specification's sampler names that the JavaScript SDK implements. */
  readonly sampler: SamplerName;
  /** OTEL_TRACES_SAMPLER_ARG for the ratio samplers: the share of traces kept, 0…1. */
  readonly samplerRatio: number;
}

const samplerNames = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = (typeof samplerNames)[number];

const endpoint = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an absolute http(s) URL such as http://otel-collector:4318')
  .optional();

const schema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
  // OpenTelemetry's own spelling of booleans (specification: "true", case-insensitive; anything else is false).
  OTEL_SDK_DISABLED: z.string().optional(),
  OTEL_TRACES_EXPORTER: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.enum(samplerNames, { error: `must be one of ${samplerNames.join(', ')}` }).optional(),
  OTEL_TRACES_SAMPLER_ARG: z
    .string()
    .regex(/^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/, 'must be a number from 0 to 1 (the share of traces kept)')
    .transform(Number)
    .optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

/** The tracing settings, and every problem with them (each naming its variable), from non-empty variables. */
export function parseTracingConfig(present: Env): { tracing: TracingConfig; problems: string[] } {
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}: ${issue.message} (got ${JSON.stringify(withoutCredentials(present[name] ?? ''))})`;
    });
    return { tracing: off, problems };
  }
  const e = result.data;
  const target = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = e.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || e.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none';
  const enabled = target !== undefined && !disabled;
  return {
    tracing: {
      enabled,
      endpoint: enabled ? withoutCredentials(target) : undefined,
      sampler: e.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
      samplerRatio: e.OTEL_TRACES_SAMPLER_ARG ?? 1,
    },
    problems: [],
  };
}

const off: TracingConfig = { enabled: false, endpoint: undefined, sampler: 'parentbased_always_on', samplerRatio: 1 };

/** A URL as it may be shown: user and password (https://user:key@collector) become `***`. */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1***@');
}
