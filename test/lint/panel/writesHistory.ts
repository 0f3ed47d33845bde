// Refused: only the background writes IndexedDB; the panel asks it with a message.
import Dexie from 'dexie';
import { history } from '@/utils/extension/history/db';

export const refused = [Dexie, history];
