import { v7, validate, version } from 'uuid';

/** Entity ids are UUIDv7 strings: unique without coordination and ordered by creation time. */
export function newId(): string {
  return v7();
}

export function isId(value: string): boolean {
  return validate(value) && version(value) === 7;
}
