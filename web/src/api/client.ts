// Talks to the gateway's /api/v1 only. The session is the gateway's httpOnly cookie, so nothing
// secret lives in script-readable storage. Every answer is {success, data} or {success:false, error}.

export class ApiError extends Error {
  readonly status: number;
  readonly retryAfter: number | null;
  readonly body: Record<string, unknown>;

  constructor(status: number, message: string, body: Record<string, unknown> = {}, retryAfter: number | null = null) {
    super(message);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: { ...(options.body === undefined ? {} : { "Content-Type": "application/json" }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "Can't reach the server. Check your connection and try again.");
  }
  let json: Record<string, unknown> = {};
  try {
    json = (await response.json()) ?? {};
  } catch {
    json = {};
  }
  if (!response.ok || json.success === false) {
    const retry = Number(response.headers.get("Retry-After"));
    const message = typeof json.error === "string" ? json.error : response.statusText || "Request failed";
    throw new ApiError(response.status, message, json, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return { status: response.status, json, headers: response.headers };
}

export async function api<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await send(path, options)).json.data as T;
}

/** For answers whose headers matter (the seat map's sequence). */
export async function apiWithHeaders<T>(path: string, options?: RequestOptions): Promise<{ data: T; headers: Headers }> {
  const { json, headers } = await send(path, options);
  return { data: json.data as T, headers };
}

/** For answers whose status matters (202 Accepted) or whose fields sit beside data (the event list). */
export async function apiRaw<T>(path: string, options?: RequestOptions): Promise<{ status: number; body: T }> {
  const { status, json } = await send(path, options);
  return { status, body: json as T };
}

/** A message a fan understands for any refusal. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 503) {
      const wait = error.retryAfter ? ` Please try again in ${error.retryAfter} seconds.` : " Please try again in a moment.";
      return `${error.message || "The service is busy."}${wait}`;
    }
    if (error.status === 401 && error.message === "Authentication required") return "Please sign in first.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong";
}
