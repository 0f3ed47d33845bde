// Refused: the panel never loads the model code or the openai SDK (test/lint/boundaries.test.ts).
import OpenAI from 'openai';
import { createModelClient } from '@/utils/background/model/client';

export const refused = [OpenAI, createModelClient];
