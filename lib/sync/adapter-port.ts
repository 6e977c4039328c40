/**
 * Bridges the CRM adapter (`CrmAdapter`, CRM-agnostic but shaped for the CRM) to the engine's
 * port (shaped for the outbox): maps tables to record types, resolves each record's dealer to its
 * CRM company, renders the readable summary, and routes dealer edits to `updateDealers`.
 */
import type { FieldkitDatabase } from '../store/database';
import { CrmError, type CrmAdapter, type CrmRecordType, type PushInput as AdapterPushInput, type PushResult as AdapterPushResult } from '../crm/errors';
import type { SyncedTable } from '../store/outbox';
import type { PortPage, PushInput, PushResult, RemoteDealer, RemoteOwner, RemoteRecord, SyncPort } from '../crm/port';
import { activityTimestamp, readableHtml } from './readable';
import { deviceId, WRITTEN_BY } from './device';

const RECORD_TYPE: Record<Exclude<SyncedTable, 'dealers'>, CrmRecordType> = {
  visitCards: 'visitCard',
  diaryEntries: 'diaryEntry',
  reports: 'report',
  intelItems: 'intelItem',
};
const TABLE_OF: Record<CrmRecordType, SyncedTable> = {
  visitCard: 'visitCards',
  diaryEntry: 'diaryEntries',
  report: 'reports',
  intelItem: 'intelItems',
};

/** CRM owner ids are numeric; a local profile id (before connecting) is not one. */
function ownerIdOf(authorId: string): string | undefined {
  return /^\d+$/.test(authorId) ? authorId : undefined;
}

export function fromCrmAdapter(adapter: CrmAdapter, db: FieldkitDatabase): SyncPort {
  return {
    async pushRecords(inputs: PushInput[]): Promise<PushResult[]> {
      const dealerInputs = inputs.filter((i) => i.table === 'dealers');
      const activityInputs = inputs.filter((i) => i.table !== 'dealers');
      const results: PushResult[] = [];

      if (activityInputs.length > 0) {
        const dealerIds = [...new Set(activityInputs.map((i) => i.record.dealerId).filter((id): id is string => typeof id === 'string'))];
        const dealers = await db.dealers.bulkGet(dealerIds);
        const companyOf = new Map(dealers.filter((d) => d?.crm).map((d) => [d!.id, d!.crm!.objectId]));
        const writtenBy = await deviceId(db);
        const mapped: AdapterPushInput[] = activityInputs.map((input) => {
          const table = input.table as Exclude<SyncedTable, 'dealers'>;
          const dealerCrmId = typeof input.record.dealerId === 'string' ? companyOf.get(input.record.dealerId) : undefined;
          const ownerId = ownerIdOf(input.record.author.id);
          return {
            localId: input.localId,
            recordType: RECORD_TYPE[table],
            ...(input.crmId ? { crmId: input.crmId } : {}),
            ...(dealerCrmId ? { dealerCrmId } : {}),
            ...(ownerId ? { ownerId } : {}),
            // The CRM copy must not carry our link to it (local state); it does carry which
            // device wrote it, for the conflict rule (./device.ts).
            payload: { ...input.record, crm: undefined, [WRITTEN_BY]: writtenBy },
            readableHtml: readableHtml(input.table, input.record),
            timestamp: activityTimestamp(input.table, input.record),
            updatedAt: input.record.updatedAt,
          };
        });
        results.push(...(await adapter.pushRecords(mapped)).map(fromAdapterResult));
      }

      if (dealerInputs.length > 0) {
        const linked = dealerInputs.filter((i) => i.crmId);
        for (const input of dealerInputs.filter((i) => !i.crmId)) {
          // Dealers come from the CRM; one created only locally has no company to write to yet.
          results.push({ localId: input.localId, ok: false, error: new CrmError('validation', 'This dealer is not linked to a CRM company yet.') });
        }
        if (linked.length > 0) {
          const r = (field: string, input: PushInput) => input.record[field] as never;
          const answers = await adapter.updateDealers(
            linked.map((input) => ({
              crmId: input.crmId!,
              localId: input.localId,
              customerClass: r('customerClass', input),
              grade: r('grade', input),
              creditLimit: r('creditLimit', input),
              arrears: r('arrears', input),
              responsibleRepId: r('responsibleRepId', input),
            })),
          );
          const localIdOf = new Map(linked.map((i) => [i.crmId!, i.localId]));
          for (const answer of answers) {
            const localId = localIdOf.get(answer.localId) ?? answer.localId;
            results.push(answer.ok ? { localId, ok: true, crmId: answer.crmId, objectType: 'companies' } : { localId, ok: false, error: answer.error });
          }
        }
      }
      return results;
    },

    findRecordsByLocalIds: (localIds) => adapter.findRecordsByLocalIds(localIds),

    async pullRecords(since, after): Promise<PortPage<RemoteRecord>> {
      const page = await adapter.pullRecords(since, after);
      return {
        items: page.items.map((item) => {
          const { [WRITTEN_BY]: writtenBy, ...record } = item.payload as RemoteRecord['record'];
          return {
            table: TABLE_OF[item.recordType],
            crmId: item.crmId,
            objectType: 'notes',
            modifiedAt: item.updatedAt,
            record: record as RemoteRecord['record'],
            ...(typeof writtenBy === 'string' ? { writtenBy } : {}),
          };
        }),
        ...(page.after ? { after: page.after } : {}),
        ...(page.total !== undefined ? { total: page.total } : {}),
      };
    },

    async pullDealers(since, after): Promise<PortPage<RemoteDealer>> {
      const page = await adapter.pullDealers(since, after);
      return {
        items: page.items.map((company) => ({
          crmId: company.crmId,
          ...(company.localId ? { localId: company.localId } : {}),
          modifiedAt: company.updatedAt,
          name: company.name,
          city: company.city,
          region: company.region,
          customerClass: company.customerClass,
          grade: company.grade,
          creditLimit: company.creditLimit,
          arrears: company.arrears,
          responsibleRepId: company.responsibleRepId ?? company.ownerId,
        })),
        ...(page.after ? { after: page.after } : {}),
        ...(page.total !== undefined ? { total: page.total } : {}),
      };
    },

    async listOwners(): Promise<RemoteOwner[]> {
      const owners = await adapter.listOwners();
      return owners
        .filter((o) => !o.archived)
        .map((o) => ({ id: o.id, name: o.name, ...(o.email ? { email: o.email } : {}), teams: o.teams.map((t) => ({ id: t.id, name: t.name })) }));
    },

    rateLimit: () => adapter.rateLimit(),
  };
}

function fromAdapterResult(result: AdapterPushResult): PushResult {
  return result.ok ? { localId: result.localId, ok: true, crmId: result.crmId, objectType: 'notes' } : result;
}
