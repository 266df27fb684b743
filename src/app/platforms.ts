import { pendingFormsRecord } from '../adapters/shared/pending-forms.js';
import type { RecordType } from '../store/record.js';

/** Records the platform adapters keep about members (forms waiting to open), for /forget. */
export const PLATFORM_RECORDS: RecordType<unknown>[] = [pendingFormsRecord as RecordType<unknown>];
