import type { z } from 'zod';

/** "customerId: Invalid UUID; tags.0: Expected string" */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(data)'}: ${issue.message}`)
    .join('; ');
}
