/**
 * HubSpot's Files API v3, as far as Fieldkit uses it: upload (multipart/form-data), search by
 * name, read and archive one file. Modelled on HubSpot's files guide and the api-client's
 * generated FilesApi (sources in docs/hubspot.md): `file` required; `options` JSON with a required
 * `access`; exactly one of `folderId` / `folderPath`; the `files` scope on every call.
 */
import { SimHttpError, validationError } from '../errors';
import type { SimFile } from '../types';
import { requireScope, route, SimMultipart, type Route, type RouteContext } from './types';

/** The `access` values HubSpot's File model enumerates. */
export const FILE_ACCESS_VALUES = [
  'PUBLIC_INDEXABLE',
  'PUBLIC_NOT_INDEXABLE',
  'HIDDEN_INDEXABLE',
  'HIDDEN_NOT_INDEXABLE',
  'HIDDEN_PRIVATE',
  'PRIVATE',
  'HIDDEN_SENSITIVE',
  'SENSITIVE',
];

const FILES_SCOPE = 'files';

function presentFile(f: SimFile) {
  return {
    id: f.id,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    archived: f.archived,
    ...(f.archivedAt ? { archivedAt: f.archivedAt } : {}),
    parentFolderId: f.parentFolderId,
    name: f.name,
    path: f.path,
    size: f.size,
    type: f.type,
    extension: f.extension,
    access: f.access,
    isUsableInContent: !f.access.includes('PRIVATE') && !f.access.includes('SENSITIVE'),
    url: `https://simulated.hubspotusercontent.net/hubfs/${f.id}/${encodeURIComponent(f.name)}.${f.extension}`,
    encoding: f.extension,
  };
}

function splitName(fileName: string): { name: string; extension: string } {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return { name: fileName, extension: '' };
  return { name: fileName.slice(0, dot), extension: fileName.slice(dot + 1).toLowerCase() };
}

function fileType(mime: string, extension: string): SimFile['type'] {
  if (mime.startsWith('image/') || ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg'].includes(extension)) return 'IMG';
  if (['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'csv'].includes(extension)) return 'DOCUMENT';
  return 'OTHER';
}

function upload(ctx: RouteContext, body: unknown, contentType: string) {
  if (!contentType.startsWith('multipart/form-data') || !(body instanceof SimMultipart)) {
    throw new SimHttpError(415, { message: `Content type '${contentType || 'none'}' not supported; send multipart/form-data.`, category: 'VALIDATION_ERROR' });
  }
  const file = body.files.file;
  if (!file) throw validationError('file is required: send the file as the multipart field "file".', { context: { file: ['required'] } });
  const rawOptions = body.fields.options;
  if (rawOptions === undefined) throw validationError('options is required (a JSON object with "access").', { context: { options: ['required'] } });
  let options: unknown;
  try {
    options = JSON.parse(rawOptions);
  } catch {
    throw validationError(`options is not valid JSON: ${rawOptions.slice(0, 100)}`);
  }
  const access = (options as { access?: unknown } | null)?.access;
  if (typeof access !== 'string' || !FILE_ACCESS_VALUES.includes(access)) {
    throw validationError(`options.access must be one of ${FILE_ACCESS_VALUES.join(', ')}; got ${JSON.stringify(access ?? null)}.`);
  }
  const { folderId, folderPath } = body.fields;
  if ((folderId === undefined) === (folderPath === undefined)) {
    throw validationError('Exactly one of folderId or folderPath must be provided.');
  }
  let folder;
  if (folderId !== undefined) {
    folder = [...ctx.state.folders.values()].find((f) => f.id === folderId);
    if (!folder) throw new SimHttpError(404, { message: `Folder ${folderId} does not exist.`, category: 'OBJECT_NOT_FOUND' });
  } else {
    if (!folderPath?.startsWith('/')) throw validationError(`folderPath must be an absolute path such as /library/cat_archive; got "${folderPath}".`);
    folder = ctx.state.folderAt(folderPath.replace(/\/+$/, '') || '/');
  }
  if (file.bytes.length === 0) throw validationError('The uploaded file is empty.');
  if (file.bytes.length > ctx.config.fileSizeLimit) {
    throw new SimHttpError(413, {
      message: `File size ${file.bytes.length} exceeds the maximum of ${ctx.config.fileSizeLimit} bytes.`,
      category: 'VALIDATION_ERROR',
      context: { size: [String(file.bytes.length)], limit: [String(ctx.config.fileSizeLimit)] },
    });
  }
  const { name, extension } = splitName(body.fields.fileName ?? file.filename);
  if (!name) throw validationError('The file has no name.');
  const at = ctx.state.now();
  const id = ctx.state.newFileId();
  const stored: SimFile = {
    id,
    name,
    extension,
    path: `${folder.path === '/' ? '' : folder.path}/${name}${extension ? `.${extension}` : ''}`,
    parentFolderId: folder.id,
    size: file.bytes.length,
    type: fileType(file.type, extension),
    access,
    createdAt: at,
    updatedAt: at,
    archived: false,
    bytes: file.bytes,
    mime: file.type,
  };
  ctx.state.files.set(id, stored);
  return { status: 201, body: presentFile(stored) };
}

export const fileRoutes: Route[] = [
  route('POST', '/files/v3/files', (ctx, req) => {
    requireScope(ctx, FILES_SCOPE);
    return upload(ctx, req.body, req.contentType ?? '');
  }),
  // Search: `name` matches files whose name contains it (case-insensitive); callers that need one
  // exact file filter the results themselves, as Fieldkit does.
  route('GET', '/files/v3/files/search', (ctx, req) => {
    requireScope(ctx, FILES_SCOPE);
    const limitRaw = Number(req.query.get('limit') ?? 10);
    if (!Number.isInteger(limitRaw) || limitRaw < 1) throw validationError(`limit must be a positive integer; got ${req.query.get('limit')}.`);
    const limit = Math.min(limitRaw, 100);
    const name = req.query.get('name')?.toLowerCase();
    const all = [...ctx.state.files.values()]
      .filter((f) => !f.archived && (name === undefined || f.name.toLowerCase().includes(name)))
      .sort((a, b) => Number(a.id) - Number(b.id));
    const offset = Number(req.query.get('after') ?? 0) || 0;
    const page = all.slice(offset, offset + limit);
    return {
      status: 200,
      body: { results: page.map(presentFile), ...(offset + limit < all.length ? { paging: { next: { after: String(offset + limit), link: '' } } } : {}) },
    };
  }),
  route('GET', '/files/v3/files/:fileId', (ctx, req) => {
    requireScope(ctx, FILES_SCOPE);
    const f = ctx.state.file(req.params.fileId ?? '');
    if (!f) throw new SimHttpError(404, { message: `File ${req.params.fileId} does not exist.`, category: 'OBJECT_NOT_FOUND' });
    return { status: 200, body: presentFile(f) };
  }),
  route('DELETE', '/files/v3/files/:fileId', (ctx, req) => {
    requireScope(ctx, FILES_SCOPE);
    const f = ctx.state.file(req.params.fileId ?? '');
    if (!f) throw new SimHttpError(404, { message: `File ${req.params.fileId} does not exist.`, category: 'OBJECT_NOT_FOUND' });
    f.archived = true;
    f.archivedAt = ctx.state.now();
    return { status: 204 };
  }),
];
