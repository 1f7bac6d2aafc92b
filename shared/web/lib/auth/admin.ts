import { api } from '../api';
import type { AuditEntry, AuditQuery, Page, User } from '../api-types';

export function listUsers(page = 1, pageSize = 50): Promise<Page<User>> {
  return api.request(`/admin/users?page=${page}&pageSize=${pageSize}`);
}

export function changeRole(userId: string, role: string): Promise<User> {
  return api.request(`/admin/users/${encodeURIComponent(userId)}/role`, {
    method: 'PATCH',
    body: { role },
  });
}

export function auditLog(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return api.request(`/auth/audit-log${search ? `?${search}` : ''}`);
}
