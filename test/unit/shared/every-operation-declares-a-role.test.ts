// Every console API operation, stream and team route says which role it needs, so the team listener
// can check it server-side; what a viewer may do is read-only.
import { describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, RECORDING_ROLE, STREAMS } from '../../../shared/api-operations.ts';
import { allows, ROLES, TEAM_ROUTE_ROLES, TEAM_ROUTES } from '../../../shared/team.ts';

describe('roles', () => {
  it('are declared by every operation of the table, every stream and every team route', () => {
    for (const name of OPERATION_NAMES) expect(ROLES, name).toContain((OPERATIONS[name] as { role?: string }).role);
    expect(ROLES).toContain(STREAMS.subscribe.role);
    expect(ROLES).toContain(STREAMS.listen.role);
    expect(ROLES).toContain(RECORDING_ROLE);
    const open = ['hello', 'signIn', 'setup', 'ssoStart', 'ssoCallback'];
    for (const route of Object.keys(TEAM_ROUTES)) if (!open.includes(route)) expect(ROLES, route).toContain((TEAM_ROUTE_ROLES as Record<string, string>)[route]);
  });

  it('leave a viewer only what reads: no command, no setting, no listening', () => {
    const viewerMay = OPERATION_NAMES.filter((name) => allows('viewer', OPERATIONS[name].role));
    // Two POSTs change nothing of the calls: a ticket to read with, and the audit entry of a transcript read and saved.
    const readsByPost = ['issueTicket', 'noteTranscriptExport'];
    for (const name of viewerMay) expect(OPERATIONS[name].http.method === 'GET' || readsByPost.includes(name), name).toBe(true);
    expect(allows('viewer', STREAMS.listen.role)).toBe(false);
    expect(allows('supervisor', OPERATIONS.sendCommand.role)).toBe(true);
    expect(allows('supervisor', OPERATIONS.updateSettings.role)).toBe(false);
  });
});
