// Refused: the content script runs in the page's process, so it never loads history or jobs.
import { getRecord } from '@/utils/extension/history/read';
import { JobRunner } from '@/utils/background/jobs/runner';

export const refused = [getRecord, JobRunner];
