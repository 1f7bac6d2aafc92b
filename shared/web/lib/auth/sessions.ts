import { api } from '../api';
import type { SessionInfo } from '../api-types';

export async function listSessions(): Promise<SessionInfo[]> {
  const body = await api.request<{ sessions: SessionInfo[] }>('/auth/sessions');
  return body.sessions;
}

export function revokeSession(id: string): Promise<void> {
  return api.request(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
