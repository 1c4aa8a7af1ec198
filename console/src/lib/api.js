// The API from the console: same origin, the key from sessionStorage as a Bearer token (never
// in a URL), JSON in and out. Every failure becomes an ApiError {status, code, message, field}.

const KEY = 'groupgate.console.apiKey';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
    /** A 422 invalid_rows' list ({line, field, code, message} each); null for other errors. */
    this.problems = null;
  }
}

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

function query(params) {
  if (!params) {
    return '';
  }
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * @param onUnauthorized called with the error when the API answers 401 (the key is gone or
 *        was revoked): the shell signs out
 */
export function createApi({ base = '', onUnauthorized } = {}) {
  async function request(method, path, { body, params, contentType, headers: extra } = {}) {
    const headers = { ...extra, Accept: 'application/json' };
    const key = session.key();
    if (key) {
      headers.Authorization = `Bearer ${key}`;
    }
    let payload;
    if (body instanceof Blob) {
      headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(base + path + query(params), { method, headers, body: payload, credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 'network', e.message || 'network error', null);
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const e = (json && json.error) || {};
      const error = new ApiError(response.status, e.code || `http_${response.status}`,
        e.message || json?.message || response.statusText || String(response.status), e.field);
      error.problems = Array.isArray(e.problems) ? e.problems : null;
      if (response.status === 401 && onUnauthorized) {
        onUnauthorized(error);
      }
      throw error;
    }
    return json;
  }

  /** Every item of a paged list ({items, nextCursor}), following cursors up to {@code max} items. */
  async function all(path, params = {}, max = 1000) {
    const items = [];
    let cursor;
    do {
      const page = await request('GET', path, { params: { ...params, cursor } });
      items.push(...(page.items || []));
      cursor = page.nextCursor;
    } while (cursor && items.length < max);
    return items;
  }

  return {
    request,
    all,
    get: (path, params) => request('GET', path, { params }),
    post: (path, body) => request('POST', path, { body }),
    put: (path, body, contentType) => request('PUT', path, { body, contentType }),
    patch: (path, body) => request('PATCH', path, { body }),
    del: (path) => request('DELETE', path),
  };
}
