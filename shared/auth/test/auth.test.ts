import {
  maskEmail,
  maskPhone,
  PERMISSIONS,
  ROLES,
  scopeOf,
  type Permission,
  type Viewer,
} from '../src';

const viewer = (...roles: Viewer['roles']): Viewer => ({
  id: '0190b0a0-0000-7000-8000-000000000001',
  name: 'T',
  email: 't@example.com',
  roles,
  teamId: null,
  managedTeamIds: [],
});

describe('masking', () => {
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('010-62345678')).toBe('010****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone(null)).toBeNull();
  });

  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail(undefined)).toBeNull();
  });
});

describe('permission table', () => {
  it('names only known roles and scopes, and gives ADMIN every permission', () => {
    for (const [permission, row] of Object.entries(PERMISSIONS)) {
      for (const [role, scope] of Object.entries(row)) {
        expect(ROLES).toContain(role);
        expect(['all', 'team', 'own']).toContain(scope);
      }
      expect({ permission, admin: scopeOf(viewer('ADMIN'), permission as Permission) }).toEqual({
        permission,
        admin: 'all',
      });
    }
  });

  it('gives a person with several roles the widest scope among them', () => {
    expect(scopeOf(viewer('SALES_REP'), 'customers.read')).toBe('own');
    expect(scopeOf(viewer('SALES_REP', 'SALES_MANAGER'), 'customers.read')).toBe('team');
    expect(scopeOf(viewer('SALES_REP', 'EXECUTIVE'), 'customers.write')).toBe('all');
  });

  it('denies what no role of the viewer grants, and everything to nobody', () => {
    expect(scopeOf(viewer('ANALYST'), 'customers.contact')).toBe('none');
    expect(scopeOf(viewer('PRODUCT_MANAGER'), 'customers.write')).toBe('none');
    expect(scopeOf(null, 'customers.read')).toBe('none');
  });
});
