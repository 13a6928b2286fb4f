export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny HTTP client for tests: JSON in and out, and the session cookie kept between calls. */
export class ApiClient {
  private cookie: string | undefined;
  private bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** Headers that authenticate a raw request as this client (for streams and raw sockets). */
  authHeaders(): Record<string, string> {
    if (this.bearer) return { authorization: `Bearer ${this.bearer}` };
    return this.cookie ? { cookie: this.cookie } : {};
  }

  /** The same credentials against another server (another instance on the same database). */
  at(baseUrl: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.cookie = this.cookie;
    client.bearer = this.bearer;
    return client;
  }

  withApiKey(key: string): ApiClient {
    const client = new ApiClient(this.baseUrl);
    client.bearer = key;
    return client;
  }

  async login(email: string, password: string): Promise<ApiResponse> {
    const response = await this.request('POST', '/api/auth/login', { email, password });
    if (response.status !== 200)
      throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    // A CSV export (the opt-out list) is kept as its text; every other answer is JSON.
    const csv = response.headers.get('content-type')?.startsWith('text/csv') ?? false;
    const answer = text ? (csv ? text : JSON.parse(text)) : undefined;
    return { status: response.status, body: answer, headers: response.headers };
  }
}
