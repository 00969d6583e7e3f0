import { graphqlOk, unique } from '@crm/testing';
import type { Harness } from './harness';

export interface UserErrorOut {
  field: string[] | null;
  code: string;
  message: string;
}

/** Runs a mutation taking `input` and answers its payload (`key`). */
export async function mutate<T = Record<string, unknown>>(
  h: Harness,
  key: string,
  query: string,
  token: string,
  input: object,
): Promise<T & { userErrors: UserErrorOut[] }> {
  const data = await graphqlOk<Record<string, T & { userErrors: UserErrorOut[] }>>(h.app, {
    query,
    variables: { input },
    token,
  });
  return data[key];
}

const RECORD = `mutation($input: RecordFeedbackInput!) {
  recordFeedback(input: $input) { feedbackItem { id } userErrors { field code message } }
}`;

/** A feature request for a customer; answers its id. */
export async function aFeatureRequest(h: Harness, customerId: string, token: string) {
  const result = await mutate<{ feedbackItem: { id: string } | null }>(
    h,
    'recordFeedback',
    RECORD,
    token,
    { customerId, kind: 'FEATURE_REQUEST', title: unique('Export to Excel') },
  );
  expect(result.userErrors).toEqual([]);
  return result.feedbackItem!.id;
}

export const IDEA_FIELDS =
  'id title status statusReason version duplicateOf { id } feedback { id }';

export interface IdeaOut {
  id: string;
  title: string;
  status: string;
  statusReason: string | null;
  version: number;
  duplicateOf: { id: string } | null;
  feedback: { id: string }[];
}

export const ideaMutation = (name: string, inputType: string) => `mutation($input: ${inputType}!) {
  ${name}(input: $input) { idea { ${IDEA_FIELDS} } userErrors { field code message } }
}`;

/** Runs one of the idea mutations (`createIdea`, `mergeIdeas`, ...). */
export function ideaMutate(
  h: Harness,
  name: string,
  inputType: string,
  token: string,
  input: object,
) {
  return mutate<{ idea: IdeaOut | null }>(h, name, ideaMutation(name, inputType), token, input);
}

/** A new idea; answers it. */
export async function anIdea(h: Harness, token: string, title = unique('Excel export')) {
  const result = await ideaMutate(h, 'createIdea', 'CreateIdeaInput', token, { title });
  expect(result.userErrors).toEqual([]);
  return result.idea!;
}

export function link(h: Harness, token: string, ideaId: string, feedbackIds: string[]) {
  return ideaMutate(h, 'linkFeedbackToIdea', 'IdeaFeedbackInput', token, { ideaId, feedbackIds });
}

/** Casts (or changes) a customer's vote. */
export function vote(
  h: Harness,
  token: string,
  ideaId: string,
  customerId: string,
  importance: string,
) {
  return ideaMutate(h, 'voteForIdea', 'VoteForIdeaInput', token, {
    ideaId,
    customerId,
    importance,
  });
}

/** Merges one idea into another and answers the surviving idea. */
export async function merge(h: Harness, token: string, duplicateId: string, intoId: string) {
  const merged = await ideaMutate(h, 'mergeIdeas', 'MergeIdeasInput', token, {
    duplicateId,
    intoId,
  });
  expect(merged.userErrors).toEqual([]);
  return merged.idea!;
}
