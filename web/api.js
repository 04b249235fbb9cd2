/** The JSON API, as the page uses it: the actor header, ETags, and problem details as errors. */

const ACTOR_KEY = 'jixiao.actor';
const TOKEN_KEY = 'jixiao.token';

/** The bearer token, when the server runs with access control; kept for this browser session only. */
export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(token) {
  const trimmed = token.trim();
  if (trimmed) sessionStorage.setItem(TOKEN_KEY, trimmed);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function getActor() {
  return localStorage.getItem(ACTOR_KEY) ?? '';
}

export function setActor(name) {
  const trimmed = name.trim();
  if (trimmed) localStorage.setItem(ACTOR_KEY, trimmed);
  else localStorage.removeItem(ACTOR_KEY);
}

let writeGuard;

/** Runs before every write (the page asks an anonymous writer for a name there, actor.js). */
export function setWriteGuard(guard) {
  writeGuard = guard;
}

/** A refusal from the API: RFC 9457 problem details {title, status, detail, rule, errors[{field, message}]}. */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.problem = problem;
    this.status = problem.status;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/**
 * Sends a request; resolves {data, etag}, rejects with ApiError. `readOnly`: a POST that records
 * nothing (the write guard is skipped). Headers carry only ASCII, so the
 * actor's Chinese name is percent-encoded (the server decodes it).
 */
export async function api(method, path, body, options = {}) {
  if (method !== 'GET' && !options.readOnly && writeGuard) await writeGuard();
  const headers = { accept: 'application/json' };
  const actor = getActor();
  if (actor) headers['x-actor'] = encodeURIComponent(actor);
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError({ status: 0, title: '无法连接服务器', detail: `无法连接服务器：${e.message}` });
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? data : { detail: typeof data === 'string' ? data.slice(0, 300) : '' };
    throw new ApiError({ title: res.statusText, ...problem, status: res.status });
  }
  return { data, etag: res.headers.get('etag') };
}

export const get = (path) => api('GET', path).then((r) => r.data);

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * Opens a report (xlsx download or html page) on a server with access control: plain links cannot
 * carry the bearer token, so the file is fetched with it and handed to the browser as a blob.
 */
export async function openReport(path, fileName, inNewTab) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${getToken()}` } });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ detail: res.statusText }));
    throw new ApiError({ ...problem, status: res.status });
  }
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, ...(inNewTab ? { target: '_blank', rel: 'noopener' } : { download: fileName }) });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A click handler for a download link: as it is in single-user mode; with a bearer token the file is fetched with it. */
export function withTokenClick(path, fileName, inNewTab = false) {
  return (event) => {
    if (!getToken()) return;
    event.preventDefault();
    openReport(path, typeof fileName === 'function' ? fileName() : fileName, inNewTab).catch((e) => alert(e.message));
  };
}

/**
 * Uploads a file as multipart (the import): resolves {data}, rejects with ApiError. XHR rather than
 * fetch, for its upload progress: onProgress(loaded, total) while sending, onSent() once the server has
 * it all and is reading it.
 */
export function upload(path, file, { onProgress, onSent } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-requested-with', 'jixiao');
    const actor = getActor();
    if (actor) xhr.setRequestHeader('x-actor', encodeURIComponent(actor));
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onSent?.();
    xhr.onerror = () => reject(new ApiError({ status: 0, title: '无法连接服务器', detail: '无法连接服务器，文件没有上传' }));
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = { detail: xhr.responseText.slice(0, 300) };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ data });
      else reject(new ApiError({ title: xhr.statusText, ...data, status: xhr.status }));
    };
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
