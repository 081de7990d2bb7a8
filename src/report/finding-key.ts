/**
 * A finding's identity across runs: its rule and the resource it is about. Neither its status nor
 * its message id nor the field it names is part of it, so the passing finding that replaces a
 * failure has the failure's key: fixing one thing is one "fixed", not one "new" and one "fixed".
 */
export function findingKey(f: { ruleId: string; resource?: { type: string; id: string } | undefined }): string {
  return [f.ruleId, f.resource?.type ?? '', f.resource?.id ?? ''].join('|');
}
