/**
 * The api-client's generated API classes, wired to our transport and base URL. Only these five
 * modules are imported (about 0.1 MB each in a bundle), never the api-client's `Client`, which
 * adds ~4.7 MB and Bottleneck's Redis `eval` strings to the service worker.
 */
import * as companies from '@hubspot/api-client/lib/codegen/crm/companies';
import * as notes from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import * as owners from '@hubspot/api-client/lib/codegen/crm/owners';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties';
import * as schemas from '@hubspot/api-client/lib/codegen/crm/schemas';
import type { GeneratedBody, GeneratedRequest, Transport } from './transport';

/** Each generated module has its own (structurally identical) ResponseContext class. */
function httpLibrary<R>(transport: Transport, make: (status: number, headers: Record<string, string>, body: GeneratedBody) => R) {
  return {
    send: async (request: GeneratedRequest): Promise<R> => {
      const r = await transport.sendGenerated(request);
      return make(r.status, r.headers, r.body);
    },
  };
}

export function createApis(baseUrl: string, token: string, transport: Transport) {
  const authMethods = { oauth2: { accessToken: token } };
  const companiesConfig = companies.createConfiguration({
    baseServer: new companies.ServerConfiguration<Record<string, string>>(baseUrl, {}),
    httpApi: companies.wrapHttpLibrary(httpLibrary(transport, (s, h, b) => new companies.ResponseContext(s, h, b))),
    authMethods,
  });
  const notesConfig = notes.createConfiguration({
    baseServer: new notes.ServerConfiguration<Record<string, string>>(baseUrl, {}),
    httpApi: notes.wrapHttpLibrary(httpLibrary(transport, (s, h, b) => new notes.ResponseContext(s, h, b))),
    authMethods,
  });
  const ownersConfig = owners.createConfiguration({
    baseServer: new owners.ServerConfiguration<Record<string, string>>(baseUrl, {}),
    httpApi: owners.wrapHttpLibrary(httpLibrary(transport, (s, h, b) => new owners.ResponseContext(s, h, b))),
    authMethods,
  });
  const propertiesConfig = properties.createConfiguration({
    baseServer: new properties.ServerConfiguration<Record<string, string>>(baseUrl, {}),
    httpApi: properties.wrapHttpLibrary(httpLibrary(transport, (s, h, b) => new properties.ResponseContext(s, h, b))),
    authMethods,
  });
  const schemasConfig = schemas.createConfiguration({
    baseServer: new schemas.ServerConfiguration<Record<string, string>>(baseUrl, {}),
    httpApi: schemas.wrapHttpLibrary(httpLibrary(transport, (s, h, b) => new schemas.ResponseContext(s, h, b))),
    authMethods,
  });
  return {
    companiesSearch: new companies.SearchApi(companiesConfig),
    companiesBatch: new companies.BatchApi(companiesConfig),
    notesSearch: new notes.SearchApi(notesConfig),
    notesBatch: new notes.BatchApi(notesConfig),
    owners: new owners.OwnersApi(ownersConfig),
    propertyGroups: new properties.GroupsApi(propertiesConfig),
    properties: new properties.CoreApi(propertiesConfig),
    propertiesBatch: new properties.BatchApi(propertiesConfig),
    schemas: new schemas.CoreApi(schemasConfig),
  };
}

export type HubSpotApis = ReturnType<typeof createApis>;
