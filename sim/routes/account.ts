import { SimHttpError } from '../errors';
import { requireBody } from '../write';
import { requireScope, route, type Route } from './types';

/** A private-app token's identity; the sim's app and installing user are fixed. */
const APP_ID = 3_141_592;
const USER_ID = 5101;

function schemas(): Route['handle'] {
  return (ctx) => {
    // Custom objects need an Enterprise subscription; the scope crm.schemas.custom.read comes with it.
    if (ctx.config.customObjects === 'forbidden') requireScope(ctx, 'crm.schemas.custom.read');
    if (ctx.config.customObjects === 'enterprise') {
      return {
        status: 200,
        body: {
          results: [
            {
              id: '2-1000001',
              objectTypeId: '2-1000001',
              name: 'dealer_visit',
              fullyQualifiedName: `p${ctx.state.portalId}_dealer_visit`,
              labels: { singular: 'Dealer visit', plural: 'Dealer visits' },
              properties: [],
              associations: [],
              requiredProperties: ['name'],
              searchableProperties: ['name'],
              secondaryDisplayProperties: [],
              primaryDisplayProperty: 'name',
              archived: false,
              createdAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-01T00:00:00.000Z',
            },
          ],
        },
      };
    }
    return { status: 200, body: { results: [] } };
  };
}

export const accountRoutes: Route[] = [
  route('GET', '/account-info/v3/details', (ctx) => ({
    status: 200,
    body: {
      portalId: ctx.state.portalId,
      accountType: 'STANDARD',
      timeZone: ctx.state.timeZone,
      companyCurrency: ctx.state.companyCurrency,
      additionalCurrencies: [],
      utcOffset: '+08:00',
      utcOffsetMilliseconds: 28_800_000,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    },
  })),
  // The token is in the body (tokenKey); HubSpot answers without needing any scope.
  route('POST', '/oauth/v2/private-apps/get/access-token-info', (ctx, req) => {
    const b = requireBody(req.body);
    const other = typeof b.tokenKey === 'string' && ctx.config.userTokens && Object.hasOwn(ctx.config.userTokens, b.tokenKey) ? ctx.config.userTokens[b.tokenKey] : undefined;
    if (b.tokenKey !== ctx.config.token && other === undefined) {
      throw new SimHttpError(401, { message: 'The access token provided is invalid or expired.', category: 'INVALID_AUTHENTICATION' });
    }
    return { status: 200, body: { userId: other ?? USER_ID, hubId: ctx.state.portalId, appId: APP_ID, scopes: [...ctx.config.scopes] } };
  }),
  route('GET', '/crm/v3/owners', (ctx, req) => {
    requireScope(ctx, 'crm.objects.owners.read');
    const limit = Math.min(Number(req.query.get('limit') ?? 100) || 100, 500);
    const archived = req.query.get('archived') === 'true';
    const email = req.query.get('email');
    const all = ctx.state.owners.filter((o) => o.archived === archived && (!email || o.email === email));
    const offset = Number(req.query.get('after') ?? 0) || 0;
    const page = all.slice(offset, offset + limit);
    return {
      status: 200,
      body: { results: page, ...(offset + limit < all.length ? { paging: { next: { after: String(offset + limit) } } } : {}) },
    };
  }),
  route('GET', '/crm/v3/owners/:id', (ctx, req) => {
    requireScope(ctx, 'crm.objects.owners.read');
    const o = ctx.state.owners.find((x) => x.id === req.params.id);
    if (!o) throw new SimHttpError(404, { message: `Owner ${req.params.id} not found`, category: 'OBJECT_NOT_FOUND' });
    return { status: 200, body: o };
  }),
  // The api-client's codegen calls /crm-object-schemas/v3/schemas; HubSpot's guide documents /crm/v3/schemas.
  route('GET', '/crm-object-schemas/v3/schemas', schemas()),
  route('GET', '/crm/v3/schemas', schemas()),
];
