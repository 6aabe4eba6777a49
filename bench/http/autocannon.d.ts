/** The part of autocannon 9's API the bench uses (the package ships no types). */
declare module 'autocannon' {
  type Histogram = Readonly<{
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9?: number;
    total: number;
  }>;
  export type Context = Record<string, unknown>;
  export type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  export type SequenceStep = Readonly<{
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: RequestParams, context: Context) => RequestParams;
    onResponse?: (status: number, body: string, context: Context) => void;
  }>;
  export type Options = Readonly<{
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: readonly SequenceStep[];
  }>;
  export type Result = Readonly<{
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    start: Date;
    finish: Date;
    '2xx': number;
  }>;
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
