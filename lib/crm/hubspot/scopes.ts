/**
 * The private-app scopes Fieldkit needs, each with the reason, so the connection screen can say
 * exactly what to tick in HubSpot. Names checked against HubSpot's docs (notes: "Scope
 * requirements: crm.objects.contacts.read / .write"; company property groups:
 * crm.schemas.companies.write).
 */
export interface ScopeNeed {
  scope: string;
  why: string;
}

export const REQUIRED_SCOPES: readonly ScopeNeed[] = [
  { scope: 'crm.objects.companies.read', why: 'read dealers (companies) and their changes' },
  { scope: 'crm.objects.companies.write', why: "write Fieldkit's dealer fields (grade, credit limit, KPI snapshot) to companies" },
  { scope: 'crm.objects.contacts.read', why: "read notes: HubSpot's notes API is covered by the contacts scopes" },
  { scope: 'crm.objects.contacts.write', why: 'create and update notes (visit cards, diaries, reports, intel) on dealers' },
  { scope: 'crm.objects.owners.read', why: 'list owners and their teams (reps and managers)' },
  { scope: 'crm.schemas.companies.read', why: 'check the Fieldkit property group and properties on companies' },
  { scope: 'crm.schemas.companies.write', why: 'create the Fieldkit property group and properties on companies' },
  // HubSpot's files guide lists `files` (and `files.ui_hidden.read`) for the Files API. Without it
  // notes still sync; only their screenshots wait, reported per record.
  { scope: 'files', why: 'upload screenshots and attach them to their notes' },
];

/**
 * Asked for but not required: custom-object detection only. Without it (every non-Enterprise
 * portal) Fieldkit reports "no custom objects" and keeps using notes.
 */
export const OPTIONAL_SCOPES: readonly ScopeNeed[] = [
  { scope: 'crm.schemas.custom.read', why: 'detect whether the portal supports custom objects (Enterprise only)' },
];

export function missingScopes(granted: readonly string[]): string[] {
  return REQUIRED_SCOPES.map((s) => s.scope).filter((s) => !granted.includes(s));
}
