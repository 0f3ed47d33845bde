// Allowed: the background may load core, messaging, extension reads and its own code.
import OpenAI from 'openai';
import { blobToDataUrl } from '@/utils/core/dataUrl';
import { history } from '@/utils/extension/history/db';
import { sendMessage } from '@/utils/messaging/protocol';
import { createModelClient } from '@/utils/background/model/client';

export const allowed = [OpenAI, blobToDataUrl, history, sendMessage, createModelClient];
