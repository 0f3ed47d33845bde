/** Images crossing a message boundary, and the words OCR reads in them. */
import { z } from 'zod';
import { Box } from '@/utils/core/schemas/region';

/** A PNG, JPEG or WebP image as a base64 data URL (how images cross a message boundary). */
export const ImageDataUrl = z.string().regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/, {
  message: 'expected a base64 PNG, JPEG or WebP data URL',
});

/** A word tesseract read in an image; `box` is in image pixels. */
export const OcrWord = z.object({
  text: z.string(),
  /** Tesseract's word confidence (0–100) scaled to 0–1. */
  confidence: z.number().min(0).max(1),
  box: Box,
});

export type OcrWord = z.infer<typeof OcrWord>;

/** What the OCR engine read in one image, and how long it took. */
export const OcrReading = z.object({
  /** In tesseract's reading order: blocks, then lines, then words. */
  words: z.array(OcrWord),
  /** Image size in pixels. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Starting the engine (worker, core, English model) for this image; null when it was already warm. */
  workerStartMs: z.number().nonnegative().nullable(),
  recognizeMs: z.number().nonnegative(),
});

export type OcrReading = z.infer<typeof OcrReading>;

/** An OcrReading as the background returns it, with the cost of opening the offscreen document. */
export const ImageText = OcrReading.extend({
  /** Creating the offscreen document for this image; null when it was already open. */
  documentStartMs: z.number().nonnegative().nullable(),
});

export type ImageText = z.infer<typeof ImageText>;
